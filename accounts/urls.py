from django.urls import path, re_path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    re_path(r"^data\.(?P<file_format>json|pdf)$", views.my_data, name="my_data"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
