"""Governance data: review rounds and their reminders, the risk register."""

from ictspace.governance.models.risks import Mitigation, Risk
from ictspace.governance.models.rounds import ReviewRound, RoundFigure, SentReminder

__all__ = ["Mitigation", "ReviewRound", "Risk", "RoundFigure", "SentReminder"]
