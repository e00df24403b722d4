"""The coalition's name, logo, colour and contact, set by staff in Settings → Coalition brand
and used by every public page, email and certificate (no code change to rebrand)."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from lms.rules.colours import ColourError, check_brand_colour, darker

DEFAULT_COLOUR = "#0b5cad"


def validate_brand_colour(value: str) -> None:
    try:
        check_brand_colour(value)
    except ColourError as error:
        raise ValidationError(error.message) from error


@register_setting(icon="pick")
class CoalitionBrand(BaseGenericSetting):
    name = models.CharField(
        max_length=120,
        default="Coalition CE",
        help_text="Shown in the page header, emails and certificates' footers.",
    )
    tagline = models.CharField(
        max_length=200,
        default="Training and continuing education for human-service professionals.",
        blank=True,
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the page header beside the name. A wide logo on a transparent "
        "background works best.",
    )
    colour = models.CharField(
        "brand colour",
        max_length=7,
        default=DEFAULT_COLOUR,
        validators=[validate_brand_colour],
        help_text="Buttons, links and headings, written like #0b5cad. It must be dark enough "
        "to read on white.",
    )
    contact_email = models.EmailField(
        blank=True, help_text="Where 'Contact us' writes to when no contact page is chosen."
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page 'Contact us' opens (for example a standard page with phone, "
        "email and office hours).",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("tagline")], heading="Name"),
        FieldPanel("logo"),
        FieldPanel("colour"),
        MultiFieldPanel(
            [FieldPanel("contact_page"), FieldPanel("contact_email")], heading="Contact us"
        ),
    ]

    class Meta:
        verbose_name = "coalition brand"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.colour = self.colour.lower()  # one spelling, so brand.css?v= stays one address
        super().save(*args, **kwargs)

    @property
    def colour_dark(self) -> str:
        return darker(self.colour)

    @property
    def contact_url(self) -> str:
        if self.contact_page_id and self.contact_page.live:
            return self.contact_page.url or ""
        return f"mailto:{self.contact_email}" if self.contact_email else ""
