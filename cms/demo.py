"""The demo page tree: home at the site root, the catalogue, training and standard pages.

Idempotent.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from lms.models import CoalitionBrand

HOME_INTRO = (
    "Training for human-service professionals across Illinois: reframing our story, advancing "
    "racial equity, and earning the continuing-education credit your license needs."
)


def _default_locale_pages(model):
    return model.objects.filter(locale=Locale.get_default())


def seed_pages():
    # A flushed database (transactional tests) has lost the locales and root page that the
    # migrations made.
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(code))
    home = _default_locale_pages(HomePage).first()
    if home is None:
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
ASK_US = (
    "Ask us for ASL or Spanish interpretation, large print or anything else at least two weeks "
    'before the session: <a href="mailto:trainings@coalition.test">trainings@coalition.test</a>.'
)
ACCESSIBILITY = {
    "virtual": "<p>Live captions, and slides sent in advance. " + ASK_US + "</p>",
    "in_person": "<p>The venue is step-free with an all-gender restroom. " + ASK_US + "</p>",
    "hybrid": "<p>Live captions online; the venue is step-free with an all-gender restroom. "
    + ASK_US
    + "</p>",
}
PRICE_QUESTION = {
    "question": "How do I pick a price on the sliding scale?",
    "answer": "<p>Choose the tier that fits you or your organization; we trust you.</p>",
}
CERTIFICATE_QUESTION = {
    "question": "When do I get my CE certificate?",
    "answer": "<p>After you attend the whole session and fill in the evaluation.</p>",
}


def faq(*, free: bool) -> dict:
    """The FAQ block; a free training has no price to choose."""
    questions = [CERTIFICATE_QUESTION] if free else [PRICE_QUESTION, CERTIFICATE_QUESTION]
    return {"heading": "Frequently asked questions", "questions": questions}


# A training taught in Spanish has its page written in Spanish from the start.
SPANISH_PAGE = {
    "objectives": [
        "Explicar los derechos y los beneficios públicos a los que pueden acceder las familias",
        "Reconocer señales de trauma y responder con cuidado",
        "Conectar a las familias con recursos comunitarios de Illinois",
    ],
    "agenda": [
        "Bienvenida y acuerdos de convivencia",
        "Derechos, beneficios y casos prácticos",
        "Plan de acción y evaluación",
    ],
    "body": "<p>{summary} Las personas participantes se llevan herramientas para usar al día "
    "siguiente y pueden pedir asistencia técnica después.</p>",
    "accessibility": "<p>El lugar no tiene escalones y cuenta con un baño para todos los géneros. "
    "Pídanos interpretación en lengua de señas, letra grande o cualquier otra cosa al menos dos "
    'semanas antes de la sesión: <a href="mailto:trainings@coalition.test">'
    "trainings@coalition.test</a>.</p>",
    "faq": {
        "heading": "Preguntas frecuentes",
        "questions": [
            {
                "question": "¿Cuándo recibo mi certificado de CE?",
                "answer": "<p>Después de asistir a toda la sesión y responder la evaluación.</p>",
            },
        ],
    },
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

    home = home or _default_locale_pages(HomePage).get()
    catalogue = _default_locale_pages(TrainingCatalogPage).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=TrainingCatalogPage(title="Trainings", slug="trainings", intro=CATALOGUE_INTRO)
        )
    trainings = Training.objects.ce_trainings().filter(page__isnull=True)
    for training in trainings.prefetch_related("topics"):
        if "spanish" in training.language.lower():
            catalogue.add_child(instance=_spanish_training_page(training))
            continue
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
                    ("faq", faq(free=training.fee_schedule_id is None)),
                ],
                accessibility=ACCESSIBILITY[training.format],
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
        for order, page in enumerate(_default_locale_pages(TrainingPage).order_by("pk")[:3]):
            HomePageFeaturedTraining.objects.create(page=home, training_page=page, sort_order=order)
    return catalogue


def _spanish_training_page(training):
    from cms.models import TrainingPage

    words = SPANISH_PAGE
    return TrainingPage(
        title=training.title,
        slug=training.slug,
        training=training,
        search_description=training.summary,
        learning_objectives=[("objective", text) for text in words["objectives"]],
        agenda=[("item", {"time": "", "title": text}) for text in words["agenda"]],
        body=[
            ("paragraph", words["body"].format(summary=training.summary)),
            ("faq", words["faq"]),
        ],
        accessibility=words["accessibility"],
    )


EVENTS_INTRO = (
    "<p>Where partners meet: quarterly LAC meetings in every region, advocacy days, coalition "
    "meetings and community-of-practice sessions. Register on behalf of your organization.</p>"
)


def seed_events_page(*, home=None):
    """The events page at /events/ and a page for every gathering."""
    from cms.models import EventsPage, TrainingPage
    from lms.models import Training

    home = home or _default_locale_pages(HomePage).get()
    events = _default_locale_pages(EventsPage).first()
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
                accessibility=ACCESSIBILITY[training.format],
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


# What an editor translates first: the home page, the catalogue and three trainings. Every
# other page still answers under /es/, in English, marked as such.
SPANISH_HOME = {
    "title": "Capacitaciones para un sector de servicios humanos más fuerte",
    "intro": "Capacitación para profesionales de servicios humanos en todo Illinois: contar "
    "nuestra historia, avanzar la equidad racial y obtener las horas de educación continua que "
    "su licencia necesita.",
    "body": [
        ("heading", "Por qué capacitamos"),
        (
            "paragraph",
            "<p>Los servicios humanos importan a todas las personas en cada comunidad. Nuestras "
            "capacitaciones fortalecen el sector y atienden las causas de fondo de la "
            "desigualdad.</p>",
        ),
        (
            "call_to_action",
            {
                "heading": "Tarifas de escala variable y becas",
                "text": "Una tarifa nunca debería dejar fuera a una trabajadora de primera línea.",
                "link_text": "Ver las próximas capacitaciones",
                "link_url": "/es/trainings/",
            },
        ),
    ],
}
SPANISH_EVENTS = {
    "title": "Eventos",
    "intro": "<p>Donde se encuentran las aliadas: reuniones trimestrales del LAC en cada región, "
    "días de incidencia, reuniones de la coalición y sesiones de la comunidad de práctica. "
    "Inscríbase en representación de su organización.</p>",
}
SPANISH_CATALOGUE = {
    "title": "Capacitaciones",
    "intro": "<p>Todas las capacitaciones de la coalición, con las próximas fechas, los cupos "
    "disponibles y el precio en nuestra escala variable. Las becas cubren la tarifa de quien "
    "la necesite.</p>",
}
SPANISH_TRAININGS = {
    "reframing-human-services-telling-our-story": {
        "title": "Replantear los servicios humanos: contar nuestra historia",
        "summary": "Aprenda estrategias de comunicación basadas en investigación que cambian cómo "
        "quienes hacen política y el público ven los servicios humanos: de caridad a "
        "infraestructura pública esencial.",
        "audience": "Personal de primera línea, de comunicaciones y de desarrollo",
        "objectives": [
            "Explicar por qué el marco de caridad debilita a los servicios humanos",
            "Contar la historia de su organización como infraestructura pública",
            "Nombrar un cambio que hará en su comunicación",
        ],
    },
    "advancing-racial-equity-in-our-sector": {
        "title": "Avanzar la equidad racial en nuestro sector",
        "summary": "Un taller práctico para líderes y equipos que quieren convertir los "
        "compromisos de equidad racial en decisiones cotidianas.",
        "audience": "Direcciones ejecutivas, juntas directivas y equipos de supervisión",
        "objectives": [
            "Reconocer la inequidad racial en las políticas y prácticas de su organización",
            "Usar una herramienta de análisis de equidad en una decisión real",
            "Nombrar un cambio que hará en su organización",
        ],
    },
    "intersectionality-in-practice": {
        "title": "La interseccionalidad en la práctica",
        "summary": "Cómo las identidades y los sistemas se cruzan en la vida de las personas que "
        "atendemos, y qué cambia eso en nuestra práctica diaria.",
        "audience": "Personal clínico y de primera línea",
        "objectives": [
            "Explicar la interseccionalidad con ejemplos de servicios humanos",
            "Revisar un caso con una mirada interseccional",
            "Nombrar un cambio que hará en su práctica",
        ],
    },
}
SPANISH_AGENDA = [
    "Bienvenida y acuerdos de convivencia",
    "Conceptos clave y discusión de casos",
    "Plan de acción y evaluación",
]


def seed_translations():
    """The Spanish translations an editor would make with "Translate" in the page menu."""
    from cms.models import TrainingCatalogPage, TrainingPage

    spanish = Locale.objects.get_or_create(language_code="es")[0]
    home = _default_locale_pages(HomePage).get()
    _translate(home, spanish, **SPANISH_HOME)
    catalogue = _default_locale_pages(TrainingCatalogPage).first()
    if catalogue is not None:
        _translate(catalogue, spanish, **SPANISH_CATALOGUE)
    from cms.models import EventsPage

    events = _default_locale_pages(EventsPage).first()
    if events is not None:
        _translate(events, spanish, **SPANISH_EVENTS)
    for slug, words in SPANISH_TRAININGS.items():
        page = _default_locale_pages(TrainingPage).filter(slug=slug).first()
        if page is None:
            continue
        words = dict(words)
        objectives = words.pop("objectives")
        _translate(
            page,
            spanish,
            **words,
            learning_objectives=[("objective", text) for text in objectives],
            agenda=[("item", {"time": "", "title": text}) for text in SPANISH_AGENDA],
            body=[
                ("paragraph", f"<p>{words['summary']}</p>"),
                ("faq", SPANISH_PAGE["faq"]),
            ],
            accessibility=ACCESSIBILITY_ES[page.specific.training.format],
        )


ACCESSIBILITY_ES = {
    "virtual": "<p>Subtítulos en vivo y diapositivas enviadas con anticipación. Pídanos "
    "interpretación, letra grande o cualquier otra cosa al menos dos semanas antes: "
    '<a href="mailto:trainings@coalition.test">trainings@coalition.test</a>.</p>',
    "in_person": SPANISH_PAGE["accessibility"],
    "hybrid": "<p>Subtítulos en vivo en línea; el lugar no tiene escalones y cuenta con un baño "
    "para todos los géneros. Pídanos lo que necesite al menos dos semanas antes: "
    '<a href="mailto:trainings@coalition.test">trainings@coalition.test</a>.</p>',
}


def _translate(page, locale, **words):
    """Wagtail's "Translate" (a copy in the locale), the words, then publish. Idempotent."""
    if page.has_translation(locale):
        return page.get_translation(locale).specific
    translation = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in words.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation
