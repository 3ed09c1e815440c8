from django.urls import path

from ictspace.tracking.evidence import views as evidence_views
from ictspace.tracking.views import status, updates, workplan

app_name = "tracking"
urlpatterns = [
    path("", status.matrix, name="matrix"),
    path("matrix.<str:fmt>", status.matrix_export, name="matrix_export"),
    path("review/", updates.review_queue, name="review_queue"),
    path("drafts/", updates.my_drafts, name="my_drafts"),
    path("updates/<int:pk>/", updates.update_detail, name="update"),
    path("updates/<int:pk>/edit/", updates.update_edit, name="update_edit"),
    path("updates/<int:pk>/submit/", updates.update_submit, name="update_submit"),
    path("updates/<int:pk>/review/", updates.update_review, name="update_review"),
    path("updates/<int:pk>/evidence/", evidence_views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", evidence_views.evidence_download, name="evidence_download"),
    path("workplan/<slug:slug>/", workplan.workplan, name="workplan"),
    path("items/<slug:slug>/<str:ref>/", status.item_status, name="item"),
    path("<str:code>/<slug:slug>/", status.dashboard, name="dashboard"),
    path("<str:code>/<slug:slug>/gaps.<str:fmt>", status.gaps_export, name="gaps_export"),
    path("<str:code>/<slug:slug>/<str:ref>/", status.history, name="history"),
    path("<str:code>/<slug:slug>/<str:ref>/new/", updates.update_new, name="update_new"),
]
