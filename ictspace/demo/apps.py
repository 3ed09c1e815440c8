from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ictspace.demo"
    verbose_name = "Demonstration data"
