from django.urls import path
from django.utils.translation import gettext_lazy as _

from diary import views

app_name = "diary"

urlpatterns = [
    path(_("tagebuch/"), views.entries, name="entries"),
    path(_("tagebuch/eintrag/"), views.entry, name="entry"),
    path(_("tagebuch/muster/"), views.patterns, name="patterns"),
    path(_("tagebuch/bericht/"), views.report, name="report"),
    path(_("tagebuch/uebertragen/"), views.transfer, name="transfer"),
]
