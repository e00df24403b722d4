"""StreamField blocks for the coalition's pages."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock


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


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"


class FaqBlock(blocks.StructBlock):
    """Questions and answers, shown as disclosure widgets that work with the keyboard."""

    heading = blocks.CharBlock(required=False, default="Frequently asked questions")
    questions = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(max_length=300)),
                ("answer", blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])),
            ]
        )
    )

    class Meta:
        icon = "help"
        template = "cms/blocks/faq.html"


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(required=False, max_length=40, help_text="For example 9:30 AM")
    title = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "time"


class TrainingBodyBlock(blocks.StreamBlock):
    """Body of training and standard pages: rich text, image, quote, embed, FAQ."""

    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(features=["h3", "bold", "italic", "link", "ol", "ul"])
    image = ImageBlock(template="cms/blocks/image.html")
    quote = QuoteBlock()
    embed = EmbedBlock(help_text="A video or slide deck link (YouTube, Vimeo, ...)")
    faq = FaqBlock()
