"""The brand stylesheet: the colours staff chose in Settings → Coalition brand, as CSS
variables that static/css/site.css uses. A separate small file rather than an inline <style>
so the content security policy can forbid inline styles."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from lms.models import CoalitionBrand

YEAR = 365 * 24 * 3600


@require_GET
def brand_css(request):
    brand = CoalitionBrand.load()
    css = f":root {{ --accent: {brand.colour}; --accent-dark: {brand.colour_dark}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    # Pages link it as brand.css?v=<colour>: a new colour is a new address, so the old one
    # can be kept for a year.
    if request.GET.get("v") == brand.colour.lstrip("#"):
        response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response["Cache-Control"] = "no-cache"
    return response
