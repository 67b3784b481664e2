from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from pwa import views as pwa_views

from core.csp import relaxed_styles
from shell.views import service_worker

urlpatterns = [
    path("serviceworker.js", service_worker, name="serviceworker"),
    # Only django-pwa's manifest view: its service worker and its English "/offline/" page are
    # not ours (docs/architecture.md).
    path("manifest.json", pwa_views.manifest, name="manifest"),
    path("api/v1/firstaid/", include("firstaid.api_urls")),
    path("api/v1/diary/", include("diary.api_urls")),
    path("api/v1/auth/", include("accounts.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/v1/docs/",
        relaxed_styles(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
    *i18n_patterns(
        path("", include("firstaid.urls")),
        path("", include("diary.urls")),
        path("", include("accounts.urls")),
        path("", include("shell.urls")),
    ),
]

handler404 = "core.views.not_found"
