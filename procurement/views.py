"""Pages of the buying side under /belanja/: thin views over selectors and services."""

from __future__ import annotations

import csv
import io
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Product
from config.login_throttle import ThrottledAuthenticationForm
from config.spreadsheets import spreadsheet_text
from vendors.models import Vendor

from . import charts, exports, preference, selectors, services, stats
from .access import buyer_profile, can_see_opd_figures, can_set_budget, is_ukpbj
from .forms import (
    AddItemForm,
    BudgetForm,
    ItemUpdateForm,
    MilestoneForm,
    PurchaseForm,
    ShortlistForm,
)
from .models import OPD, Purchase, Shortlist, ShortlistExport

LOGIN_URL = reverse_lazy("procurement:login")


# --- Access helpers ------------------------------------------------------------------------


def buyer_required(view):
    """Logged in (else to the buyer login page, coming back here) and holding a buyer profile."""

    @login_required(login_url=LOGIN_URL)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if buyer_profile(request.user) is None:
            raise PermissionDenied(_("Halaman ini hanya untuk akun pembeli OPD."))
        return view(request, *args, **kwargs)

    return wrapper


def ukpbj_required(view):
    @login_required(login_url=LOGIN_URL)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_ukpbj(request.user):
            raise PermissionDenied(_("Halaman ini hanya untuk UKPBJ."))
        return view(request, *args, **kwargs)

    return wrapper


def _shortlist(request, pk) -> Shortlist:
    # Not found and not yours look the same: a 404 does not reveal other OPDs' shortlists.
    return get_object_or_404(selectors.shortlists_for(request.user), pk=pk)


def _item(shortlist, item_pk):
    return get_object_or_404(shortlist.items.select_related("product", "vendor"), pk=item_pk)


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return selectors.current_year()
    return year if 2020 <= year <= 2100 else selectors.current_year()


def _messages_from(error: ValidationError) -> list[str]:
    return error.messages


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- Login ---------------------------------------------------------------------------------


class BuyerLoginView(auth_views.LoginView):
    template_name = "procurement/login.html"
    form_class = ThrottledAuthenticationForm  # allauth's login throttle, as on /akun/login/
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("procurement:dashboard")


class BuyerLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("procurement:login")


# --- Dashboard -----------------------------------------------------------------------------


def _figures_context(figs: dict, prefix: str) -> dict:
    channel_labels = dict(Purchase.Channel.choices)
    total = figs["realised"]
    by_channel = [
        (channel_labels.get(code, _("Lainnya")), amount, _pct(amount, total))
        for code, amount in figs["by_channel"]
    ]
    by_category = [
        (name or _("Tanpa kategori"), amount, _pct(amount, total))
        for name, amount in figs["by_category"]
    ]
    shares = [
        (_("Penyedia Batang"), figs["batang_percent"]),
        (_("UMK dan koperasi"), figs["umk_percent"]),
        (_("TKDN ≥ 25%"), figs["tkdn25_percent"]),
    ]
    return {
        "figs": figs,
        "by_channel": by_channel,
        "by_category": by_category,
        "shares": shares,
        "absorption_svg": charts.absorption_chart(
            f"{prefix}-serapan",
            figs["quarters"],
            _("Serapan anggaran kumulatif per triwulan %(year)s") % {"year": figs["year"]},
        ),
        "shares_svg": charts.bar_chart(
            f"{prefix}-porsi", shares, _("Porsi nilai pembelian %(year)s") % {"year": figs["year"]}
        ),
        "channel_svg": charts.bar_chart(
            f"{prefix}-cara",
            [(label, pct) for label, _amount, pct in by_channel],
            _("Pembelian menurut cara pembelian"),
        ),
        "category_svg": charts.bar_chart(
            f"{prefix}-kategori",
            [(label, pct) for label, _amount, pct in by_category],
            _("Pembelian menurut kategori"),
        ),
    }


def _pct(part, whole):
    return stats.percent(part, whole)


