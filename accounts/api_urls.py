from django.urls import path

from accounts import api

urlpatterns = [
    path("me/", api.me, name="api-auth-me"),
    path("token/", api.token, name="api-auth-token"),
    path("logout/", api.logout_view, name="api-auth-logout"),
]
