"""Completion pages (R15): placements in progress, evaluations, the grade, student supervision,
and the public list of placements."""

from django.urls import path

from practicum.views.completion import public, records, supervision

urlpatterns: list = [
    path("placements/", public.placement_list, name="completion_public_list"),
    path("placements/<int:pk>/", public.placement_detail, name="completion_public_detail"),
    path("completion/", records.index, name="completion_index"),
    path("completion/<int:pk>/", records.record, name="completion_record"),
    path(
        "completion/<int:pk>/evaluate/<str:stage>/<str:party>/",
        records.evaluate,
        name="completion_evaluate",
    ),
    path("completion/<int:pk>/grade/", records.grade, name="completion_grade"),
    path(
        "completion/placements/<int:pk>/supervision/",
        supervision.supervision_list,
        name="completion_supervision_list",
    ),
    path(
        "completion/placements/<int:pk>/supervision/new/",
        supervision.supervision_new,
        name="completion_supervision_new",
    ),
]
