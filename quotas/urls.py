from django.urls import path

from quotas import views

app_name = "quotas"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("stations/<int:pk>/", views.station, name="station"),
]
