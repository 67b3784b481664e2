from django.urls import path

from firstaid import api

app_name = "firstaid-api"

urlpatterns = [
    path("steps/", api.steps, name="steps"),
    path("redflags/", api.redflags, name="redflags"),
    path("triage/", api.triage_view, name="triage"),
]
