from django.urls import path

from supervision import views

app_name = "supervision"
urlpatterns = [
    # Supervisor
    path("my/stations/", views.my_stations, name="my_stations"),
    path("my/sessions/", views.my_sessions, name="my_sessions"),
    path("my/portfolio.pdf", views.portfolio, name="portfolio"),
    path("stations/<int:pk>/log/", views.session_log, name="session_log"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>.ics", views.session_ics, name="session_ics"),
    path(
        "attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    # Worker (and station head on their behalf)
    path("my/received/", views.received, name="received"),
    path("parts/<int:pk>/confirm/", views.part_confirm, name="part_confirm"),
    path("parts/<int:pk>/dispute/", views.part_dispute, name="part_dispute"),
    # Station head and administrators
    path("stations/", views.grid, name="grid"),
    path("stations/<int:pk>/", views.station_sessions, name="station_sessions"),
    path(
        "stations/<int:pk>/archive/<year:year>.<str:fmt>",
        views.station_archive,
        name="station_archive",
    ),
    path("stations/<int:pk>/assign/", views.assignment_new, name="assignment_new"),
    path("assignments/<int:pk>/end/", views.assignment_end, name="assignment_end"),
    path("supervisors/", views.supervisors, name="supervisors"),
    path("supervisors/profiles/", views.profiles, name="profiles"),
    path("supervisors/profiles/new/", views.profile_new, name="profile_new"),
    path(
        "supervisors/profiles/<int:pk>/grade/",
        views.profile_grade,
        name="profile_grade",
    ),
    path("disputes/", views.disputes, name="disputes"),
    path("parts/<int:pk>/resolve/", views.part_resolve, name="part_resolve"),
    path("locks/", views.locks, name="locks"),
    path("locks/<int:pk>/reopen/", views.lock_reopen, name="lock_reopen"),
]
