from django.urls import path

from quotas import views

app_name = "quotas"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("stations/<int:pk>/", views.station, name="station"),
    path("regions/", views.regions, name="regions"),
    path("regions/<int:pk>/", views.region, name="region"),
    path("regions/<int:pk>/export.xlsx", views.region_export, name="region_export"),
]
