"""Wagtail page types: the home page, guidance, regulations, news and training (bimtek).

Each page type lives under its own index (parent_page_types/subpage_types) so editors cannot
put a regulation in the news. Guidance and regulation pages carry their legal source and a
`needs_review` flag: content that has not been checked against the official text says so.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import GuidanceStreamBlock, NewsStreamBlock

REVIEW_PANEL_HELP = _(
    "Centang bila isi halaman belum dicocokkan dengan teks resmi peraturan. Pembaca melihat "
    "catatan 'perlu ditinjau editor'."
)


class HomePage(Page):
    """The site root: a search box into the catalogue, categories, kecamatan and the latest."""

    intro = models.CharField(
        _("pengantar"),
        max_length=300,
        blank=True,
        default="Cari penyedia lokal Kabupaten Batang untuk belanja OPD lewat e-purchasing.",
    )
    body = RichTextField(_("isi"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("featured_categories", label=_("kategori unggulan")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.GuidanceIndexPage",
        "cms.RegulationIndexPage",
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
    ]

    class Meta:
        verbose_name = _("beranda")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["kecamatan_list"] = selectors.kecamatan_with_vendor_counts()
        context["featured_categories"] = selectors.featured_categories(self)
        context["latest_guidance"] = (
            GuidancePage.objects.live().public().order_by("-first_published_at")[:4]
        )
        context["latest_news"] = NewsPage.objects.live().public().order_by("-date", "-pk")[:3]
        context["upcoming_events"] = EventPage.objects.live().public().upcoming()[:3]
        context["key_figures"] = selectors.key_figures()
        return context


class HomeFeaturedCategory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_categories")
    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("kategori"),
    )

    panels = [FieldPanel("category")]

    class Meta(Orderable.Meta):
        verbose_name = _("kategori unggulan")
        verbose_name_plural = _("kategori unggulan")


# --- Snippets -------------------------------------------------------------------------------


class Topic(index.Indexed, models.Model):
    """A topic that groups guidance pages (e-purchasing, untuk penyedia, pembayaran...)."""

    name = models.CharField(_("nama"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("keterangan"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topik")
        verbose_name_plural = _("topik")

    def __str__(self):
        return self.name


class CategoryGuidance(models.Model):
    """Links a guidance page to a catalogue category: "Cara belanja ATK lewat toko daring".

    The category and search pages call `cms.selectors.guidance_for_category(category)`.
    """

    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.CASCADE,
        related_name="guidance_links",
        verbose_name=_("kategori"),
    )
    page = models.ForeignKey(
        "cms.GuidancePage",
        on_delete=models.CASCADE,
        related_name="category_links",
        verbose_name=_("halaman panduan"),
    )
    label = models.CharField(
        _("teks tautan"),
        max_length=160,
        blank=True,
        help_text=_("Mis. Cara belanja ATK lewat toko daring. Kosongkan: judul halaman."),
    )
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    panels = [FieldPanel("category"), FieldPanel("page"), FieldPanel("label"), "sort_order"]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("panduan per kategori")
        verbose_name_plural = _("panduan per kategori")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "page"], name="cms_unique_guidance_per_category"
            )
        ]

    def __str__(self):
        return f"{self.category} → {self.display_label}"

    @property
    def display_label(self):
        return self.label or self.page.title


# --- Guidance -------------------------------------------------------------------------------


class GuidanceIndexPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidancePage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks panduan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = (
            GuidancePage.objects.child_of(self).live().public().prefetch_related("topics")
        ).order_by("title")
        topic_slug = request.GET.get("topik", "")
        topic = Topic.objects.filter(slug=topic_slug).first() if topic_slug else None
        if topic:
            pages = pages.filter(topics=topic)
        context["guidance_pages"] = pages
        context["topics"] = Topic.objects.all()
        context["active_topic"] = topic
        return context


class LegalSourceMixin(models.Model):
    """Where the content comes from, and whether an editor still has to check it."""

    legal_source = models.TextField(
        _("dasar hukum / sumber"),
        blank=True,
        help_text=_("Peraturan (nomor, tahun, pasal) atau sumber lain yang menjadi dasar isi."),
    )
    needs_review = models.BooleanField(
        _("perlu ditinjau editor"), default=False, help_text=REVIEW_PANEL_HELP
    )
    review_note = models.TextField(
        _("catatan untuk peninjau"),
        blank=True,
        help_text=_("Apa yang harus dicek, mis. nomor pasal atau batas nilai."),
    )

    class Meta:
        abstract = True

    source_panels = [
        MultiFieldPanel(
            [FieldPanel("legal_source"), FieldPanel("needs_review"), FieldPanel("review_note")],
            heading=_("Sumber dan peninjauan"),
        )
    ]


class GuidancePage(LegalSourceMixin, Page):
    intro = models.TextField(_("ringkasan"), max_length=500, blank=True)
    body = StreamField(GuidanceStreamBlock(), verbose_name=_("isi"), blank=True)
    topics = ParentalManyToManyField(
        Topic, blank=True, related_name="pages", verbose_name=_("topik")
    )
    last_reviewed = models.DateField(
        _("terakhir ditinjau"),
        null=True,
        blank=True,
        help_text=_("Tanggal isi terakhir dicocokkan dengan peraturan; tampil ke pembaca."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("last_reviewed"),
        *LegalSourceMixin.source_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.SearchField("legal_source"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("last_reviewed"),
        APIField("legal_source"),
        APIField("needs_review"),
    ]

    parent_page_types = ["cms.GuidanceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("halaman panduan")
        verbose_name_plural = _("halaman panduan")

    def __str__(self):
        return self.title


# --- Regulations ----------------------------------------------------------------------------


class RegulationIndexPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.RegulationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks regulasi")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regulations"] = (
            RegulationPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-year", "kind", "number")
        )
        return context


class RegulationPage(LegalSourceMixin, Page):
    class Kind(models.TextChoices):
        UU = "uu", _("Undang-Undang")
        PP = "pp", _("Peraturan Pemerintah")
        PERPRES = "perpres", _("Peraturan Presiden")
        PERATURAN_LKPP = "peraturan_lkpp", _("Peraturan LKPP")
        KEPUTUSAN_LKPP = "keputusan_lkpp", _("Keputusan Kepala LKPP")
        PERMEN = "permen", _("Peraturan Menteri")
        PERDA = "perda", _("Peraturan Daerah")
        PERBUP = "perbup", _("Peraturan Bupati")
        SE = "se", _("Surat Edaran")
        OTHER = "lainnya", _("Lainnya")

    class Status(models.TextChoices):
        IN_FORCE = "berlaku", _("Berlaku")
        AMENDED = "diubah", _("Diubah")
        REVOKED = "dicabut", _("Dicabut")

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=40)
    year = models.PositiveSmallIntegerField(_("tahun"))
    regulation_title = models.CharField(
        _("judul peraturan"),
        max_length=400,
        help_text=_("Judul resmi, mis. Pengadaan Barang/Jasa Pemerintah."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    enacted_on = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    in_force_on = models.DateField(_("mulai berlaku"), null=True, blank=True)
    official_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF resmi"),
    )
    official_url = models.URLField(
        _("tautan sumber resmi"),
        blank=True,
        help_text=_("Mis. halaman JDIH yang memuat peraturan."),
    )
    summary = RichTextField(
        _("ringkasan bahasa sederhana"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("year")]),
                FieldPanel("regulation_title"),
                FieldRowPanel(
                    [FieldPanel("status"), FieldPanel("enacted_on"), FieldPanel("in_force_on")]
                ),
            ],
            heading=_("Identitas peraturan"),
        ),
        FieldPanel("official_document"),
        FieldPanel("official_url"),
        FieldPanel("summary"),
        InlinePanel("amendments", label=_("diubah/dicabut oleh")),
        *LegalSourceMixin.source_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("regulation_title", boost=2),
        index.SearchField("number"),
        index.SearchField("summary"),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("status"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("number"),
        APIField("year"),
        APIField("regulation_title"),
        APIField("status"),
        APIField("in_force_on"),
        APIField("official_document"),
        APIField("official_url"),
        APIField("summary"),
        APIField("needs_review"),
        APIField("legal_source"),
    ]

    parent_page_types = ["cms.RegulationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("regulasi")
        verbose_name_plural = _("regulasi")

    def __str__(self):
        return self.title

    @property
    def citation(self):
        """'Peraturan Presiden Nomor 46 Tahun 2025'."""
        return _("%(kind)s Nomor %(number)s Tahun %(year)s") % {
            "kind": self.get_kind_display(),
            "number": self.number,
            "year": self.year,
        }

    def amends(self):
        """Regulations this one amends or revokes (the other side of `amendments`)."""
        return RegulationPage.objects.filter(amendments__amended_by=self).live().distinct()

    def clean(self):
        super().clean()
        if self.in_force_on and self.enacted_on and self.in_force_on < self.enacted_on:
            raise ValidationError(
                {"in_force_on": _("Tanggal mulai berlaku tidak boleh sebelum tanggal ditetapkan.")}
            )


class RegulationAmendment(Orderable):
    """`page` is amended (or revoked) by `amended_by`."""

    class Effect(models.TextChoices):
        AMENDS = "mengubah", _("Mengubah")
        REVOKES = "mencabut", _("Mencabut")

    page = ParentalKey(RegulationPage, on_delete=models.CASCADE, related_name="amendments")
    amended_by = models.ForeignKey(
        RegulationPage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("diubah/dicabut oleh"),
    )
    effect = models.CharField(
        _("akibat"), max_length=10, choices=Effect.choices, default=Effect.AMENDS
    )
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    panels = [FieldPanel("amended_by"), FieldPanel("effect"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("perubahan")
        verbose_name_plural = _("perubahan")


# --- News -----------------------------------------------------------------------------------


class NewsIndexPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks berita")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["news_page"] = Paginator(news, 10).get_page(request.GET.get("halaman"))
        return context


class NewsPage(Page):
    date = models.DateField(_("tanggal"), default=timezone.localdate)
    intro = models.TextField(_("ringkasan"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gambar utama"),
    )
    image_alt = models.CharField(_("teks alternatif gambar utama"), max_length=200, blank=True)
    body = StreamField(NewsStreamBlock(), verbose_name=_("isi"), blank=True)
    source_name = models.CharField(
        _("sumber"),
        max_length=200,
        blank=True,
        help_text=_("Mis. MC Batang (Media Center Kab. Batang)."),
    )
    source_url = models.URLField(_("tautan sumber"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")]),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("image"),
        APIField("body"),
        APIField("source_name"),
        APIField("source_url"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")


# --- Training (bimtek) ----------------------------------------------------------------------


class EventPageQuerySet(PageQuerySet):
    def upcoming(self):
        """Events not yet over (today's included), soonest first."""
        today = timezone.localdate()
        return self.filter(
            Q(end_date__gte=today) | Q(end_date__isnull=True, date__gte=today)
        ).order_by("date", "start_time", "pk")

    def past(self):
        """Events that are over, latest first."""
        today = timezone.localdate()
        return self.filter(
            Q(end_date__lt=today) | Q(end_date__isnull=True, date__lt=today)
        ).order_by("-date", "-start_time", "-pk")


class EventIndexPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks pelatihan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).live().public()
        context["upcoming_events"] = events.upcoming()
        context["past_events"] = events.past()[:20]
        return context


