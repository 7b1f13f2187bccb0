from django.contrib.auth.decorators import login_required
from django.urls import path

from supervision import views

app_name = "supervision"
urlpatterns = [
    # Supervisor
    path("my/stations/", login_required(views.my_stations), name="my_stations"),
    path("my/sessions/", login_required(views.my_sessions), name="my_sessions"),
    path("my/portfolio.pdf", login_required(views.portfolio), name="portfolio"),
    path("stations/<int:pk>/log/", login_required(views.session_log), name="session_log"),
    path("sessions/<int:pk>/", login_required(views.session_detail), name="session_detail"),
    path("sessions/<int:pk>/edit/", login_required(views.session_edit), name="session_edit"),
    path("sessions/<int:pk>/cancel/", login_required(views.session_cancel), name="session_cancel"),
    path("sessions/<int:pk>.ics", login_required(views.session_ics), name="session_ics"),
    path(
        "attachments/<int:pk>/",
        login_required(views.attachment_download),
        name="attachment_download",
    ),
    # Worker (and station head on their behalf)
    path("my/received/", login_required(views.received), name="received"),
    path("parts/<int:pk>/confirm/", login_required(views.part_confirm), name="part_confirm"),
    path("parts/<int:pk>/dispute/", login_required(views.part_dispute), name="part_dispute"),
    # Station head and administrators
    path("stations/", login_required(views.grid), name="grid"),
    path("stations/<int:pk>/", login_required(views.station_sessions), name="station_sessions"),
    path(
        "stations/<int:pk>/archive/<year:year>.<str:fmt>",
        login_required(views.station_archive),
        name="station_archive",
    ),
    path("stations/<int:pk>/assign/", login_required(views.assignment_new), name="assignment_new"),
    path("assignments/<int:pk>/end/", login_required(views.assignment_end), name="assignment_end"),
    path("supervisors/", login_required(views.supervisors), name="supervisors"),
    path("supervisors/profiles/", login_required(views.profiles), name="profiles"),
    path("supervisors/profiles/new/", login_required(views.profile_new), name="profile_new"),
    path(
        "supervisors/profiles/<int:pk>/grade/",
        login_required(views.profile_grade),
        name="profile_grade",
    ),
    path("disputes/", login_required(views.disputes), name="disputes"),
    path("parts/<int:pk>/resolve/", login_required(views.part_resolve), name="part_resolve"),
    path("locks/", login_required(views.locks), name="locks"),
    path("locks/<int:pk>/reopen/", login_required(views.lock_reopen), name="lock_reopen"),
]
