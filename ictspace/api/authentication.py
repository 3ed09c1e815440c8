"""Who is calling: the browser session, or a personal API token (`Authorization: Bearer …`)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ictspace.tokens.secrets import InvalidToken, authenticate


class TokenAuthentication(authentication.BaseAuthentication):
    """A personal API token; the request then carries exactly its owner's permissions."""

    keyword = "bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Malformed Authorization header.")
        try:
            return authenticate(header[1].decode("ascii", "replace"))
        except InvalidToken:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.") from None

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "ictspace.api.authentication.TokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token."}
