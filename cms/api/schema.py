"""OpenAPI: the API key as a bearer scheme, and the spectacular settings' hooks."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "cms.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An organization's API key, issued by coalition staff: "
            "`Authorization: Bearer cce_…`. Public endpoints need none.",
        }


def only_our_api(endpoints):
    """The schema describes /api/v1/ only (Wagtail's admin API uses DRF too)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
