"""Security events in the audit trail: sign-in failures, password, e-mail and second factor.

allauth announces these through its signals; each becomes one audit entry, written in
its own transaction (the event has happened whatever the page does next).
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from ictspace.accounts.clientip import client_ip
from ictspace.audit.log import record


def _record(user, action: str, request=None, **changes) -> None:
    if request is not None:
        changes["address"] = [None, client_ip(request)]
    with transaction.atomic():
        record(actor=user, action=action, obj=user, changes=changes)


def sign_in_failed(request, login: str) -> None:
    """A wrong password or an unknown account: which login was tried, from where."""
    users = get_user_model()
    # An address without an account is named by an unsaved user: same object type, no id.
    target = users.objects.filter(email__iexact=login).first() or users(email=login[:254])
    changes = {"address": [None, client_ip(request)], "login": [None, login[:254]]}
    with transaction.atomic():
        record(actor=AnonymousUser(), action="security_sign_in_failed", obj=target, changes=changes)


def _password_changed(sender, request, user, **kwargs):
    _record(user, "security_password_changed", request)


def _password_reset(sender, request, user, **kwargs):
    _record(user, "security_password_reset", request)


def _email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    old = from_email_address.email if from_email_address else None
    _record(user, "security_email_changed", request, email=[old, to_email_address.email])


def _email_added(sender, request, user, email_address, **kwargs):
    _record(user, "security_email_added", request, email=[None, email_address.email])


def _authenticator_added(sender, request, user, authenticator, **kwargs):
    _record(user, "security_second_factor_added", request, type=[None, authenticator.type])


def _authenticator_removed(sender, request, user, authenticator, **kwargs):
    _record(user, "security_second_factor_removed", request, type=[authenticator.type, None])


def _authenticator_reset(sender, request, user, authenticator, **kwargs):
    _record(user, "security_recovery_codes_reset", request, type=[None, authenticator.type])


def _second_factor_failed(sender, request, user, authenticator, reauthentication=False, **kwargs):
    """A wrong code after a right password: whoever typed it is not yet signed in."""
    actor = user if reauthentication else AnonymousUser()
    changes = {"address": [None, client_ip(request)], "type": [None, authenticator.type]}
    with transaction.atomic():
        record(actor=actor, action="security_second_factor_failed", obj=user, changes=changes)


def connect() -> None:
    """Called once from the app's ready()."""
    account_signals.password_changed.connect(_password_changed)
    account_signals.password_set.connect(_password_changed)
    account_signals.password_reset.connect(_password_reset)
    account_signals.email_changed.connect(_email_changed)
    account_signals.email_added.connect(_email_added)
    mfa_signals.authenticator_added.connect(_authenticator_added)
    mfa_signals.authenticator_removed.connect(_authenticator_removed)
    mfa_signals.authenticator_reset.connect(_authenticator_reset)
    mfa_signals.authentication_failed.connect(_second_factor_failed)
