"""Governance data: review rounds and their reminders, the risk register."""

from ictspace.governance.models.rounds import ReviewRound, RoundFigure, SentReminder

__all__ = ["ReviewRound", "RoundFigure", "SentReminder"]
