"""API keys in the Authorization header: `Authorization: Bearer cce_…`.

Presenting no key is fine for the public endpoints; presenting an unknown or revoked key is
refused (401) wherever it is sent, so a client learns at once that its key stopped working.
The key found (revoked or not) is kept on the request so that the use is logged
(api.views.ApiView)."""

from django.contrib.auth.models import AnonymousUser
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from lms.services.api_keys import api_key_find


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request).decode("latin-1").strip()
        if not header:
            return None
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationFailed("Send the key as: Authorization: Bearer <key>.")
        key = api_key_find(secret.strip())
        if key is None:
            raise AuthenticationFailed("This API key is not known.")
        request._request.api_key = key
        if not key.is_active:
            raise AuthenticationFailed("This API key was revoked.")
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
