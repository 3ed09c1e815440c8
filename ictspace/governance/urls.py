from django.urls import path

from ictspace.governance import views
from ictspace.governance.risks import views as risks
from ictspace.governance.rounds import views as rounds

app_name = "governance"
urlpatterns = [
    path("", views.home, name="home"),
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
    path("risks/", risks.risk_list, name="risks"),
    path("risks/new/", risks.risk_new, name="risk_new"),
    path("risks/<int:pk>/", risks.risk_detail, name="risk"),
    path("risks/<int:pk>/edit/", risks.risk_edit, name="risk_edit"),
    path("risks/<int:pk>/mitigations/", risks.mitigation_add, name="mitigation_add"),
    path("mitigations/<int:pk>/status/", risks.mitigation_status, name="mitigation_status"),
]
