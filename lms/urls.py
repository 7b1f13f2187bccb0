from django.urls import path

from lms.views import hours, learner, organiser

app_name = "lms"

_routes = [
    ("", learner.catalogue, "catalogue"),
    ("courses/<int:pk>/", learner.course_detail, "course_detail"),
    ("materials/<int:pk>/", learner.material_download, "material_download"),
    ("runs/<int:pk>/enrol/", learner.enrol, "enrol"),
    ("enrolments/<int:pk>/cancel/", learner.cancel, "cancel"),
    ("mine/", learner.my_courses, "my_courses"),
    ("hours/", hours.my_hours, "my_hours"),
    ("hours/<int:pk>/", hours.person_hours, "person_hours"),
    ("people/", hours.people_hours, "people_hours"),
    ("hours/<int:pk>/adjust/", hours.person_adjust, "person_adjust"),
    ("ledger/<int:pk>/reverse/", hours.entry_reverse, "entry_reverse"),
    ("external/new/", hours.external_new, "external_new"),
    ("external/<int:pk>/evidence/", hours.external_evidence, "external_evidence"),
    ("external/<int:pk>/decide/", hours.external_decide, "external_decide"),
    ("approvals/", hours.approvals, "approvals"),
    ("approvals/enrolments/<int:pk>/", hours.enrolment_decide, "enrolment_decide"),
    ("manage/", organiser.manage, "manage"),
    ("manage/courses/new/", organiser.course_new, "course_new"),
    ("manage/courses/<int:pk>/materials/", organiser.course_materials, "course_materials"),
    ("manage/courses/<int:pk>/runs/new/", organiser.run_new, "run_new"),
    ("manage/runs/<int:pk>/", organiser.run_detail, "run_detail"),
    ("manage/runs/<int:pk>/assign/", organiser.run_assign, "run_assign"),
    ("manage/runs/<int:pk>/export.xlsx", organiser.run_export, "run_export"),
    ("manage/sessions/<int:pk>/", organiser.session_attendance, "session_attendance"),
    ("manage/sessions/<int:pk>/cancel/", organiser.session_cancel, "session_cancel"),
    ("manage/sessions/<int:pk>/qr/", organiser.session_qr, "session_qr"),
    ("manage/sessions/<int:pk>/import/", organiser.session_import, "session_import"),
    ("sign-in/<str:token>/", learner.sign_in, "sign_in"),
]
urlpatterns = [path(route, view, name=name) for route, view, name in _routes]
