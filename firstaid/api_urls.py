from django.urls import path

from firstaid import api

urlpatterns = [path("steps/", api.steps, name="api-firstaid-steps")]
