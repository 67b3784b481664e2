from django.urls import path

from diary import api

urlpatterns = [
    path("sync/", api.sync_view, name="api-diary-sync"),
    path("entries/", api.EntryList.as_view(), name="api-diary-entries"),
    path("entries/<uuid:uuid>/", api.EntryDetail.as_view(), name="api-diary-entry"),
    path("export.json", api.export_json, name="api-diary-export-json"),
    path("export.csv", api.export_csv, name="api-diary-export-csv"),
]
