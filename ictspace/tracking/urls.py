from django.urls import path

from ictspace.tracking import views, views_updates, views_workplan
from ictspace.tracking.evidence import views as evidence_views

app_name = "tracking"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("matrix.<str:fmt>", views.matrix_export, name="matrix_export"),
    path("review/", views_updates.review_queue, name="review_queue"),
    path("drafts/", views_updates.my_drafts, name="my_drafts"),
    path("updates/<int:pk>/", views_updates.update_detail, name="update"),
    path("updates/<int:pk>/edit/", views_updates.update_edit, name="update_edit"),
    path("updates/<int:pk>/submit/", views_updates.update_submit, name="update_submit"),
    path("updates/<int:pk>/review/", views_updates.update_review, name="update_review"),
    path("updates/<int:pk>/evidence/", evidence_views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", evidence_views.evidence_download, name="evidence_download"),
    path("workplan/<slug:slug>/", views_workplan.workplan, name="workplan"),
    path("items/<slug:slug>/<str:ref>/", views.item_status, name="item"),
    path("<str:code>/<slug:slug>/", views.dashboard, name="dashboard"),
    path("<str:code>/<slug:slug>/gaps.<str:fmt>", views.gaps_export, name="gaps_export"),
    path("<str:code>/<slug:slug>/<str:ref>/", views.history, name="history"),
    path("<str:code>/<slug:slug>/<str:ref>/new/", views_updates.update_new, name="update_new"),
]
