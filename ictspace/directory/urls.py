from django.urls import path

from ictspace.directory import views

app_name = "directory"
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<str:code>/", views.organisation_detail, name="organisation"),
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<str:code>/", views.body_detail, name="body"),
    path("appointments/<int:pk>/end/", views.appointment_end, name="appointment_end"),
]
