"""The PDF rendering service: a Django template under templates/pdf/ → PDF bytes (WeasyPrint).

Shared by certificates, transcripts, invoices and facilitator pay statements. Templates link
their stylesheets and images with `{% static %}`; the fetcher below reads those files from
disk through Django's staticfiles finders, so rendering never goes to the network (no slow or
hostile fetches from a PDF) and works without collectstatic. Any other URL is refused, except
`data:` URLs (for inline images such as QR codes).
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesFetcher(URLFetcher):
    """Serves `{base_url}{STATIC_URL}...` and `data:` URLs; refuses everything else."""

    def __init__(self, *, base_url: str, **kwargs):
        super().__init__(**kwargs)
        static_url = settings.STATIC_URL
        # A relative STATIC_URL ("/static/") is resolved against base_url; a CDN one is not.
        self.static_prefix = (
            static_url if "://" in static_url else base_url.rstrip("/") + static_url
        )

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(self.static_prefix):
            raise ValueError(f"PDFs only load our own static files, not {url}")
        relative = unquote(urlsplit(url).path[len(urlsplit(self.static_prefix).path) :])
        if not relative or ".." in relative.split("/"):
            raise ValueError(f"Not a static file: {url}")
        # Finders find source files; STATIC_ROOT holds the hashed names of a production build.
        path = finders.find(relative)
        if path is None and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT) / relative
            path = str(candidate) if candidate.is_file() else None
        if path is None:
            raise ValueError(f"No static file {relative!r}")
        with open(path, "rb") as handle:
            body = handle.read()
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})


def pdf_render(*, template_name: str, context: dict, base_url: str | None = None) -> bytes:
    """Render `templates/pdf/<template_name>` with `context` and return the PDF's bytes.

    `base_url` resolves relative links and is where `{% static %}` files are looked up
    (default: settings.SITE_URL).
    """
    base_url = (base_url or settings.SITE_URL).rstrip("/") + "/"
    html = render_to_string(template_name, {"pdf_base_url": base_url, **context})
    document = HTML(
        string=html, base_url=base_url, url_fetcher=StaticFilesFetcher(base_url=base_url)
    )
    return document.write_pdf()
