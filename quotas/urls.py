from django.urls import path

from quotas import report_views, views

app_name = "quotas"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("stations/<int:pk>/", views.station, name="station"),
    path("regions/", views.regions, name="regions"),
    path("regions/<int:pk>/", views.region, name="region"),
    path("regions/<int:pk>/export.xlsx", views.region_export, name="region_export"),
    path("regions/<int:pk>/reports/", report_views.region_reports, name="region_reports"),
    path("regions/<int:pk>/quarter/", report_views.region_quarter, name="region_quarter"),
    path("stations/<int:pk>/reports/", report_views.station_reports, name="station_reports"),
    path("reports/<int:pk>/", report_views.report, name="report"),
    path(
        "stations/<int:pk>/evaluation/<year:year>/",
        report_views.station_evaluation,
        name="station_evaluation",
    ),
]
