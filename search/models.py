"""Search tables: the denormalised index rows, the vocabulary for typo tolerance and
completions, and the synonym list UKPBJ staff edit.

The full-text structure that depends on the database lives in migrations, not here:
PostgreSQL gets a generated, weighted `document` tsvector column with a GIN index and pg_trgm;
SQLite gets an FTS5 external-content table (`search_fts`) kept in step by triggers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.models import Product


class Synonym(models.Model):
    """One line of the synonym list: `phrase` also finds each of `expansions`."""

    phrase = models.CharField(_("kata/frasa"), max_length=120, unique=True)
    expansions = models.TextField(
        _("sinonim"), help_text=_("Kata atau frasa lain yang juga dicari, dipisah koma.")
    )
    two_way = models.BooleanField(
        _("dua arah"),
        default=True,
        help_text=_("Jika dicentang, mencari salah satu sinonim juga mencari kata/frasa ini."),
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("sinonim pencarian")
        verbose_name_plural = _("sinonim pencarian")

    def __str__(self):
        arrow = "⇔" if self.two_way else "⇒"
        return f"{self.phrase} {arrow} {self.expansions}"

    def expansion_list(self) -> list[str]:
        return [e.strip() for e in self.expansions.split(",") if e.strip()]


class ProductSearchDoc(models.Model):
    """One row per public product: token strings for full text plus facet columns."""

    product = models.OneToOneField(
        Product,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_doc",
        # Derived data: no database-level check on every load; deletes cascade in the ORM
        # and `search_index check` reports any drift.
        db_constraint=False,
    )
    vendor_id = models.BigIntegerField(db_index=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)  # raw text (capped) for highlighting
    t_name = models.TextField(blank=True)
    t_category = models.TextField(blank=True)
    t_description = models.TextField(blank=True)
    t_vendor = models.TextField(blank=True)

    category_id = models.BigIntegerField()
    category_path = models.CharField(max_length=400, db_index=True)
    kecamatan_id = models.BigIntegerField(null=True)
    scale = models.CharField(max_length=10)
    is_koperasi = models.BooleanField(default=False)
    is_pdn = models.BooleanField(default=False)
    tkdn_band = models.CharField(max_length=10)
    verified = models.BooleanField(default=False)
    price_bucket = models.CharField(max_length=10)
    has_link = models.BooleanField(default=False)
    price = models.BigIntegerField()
    boost = models.FloatField(default=1.0)
    listed_at = models.DateTimeField()
    source_updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["price"], name="search_doc_price"),
            models.Index(fields=["listed_at"], name="search_doc_listed"),
        ]

    def __str__(self):
        return self.name


class SearchTerm(models.Model):
    """A word that occurs in the index, with the number of products holding it."""

    term = models.CharField(max_length=40, primary_key=True)
    doc_freq = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.term
