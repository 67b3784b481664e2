from django.urls import path

from firstaid import api

urlpatterns = [
    path("steps/", api.steps, name="api-firstaid-steps"),
    path("redflags/", api.redflags, name="api-firstaid-redflags"),
    path("triage/", api.triage_view, name="api-firstaid-triage"),
]
