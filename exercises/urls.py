from django.urls import path

from . import views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    # Before the slug route, which would otherwise take "routine" for an exercise.
    path("routine/", views.routine, name="routine"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
]
