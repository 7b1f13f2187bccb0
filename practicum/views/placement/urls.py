"""Routes of the placement part: applications, weekly logs, the student's, station's and
tutor's pages (R15)."""

from django.urls import path

from practicum.views.placement import decisions, station, student, tutor

urlpatterns = [
    path("placement/me/", student.home, name="placement_student_home"),
    path("placement/<int:pk>/", student.placement_detail, name="placement_detail"),
    path("placement/applications/<int:pk>/", decisions.application, name="placement_application"),
    path(
        "placement/applications/<int:pk>/withdraw/",
        student.application_withdraw,
        name="placement_application_withdraw",
    ),
    path("placement/applications/<int:pk>/log/", student.log_new, name="placement_log_new"),
    path("placement/logs/<int:pk>/edit/", student.log_edit, name="placement_log_edit"),
    path("placement/logs/", station.log_queue, name="placement_log_queue"),
    path("placement/logs/<int:pk>/confirm/", station.log_confirm, name="placement_log_confirm"),
    path("placement/logs/<int:pk>/return/", station.log_return, name="placement_log_return"),
    path("placement/station/", station.station, name="placement_station"),
    path("placement/tutor/", tutor.tutor, name="placement_tutor"),
    path("placement/tutor/students/<int:pk>/", tutor.tutor_student, name="placement_tutor_student"),
]
