"""Deterministic demo vendors and products, inserted with bulk_create.

Same seed, same data: every random choice comes from one random.Random(seed), and reference rows
(kecamatan, desa, categories) are read in a fixed order (code, name, path), never by primary key.
Rows are built in Python without full_clean, but every value is one full_clean accepts
(tests/vendors/test_seed_demo.py checks a sample).
"""

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from catalog.models import Category, Product
from vendors.models import Desa, Kecamatan, Vendor

from . import names
from .accounts import attach_vendor_owner, ensure_demo_users, ensure_opds
from .products import TEMPLATES, T, fallback_templates

# Every demo NIB starts with these digits, so `seed_demo --reset` can find (and delete) demo
# vendors without touching real ones.
DEMO_NIB_PREFIX = "99"
DEMO_EMAIL_DOMAIN = "contoh.test"  # .test never delivers mail (RFC 2606)

LEGAL_FORMS = [
    (Vendor.LegalForm.PERORANGAN, 40),
    (Vendor.LegalForm.UD, 25),
    (Vendor.LegalForm.CV, 20),
    (Vendor.LegalForm.PT, 5),
    (Vendor.LegalForm.KOPERASI, 10),
]
SCALES = {  # by legal form: (mikro, kecil, menengah, besar)
    Vendor.LegalForm.PERORANGAN: (85, 15, 0, 0),
    Vendor.LegalForm.UD: (65, 30, 5, 0),
    Vendor.LegalForm.CV: (35, 50, 15, 0),
    Vendor.LegalForm.PT: (0, 40, 45, 15),
    Vendor.LegalForm.KOPERASI: (40, 50, 10, 0),
}
SCALE_ORDER = [Vendor.Scale.MIKRO, Vendor.Scale.KECIL, Vendor.Scale.MENENGAH, Vendor.Scale.BESAR]
VENDOR_STATUSES = [
    (Vendor.Status.VERIFIED, 78),
    (Vendor.Status.SUBMITTED, 7),
    (Vendor.Status.DRAFT, 7),
    (Vendor.Status.REJECTED, 4),
    (Vendor.Status.SUSPENDED, 4),
]
PRODUCT_STATUSES = [
    (Product.Status.PUBLISHED, 88),
    (Product.Status.DRAFT, 8),
    (Product.Status.ARCHIVED, 4),
]
REJECT_REASONS = [
    "NIB tidak sesuai dengan nama usaha di OSS.",
    "Dokumen NPWP belum diunggah.",
    "KBLI tidak sesuai dengan produk yang ditawarkan.",
    "Foto dokumen NIB tidak terbaca, mohon unggah ulang.",
]
SUSPEND_REASONS = [
    "Sertifikat TKDN dicabut, menunggu pembaruan data.",
    "Tidak menanggapi pesanan OPD selama tiga bulan.",
    "Sedang ditinjau karena keluhan pembeli.",
]
VENDOR_EXTRAS = [
    "Melayani kebutuhan OPD, sekolah, puskesmas dan pemerintah desa.",
    "Siap kirim ke seluruh kecamatan di Kabupaten Batang.",
    "Menerima pesanan partai besar dengan harga khusus.",
    "Sudah berpengalaman melayani pengadaan pemerintah.",
    "Pembayaran bisa transfer bank setelah barang diterima.",
    "Buka Senin sampai Sabtu, pukul 08.00 sampai 17.00.",
]
OPENERS_GOODS = [
    "Jual {name}, {adj}.",
    "Menyediakan {name} untuk kebutuhan kantor, sekolah dan instansi.",
    "{name} {adj}.",
    "Tersedia {name}, {adj}.",
    "Ready {name}, {adj}.",
]
OPENERS_SERVICE = [
    "Melayani {name} untuk kantor dan instansi.",
    "Jasa {lname}, {adj}.",
    "{name}, dikerjakan {adj}.",
    "Terima pesanan {lname} di seluruh Kabupaten Batang.",
]
ADJ_GOODS = [
    "kualitas bagus", "harga bersaing", "stok selalu ada", "barang baru dan original",
    "harga grosir", "bisa nego untuk pembelian banyak", "kualitas terjamin",
]  # fmt: skip
ADJ_SERVICE = [
    "cepat dan rapi", "oleh tenaga berpengalaman", "bergaransi", "tepat waktu",
    "dengan harga jujur", "profesional",
]  # fmt: skip
DELIVERY = [
    "Gratis antar untuk wilayah Kecamatan {kec}.",
    "Bisa kirim ke seluruh kecamatan di Kabupaten Batang, termasuk {kec2} dan {kec3}.",
    "Lokasi kami di {desa}, Kecamatan {kec}; bisa diambil langsung.",
    "Pengiriman ke {kec2} sekitar {lead} hari kerja.",
    "Ongkos kirim ke {kec2} dan {kec3} menyesuaikan jumlah pesanan.",
]
PROCUREMENT_NOTES = [
    "Melayani pengadaan OPD, sekolah dan pemerintah desa.",
    "Nota dan kuitansi tersedia untuk SPJ.",
    "Pembayaran setelah barang diterima dan BAST ditandatangani.",
    "Harga bisa berubah mengikuti harga pasar.",
    "Silakan hubungi kami untuk penawaran harga resmi.",
]
NAME_SUFFIXES = [" Ready Stock", " Grosir", " Murah", " Termurah Batang"]
MOBILE_PREFIXES = ["812", "813", "821", "822", "852", "853", "857", "877", "878", "895", "896"]


