"""Governance data: review rounds and reminders, risks, meetings and action items,
nominations."""

from ictspace.governance.models.meetings import ActionItem, Decision, Meeting
from ictspace.governance.models.nominations import Nomination
from ictspace.governance.models.risks import Mitigation, Risk
from ictspace.governance.models.rounds import ReviewRound, RoundFigure, SentReminder

__all__ = [
    "ActionItem",
    "Decision",
    "Meeting",
    "Mitigation",
    "Nomination",
    "ReviewRound",
    "Risk",
    "RoundFigure",
    "SentReminder",
]
