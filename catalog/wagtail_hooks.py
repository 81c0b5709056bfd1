"""Back office for UKPBJ staff: products and the category tree (the "Katalog" menu)."""

import django_filters
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusFlagColumn, StatusTagColumn, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy

from vendors.models import Kecamatan, Vendor
from vendors.views_admin import AutoSlugAdminForm, BackOfficeViewSet, KBLIListField

from .models import MAX_CATEGORY_DEPTH, Category, Product
from .permissions import image_permission_policy
from .templatetags.rupiah import format_rupiah

# Vendors' product photos are not editable from the image library (catalog/permissions.py).
# exact_class: wins over the policy wagtail.images registers in its ready(), whatever the order.
register_permission_policy(get_image_model(), image_permission_policy(), exact_class=True)


def categories_with_ancestors():
    """Categories with their parents loaded, so "ATK › Kertas › HVS" labels cost one query."""
    parents = "__".join(["parent"] * (MAX_CATEGORY_DEPTH - 1))
    return Category.objects.select_related(parents).order_by("path")


def format_percent(value) -> str:
    """Decimal("40.50") -> "40,5%"; None -> ""."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


class ProductFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Kategori"),
        queryset=categories_with_ancestors(),
        method="filter_category",
        help_text=_("Termasuk subkategorinya."),
    )
    kecamatan = django_filters.ModelChoiceFilter(
        label=_("Kecamatan penyedia"),
        field_name="vendor__kecamatan",
        queryset=Kecamatan.objects.all(),
    )

    class Meta:
        model = Product
        fields = ["status", "kind", "is_pdn", "category", "kecamatan"]

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(category__path__startswith=value.path)


class ProductAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:
            self.fields["category"].queryset = categories_with_ancestors()
        if "vendor" in self.fields:
            self.fields["vendor"].queryset = Vendor.objects.only("pk", "name").order_by("name")


class ProductViewSet(BackOfficeViewSet):
    model = Product
    icon = "tag"
    menu_label = _("Produk")
    list_display = [
        "name",
        Column("vendor", label=_("Penyedia"), sort_key="vendor__name"),
        Column("category", label=_("Kategori"), sort_key="category__path"),
        Column(
            "price",
            label=_("Harga"),
            accessor=lambda product: format_rupiah(product.price),
            sort_key="price",
            classname="w-text-right",
        ),
        "unit",
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda product: product.status == Product.Status.PUBLISHED,
        ),
        Column(
            "tkdn",
            label=_("TKDN"),
            accessor=lambda product: format_percent(product.tkdn_percent),
            sort_key="tkdn_percent",
        ),
        StatusFlagColumn("is_pdn", label=_("PDN"), true_label=_("PDN")),
    ]
    list_select_related = (
        "vendor",
        "category__" + "__".join(["parent"] * (MAX_CATEGORY_DEPTH - 1)),
    )
    filterset_class = ProductFilterSet
    search_fields = ["name", "description", "keywords", "brand", "vendor__name"]
    ordering = "name"
    list_export = [
        "name",
        "vendor",
        "category",
        "get_kind_display",
        "price",
        "unit",
        "get_status_display",
        "tkdn_percent",
        "is_pdn",
        "ekatalog_url",
        "toko_daring_url",
    ]
    export_headings = {"get_kind_display": _("Jenis"), "get_status_display": _("Status")}
    export_filename = "produk"

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("vendor"),
                    FieldPanel("category"),
                    FieldPanel("kind"),
                    FieldPanel("name"),
                    FieldPanel("brand"),
                    FieldPanel("description"),
                    FieldPanel("keywords"),
                ],
                heading=_("Produk"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("price"),
                    FieldPanel("unit"),
                    FieldPanel("price_valid_until"),
                    FieldPanel("min_order"),
                    FieldPanel("lead_time_days"),
                    FieldPanel("capacity"),
                ],
                heading=_("Harga dan pemesanan"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("tkdn_percent"),
                    FieldPanel("tkdn_bmp_percent"),
                    FieldPanel("tkdn_certificate_number"),
                    FieldPanel("is_pdn"),
                    FieldPanel("has_sni"),
                    FieldPanel("is_halal"),
                ],
                heading=_("TKDN, PDN dan sertifikasi"),
            ),
            MultiFieldPanel(
                [FieldPanel("ekatalog_url"), FieldPanel("toko_daring_url")],
                heading=_("Tautan e-purchasing"),
            ),
            MultiFieldPanel([FieldPanel("status")], heading=_("Status tayang")),
        ],
        base_form_class=ProductAdminForm,
    )


class CategoryTitleColumn(TitleColumn):
    """The category name indented by its depth, with the path above it ("ATK › Kertas")."""

    def get_value(self, instance):
        indent = "— " * (instance.depth - 1)
        ancestors = " › ".join(node.name for node in instance.ancestors())
        if not ancestors:
            return instance.name
        return format_html(
            '{}{} <span class="w-text-grey-400 w-text-14">({} ›)</span>',
            indent,
            instance.name,
            ancestors,
        )


class CategoryFilterSet(WagtailFilterSet):
    depth = django_filters.ChoiceFilter(
        label=_("Tingkat"),
        choices=[
            (1, _("1 – kategori utama")),
            (2, _("2 – subkategori")),
            (3, _("3 – sub-subkategori")),
        ],
    )

    class Meta:
        model = Category
        fields = ["depth"]


class CategoryAdminForm(AutoSlugAdminForm):
    kbli_hints = KBLIListField(
        label=_("petunjuk KBLI"),
        help_text=_("Kode KBLI yang cocok untuk kategori ini, dipisah koma."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "parent" in self.fields:
            # Only nodes that can still take children; never the category itself.
            parents = categories_with_ancestors().filter(depth__lt=MAX_CATEGORY_DEPTH)
            if self.instance.pk:
                parents = parents.exclude(path__startswith=self.instance.path)
            self.fields["parent"].queryset = parents


class CategoryViewSet(BackOfficeViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Kategori")
    list_display = [
        CategoryTitleColumn("name", label=_("Kategori"), sort_key="path"),
        Column("depth", label=_("Tingkat"), sort_key="depth"),
        "slug",
        Column("keywords", label=_("Kata kunci/sinonim")),
        Column("product_total", label=_("Produk"), sort_key="product_total"),
    ]
    list_select_related = ("__".join(["parent"] * (MAX_CATEGORY_DEPTH - 1)),)
    list_annotations = {"product_total": Count("products")}
    filterset_class = CategoryFilterSet
    search_fields = ["name", "keywords", "slug"]
    ordering = "path"
    list_per_page = 100

    edit_handler = ObjectList(
        [
            FieldPanel("parent"),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("keywords"),
            FieldPanel("kbli_hints"),
            FieldPanel("sort_order"),
        ],
        base_form_class=CategoryAdminForm,
    )


class CatalogViewSetGroup(ViewSetGroup):
    menu_label = _("Katalog")
    menu_icon = "list-ul"
    menu_order = 120
    items = (ProductViewSet("produk"), CategoryViewSet("kategori"))


@hooks.register("register_admin_viewset")
def register_catalog_viewsets():
    return CatalogViewSetGroup()


@hooks.register("construct_admin_api", order=100)  # after wagtail.images registers "images"
def admin_api_without_non_public_product_photos(router):
    """The admin image API (used by Wagtail's own widgets) lists what the chooser lists."""
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    from .permissions import hide_non_public_product_photos

    class ImagesViewSet(ImagesAdminAPIViewSet):
        def get_queryset(self):
            return hide_non_public_product_photos(super().get_queryset(), self.request.user)

    router.register_endpoint("images", ImagesViewSet)
