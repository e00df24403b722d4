"""Every query parameter of our admin listings and reports, fed junk: never a server error.

The views are found by walking the URL resolver (every admin GET view of ours without a
path parameter, plus each indicator report); the parameters are the fields of the page's
own GET forms (filters, search) and the ones every listing reads (page, ordering, search,
export, format). Each gets 0, -1, a big number, a word, a number no column holds, a very
long string and a NUL.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client

from lms.admin.reports import REPORT_PAGES
from tests.factories import UserFactory

from .url_walk import is_ours, url_patterns

pytestmark = pytest.mark.django_db

JUNK = ["0", "-1", "99999999", "abc", "9" * 40, "x" * 3000, "\x00"]
ALWAYS = ["p", "ordering", "q", "export", "format"]
NOT_LISTINGS = (":add", ":choose", ":chosen", ":create")


class GetFormFields(HTMLParser):
    """Names of the fields inside the page's GET forms."""

    def __init__(self):
        super().__init__()
        self.names, self._in_get_form = set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self._in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def admin_listing_urls():
    for route, name, pattern in url_patterns():
        if not route.startswith("admin/") or not is_ours(route, pattern):
            continue
        if "<" in route or "/results/" in route or any(part in name for part in NOT_LISTINGS):
            continue  # results/ is the same view as the listing, answering its AJAX updates
        yield "/" + route
    for page in REPORT_PAGES:
        yield page.url


@pytest.fixture
def world():
    from tests.certificates.helpers import certified_session
    from tests.factories import CertificateFactory, PayStatementFactory

    _session, approval, (registration,) = certified_session(participants=1)
    CertificateFactory(registration=registration, approval=approval)
    PayStatementFactory()


def test_junk_in_every_admin_query_parameter_is_never_a_server_error(world):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    urls = list(admin_listing_urls())
    assert len(urls) > 20
    problems = []
    for url in urls:
        page = client.get(url)
        if page.status_code >= 500:
            problems.append(f"{url}: {page.status_code} without parameters")
            continue
        parser = GetFormFields()
        if page.status_code == 200 and not page.streaming:
            parser.feed(page.content.decode())
        for param in sorted(parser.names | set(ALWAYS)):
            for value in JUNK:
                response = client.get(url, {param: value})
                if response.status_code >= 500:
                    problems.append(f"{url}?{param}={value[:20]!r}: {response.status_code}")
    assert problems == [], "\n".join(problems)
