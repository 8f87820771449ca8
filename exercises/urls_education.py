from django.urls import path

from . import views

app_name = "education"

urlpatterns = [
    path("", views.education_hub, name="hub"),
    path("<slug:slug>/", views.education_page, name="page"),
]
