"""Outside demo mode, a signed-in user without MFA may do nothing but enrol."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in user without MFA may still reach: enrolment, sign-out, assets.
ALLOWED_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/static/",
    "/healthz",
)


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        if settings.DEMO or not request.user.is_authenticated:
            return False
        if request.path.startswith(ALLOWED_PREFIXES):
            return False
        if getattr(request.user, "_has_mfa", None) is None:
            request.user._has_mfa = Authenticator.objects.filter(
                user=request.user,
                type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
            ).exists()
        return not request.user._has_mfa
