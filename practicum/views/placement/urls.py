"""Routes of the placement part: applications, weekly logs, the student's, station's and
tutor's pages (R15)."""

from django.urls import path

from practicum.views.placement import student

urlpatterns = [
    path("placement/me/", student.home, name="placement_student_home"),
]
