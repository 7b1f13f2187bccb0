"""The StreamField blocks of the public pages: a small set, so that pages look alike."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text without images or embeds: images go through the image block, whose renditions are
# served by the public image view (a rich-text <img> would point at MEDIA_URL, never served).
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图片说明"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    source = blocks.CharBlock(label=_("出处"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("引文")
        template = "cms/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文档"))
    title = blocks.CharBlock(label=_("链接文字"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("文档链接")
        template = "cms/blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("小标题"),
        max_length=100,
        form_classname="title",
        template="cms/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(label=_("段落"), features=PARAGRAPH_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
