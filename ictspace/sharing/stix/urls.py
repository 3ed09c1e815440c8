from django.urls import path

from ictspace.sharing.stix import views

app_name = "stix"
urlpatterns = [
    path("posts.json", views.export_list, name="export_list"),
    path("posts/<int:pk>.json", views.export_post, name="export_post"),
]
