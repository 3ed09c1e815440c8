from allauth.account.adapter import DefaultAccountAdapter

from ictspace.accounts import security
from ictspace.accounts.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the Secretariat, never by self sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """The client behind the trusted proxy: rate limits count per person, not per proxy."""
        return client_ip(request)

    def authentication_failed(self, request, **credentials):
        security.sign_in_failed(request, str(credentials.get("email", "")))
