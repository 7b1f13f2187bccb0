"""The importer in the site, for importers without access to the Wagtail admin (instance
namespace "imports_site" of the "imports" application)."""

from imports.urls import app_name, url_patterns

__all__ = ["app_name", "urlpatterns"]

urlpatterns = url_patterns()
