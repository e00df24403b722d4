from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import serve_page
from lms.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("api/", include("cms.api.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
]

# What people read comes in English at its usual address and in Spanish under /es/, so every
# link made before Spanish existed still works. Staff screens, the API and files are not
# prefixed: Wagtail's admin follows each staff member's own language preference instead.
people_pages = [
    # The interface text scripts need (gettext in static/js), in the page's language.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript_catalog"),
    path("accounts/", include("allauth.urls")),
    path("", include("lms.urls")),
    path("", include("certificates.urls")),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it goes last.
# cms.views.serve_page is Wagtail's serve with the coalition's languages (cms/languages.py).
wagtail_utilities = [p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"]
urlpatterns += i18n_patterns(
    *people_pages,
    *wagtail_utilities,
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    prefix_default_language=False,
)
