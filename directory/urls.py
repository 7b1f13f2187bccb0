from django.contrib.auth.decorators import login_required
from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("stations/", login_required(views.station_list), name="station_list"),
    path("stations/<int:pk>/", login_required(views.station_detail), name="station_detail"),
    path("people/", login_required(views.person_list), name="person_list"),
    path("people/<int:pk>/", login_required(views.person_detail), name="person_detail"),
]
