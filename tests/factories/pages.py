"""The page tree the catalogue needs: HomePage (site root) → TrainingCatalogPage → pages."""

from wagtail.models import Page, Site

from cms.models import HomePage, TrainingCatalogPage, TrainingPage


def site_with_catalogue(*, per_page: int = 12) -> tuple[HomePage, TrainingCatalogPage]:
    root = Page.get_first_root_node()
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
