from django.conf.urls import i18n
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from core import views as core_views


def public(urlconf):
    """Third-party views that answer the signed-out: the public site (Wagtail checks each page's
    privacy), documents (Wagtail checks each collection's), the language switch. Every other
    view needs a sign-in (LoginRequiredMiddleware) unless marked @login_not_required."""
    for pattern in urlconf.urlpatterns:
        login_not_required(pattern.callback)
    return urlconf


# The database unreachable answers 503 wherever the error arose (core/unavailable.py).
handler500 = "core.unavailable.server_error"

# Wagtail's and Django's own sign-in forms would skip the second factor and the sign-in limits:
# both lead to the one sign-in page.
to_sign_in = login_not_required(
    RedirectView.as_view(pattern_name="account_login", query_string=True)
)

urlpatterns = [
    path("admin/login/", to_sign_in),
    path("django-admin/login/", to_sign_in),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include(public(i18n))),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(public(wagtaildocs_urls))),
    path("images/", include("cms.urls")),
    path("search/", cms_views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("directory/", include("directory.urls")),
    path("calendar/", include("calendars.urls")),
    path("supervision/", include("supervision.urls")),
    path("training/", include("lms.urls")),
    path("quotas/", include("quotas.urls")),
    path("competitions/", include("competitions.urls")),
    path("practicum/", include("practicum.urls")),
    # The importer again, outside the Wagtail admin, for importers without admin access.
    path("imports/", include("imports.site_urls", namespace="imports_site")),
    path("", include("credentials.urls")),
    # No route serves MEDIA_URL: stored files leave only through views that check permission.
    path("", include(public(wagtail_urls))),
]
