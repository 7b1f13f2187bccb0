from django.urls import path

from quotas.views import dashboards, policies, reports, station_lists, tracking

app_name = "quotas"
urlpatterns = [
    path("", dashboards.mine, name="mine"),
    path("stations/<int:pk>/", dashboards.station, name="station"),
    path("regions/", dashboards.regions, name="regions"),
    path("policies/", policies.policy_list, name="policies"),
    path(
        "policies/rules/<int:pk>/carry-forward/",
        policies.rule_carry_forward,
        name="rule_carry_forward",
    ),
    path("regions/<int:pk>/", dashboards.region, name="region"),
    path("regions/<int:pk>/export.xlsx", dashboards.region_export, name="region_export"),
    path("regions/<int:pk>/reports/", reports.region_reports, name="region_reports"),
    path("regions/<int:pk>/quarter/", reports.region_quarter, name="region_quarter"),
    path(
        "regions/<int:pk>/meetings/",
        tracking.quarterly_meeting_record,
        name="quarterly_meeting_record",
    ),
    path("regions/<int:pk>/weekly/", tracking.region_weekly, name="region_weekly"),
    path("stations/<int:pk>/reports/", reports.station_reports, name="station_reports"),
    path("stations/<int:pk>/weekly/", tracking.weekly_status_save, name="weekly_status_save"),
    path("stations/<int:pk>/lists/", station_lists.station_lists, name="station_lists"),
    path("reports/<int:pk>/", reports.report, name="report"),
    path(
        "stations/<int:pk>/evaluation/<year:year>/",
        reports.station_evaluation,
        name="station_evaluation",
    ),
]