@dataclass
class SeedResult:
    vendors: int = 0
    products: int = 0
    opds: int = 0
    seconds: float = 0.0
    showcase_vendor: Vendor | None = None
    timings: dict = field(default_factory=dict)


def demo_vendors():
    """Demo vendors are recognised by their NIB prefix."""
    return Vendor.objects.filter(nib__startswith=DEMO_NIB_PREFIX)


@transaction.atomic
def delete_demo_data() -> tuple[int, int]:
    """Delete demo vendors and their products. Returns (vendors, products) deleted."""
    products = Product.objects.filter(vendor__nib__startswith=DEMO_NIB_PREFIX)
    n_products = products.count()
    products.delete()
    vendors = demo_vendors()
    n_vendors = vendors.count()
    vendors.delete()
    return n_vendors, n_products


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _round_to(value: float, step: int) -> int:
    return max(step, int(round(value / step)) * step)


class DemoGenerator:
    """Builds unsaved Vendor and Product instances from one random stream."""

    def __init__(self, seed: int, *, now=None, verified_by_id=None):
        self.rng = random.Random(seed)
        self.now = now or timezone.now()
        self.verified_by_id = verified_by_id
        self.kecamatan = list(Kecamatan.objects.order_by("code"))
        if not self.kecamatan:
            raise RuntimeError("Tabel kecamatan kosong: jalankan migrate terlebih dahulu.")
        desa_by_kec: dict[int, list[Desa]] = {k.pk: [] for k in self.kecamatan}
        for desa in Desa.objects.order_by("kecamatan__code", "name"):
            desa_by_kec[desa.kecamatan_id].append(desa)
        self.desa_by_kec = desa_by_kec
        # Kec. Batang is the town: more shops there.
        self.kec_weights = [
            max(k.desa_count, 1) * (2.5 if k.name == "Batang" else 1) for k in self.kecamatan
        ]
        categories = list(Category.objects.order_by("path"))
        parents = {c.parent_id for c in categories if c.parent_id}
        self.leaves = [c for c in categories if c.pk not in parents]
        if not self.leaves:
            raise RuntimeError("Belum ada kategori: jalankan migrate terlebih dahulu.")
        by_pk = {c.pk: c for c in categories}
        self.leaf_by_slug = {c.slug: c for c in self.leaves}
        self.leaves_by_root: dict[str, list[Category]] = {}
        self.kbli_by_leaf: dict[int, list[str]] = {}
        self.keywords_by_leaf: dict[int, list[str]] = {}
        for leaf in self.leaves:
            root = leaf.path.split("/", 1)[0]
            self.leaves_by_root.setdefault(root, []).append(leaf)
            hints, node = [], leaf
            while node is not None and not hints:
                hints = [str(h) for h in (node.kbli_hints or [])]
                node = by_pk.get(node.parent_id)
            self.kbli_by_leaf[leaf.pk] = hints
            self.keywords_by_leaf[leaf.pk] = [
                k.strip() for k in (leaf.keywords or "").split(",") if k.strip()
            ]
        self.roots = sorted(self.leaves_by_root)
        self.root_weights = [names.ROOT_WEIGHTS.get(r, 3) for r in self.roots]
        self.templates = {
            leaf.pk: TEMPLATES.get(leaf.slug) or fallback_templates(leaf.name)
            for leaf in self.leaves
        }
        self.used_slugs = set(Vendor.objects.values_list("slug", flat=True))
        self.used_nibs = set(demo_vendors().values_list("nib", flat=True))
        self._product_slugs: dict[str, str] = {}

    # Vendors ------------------------------------------------------------------------------
    def _core_name(self) -> str:
        rng = self.rng
        first = rng.choice(names.NAME_FIRST)
        second = rng.choice(names.NAME_SECOND)
        while second == first:
            second = rng.choice(names.NAME_SECOND)
        return f"{first} {second}"

    def _fill(self, pattern: str, desa: Desa) -> str:
        rng = self.rng
        return pattern.format(
            X=self._core_name(),
            W=rng.choice(names.WOMEN),
            M=rng.choice(names.MEN),
            D=desa.name if desa else "Batang",
        )

    def _unique_slug(self, name: str) -> str:
        base = slugify(name)[:200].strip("-") or "penyedia"
        slug, n = base, 1
        while slug in self.used_slugs:
            n += 1
            slug = f"{base}-{n}"
        self.used_slugs.add(slug)
        return slug

    def _nib(self) -> str:
        while True:
            nib = DEMO_NIB_PREFIX + f"{self.rng.randrange(10**11):011d}"
            if nib not in self.used_nibs:
                self.used_nibs.add(nib)
                return nib

    def _npwp(self, legal_form: str, kec_index: int) -> str:
        rng = self.rng
        if legal_form in (Vendor.LegalForm.PERORANGAN, Vendor.LegalForm.UD):
            # Individuals use their NIK: 33 25 <kecamatan> <birth date, +40 for women> <serial>.
            day = rng.randint(1, 28) + (40 if rng.random() < 0.45 else 0)
            return (
                f"3325{kec_index:02d}{day:02d}{rng.randint(1, 12):02d}"
                f"{rng.randint(55, 99):02d}{rng.randint(1, 999):04d}"
            )
        # Entities: an old 15-digit NPWP with the leading 0 of the 16-digit form.
        serial = f"{rng.randint(1, 3)}{rng.randint(0, 999999):06d}{rng.randint(0, 9)}"
        return f"00{serial}5{rng.randint(0, 99):02d}000"

    def _phone_mobile(self) -> str:
        return f"+62{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10**8):08d}"

    def _address(self, kec: Kecamatan, desa: Desa | None) -> str:
        rng = self.rng
        if desa is None or desa.kind == Desa.Kind.KELURAHAN or rng.random() < 0.3:
            street = rng.choice(names.TOWN_STREETS + [f"Jl. Raya {kec.name}"])
            return f"{street} No. {rng.randint(1, 150)}"
        if rng.random() < 0.5:
            return f"Jl. Raya {desa.name} No. {rng.randint(1, 90)}"
        return (
            f"Dk. {rng.choice(names.DUKUH)} RT {rng.randint(1, 8):02d}/RW {rng.randint(1, 6):02d}"
        )

    def vendor(self) -> tuple[Vendor, list[Category], str]:
        """One unsaved vendor, the leaf categories it sells in, and its root category."""
        rng = self.rng
        kec_index = rng.choices(range(len(self.kecamatan)), weights=self.kec_weights)[0]
        kec = self.kecamatan[kec_index]
        desa_list = self.desa_by_kec.get(kec.pk) or []
        desa = rng.choice(desa_list) if desa_list else None
        legal_form = _weighted(rng, LEGAL_FORMS)

        if legal_form == Vendor.LegalForm.KOPERASI:
            pattern, root = rng.choice(names.KOPERASI_TYPES)
            if root not in self.leaves_by_root:
                root = rng.choices(self.roots, weights=self.root_weights)[0]
            leaf_slugs = [leaf.slug for leaf in self.leaves_by_root[root]]
        else:
            root = rng.choices(self.roots, weights=self.root_weights)[0]
            pattern, leaf_slugs = rng.choice(
                names.BUSINESS_TYPES.get(root)
                or [("Toko {X}", [leaf.slug for leaf in self.leaves_by_root[root]])]
            )
        leaves = [self.leaf_by_slug[s] for s in leaf_slugs if s in self.leaf_by_slug]
        leaves = leaves or self.leaves_by_root[root]
        chosen = [leaves[0]] + rng.sample(leaves[1:], k=rng.randint(0, len(leaves) - 1))
        if rng.random() < 0.12:  # a side line from another trade (ATK shop that also prints)
            extra = rng.choice(self.leaves)
            if extra not in chosen:
                chosen.append(extra)

        name = self._fill(pattern, desa)
        if "{D}" not in pattern:
            r = rng.random()
            if r < 0.28:
                name = f"{name} {kec.name}"
            elif r < 0.36 and desa is not None:
                name = f"{name} {desa.name}"
        if legal_form in (Vendor.LegalForm.UD, Vendor.LegalForm.CV, Vendor.LegalForm.PT):
            name = name.removeprefix("Toko ")  # "UD Sumber Rejeki", not "UD Toko Sumber Rejeki"
            name = f"{Vendor.LegalForm(legal_form).label} {name}"
        slug = self._unique_slug(name)

        scale = rng.choices(SCALE_ORDER, weights=SCALES[legal_form])[0]
        if legal_form == Vendor.LegalForm.PT or scale in (
            Vendor.Scale.MENENGAH,
            Vendor.Scale.BESAR,
        ):
            pkp = Vendor.PKPStatus.PKP if rng.random() < 0.85 else Vendor.PKPStatus.NON_PKP
        elif scale == Vendor.Scale.KECIL:
            pkp = _weighted(
                rng,
                [
                    (Vendor.PKPStatus.PKP, 35),
                    (Vendor.PKPStatus.NON_PKP, 55),
                    (Vendor.PKPStatus.UNKNOWN, 10),
                ],
            )
        else:
            pkp = _weighted(
                rng,
                [
                    (Vendor.PKPStatus.PKP, 5),
                    (Vendor.PKPStatus.NON_PKP, 80),
                    (Vendor.PKPStatus.UNKNOWN, 15),
                ],
            )

        kbli = []
        for leaf in chosen:
            for code in self.kbli_by_leaf[leaf.pk]:
                if code not in kbli:
                    kbli.append(code)

        mobile = self._phone_mobile()
        # 0285 is the Batang/Pekalongan area code; local numbers there have 7 digits.
        phone = mobile if rng.random() < 0.7 else f"+62285{rng.randint(3910000, 4499999)}"
        whatsapp = mobile if rng.random() < 0.85 else ""
        email = ""
        if rng.random() < 0.75:
            local = ""
            for word in slug.split("-"):
                if word in ("ud", "cv", "pt", "toko") and not local:
                    continue
                if len(local) + len(word) > 20:
                    break
                local += word
            local = local or slug.replace("-", "")[:20] or "info"
            email = f"{local}@{DEMO_EMAIL_DOMAIN}"

        r = rng.random()
        inaproc_url = f"https://katalog.inaproc.id/penyedia/{slug}" if r < 0.27 else ""
        toko_daring_url = (
            f"{rng.choice(names.TOKO_DARING_HOSTS)}/{slug}" if 0.20 <= r < 0.35 else ""
        )

        about = names.ROOT_DESCRIPTIONS.get(root, "usaha lokal")
        place = f"{desa.name}, Kecamatan {kec.name}" if desa else f"Kecamatan {kec.name}"
        if legal_form == Vendor.LegalForm.KOPERASI:
            lead = f"Koperasi pelaku usaha di {place}, bergerak sebagai {about}"
        else:
            lead = f"{about[0].upper()}{about[1:]} di {place}"
        extras = rng.sample(VENDOR_EXTRAS, k=rng.randint(1, 3))
        description = " ".join([f"{lead}, {rng.choice(names.YEARS_ACTIVE)}.", *extras])

        status = _weighted(rng, VENDOR_STATUSES)
        submitted_at = verified_at = None
        status_reason = ""
        if status != Vendor.Status.DRAFT:
            submitted_at = self.now - timedelta(
                days=rng.randint(20, 900), seconds=rng.randint(0, 86399)
            )
        if status in (Vendor.Status.VERIFIED, Vendor.Status.SUSPENDED):
            verified_at = min(
                submitted_at + timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 8)),
                self.now,
            )
        if status == Vendor.Status.REJECTED:
            status_reason = rng.choice(REJECT_REASONS)
        elif status == Vendor.Status.SUSPENDED:
            status_reason = rng.choice(SUSPEND_REASONS)

        vendor = Vendor(
            name=name,
            slug=slug,
            legal_form=legal_form,
            nib=self._nib(),
            npwp="" if rng.random() < 0.04 else self._npwp(legal_form, kec_index + 1),
            kbli_codes=kbli,
            scale=scale,
            is_koperasi=legal_form == Vendor.LegalForm.KOPERASI,
            pkp_status=pkp,
            address=self._address(kec, desa),
            kecamatan=kec,
            desa=desa,
            phone=phone,
            phone_public=rng.random() < 0.6,
            whatsapp=whatsapp,
            whatsapp_public=bool(whatsapp) and rng.random() < 0.7,
            email=email,
            email_public=rng.random() < 0.8,
            description=description,
            inaproc_url=inaproc_url,
            toko_daring_url=toko_daring_url,
            status=status,
            status_reason=status_reason,
            submitted_at=submitted_at,
            verified_at=verified_at,
            verified_by_id=self.verified_by_id if verified_at else None,
        )
        return vendor, chosen, root

    def make_showcase(self, vendor: Vendor) -> None:
        """The vendor the demo `penyedia` user owns: verified, so every screen has data."""
        vendor.status = Vendor.Status.VERIFIED
        vendor.status_reason = ""
        vendor.submitted_at = vendor.submitted_at or self.now - timedelta(days=120)
        vendor.verified_at = min(vendor.submitted_at + timedelta(days=3), self.now)
        vendor.verified_by_id = self.verified_by_id

    # Products -----------------------------------------------------------------------------
    def _product_slug(self, name: str) -> str:
        slug = self._product_slugs.get(name)
        if slug is None:
            slug = slugify(name)[:200].strip("-") or "produk"
            self._product_slugs[name] = slug
        return slug

    def product(self, vendor: Vendor, leaves: list[Category]) -> Product:
        rng = self.rng
        leaf = leaves[0] if len(leaves) == 1 or rng.random() < 0.45 else rng.choice(leaves)
        t: T = rng.choice(self.templates[leaf.pk])
        texts, factor = {}, 1.0
        for key, options in t.variants.items():
            option = rng.choice(options)
            if isinstance(option, tuple):
                texts[key], f = option
                factor *= f
            else:
                texts[key] = option
        name = t.name.format(**texts)
        brand = ""
        if t.brand_from:
            brand = " ".join(texts[t.brand_from].split()[: t.brand_words])
        elif t.brands:
            brand = rng.choice(t.brands)
            if brand:
                name = f"{name} {brand}"
        if t.kind == Product.Kind.GOODS and rng.random() < 0.06:
            name += rng.choice(NAME_SUFFIXES)
        price = _round_to(rng.randint(t.low, t.high) * factor, t.step)

        min_order = rng.randint(*t.min_order)
        if min_order >= 100:
            min_order = min_order // 50 * 50
        elif min_order >= 10:
            min_order = min_order // 5 * 5
        lead = rng.randint(*t.lead)
        capacity = ""
        if t.capacity:
            low, high = t.capacity_range
            capacity = t.capacity.format(n=_round_to(rng.randint(low, high), 50))

        tkdn = bmp = None
        certificate = ""
        if rng.random() < t.tkdn:
            tkdn = Decimal(rng.randint(2500, 8500)) / 100
            bmp = min(tkdn + Decimal(rng.randint(0, 1500)) / 100, Decimal("100.00"))
            certificate = (
                f"{rng.randint(100, 9999)}/SJ-IND.8/TKDN/{self.now.year - rng.randint(0, 3)}"
            )
            is_pdn = True
        else:
            is_pdn = rng.random() < t.pdn
        has_sni = rng.random() < t.sni
        is_halal = rng.random() < t.halal

        status = _weighted(rng, PRODUCT_STATUSES)
        slug = self._product_slug(name)
        ekatalog_url = toko_daring_url = ""
        if status == Product.Status.PUBLISHED:
            if vendor.inaproc_url and rng.random() < 0.6:
                ekatalog_url = (
                    f"https://katalog.inaproc.id/produk/{slug}-{rng.randrange(10**6, 10**7)}"
                )
            if vendor.toko_daring_url and rng.random() < 0.5:
                toko_daring_url = f"{vendor.toko_daring_url}/{slug}"

        # Description: opener + item details + delivery (with kecamatan names) + notes.
        kec = vendor.kecamatan
        kec2, kec3 = rng.sample(self.kecamatan, 2)
        if t.kind == Product.Kind.SERVICE:
            opener = rng.choice(OPENERS_SERVICE).format(
                name=name, lname=name[0].lower() + name[1:], adj=rng.choice(ADJ_SERVICE)
            )
        else:
            opener = rng.choice(OPENERS_GOODS).format(name=name, adj=rng.choice(ADJ_GOODS))
        parts = [opener[0].upper() + opener[1:]]
        if t.details:
            parts.extend(rng.sample(t.details, k=rng.randint(1, min(2, len(t.details)))))
        parts.append(
            rng.choice(DELIVERY).format(
                kec=kec.name,
                kec2=kec2.name,
                kec3=kec3.name,
                desa=vendor.desa.name if vendor.desa else kec.name,
                lead=lead,
            )
        )
        if rng.random() < 0.6:
            parts.append(rng.choice(PROCUREMENT_NOTES))
        if vendor.pkp_status == Vendor.PKPStatus.PKP and rng.random() < 0.5:
            parts.append("Harga sudah termasuk PPN, faktur pajak tersedia.")
        if min_order > 1:
            parts.append(f"Minimal pemesanan {min_order} {t.unit}.")
        if capacity:
            parts.append(f"Kapasitas {capacity}.")
        if is_halal:
            parts.append("Bersertifikat halal.")

        keywords = self.keywords_by_leaf[leaf.pk]
        picked = rng.sample(keywords, k=min(len(keywords), rng.randint(1, 3))) if keywords else []
        if brand:
            picked.append(brand.lower())

        return Product(
            vendor=vendor,
            category=leaf,
            kind=t.kind,
            name=name,
            slug=slug,
            description=" ".join(parts),
            keywords=", ".join(picked)[:255],
            brand=brand,
            unit=t.unit,
            price=price,
            price_valid_until=date(self.now.year, 12, 31) if rng.random() < 0.4 else None,
            min_order=min_order,
            lead_time_days=lead,
            capacity=capacity,
            tkdn_percent=tkdn,
            tkdn_bmp_percent=bmp,
            tkdn_certificate_number=certificate,
            is_pdn=is_pdn,
            has_sni=has_sni,
            is_halal=is_halal,
            ekatalog_url=ekatalog_url,
            toko_daring_url=toko_daring_url,
            status=status,
        )

    def product_counts(self, vendors: list[Vendor], total: int) -> list[int]:
        """How many products each vendor gets: skewed (a few big shops, many small ones)."""
        if not vendors or total <= 0:
            return [0] * len(vendors)
        weights = []
        for v in vendors:
            w = min(self.rng.paretovariate(1.2), 25.0)
            if v.status in (Vendor.Status.DRAFT, Vendor.Status.REJECTED):
                w *= 0.3
            weights.append(w)
        weights[0] = max(weights)  # the showcase vendor has a full catalogue
        picks = Counter(self.rng.choices(range(len(vendors)), weights=weights, k=total))
        return [picks.get(i, 0) for i in range(len(vendors))]


