from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("health/reminders/", views.health, name="health"),
]
