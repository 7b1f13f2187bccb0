from django.contrib.auth.decorators import login_required
from django.urls import path

from lms import views

app_name = "lms"

_routes = [
    ("", views.catalogue, "catalogue"),
    ("courses/<int:pk>/", views.course_detail, "course_detail"),
    ("runs/<int:pk>/enrol/", views.enrol, "enrol"),
    ("enrolments/<int:pk>/cancel/", views.cancel, "cancel"),
    ("mine/", views.my_courses, "my_courses"),
    ("hours/", views.my_hours, "my_hours"),
    ("hours/<int:pk>/", views.person_hours, "person_hours"),
    ("hours/<int:pk>/adjust/", views.person_adjust, "person_adjust"),
    ("ledger/<int:pk>/reverse/", views.entry_reverse, "entry_reverse"),
    ("external/new/", views.external_new, "external_new"),
    ("external/<int:pk>/evidence/", views.external_evidence, "external_evidence"),
    ("external/<int:pk>/decide/", views.external_decide, "external_decide"),
    ("approvals/", views.approvals, "approvals"),
    ("approvals/enrolments/<int:pk>/", views.enrolment_decide, "enrolment_decide"),
    ("manage/", views.manage, "manage"),
    ("manage/courses/new/", views.course_new, "course_new"),
    ("manage/courses/<int:pk>/runs/new/", views.run_new, "run_new"),
    ("manage/runs/<int:pk>/", views.run_detail, "run_detail"),
    ("manage/runs/<int:pk>/assign/", views.run_assign, "run_assign"),
    ("manage/runs/<int:pk>/export.xlsx", views.run_export, "run_export"),
    ("manage/sessions/<int:pk>/", views.session_attendance, "session_attendance"),
    ("manage/sessions/<int:pk>/qr/", views.session_qr, "session_qr"),
    ("manage/sessions/<int:pk>/import/", views.session_import, "session_import"),
    ("sign-in/<str:token>/", views.sign_in, "sign_in"),
]
urlpatterns = [path(route, login_required(view), name=name) for route, view, name in _routes]
