from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ictspace.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from ictspace.accounts import security

        security.connect()
