"""The public form lives under /public/ beside the open data; the queue is for its recipients."""

from django.urls import path

from ictspace.publicreports import views

app_name = "publicreports"
urlpatterns = [
    path("public/report/", views.report_form, name="form"),
    path("public/report/sent/", views.report_sent, name="sent"),
    path("received-reports/", views.queue, name="queue"),
    path("received-reports/<int:pk>/", views.report_detail, name="report"),
    path("received-reports/<int:pk>/move/", views.report_move, name="move"),
]
