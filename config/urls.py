from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from firstaid.views import service_worker

urlpatterns = [
    # Ours, before django-pwa's fixed-file one (DESIGN.md); django-pwa serves the manifest.
    path("serviceworker.js", service_worker, name="serviceworker"),
    path("", include("pwa.urls")),
    path("api/v1/firstaid/", include("firstaid.api_urls")),
    *i18n_patterns(path("", include("firstaid.urls"))),
]