class EventPage(Page):
    """A training session (bimtek) or socialisation event."""

    date = models.DateField(_("tanggal"))
    end_date = models.DateField(
        _("tanggal selesai"), null=True, blank=True, help_text=_("Untuk acara lebih dari sehari.")
    )
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=255)
    audience = models.CharField(
        _("peserta sasaran"), max_length=255, help_text=_("Mis. PPK dan Pejabat Pengadaan OPD.")
    )
    intro = models.TextField(_("ringkasan"), max_length=500, blank=True)
    body = StreamField(NewsStreamBlock(), verbose_name=_("isi"), blank=True)
    registration_url = models.URLField(_("tautan pendaftaran"), blank=True)
    capacity = models.PositiveIntegerField(_("kapasitas (orang)"), null=True, blank=True)
    attendance = models.PositiveIntegerField(
        _("jumlah peserta hadir"), null=True, blank=True, help_text=_("Diisi setelah acara.")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("place"),
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldRowPanel(
            [FieldPanel("registration_url"), FieldPanel("capacity"), FieldPanel("attendance")]
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("place"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    objects = PageManager.from_queryset(EventPageQuerySet)()

    api_fields = [
        APIField("date"),
        APIField("end_date"),
        APIField("start_time"),
        APIField("end_time"),
        APIField("place"),
        APIField("audience"),
        APIField("intro"),
        APIField("body"),
        APIField("registration_url"),
        APIField("capacity"),
    ]

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pelatihan/bimtek")
        verbose_name_plural = _("pelatihan/bimtek")

    @property
    def is_past(self):
        return (self.end_date or self.date) < timezone.localdate()

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        same_day = not self.end_date or self.end_date == self.date
        if same_day and self.start_time and self.end_time and self.end_time < self.start_time:
            errors["end_time"] = _("Jam selesai tidak boleh sebelum jam mulai.")
        if errors:
            raise ValidationError(errors)
