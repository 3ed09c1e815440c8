from django.urls import path

from ictspace.portal import guide, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("region/", views.region, name="region"),
    path("guide/", guide.guide, name="guide"),
    path("guide/<slug:name>/", guide.guide, name="guide_page"),
    path("guide/images/<str:filename>", guide.guide_image, name="guide_image"),
    path("jurisdictions/<str:code>/", views.jurisdiction, name="jurisdiction"),
]
