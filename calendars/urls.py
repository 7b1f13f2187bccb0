from django.urls import path

from calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.manage, name="manage"),
    path("reset/", views.reset, name="reset"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
