"""PDF documents: a Django template under templates/pdf/ → PDF bytes (WeasyPrint), and the
one step that renders a document and stores it in the private storage.

Shared by lms (invoices, facilitator pay statements) and certificates (certificates,
transcripts); it lives in lms because certificates depends on lms, never the reverse.
`pdf_render` gives bytes for a download made on the spot; `pdf_render_and_store` keeps the
PDF in a model's FileField (on the private storage, lms.storage) and replaces the one before.

Templates link their stylesheets and images with `{% static %}`; the fetcher below reads those
files from disk through Django's staticfiles finders, so rendering never goes to the network
(no slow or hostile fetches from a PDF) and works without collectstatic. Any other URL is
refused, except `data:` URLs (for inline images such as QR codes).

WeasyPrint is imported on first use, not with this module: it takes seconds to load, and
the URL configuration imports views that import this module.
"""

import functools
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import models
from django.template.loader import render_to_string


@functools.cache
def _fetcher_class():
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

    return StaticFilesFetcher


def static_files_fetcher(*, base_url: str):
    """A WeasyPrint URL fetcher that serves only our static files (and data: URLs)."""
    return _fetcher_class()(base_url=base_url)


def pdf_render(*, template_name: str, context: dict, base_url: str | None = None) -> bytes:
    """Render `templates/pdf/<template_name>` with `context` and return the PDF's bytes.

    `base_url` resolves relative links and is where `{% static %}` files are looked up
    (default: settings.SITE_URL).
    """
    from weasyprint import HTML

    base_url = (base_url or settings.SITE_URL).rstrip("/") + "/"
    html = render_to_string(template_name, {"pdf_base_url": base_url, **context})
    document = HTML(
        string=html, base_url=base_url, url_fetcher=static_files_fetcher(base_url=base_url)
    )
    return document.write_pdf()


def pdf_render_and_store(
    *,
    instance: models.Model,
    filename: str,
    template_name: str,
    context: dict,
    field_name: str = "pdf",
) -> str:
    """Render `template_name` and store the PDF as `filename` in `instance`'s FileField
    `field_name`, replacing (and deleting) the file stored before. Returns the stored name.

    Only that column is written (an UPDATE, not `save()`), so a render that runs after commit
    never overwrites other changes made to the row meanwhile.
    """
    content = pdf_render(template_name=template_name, context=context)
    file = getattr(instance, field_name)
    old_name = file.name
    file.save(filename, ContentFile(content), save=False)
    type(instance)._default_manager.filter(pk=instance.pk).update(**{field_name: file.name})
    if old_name and old_name != file.name:
        file.storage.delete(old_name)
    return file.name
