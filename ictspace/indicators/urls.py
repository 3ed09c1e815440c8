from django.urls import path

from ictspace.indicators import views
from ictspace.indicators.grid import views as views_grid
from ictspace.indicators.imports import views as views_imports

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("review/", views.review_queue, name="review_queue"),
    path("observations/<int:pk>/", views.observation_detail, name="observation"),
    path("observations/<int:pk>/review/", views.observation_review, name="observation_review"),
    path("imports/", views_imports.imports, name="imports"),
    path("imports/template/", views_imports.template, name="template"),
    path("imports/<int:pk>/", views_imports.import_detail, name="import"),
    path("imports/<int:pk>/progress/", views_imports.import_progress, name="import_progress"),
    path("imports/<int:pk>/apply/", views_imports.import_apply, name="import_apply"),
    path("imports/<int:pk>/discard/", views_imports.import_discard, name="import_discard"),
    path("imports/<int:pk>/retry/", views_imports.import_retry, name="import_retry"),
    path("imports/<int:pk>/review/", views.import_review, name="import_review"),
    path("export.<str:fmt>", views_imports.export, name="export"),
    path("grid/<str:jcode>/", views_grid.grid_entry, name="grid"),
    path("<slug:slug>/<str:code>/", views.indicator_detail, name="indicator"),
    path("<slug:slug>/<str:code>/<str:jcode>/", views.series, name="series"),
    path("<slug:slug>/<str:code>/<str:jcode>/new/", views.observation_new, name="observation_new"),
    path("<slug:slug>/<str:code>/<str:jcode>/targets/", views.target_set, name="target_set"),
]
