from django.urls import path
from django.utils.translation import gettext_lazy as _

from diary import views

urlpatterns = [
    path(_("tagebuch/"), views.entries, name="diary"),
    path(_("tagebuch/eintrag/"), views.entry, name="diary-entry"),
    path(_("tagebuch/muster/"), views.patterns, name="diary-patterns"),
    path(_("tagebuch/bericht/"), views.report, name="diary-report"),
    path(_("tagebuch/uebertragen/"), views.transfer, name="diary-transfer"),
]
