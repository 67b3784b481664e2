from django.urls import path

from diary import api

app_name = "diary-api"

urlpatterns = [
    path("sync/", api.sync_view, name="sync"),
    path("entries/", api.EntryList.as_view(), name="entries"),
    path("entries/<uuid:uuid>/", api.EntryDetail.as_view(), name="entry"),
    path("export.json", api.export_json, name="export-json"),
    path("export.csv", api.export_csv, name="export-csv"),
]
