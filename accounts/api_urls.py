from django.urls import path

from accounts import api

app_name = "accounts-api"

urlpatterns = [
    path("me/", api.me, name="me"),
    path("token/", api.token, name="token"),
    path("logout/", api.logout_view, name="logout"),
]