def seed_demo_data(
    *, vendors: int, products: int, seed: int, batch_size: int = 2000, log=None
) -> SeedResult:
    """Create OPDs, demo users and `vendors` vendors with `products` products in total.

    Runs in one transaction: it all appears, or nothing does.
    """
    log = log or (lambda msg: None)
    started = time.perf_counter()
    result = SeedResult()
    with transaction.atomic():
        opds = ensure_opds()
        result.opds = len(opds)
        users = ensure_demo_users(opds=opds)
        log(f"OPD: {len(opds)}, pengguna demo: {len(users)}")
        result.timings["setup"] = time.perf_counter() - started

        gen = DemoGenerator(seed, verified_by_id=users["ukpbj"].pk)
        t0 = time.perf_counter()
        built = [gen.vendor() for _ in range(vendors)]
        vendor_rows = [v for v, _leaves, _root in built]
        if vendor_rows:
            gen.make_showcase(vendor_rows[0])
        for start in range(0, len(vendor_rows), batch_size):
            Vendor.objects.bulk_create(vendor_rows[start : start + batch_size])
            log(f"Penyedia: {min(start + batch_size, len(vendor_rows))}/{len(vendor_rows)}")
        if vendor_rows and vendor_rows[0].pk is None:  # backends that return no ids
            ids = dict(demo_vendors().values_list("nib", "pk"))
            for v in vendor_rows:
                v.pk = ids[v.nib]
        result.vendors = len(vendor_rows)
        result.timings["vendors"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        counts = gen.product_counts(vendor_rows, products)
        batch: list[Product] = []
        done = 0
        every = max(batch_size, products // 10)
        for (vendor, leaves, _root), n in zip(built, counts, strict=True):
            for _ in range(n):
                batch.append(gen.product(vendor, leaves))
                if len(batch) >= batch_size:
                    Product.objects.bulk_create(batch)
                    done += len(batch)
                    batch = []
                    if done % every < batch_size:
                        log(f"Produk: {done}/{products}")
        if batch or not done:
            Product.objects.bulk_create(batch)
            done += len(batch)
            log(f"Produk: {done}/{products}")
        result.products = done
        result.timings["products"] = time.perf_counter() - t0

        if vendor_rows:
            attach_vendor_owner(user=users["penyedia"], vendor=vendor_rows[0])
            result.showcase_vendor = vendor_rows[0]
    result.seconds = time.perf_counter() - started
    return result
