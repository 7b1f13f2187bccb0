from django.urls import path

from cms import views

app_name = "cms"

image = views.ImageServeView.as_view()

urlpatterns = [
    path("<str:signature>/<int:image_id>/<str:filter_spec>/", image, name="image"),
    path("<str:signature>/<int:image_id>/<str:filter_spec>/<str:filename>", image),
]
