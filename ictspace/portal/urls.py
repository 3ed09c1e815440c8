from django.urls import path

from ictspace.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("jurisdictions/<str:code>/", views.jurisdiction, name="jurisdiction"),
]
