"""Practicum pages (R15), one list of routes per part of the work."""

from practicum.views.completion.urls import urlpatterns as completion
from practicum.views.coordinator.urls import urlpatterns as coordinator
from practicum.views.placement.urls import urlpatterns as placement

app_name = "practicum"

urlpatterns = [*coordinator, *placement, *completion]
