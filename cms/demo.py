"""The demo page tree: a HomePage at the site root. Idempotent."""

from wagtail.models import Page, Site

from .models import HomePage

HOME_INTRO = (
    "Training for human-service professionals across Illinois: reframing our story, advancing "
    "racial equity, and earning the continuing-education credit your license needs."
)


def seed_pages():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Trainings for a stronger human-services sector",
                slug="home-ce",
                intro=HOME_INTRO,
                body=[
                    ("heading", "Why we train"),
                    (
                        "paragraph",
                        "<p>Human services matter to everyone in every community. Our "
                        "trainings strengthen the sector and address the root causes of inequity.</p>",
                    ),
                    (
                        "call_to_action",
                        {
                            "heading": "Sliding-scale fees and scholarships",
                            "text": "A fee should never keep a frontline worker out.",
                            "link_text": "See upcoming trainings",
                            "link_url": "/trainings/",
                        },
                    ),
                ],
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Coalition CE"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Coalition CE"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome" placeholder page
    return home
