from django.urls import path

from ictspace.governance import views
from ictspace.governance.contacts import views as contacts
from ictspace.governance.meetings import views as meetings
from ictspace.governance.nominations import views as nominations
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
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_set, name="minutes_set"),
    path("meetings/<int:pk>/minutes/file/", meetings.minutes_download, name="minutes_download"),
    path("meetings/<int:pk>/decisions/", meetings.decision_add, name="decision_add"),
    path("meetings/<int:pk>/actions/", meetings.action_add, name="action_add"),
    path("actions/mine/", meetings.my_actions, name="my_actions"),
    path("actions/<int:pk>/status/", meetings.action_status, name="action_status"),
    path("nominations/", nominations.nomination_list, name="nominations"),
    path("nominations/<int:pk>/decide/", nominations.nomination_decide, name="nomination_decide"),
    path("reachability/", contacts.reachability, name="reachability"),
    path("network/", contacts.network_page, name="network"),
    path("calendar/", contacts.calendar_page, name="calendar"),
    path("calendar/new/", contacts.calendar_issue, name="calendar_issue"),
    path("calendar/stop/", contacts.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", contacts.ics, name="ics"),
]
