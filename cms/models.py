"""Wagtail pages. Content only: structured data comes from lms through selectors."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import MessageStreamBlock


class HomePage(Page):
    intro = models.TextField(blank=True, help_text="The first sentence a visitor reads.")
    body = StreamField(MessageStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"
