"""StreamField blocks for the coalition's pages."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    link_text = blocks.CharBlock(max_length=60)
    link_url = blocks.CharBlock(
        max_length=300, help_text="A path such as /trainings/ or a full URL."
    )

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"


class MessageStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    image = ImageChooserBlock()
    quote = blocks.BlockQuoteBlock()
    call_to_action = CallToActionBlock()
