"""The importer's routes, mounted in the Wagtail admin (`wagtail_hooks`) and in the site
(`site_urls`). Each mount gets its own pattern objects: the admin wraps its patterns' views in
place with its access check, which the site's must not inherit."""

from django.urls import path

from imports import views

app_name = "imports"


def url_patterns() -> list:
    return [
        path("", views.upload, name="upload"),
        path("templates/<slug:kind>.xlsx", views.template_download, name="template"),
        path("<int:pk>/", views.preview, name="preview"),
        path("<int:pk>/commit/", views.commit, name="commit"),
        path("<int:pk>/result/", views.result, name="result"),
    ]


urlpatterns = url_patterns()
