from django.apps import AppConfig


class ChartsConfig(AppConfig):
    """Registered only for its template: the chart with its data table."""

    name = "ictspace.charts"