@login_required(login_url=LOGIN_URL)
def dashboard(request):
    profile = buyer_profile(request.user)
    if profile is None:
        if is_ukpbj(request.user):
            return redirect("procurement:stats_all_opds")
        raise PermissionDenied(_("Halaman ini hanya untuk akun pembeli OPD."))
    year = _year(request)
    figs = selectors.opd_figures(profile.opd, year)
    context = {
        "profile": profile,
        "year": year,
        "shortlists": selectors.shortlists_for(request.user)[:5],
        "waiting": selectors.waiting_for_paperwork(selectors.purchases_for(request.user))[:5],
        "can_set_budget": can_set_budget(request.user, profile.opd),
        **_figures_context(figs, "opd"),
    }
    return render(request, "procurement/dashboard.html", context)


# --- Shortlists ----------------------------------------------------------------------------


@buyer_required
def shortlist_list(request):
    shortlists = selectors.shortlists_for(request.user)
    status = request.GET.get("status", "")
    if status in Shortlist.Status.values:
        shortlists = shortlists.filter(status=status)
    return render(
        request,
        "procurement/shortlist_list.html",
        {"shortlists": shortlists, "status": status, "statuses": Shortlist.Status.choices},
    )


@buyer_required
def shortlist_create(request):
    form = ShortlistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            shortlist = services.create_shortlist(user=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Daftar pendek dibuat."))
            return redirect(_safe_next(request, shortlist.get_absolute_url()))
    return render(
        request,
        "procurement/shortlist_form.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@buyer_required
def shortlist_edit(request, pk):
    shortlist = _shortlist(request, pk)
    if not shortlist.is_open:
        messages.error(request, _("Daftar pendek ini sudah dikunci dan tidak bisa diubah lagi."))
        return redirect(shortlist)
    form = ShortlistForm(request.POST or None, instance=Shortlist.objects.get(pk=shortlist.pk))
    current = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        expected = form.cleaned_data.get("version") or 0
        try:
            services.update_shortlist(shortlist=shortlist, expected_version=expected, **data)
        except services.StaleShortlistError as stale:
            current = stale.current
            # A separate instance: validating the form writes the user's input into it.
            form = ShortlistForm(
                {**request.POST.dict(), "version": current.version},
                instance=Shortlist.objects.get(pk=current.pk),
            )
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Daftar pendek ini baru saja diubah oleh pengguna lain. Isian Anda masih ada "
                    "di bawah; periksa nilai terbaru lalu simpan lagi."
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect(shortlist)
    return render(
        request,
        "procurement/shortlist_form.html",
        {"form": form, "shortlist": shortlist, "current": current},
    )


@buyer_required
def shortlist_detail(request, pk):
    shortlist = _shortlist(request, pk)
    items = list(selectors.items_of(shortlist))
    for item in items:
        item.changes = selectors.live_changes(item)
        item.outreach_sent = item.outreach_requests.exists() if not item.on_inaproc else False
    total = sum(item.total_price or 0 for item in items)
    query = request.GET.get("q", "").strip()
    candidates = []
    if shortlist.is_open and query:
        # A plain picker for buyers who start here; the catalogue search is the main way in.
        candidates = list(selectors.public_products().filter(name__icontains=query)[:20])
    return render(
        request,
        "procurement/shortlist_detail.html",
        {
            "shortlist": shortlist,
            "items": items,
            "total": total,
            "over_pagu": total > shortlist.pagu,
            "query": query,
            "candidates": candidates,
            "exports": shortlist.exports.select_related("exported_by")[:10],
            "purchases": shortlist.purchases.all(),
        },
    )


def _addable(request):
    """The product or vendor named by ?produk= / ?penyedia= (or the POST fields)."""
    source = request.POST if request.method == "POST" else request.GET
    product_id = source.get("product") or source.get("produk")
    vendor_id = source.get("vendor") or source.get("penyedia")
    product = vendor = None
    try:
        if product_id:
            product = selectors.public_products().get(pk=int(product_id))
        elif vendor_id:
            vendor = selectors.public_vendors().get(pk=int(vendor_id))
    except (ValueError, Product.DoesNotExist, Vendor.DoesNotExist) as exc:
        raise Http404(_("Produk atau penyedia tidak ditemukan.")) from exc
    if product is None and vendor is None:
        raise Http404(_("Pilih produk atau penyedia yang akan ditambahkan."))
    return product, vendor


@buyer_required
def add_item(request):
    """'Tambah ke daftar pendek' from product, vendor and search pages (and the picker)."""
    product, vendor = _addable(request)
    shortlists = selectors.open_shortlists_for(request.user)
    initial = {"product": product.pk if product else None, "vendor": vendor.pk if vendor else None}
    selected = request.GET.get("daftar")
    if selected:
        initial["shortlist"] = selected
    form = AddItemForm(request.POST or None, shortlists=shortlists, initial=initial)
    if request.method == "POST" and form.is_valid():
        shortlist = form.cleaned_data["shortlist"]
        try:
            item = services.add_item(
                shortlist=shortlist,
                user=request.user,
                product=product,
                vendor=vendor if product is None else None,
                quantity=form.cleaned_data["quantity"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for message in _messages_from(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(item)s ditambahkan ke daftar pendek “%(list)s”.")
                % {"item": str(item), "list": shortlist.title},
            )
            return redirect(_safe_next(request, shortlist.get_absolute_url()))
    return render(
        request,
        "procurement/add_item.html",
        {
            "form": form,
            "product": product,
            "vendor": vendor or (product.vendor if product else None),
            "has_shortlists": shortlists.exists(),
            "next": request.GET.get("next", ""),
        },
    )


def _item_action(view):
    @buyer_required
    @require_POST
    @wraps(view)
    def wrapper(request, pk, item_pk):
        shortlist = _shortlist(request, pk)
        item = _item(shortlist, item_pk)
        try:
            view(request, shortlist, item)
        except ValidationError as error:
            for message in _messages_from(error):
                messages.error(request, message)
        return redirect(f"{shortlist.get_absolute_url()}#butir-{item.pk}")

    return wrapper


@_item_action
def item_remove(request, shortlist, item):
    name = str(item)
    services.remove_item(item=item)
    messages.success(request, _("%(item)s dihapus dari daftar pendek.") % {"item": name})


@_item_action
def item_move(request, shortlist, item):
    services.move_item(item=item, direction=request.POST.get("direction", ""))


@_item_action
def item_update(request, shortlist, item):
    form = ItemUpdateForm(request.POST)
    if not form.is_valid():
        raise ValidationError([m for errors in form.errors.values() for m in errors])
    services.update_item(item=item, **form.cleaned_data)
    messages.success(request, _("Butir diperbarui."))


@_item_action
def item_outreach(request, shortlist, item):
    _request, created = services.request_outreach(item=item, user=request.user)
    if created:
        messages.success(
            request,
            _("%(vendor)s dikirim ke daftar pendampingan UKPBJ agar masuk INAPROC.")
            % {"vendor": item.snap_vendor_name},
        )
    else:
        messages.info(request, _("Penyedia ini sudah ada di daftar pendampingan UKPBJ."))


@buyer_required
def compare(request, pk):
    shortlist = _shortlist(request, pk)
    items = list(selectors.items_of(shortlist))
    by_preference = request.GET.get("urut") == "preferensi"
    if by_preference:
        items = preference.by_preference(items)
    for item in items:
        item.tier = preference.item_tier(item)
        item.tier_label = preference.TIERS[item.tier]
        item.changes = selectors.live_changes(item)
    return render(
        request,
        "procurement/compare.html",
        {
            "shortlist": shortlist,
            "items": items,
            "by_preference": by_preference,
            "tiers": preference.TIERS,
            "rule_notes": preference.RULE_NOTES,
        },
    )


@buyer_required
@require_POST
def lock(request, pk):
    shortlist = _shortlist(request, pk)
    try:
        services.lock_shortlist(shortlist=shortlist)
    except ValidationError as error:
        for message in _messages_from(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("Daftar pendek dikunci. Sekarang bisa diunduh untuk berkas pengadaan.")
        )
    return redirect(shortlist)


def _export_guard(request, shortlist, fmt):
    try:
        services.record_export(shortlist=shortlist, user=request.user, format=fmt)
    except ValidationError as error:
        for message in _messages_from(error):
            messages.error(request, message)
        return redirect(shortlist)
    return None


def _filename(shortlist, ext):
    stamp = timezone.localdate().isoformat()
    return f"daftar-pendek-{shortlist.pk}-{stamp}.{ext}"


@buyer_required
def export_xlsx(request, pk):
    shortlist = _shortlist(request, pk)
    refused = _export_guard(request, shortlist, ShortlistExport.Format.XLSX)
    if refused:
        return refused
    data = exports.to_xlsx(shortlist, selectors.items_of(shortlist), request.user)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(shortlist, "xlsx")}"'
    return response


@buyer_required
def export_csv(request, pk):
    shortlist = _shortlist(request, pk)
    refused = _export_guard(request, shortlist, ShortlistExport.Format.CSV)
    if refused:
        return refused
    # A BOM so spreadsheet programs read the Indonesian text as UTF-8.
    response = HttpResponse(
        "\ufeff" + exports.to_csv(selectors.items_of(shortlist)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(shortlist, "csv")}"'
    return response


@buyer_required
def print_view(request, pk):
    shortlist = _shortlist(request, pk)
    refused = _export_guard(request, shortlist, ShortlistExport.Format.PRINT)
    if refused:
        return refused
    items = list(selectors.items_of(shortlist))
    for item in items:
        item.tier_label = preference.TIERS[preference.item_tier(item)]
    return render(
        request,
        "procurement/print.html",
        {
            "shortlist": shortlist,
            "items": items,
            "total": sum(item.total_price or 0 for item in items),
            "rule_notes": preference.RULE_NOTES,
            "printed_at": timezone.localtime(),
            "printed_by": request.user,
        },
    )


# --- Purchases -----------------------------------------------------------------------------


def _vendors_of(items) -> list[Vendor]:
    seen, vendors = set(), []
    for item in items:
        vendor = item.vendor or (item.product.vendor if item.product else None)
        if vendor is not None and vendor.pk not in seen:
            seen.add(vendor.pk)
            vendors.append(vendor)
    return vendors


def _record(request, *, shortlist=None, item=None, product=None, vendor_choices=None):
    form = PurchaseForm(request.POST or None, vendor_choices=vendor_choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            purchase = services.record_purchase(
                user=request.user,
                outcome=data["outcome"],
                shortlist=shortlist,
                item=item,
                product=product,
                vendor=form.chosen_vendor(),
                vendor_name=data["vendor_name"],
                amount=data["amount"],
                purchased_at=form.purchased_at(),
                channel=data["channel"],
                order_reference=data["order_reference"],
                reason=data["reason"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    target = {"purchased_at": "purchased_on"}.get(field, field)
                    form.add_error(target if target in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Hasil pengadaan dicatat."))
            return redirect(purchase)
    return render(
        request,
        "procurement/purchase_form.html",
        {"form": form, "shortlist": shortlist, "item": item, "product": product},
    )


@buyer_required
def record_shortlist_outcome(request, pk):
    shortlist = _shortlist(request, pk)
    items = list(selectors.items_of(shortlist))
    return _record(request, shortlist=shortlist, vendor_choices=_vendors_of(items))


@buyer_required
def record_item_outcome(request, pk, item_pk):
    shortlist = _shortlist(request, pk)
    item = _item(shortlist, item_pk)
    return _record(request, item=item)


@buyer_required
def record_product_purchase(request):
    product, _vendor = _addable(request)
    if product is None:
        raise Http404(_("Pilih produk yang dibeli."))
    return _record(request, product=product)


@buyer_required
def purchase_list(request):
    purchases = selectors.purchases_for(request.user)
    return render(request, "procurement/purchase_list.html", {"purchases": purchases[:200]})


@buyer_required
def purchase_detail(request, pk):
    purchase = get_object_or_404(selectors.purchases_for(request.user), pk=pk)
    form = MilestoneForm(request.POST or None, instance=purchase) if purchase.is_bought else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_milestones(
                    purchase=get_object_or_404(Purchase, pk=purchase.pk), **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Tahapan pembayaran disimpan."))
                return redirect(purchase)
    return render(
        request,
        "procurement/purchase_detail.html",
        {"purchase": purchase, "form": form, "days_waiting": selectors.days_waiting(purchase)},
    )


@buyer_required
def waiting_list(request):
    purchases = list(selectors.waiting_for_paperwork(selectors.purchases_for(request.user)))
    today = timezone.localdate()
    for purchase in purchases:
        purchase.days = selectors.days_waiting(purchase, today)
    return render(request, "procurement/waiting.html", {"purchases": purchases})


# --- Budget --------------------------------------------------------------------------------


@login_required(login_url=LOGIN_URL)
def budget(request):
    profile = buyer_profile(request.user)
    ukpbj = is_ukpbj(request.user)
    if not ukpbj and (profile is None or not can_set_budget(request.user, profile.opd)):
        raise PermissionDenied(_("Pagu OPD diisi oleh Kepala OPD atau UKPBJ."))
    initial = {"year": selectors.current_year()}
    if profile is not None:
        initial["opd"] = profile.opd
    form = BudgetForm(request.POST or None, initial=initial)
    if not ukpbj:
        form.fields["opd"].queryset = OPD.objects.filter(pk=profile.opd_id)
    if request.method == "POST" and form.is_valid():
        opd = form.cleaned_data["opd"]
        if not can_set_budget(request.user, opd):
            raise PermissionDenied
        services.set_budget(
            opd=opd,
            year=form.cleaned_data["year"],
            pagu_goods_services=form.cleaned_data["pagu_goods_services"],
            user=request.user,
        )
        messages.success(request, _("Pagu %(opd)s disimpan.") % {"opd": opd})
        return redirect("procurement:dashboard" if profile else "procurement:stats_all_opds")
    return render(request, "procurement/budget_form.html", {"form": form})


# --- Figures -------------------------------------------------------------------------------


def stats_regency(request):
    """Public: the whole regency's figures (no OPD names)."""
    year = _year(request)
    figs = selectors.regency_figures(year)
    return render(
        request,
        "procurement/stats_regency.html",
        {"year": year, **_figures_context(figs, "kabupaten")},
    )


@login_required(login_url=LOGIN_URL)
def stats_opd(request, slug):
    opd = get_object_or_404(OPD, slug=slug)
    if not can_see_opd_figures(request.user, opd):
        raise PermissionDenied(_("Angka OPD ini hanya untuk OPD tersebut dan UKPBJ."))
    year = _year(request)
    figs = selectors.opd_figures(opd, year)
    return render(
        request,
        "procurement/stats_opd.html",
        {"year": year, "opd": opd, **_figures_context(figs, "opd")},
    )


def all_opds_table(year: int) -> tuple[list[str], list[list]]:
    header = [
        _("OPD"),
        _("Pagu (Rp)"),
        _("Realisasi (Rp)"),
        _("Serapan (%)"),
        _("T1 (%)"),
        _("T2 (%)"),
        _("T3 (%)"),
        _("T4 (%)"),
        _("Penyedia Batang (%)"),
        _("UMK + koperasi (%)"),
        _("TKDN ≥ 25% (%)"),
        _("Menunggu berkas"),
    ]
    rows = []
    for figs in selectors.all_opd_figures(year):
        rows.append(
            [
                figs["opd"].name,
                figs["pagu"],
                figs["realised"],
                figs["absorption_percent"],
                *[q["percent"] for q in figs["quarters"]],
                figs["batang_percent"],
                figs["umk_percent"],
                figs["tkdn25_percent"],
                figs["waiting_count"],
            ]
        )
    return header, rows


@ukpbj_required
def stats_all_opds(request):
    year = _year(request)
    header, rows = all_opds_table(year)
    if request.GET.get("format") == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if value is None else spreadsheet_text(value) for value in row])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="serapan-opd-{year}.csv"'
        return response
    return render(
        request,
        "procurement/stats_all_opds.html",
        {
            "year": year,
            "header": header,
            "rows": rows,
            "targets": [15, 45, 70, 100],
            "outreach": selectors.open_outreach_requests()[:50],
        },
    )
