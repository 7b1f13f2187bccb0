from django.urls import path

from credentials import views

app_name = "credentials"
urlpatterns = [
    path("verify/", views.verify_start, name="verify_start"),
    path("verify/pdf/", views.verify_pdf, name="verify_pdf"),
    path("verify/public-key.pem", views.public_key, name="public_key"),
    path("verify/<str:code>.json", views.verify_json, name="verify_json"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("credentials/", views.mine, name="mine"),
    path("credentials/certificates/<int:pk>/pdf/", views.download, name="download"),
    path("credentials/progress/", views.progress, name="progress"),
    path("credentials/qualifications/new/", views.qualification_new, name="qualification_new"),
    path(
        "credentials/qualifications/<int:pk>/renew/",
        views.registration_new,
        name="registration_new",
    ),
    path("credentials/qualifications/<int:pk>/scan/", views.qualification_scan, name="scan"),
    path(
        "credentials/qualifications/<int:pk>/verify/",
        views.qualification_verify,
        name="qualification_verify",
    ),
    path("credentials/review/", views.review, name="review"),
    path("credentials/hours/new/", views.hours_new, name="hours_new"),
    path(
        "credentials/completion/<int:enrolment_id>/",
        views.completion_certificate_new,
        name="completion_certificate_new",
    ),
    path(
        "credentials/supervision/new/",
        views.supervision_certificate_new,
        name="supervision_certificate_new",
    ),
    path("credentials/people/<int:person_id>/hours/", views.hours_for_person, name="hours_for"),
    path(
        "credentials/people/<int:person_id>/",
        views.person_certificates,
        name="person_certificates",
    ),
    path(
        "credentials/certificates/<int:pk>/revoke/",
        views.certificate_revoke,
        name="certificate_revoke",
    ),
    path("credentials/batches/", views.batch_list, name="batches"),
    path("credentials/batches/<int:pk>/", views.batch_detail, name="batch"),
    path("credentials/batches/<int:pk>/archive/", views.batch_archive, name="batch_archive"),
    path("credentials/share/", views.share_create, name="share_create"),
    path("credentials/share/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("share/<str:token>/", views.shared, name="shared"),
]
