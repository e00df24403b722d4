"""Wagtail pages. Content only: structured data comes from lms through selectors.

The tree is locked: HomePage → TrainingCatalogPage (/trainings/) → TrainingPage
(/trainings/<slug>/), HomePage → EventsPage (/events/) → TrainingPage of a gathering
(/events/<slug>/), and StandardPages (about, policies, scholarships) under the home page.
A TrainingPage points at one lms Training; publishing, unpublishing or deleting a page never
changes the training, its sessions or their registrations (the link is PROTECT on the
training's side and pages never write to lms).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from cms.blocks import AgendaItemBlock, MessageStreamBlock, TrainingBodyBlock
from cms.catalogue import events_context, home_context, training_context
from cms.catalogue_cache import catalogue_fragment
from cms.languages import source_of
from cms.page_cache import PublicPageCacheMixin
from lms.languages import active_language, url_in_language
from lms.models import Training
from lms.rules.languages import language_code_of, passage_lang


class TranslatedPage:
    """A page that may be translated (Wagtail locales): `source` is the default-language page
    its facts come from; the template gets the `lang` its words need and whether they are
    still untranslated (cms/languages.py)."""

    @cached_property
    def source(self):
        return source_of(self)

    def words_language(self) -> str:
        return self.locale.language_code

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shown_in = active_language()
        written_in = self.words_language()
        context["content_lang_attr"] = passage_lang(content=written_in, page=shown_in)
        context["content_untranslated"] = (
            shown_in != settings.LANGUAGE_CODE and written_in != shown_in
        )
        return context

    def get_sitemap_urls(self, request=None):
        """The page in every language, each naming the others (hreflang alternates)."""
        url = self.get_full_url(request)
        path = self.get_url(request, current_site=None)
        alternates = [
            {"lang_code": code, "location": url.replace(path, url_in_language(path, code), 1)}
            for code, _ in settings.LANGUAGES
        ]
        lastmod = self.last_published_at or self.latest_revision_created_at
        return [
            {"location": alternate["location"], "lastmod": lastmod, "alternates": alternates}
            for alternate in alternates
        ]


class HomePage(TranslatedPage, PublicPageCacheMixin, Page):
    intro = models.TextField(blank=True, help_text="The first sentence a visitor reads.")
    body = StreamField(MessageStreamBlock(), blank=True, use_json_field=True)
    next_sessions_count = models.PositiveSmallIntegerField(
        default=5, help_text="How many upcoming sessions the home page lists."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_trainings", heading="Featured trainings", label="Training", max_num=6
        ),
        FieldPanel("next_sessions_count"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.TrainingCatalogPage", "cms.EventsPage", "cms.StandardPage"]
    # No max_count: each language's home page is a page of its own under the root.

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(page=self.source))
        return context


class HomePageFeaturedTraining(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_trainings")
    training_page = models.ForeignKey(
        "cms.TrainingPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("training_page")]

    def __str__(self):
        return str(self.training_page)


class TrainingCatalogPage(TranslatedPage, PublicPageCacheMixin, Page):
    """The catalogue at /trainings/: filters, keyword search and pagination, all in the URL."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(default=12, help_text="Trainings per page.")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.TrainingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "training catalogue page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The catalogue lists the default-language tree's trainings in every language.
        context.update(catalogue_fragment(page=self.source, request=request))
        return context

    def training_ids_matching(self, words: str, *, limit: int) -> list[int]:
        """The trainings whose live pages under this catalogue, or their translations, match
        every search word (a Spanish search finds the Spanish words)."""
        record_of = dict(
            TrainingPage.objects.child_of(self).values_list("translation_key", "training_id")
        )
        pages = TrainingPage.objects.filter(translation_key__in=record_of).values_list("pk")
        results = (
            TrainingPage.objects.live()
            .filter(pk__in=list(pages))
            .defer_streamfields()
            .search(words, operator="and", order_by_relevance=False)
        )
        found = dict.fromkeys(record_of[page.translation_key] for page in results[:limit])
        return list(found)


