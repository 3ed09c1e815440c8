from django.urls import path

from ictspace.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.library_list, name="libraries"),
    path("<slug:slug>/", views.library_tree, name="library"),
    path("<slug:slug>/items/<str:ref>/", views.item_detail, name="item"),
    path("<slug:slug>/export.<str:fmt>", views.library_export, name="export"),
    path("<slug:slug>/source.txt", views.library_source, name="source"),
]
