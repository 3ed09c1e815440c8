from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "ictspace.tokens"
