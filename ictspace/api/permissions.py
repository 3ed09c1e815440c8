"""What a token may do beyond its owner's permissions: a read-only token never writes."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from ictspace.tokens.models import ApiToken


class TokenScope(BasePermission):
    """Reads for anyone (each queryset narrows itself); writes need a user and a write token."""

    message = "This token is read-only."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not getattr(request.user, "is_authenticated", False):
            return False
        token = request.auth
        return not isinstance(token, ApiToken) or token.can_write
