"""The PDF rendering service: a Django template → PDF bytes (WeasyPrint).

Smallest stand-in written on branch issue-5 for invoices, with the same signature as the
shared service on branch issue-8 (which also serves `{% static %}` files); when issue 8 lands,
its version replaces this file. Rendering never goes to the network: only `data:` URLs load.
"""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class DataUrlsOnlyFetcher(URLFetcher):
    """Loads `data:` URLs; refuses everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"PDFs load no outside resources: {url}")


def pdf_render(*, template_name: str, context: dict, base_url: str | None = None) -> bytes:
    """Render `template_name` with `context` and return the PDF's bytes."""
    base_url = (base_url or settings.SITE_URL).rstrip("/") + "/"
    html = render_to_string(template_name, {"pdf_base_url": base_url, **context})
    return HTML(string=html, base_url=base_url, url_fetcher=DataUrlsOnlyFetcher()).write_pdf()
