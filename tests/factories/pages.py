"""The page tree the catalogue needs: HomePage (site root) → TrainingCatalogPage → pages."""

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import EventsPage, HomePage, TrainingCatalogPage, TrainingPage


def site_with_catalogue(*, per_page: int = 12) -> tuple[HomePage, TrainingCatalogPage]:
    # A transactional (browser) test runs on a flushed database, without the locale and root
    # page Wagtail's migrations made.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("en"))
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title="Coalition CE", slug="home-ce"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Coalition CE"},
    )
    catalogue = home.add_child(
        instance=TrainingCatalogPage(title="Trainings", slug="trainings", per_page=per_page)
    )
    return home, catalogue


def training_page(catalogue: TrainingCatalogPage, training, **fields) -> TrainingPage:
    fields.setdefault("title", training.title)
    fields.setdefault("slug", training.slug)
    return catalogue.add_child(instance=TrainingPage(training=training, **fields))


def events_page(home: HomePage) -> EventsPage:
    return home.add_child(instance=EventsPage(title="Events", slug="events"))
