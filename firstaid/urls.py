from django.urls import path
from django.utils.translation import gettext_lazy as _

from firstaid import views

app_name = "firstaid"

# Paths are translated: /de/schritt/move/ and /en/step/move/ are the same page.
urlpatterns = [
    path("", views.home, name="home"),
    path(_("notfall/"), views.emergency, name="emergency"),
    path(_("los/"), views.begin, name="begin"),
    path(_("schritt/<slug:step_id>/"), views.step, name="step"),
    path(_("heute-zum-arzt/"), views.today, name="today"),
    path(_("besser/"), views.end, name="end"),
    path(_("warnzeichen/"), views.redflags, name="redflags"),
    path(_("anleitung/"), views.guide, name="guide"),
    path(_("ueber/"), views.about, name="about"),
    path(_("einstellungen/"), views.preferences, name="preferences"),
]
