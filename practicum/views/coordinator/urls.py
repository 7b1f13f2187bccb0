"""The university coordinator's pages (R15), under /practicum/coordinator/."""

from django.urls import path

from practicum.views.coordinator import bases, dashboard, people, placements, programmes

P = "coordinator/"
U = "coordinator/<int:university_id>/"

urlpatterns = [
    path(P, dashboard.home, name="coord_home"),
    path(U, dashboard.dashboard, name="coord_dashboard"),
    path(f"{U}export/", dashboard.export, name="coord_export"),
    path(f"{U}bases/", bases.base_list, name="coord_bases"),
    path(f"{U}bases/new/", bases.base_new, name="coord_base_new"),
    path(f"{P}bases/<int:pk>/", bases.base_detail, name="coord_base_detail"),
    path(f"{P}bases/<int:pk>/edit/", bases.base_edit, name="coord_base_edit"),
    path(f"{P}bases/<int:pk>/document/", bases.base_document, name="coord_base_document"),
    path(f"{P}bases/<int:pk>/supervisors/", bases.base_supervisors, name="coord_base_supervisors"),
    path(f"{U}placements/", placements.placement_list, name="coord_placements"),
    path(
        f"{P}bases/<int:base_id>/placements/new/",
        placements.placement_new,
        name="coord_placement_new",
    ),
    path(f"{P}placements/<int:pk>/", placements.placement_edit, name="coord_placement_edit"),
    path(
        f"{P}placements/<int:pk>/publish/",
        placements.placement_publish,
        name="coord_placement_publish",
    ),
    path(
        f"{P}placements/<int:pk>/close/", placements.placement_close, name="coord_placement_close"
    ),
    path(f"{U}students/", people.student_list, name="coord_students"),
    path(f"{U}students/new/", people.student_new, name="coord_student_new"),
    path(f"{U}tutors/new/", people.tutor_new, name="coord_tutor_new"),
    path(f"{U}programmes/", programmes.programme_list, name="coord_programmes"),
    path(f"{U}programmes/new/", programmes.programme_new, name="coord_programme_new"),
    path(f"{P}programmes/<int:pk>/", programmes.programme_edit, name="coord_programme_edit"),
    path(
        f"{U}evaluation-forms/new/",
        programmes.evaluation_form_new,
        name="coord_evaluation_form_new",
    ),
    path(
        f"{P}evaluation-forms/<int:pk>/",
        programmes.evaluation_form_edit,
        name="coord_evaluation_form_edit",
    ),
]
