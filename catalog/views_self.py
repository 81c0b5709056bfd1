"""The vendor's own products (/usaha/produk/): list, create, edit, archive, import, export.

Another vendor's product is a 404: every lookup is filtered by the signed-in member's vendor.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vendors.views_self import _apply_form_errors, member_required

from . import bulk, services
from .forms import ImportForm, ProductForm
from .models import Product


def _own_product(request, pk) -> Product:
    product = Product.objects.filter(vendor=request.vendor, pk=pk).first()
    if product is None:
        raise Http404
    return product


@member_required
def product_list(request):
    status = request.GET.get("status", "")
    products = (
        Product.objects.filter(vendor=request.vendor)
        .select_related("category")
        .prefetch_related("images__image")
        .order_by("status", "name")
    )
    if status in Product.Status.values:
        products = products.filter(status=status)
    return render(
        request,
        "catalog/self/product_list.html",
        {"vendor": request.vendor, "products": products, "status": status,
         "statuses": Product.Status.choices},
    )  # fmt: skip


def _save_photo(request, form, product):
    if form.cleaned_data.get("photo"):
        services.add_product_image(
            product=product,
            user=request.user,
            file=form.cleaned_data["photo"],
            alt_text=form.cleaned_data.get("photo_alt", ""),
        )


@member_required
def product_create(request):
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # product and photo together, or neither
                product = services.create_product(
                    vendor=request.vendor, user=request.user, **form.product_data()
                )
                _save_photo(request, form, product)
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(request, _("Produk %(name)s disimpan.") % {"name": product.name})
            return redirect("vendor_self:products:edit", pk=product.pk)
    return render(
        request,
        "catalog/self/product_form.html",
        {"vendor": request.vendor, "form": form, "product": None,
         "units": Product.UNIT_SUGGESTIONS},
    )  # fmt: skip


@member_required
def product_edit(request, pk):
    product = _own_product(request, pk)
    form = ProductForm(request.POST or None, request.FILES or None, instance=product)
    if request.method == "POST":
        remove = request.POST.get("remove_image")
        if remove:
            item = product.images.filter(pk=remove).first() if remove.isdigit() else None
            if item is None:
                raise Http404
            services.remove_product_image(item=item, user=request.user)
            messages.success(request, _("Foto dihapus."))
            return redirect("vendor_self:products:edit", pk=product.pk)
        if form.is_valid():
            try:
                with transaction.atomic():  # the change and the photo together, or neither
                    product = services.update_product(
                        product=product, user=request.user, **form.product_data()
                    )
                    _save_photo(request, form, product)
            except ValidationError as exc:
                _apply_form_errors(form, exc)
            else:
                messages.success(request, _("Perubahan disimpan."))
                return redirect("vendor_self:products:edit", pk=product.pk)
    return render(
        request,
        "catalog/self/product_form.html",
        {"vendor": request.vendor, "form": form, "product": product,
         "images": product.images.select_related("image"), "units": Product.UNIT_SUGGESTIONS,
         "link_reviews": request.vendor.link_reviews.filter(
             object_type="product", object_id=product.pk, status="pending")},
    )  # fmt: skip


@require_POST
@member_required
def product_archive(request, pk):
    product = _own_product(request, pk)
    services.archive_product(product=product, user=request.user)
    messages.success(request, _("Produk %(name)s diarsipkan.") % {"name": product.name})
    return redirect("vendor_self:products:list")


@member_required
def product_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            dataset = bulk.load_dataset(upload, upload.name)
        except bulk.FileError as exc:
            form.add_error("file", str(exc))
        else:
            dry_run = "confirm" not in request.POST
            try:
                result = services.import_products(
                    vendor=request.vendor, user=request.user, dataset=dataset, dry_run=dry_run
                )
            except ValidationError as exc:
                _apply_form_errors(form, exc)
            else:
                if result.saved:
                    messages.success(
                        request,
                        _("Impor selesai: %(c)s produk baru, %(u)s diperbarui.")
                        % {"c": result.created, "u": result.updated},
                    )
                    return redirect("vendor_self:products:list")
    return render(
        request,
        "catalog/self/product_import.html",
        {"vendor": request.vendor, "form": form, "result": result, "headers": bulk.HEADERS},
    )


@member_required
def product_export(request):
    fmt = request.GET.get("format", "csv")
    if fmt not in bulk.FORMATS:
        fmt = "csv"
    if request.GET.get("template"):
        products = []
    else:
        products = (
            Product.objects.filter(vendor=request.vendor)
            .exclude(status=Product.Status.ARCHIVED)
            .select_related("category")
            .order_by("name", "pk")
        )
    response = HttpResponse(bulk.export_bytes(products, fmt), content_type=bulk.FORMATS[fmt])
    name = "templat-produk" if request.GET.get("template") else f"produk-{request.vendor.slug}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
