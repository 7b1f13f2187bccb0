from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("data.<str:fmt>", views.my_data, name="my_data"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
