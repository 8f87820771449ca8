from django.urls import path

from . import views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    # Before the slug route, which would otherwise take "routine" for an exercise.
    path("routine/", views.routine, name="routine"),
    path("routine/play/", views.routine_player, name="player"),
    path("routine/reminders.ics", views.routine_reminders, name="reminders"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
    path("<slug:slug>/stills-<slug:version>.svg", views.figure_stills, name="figure_stills"),
]
