from django.urls import path
from django.utils.translation import gettext_lazy as _

from shell import views

app_name = "shell"

urlpatterns = [
    path(_("ohne-netz/"), views.offline, name="offline"),
]
