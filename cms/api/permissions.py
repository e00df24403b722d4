"""Scopes: each endpoint for an organization's data names the scope its key needs."""

from rest_framework.permissions import BasePermission

from lms.models import ApiKey, ApiScope


def scope_required(scope: ApiScope) -> type[BasePermission]:
    """A permission class: a key (else 401) with `scope` (else 403)."""

    class ScopeRequired(BasePermission):
        message = f"This API key lacks the {scope.value} scope ({scope.label.lower()})."

        def has_permission(self, request, view):
            key = request.auth
            return isinstance(key, ApiKey) and key.has_scope(scope)

    ScopeRequired.__name__ = f"ScopeRequired[{scope.value}]"
    ScopeRequired.scope = scope
    return ScopeRequired
