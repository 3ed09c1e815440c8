"""Governance data: review rounds and reminders, risks, meetings and action items,
nominations, reachability tests, calendar feeds."""

from ictspace.governance.models.contacts import CalendarToken, ReachabilityTest
from ictspace.governance.models.meetings import ActionItem, Decision, Meeting
from ictspace.governance.models.nominations import Nomination
from ictspace.governance.models.risks import Mitigation, Risk
from ictspace.governance.models.rounds import ReviewRound, RoundFigure, SentReminder

__all__ = [
    "ActionItem",
    "CalendarToken",
    "Decision",
    "Meeting",
    "Mitigation",
    "Nomination",
    "ReachabilityTest",
    "ReviewRound",
    "Risk",
    "RoundFigure",
    "SentReminder",
]
