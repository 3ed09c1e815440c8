from django.urls import path

from ictspace.sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("export.csv", views.post_export, name="export"),
    path("registry/", views.registry, name="registry"),
    path("new/<str:kind>/", views.post_new, name="new"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("<int:pk>/edit/", views.post_edit, name="edit"),
    path("<int:pk>/label/", views.label_change, name="label"),
    path("<int:pk>/comments/", views.comment_add, name="comment"),
    path("<int:pk>/observables/", views.observable_add, name="observable"),
    path("<int:pk>/attachments/", views.attachment_add, name="attach"),
    path("observables/<int:pk>/remove/", views.observable_remove, name="observable_remove"),
    path("<int:pk>/request/<str:move>/", views.request_move, name="request_move"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
