"""StreamField blocks for guidance, news and regulation pages.

Every block renders through a template in templates/cms/blocks/ so the public HTML stays
accessible (headings, lists, <details>/<summary> for the FAQ: no JavaScript needed).
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CategoryChooserBlock(blocks.ChooserBlock):
    """Picks a catalogue category from a plain select (the tree is small: a few dozen rows)."""

    target_model = "catalog.Category"

    @cached_property
    def widget(self):
        return forms.Select()

    def get_form_state(self, value):
        # A plain <select> takes the primary key, not a chooser's value data.
        return self.field.widget.format_value(self.field.prepare_value(value))

    class Meta:
        icon = "folder-open-inverse"


class CalloutBlock(blocks.StructBlock):
    KIND_CHOICES = [
        ("info", _("Info")),
        ("warning", _("Peringatan")),
        ("rule", _("Aturan")),
        ("review", _("Perlu ditinjau editor")),
    ]

    kind = blocks.ChoiceBlock(choices=KIND_CHOICES, default="info", label=_("jenis"))
    title = blocks.CharBlock(required=False, max_length=120, label=_("judul"))
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("isi"))
    source = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("sumber"),
        help_text=_("Dasar hukum atau sumber, mis. Perpres 12/2021 Pasal 65."),
    )

    class Meta:
        icon = "warning"
        label = _("Kotak catatan")
        template = "cms/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, label=_("judul langkah"))
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("penjelasan"))
    image = ImageBlock(required=False, label=_("tangkapan layar (opsional)"))


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=160, label=_("judul"))
    steps = blocks.ListBlock(StepBlock(), label=_("langkah"))

    class Meta:
        icon = "list-ol"
        label = _("Langkah bernomor")
        template = "cms/blocks/steps.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=255, label=_("pertanyaan"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("jawaban"))


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=160, default="Pertanyaan umum", label=_("judul")
    )
    items = blocks.ListBlock(FAQItemBlock(), label=_("pertanyaan"))

    class Meta:
        icon = "help"
        label = _("Tanya jawab (FAQ)")
        template = "cms/blocks/faq.html"


class DocumentItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokumen"))
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("judul tampil"),
        help_text=_("Kosongkan: judul dokumen."),
    )


class DocumentsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=160, default="Unduhan", label=_("judul"))
    documents = blocks.ListBlock(DocumentItemBlock(), label=_("dokumen"))

    class Meta:
        icon = "doc-full"
        label = _("Unduhan dokumen")
        template = "cms/blocks/documents.html"


class CategoryLinkBlock(blocks.StructBlock):
    category = CategoryChooserBlock(label=_("kategori katalog"))
    label = blocks.CharBlock(
        required=False,
        max_length=160,
        label=_("teks tautan"),
        help_text=_("Mis. Cari penyedia ATK lokal. Kosongkan: nama kategori."),
    )


class CategoryLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=160, default="Cari di katalog lokal", label=_("judul")
    )
    links = blocks.ListBlock(CategoryLinkBlock(), label=_("kategori"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Tautan ke kategori katalog")
        template = "cms/blocks/category_links.html"


class RelatedRegulationsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=160, default="Regulasi terkait", label=_("judul")
    )
    regulations = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="cms.RegulationPage", label=_("regulasi")),
        label=_("regulasi"),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Regulasi terkait")
        template = "cms/blocks/related_regulations.html"


class GuidanceStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Teks"), template="cms/blocks/rich_text.html"
    )
    steps = StepsBlock()
    callout = CalloutBlock()
    faq = FAQBlock()
    documents = DocumentsBlock()
    category_links = CategoryLinksBlock()
    related_regulations = RelatedRegulationsBlock()


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("gambar"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("keterangan"))

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = "cms/blocks/figure.html"


class NewsStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Teks"), template="cms/blocks/rich_text.html"
    )
    image = FigureBlock()
    callout = CalloutBlock()
    documents = DocumentsBlock()
