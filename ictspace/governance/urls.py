from django.urls import path

from ictspace.governance import views
from ictspace.governance.rounds import views as rounds

app_name = "governance"
urlpatterns = [
    path("", views.home, name="home"),
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
]
