"""The preference order for domestic products when comparing shortlist items.

Perpres 46/2025 Pasal 66 (as summarised in shared/DOMAIN.md): when some product reaches
TKDN + BMP >= 40%, buy among products with TKDN >= 25%; then TKDN > 25%... in short, higher local
content first, then other domestic products (PDN), imports last. Pure functions over items.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

TKDN_MIN = Decimal("25")
TKDN_BMP_MIN = Decimal("40")

TIERS = {
    1: _("TKDN ≥ 25% dan TKDN + BMP ≥ 40%: wajib diutamakan"),
    2: _("TKDN ≥ 25%"),
    3: _("TKDN di bawah 25%"),
    4: _("Produk dalam negeri (PDN) tanpa sertifikat TKDN"),
    5: _("Impor atau tidak diketahui"),
}

RULE_NOTES = [
    _(
        "Urutan preferensi produk dalam negeri (Perpres 46/2025 Pasal 66): bila ada produk "
        "dengan TKDN + BMP paling sedikit 40%, pilih di antara produk dengan TKDN paling sedikit "
        "25%."
    ),
    _("Bila tidak ada, utamakan produk dengan TKDN lebih tinggi, lalu produk dalam negeri (PDN)."),
    _("Produk impor hanya bila tidak ada produk dalam negeri yang sesuai."),
    _(
        "Paling sedikit 40% anggaran belanja barang/jasa OPD untuk usaha mikro, kecil dan "
        "koperasi (Perpres 12/2021 Pasal 65)."
    ),
    _("Ringkasan aturan ini untuk bantuan; rujuk teks peraturan untuk keputusan resmi."),
]


def tier(tkdn, tkdn_bmp, is_pdn: bool) -> int:
    """1 (most preferred) .. 5 (import/unknown) from TKDN, TKDN+BMP and the PDN flag."""
    tkdn = Decimal(str(tkdn)) if tkdn is not None else None
    tkdn_bmp = Decimal(str(tkdn_bmp)) if tkdn_bmp is not None else None
    if tkdn is not None and tkdn >= TKDN_MIN:
        if tkdn_bmp is not None and tkdn_bmp >= TKDN_BMP_MIN:
            return 1
        return 2
    if tkdn is not None and tkdn > 0:
        return 3
    if is_pdn:
        return 4
    return 5


def item_tier(item) -> int:
    return tier(item.snap_tkdn_percent, item.snap_tkdn_bmp_percent, item.snap_is_pdn)


def sort_key(item):
    """Preferred first; within a tier higher TKDN+BMP, higher TKDN, then the lower total."""
    bmp = item.snap_tkdn_bmp_percent if item.snap_tkdn_bmp_percent is not None else -1
    tkdn = item.snap_tkdn_percent if item.snap_tkdn_percent is not None else -1
    total = item.total_price if item.total_price is not None else 10**18
    return (item_tier(item), -Decimal(str(bmp)), -Decimal(str(tkdn)), total, item.position)


def by_preference(items) -> list:
    return sorted(items, key=sort_key)
