"""Headers on every response: a Content-Security-Policy, and no caching of private pages."""

from django.conf import settings

# No inline script, style or handler anywhere: every script and style sheet is a vendored
# or project file under /static/. `data:` images: the TOTP enrolment's QR code.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PRIVATE = "private, no-store"


class SecurityHeadersMiddleware:
    """Sets the policy; marks whatever a signed-in user receives as not to be stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if self._private(request):
            # A signed-in page or export may hold TLP:AMBER data: no shared cache, no
            # browser history copy after sign-out.
            response["Cache-Control"] = PRIVATE
        return response

    @staticmethod
    def _private(request) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return False
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
