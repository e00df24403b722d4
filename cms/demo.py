"""The demo page tree: home at the site root, the catalogue, training and standard pages.

Idempotent.
"""

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from lms.models import CoalitionBrand

HOME_INTRO = (
    "Training for human-service professionals across Illinois: reframing our story, advancing "
    "racial equity, and earning the continuing-education credit your license needs."
)


def seed_pages():
    home = HomePage.objects.first()
    if home is None:
        # A flushed database (transactional tests) has lost the locale and root page that
        # Wagtail's migrations made.
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant("en"))
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
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


CATALOGUE_INTRO = (
    "<p>Every training the coalition offers, with the next dates, seats left and the price on "
    "our sliding scale. Scholarships cover fees for anyone who needs them.</p>"
)
ACCESSIBILITY = (
    "<p>Virtual sessions have live captions and slides sent in advance. In-person venues are "
    "step-free with an all-gender restroom. Ask us for ASL or Spanish interpretation, large "
    "print or anything else at least two weeks before the session: "
    '<a href="mailto:trainings@coalition.test">trainings@coalition.test</a>.</p>'
)
FAQ = {
    "heading": "Frequently asked questions",
    "questions": [
        {
            "question": "How do I pick a price on the sliding scale?",
            "answer": "<p>Choose the tier that fits you or your organization; we trust you.</p>",
        },
        {
            "question": "When do I get my CE certificate?",
            "answer": "<p>After you attend the whole session and fill in the evaluation.</p>",
        },
    ],
}
STANDARD_PAGES = [
    (
        "About the coalition",
        "about",
        "A statewide coalition of human-service organizations working for a stronger sector.",
    ),
    (
        "Policies: cancellations, refunds and CE",
        "policies",
        "Full refunds up to 7 days before a session, credit after that.",
    ),
    (
        "Scholarships",
        "scholarships",
        "A fee should never keep a frontline worker out. Scholarships cover part or all of a fee.",
    ),
    (
        "Contact us",
        "contact",
        "Questions about a training, a certificate or an invoice: write to training@demo.test "
        "or call (312) 555-0142, Monday to Friday, 9 AM to 5 PM Central Time.",
    ),
]


def seed_catalogue_pages(*, home=None):
    """The catalogue at /trainings/, a page for every training, and the standard pages."""
    from cms.models import HomePageFeaturedTraining, StandardPage, TrainingCatalogPage, TrainingPage
    from lms.models import Training

    home = home or HomePage.objects.get()
    catalogue = TrainingCatalogPage.objects.first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=TrainingCatalogPage(title="Trainings", slug="trainings", intro=CATALOGUE_INTRO)
        )
    trainings = Training.objects.ce_trainings().filter(page__isnull=True)
    for training in trainings.prefetch_related("topics"):
        catalogue.add_child(
            instance=TrainingPage(
                title=training.title,
                slug=training.slug,
                training=training,
                search_description=training.summary,
                learning_objectives=[
                    ("objective", f"Explain how {topic.name.lower()} shapes your daily practice")
                    for topic in training.topics.all()
                ]
                + [("objective", "Name one change you will make in your organization")],
                agenda=[
                    ("item", {"time": "", "title": "Welcome and community agreements"}),
                    ("item", {"time": "", "title": "Core concepts and case discussion"}),
                    ("item", {"time": "", "title": "Action planning and evaluation"}),
                ],
                body=[
                    (
                        "paragraph",
                        f"<p>{training.summary} Participants leave with tools they can use "
                        "the next day, and can ask for technical assistance afterwards.</p>",
                    ),
                    (
                        "quote",
                        {
                            "quote": "The most practical training I have had in years.",
                            "attribution": "A case manager from Carbondale",
                        },
                    ),
                    ("faq", FAQ),
                ],
                accessibility=ACCESSIBILITY,
            )
        )
    for title, slug, intro in STANDARD_PAGES:
        if not StandardPage.objects.filter(slug=slug).exists():
            home.add_child(
                instance=StandardPage(
                    title=title, slug=slug, intro=intro, body=[("paragraph", f"<p>{intro}</p>")]
                )
            )
    brand = CoalitionBrand.load()
    if not brand.contact_page_id:
        # The footer's and sign-in pages' "Contact us" opens the contact page.
        brand.contact_page = StandardPage.objects.get(slug="contact")
        brand.contact_email = "training@demo.test"
        brand.save()
    if not home.featured_trainings.exists():
        for order, page in enumerate(TrainingPage.objects.order_by("pk")[:3]):
            HomePageFeaturedTraining.objects.create(page=home, training_page=page, sort_order=order)
    return catalogue


EVENTS_INTRO = (
    "<p>Where partners meet: quarterly LAC meetings in every region, advocacy days, coalition "
    "meetings and community-of-practice sessions. Register on behalf of your organization.</p>"
)


def seed_events_page(*, home=None):
    """The events page at /events/ and a page for every gathering."""
    from cms.models import EventsPage, TrainingPage
    from lms.models import Training

    home = home or HomePage.objects.get()
    events = EventsPage.objects.first()
    if events is None:
        events = home.add_child(
            instance=EventsPage(title="Events", slug="events", intro=EVENTS_INTRO)
        )
    for training in Training.objects.gatherings().filter(page__isnull=True):
        events.add_child(
            instance=TrainingPage(
                title=training.title,
                slug=training.slug,
                training=training,
                search_description=training.summary,
                body=[("paragraph", f"<p>{training.summary}</p>")],
                accessibility=ACCESSIBILITY,
            )
        )
    return events


DEMO_PARTNER_ORIGIN = "http://localhost:8000"


def seed_embed_demo():
    """A partner site allowed to embed the catalogue. The demo's partner page is served at
    http://localhost:8000/dev/partner-page/ and embeds from SITE_URL (127.0.0.1): another
    origin, so the frame shows only because this one is listed."""
    from cms.models import EmbedSettings

    row = EmbedSettings.load()
    if DEMO_PARTNER_ORIGIN not in row.origins():
        row.allowed_origins = "\n".join([*row.origins(), DEMO_PARTNER_ORIGIN])
        row.save()
    return row