class EventsPage(TranslatedPage, PublicPageCacheMixin, Page):
    """The coalition's gatherings at /events/ (LAC meetings, advocacy days, coalition and
    community sessions, webinars without CE): never CE trainings, which are at /trainings/."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.TrainingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "events page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The gatherings of the default-language tree, in every language.
        context.update(events_context(page=self.source, request=request))
        return context


class TrainingPage(TranslatedPage, PublicPageCacheMixin, Page):
    """What a training page says; the facts (format, CE hours, sessions) come from lms.
    Under the events page it describes a gathering (a training of another kind), without CE.

    The default-language page points at the training record; a translation points at none
    (the record has one page) and takes its facts from the page it translates.
    """

    training = models.OneToOneField(
        Training,
        on_delete=models.PROTECT,
        related_name="page",
        null=True,
        blank=True,
        help_text="The training record this page describes. Sessions are scheduled on it.",
    )
    summary = models.TextField(
        blank=True,
        help_text="On a translation: the training's summary in this language (the English "
        "page shows the training record's).",
    )
    audience = models.CharField(
        max_length=300,
        blank=True,
        help_text="On a translation: whom the training is for, in this language.",
    )
    learning_objectives = StreamField(
        [("objective", blocks.CharBlock(max_length=300, icon="success"))],
        blank=True,
        use_json_field=True,
        help_text="What participants will be able to do; evaluations ask about these.",
    )
    agenda = StreamField([("item", AgendaItemBlock())], blank=True, use_json_field=True)
    body = StreamField(TrainingBodyBlock(), blank=True, use_json_field=True)
    accessibility = RichTextField(
        "accessibility information",
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="Captions, interpreters, step-free access, breaks, how to ask for more.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("training"),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("learning_objectives"),
        FieldPanel("agenda"),
        FieldPanel("body"),
        FieldPanel("accessibility"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("learning_objectives"),
        index.RelatedFields(
            "training",
            [
                index.SearchField("summary"),
                index.SearchField("audience"),
                index.SearchField("language"),
                index.RelatedFields("topics", [index.SearchField("name")]),
                index.RelatedFields("facilitators", [index.SearchField("name")]),
            ],
        ),
    ]

    parent_page_types = ["cms.TrainingCatalogPage", "cms.EventsPage"]
    subpage_types = []
    # A translation is a copy without the record: the record has one page.
    exclude_fields_in_copy = ["training"]

    class Meta:
        verbose_name = "training page"

    @cached_property
    def record(self) -> Training | None:
        """The training record: this page's, or (on a translation) the translated page's."""
        return self.training if self.training_id else getattr(self.source, "training", None)

    def words_language(self) -> str:
        # An untranslated page speaks the language the training is taught in.
        if self.source.pk != self.pk:
            return self.locale.language_code
        return language_code_of(self.training.language) if self.training_id else "en"

    def clean(self):
        super().clean()
        if self.training_id is None and self.locale_id == Locale.get_default().pk:
            raise ValidationError({"training": "Choose the training record this page describes."})

    def full_clean(self, *args, **kwargs):
        # A page without its own slug takes the training's, so URLs match the records.
        if not self.slug and self.training_id:
            self.slug = self.training.slug
        super().full_clean(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(training_context(page=self, request=request))
        return context

    @cached_property
    def objectives(self) -> list[str]:
        return [block.value for block in self.learning_objectives]


class StandardPage(TranslatedPage, Page):
    """About, policies, scholarship information."""

    intro = models.TextField(blank=True)
    body = StreamField(TrainingBodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = "standard page"


def embed_origin(line: str) -> str | None:
    """`scheme://host[:port]` of a line staff typed, or None when it is not an origin."""
    parts = urlsplit(line.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


@register_setting(icon="code")
class EmbedSettings(BaseGenericSetting):
    """Which partner sites may show the embedded catalogue (/embed/trainings/): the content
    security policy's frame-ancestors lists exactly these origins."""

    allowed_origins = models.TextField(
        "sites that may embed the catalogue",
        blank=True,
        help_text="One origin per line, for example https://www.partner-agency.org (no path). "
        "Other sites cannot show the catalogue in a frame.",
    )

    panels = [FieldPanel("allowed_origins")]

    class Meta:
        verbose_name = "embedded catalogue"

    def clean(self):
        bad = [
            line.strip()
            for line in self.allowed_origins.splitlines()
            if line.strip() and embed_origin(line) is None
        ]
        if bad:
            raise ValidationError(
                {"allowed_origins": "Not an origin (scheme and host, no path): " + ", ".join(bad)}
            )

    def origins(self) -> list[str]:
        found = (embed_origin(line) for line in self.allowed_origins.splitlines())
        return sorted({origin for origin in found if origin})
