"""Rupiah amounts as Indonesians write them: ``{{ product.price|rupiah }}`` -> "Rp 1.250.000".

Prices are whole Rupiah (integers) in this project; anything with a fraction is rounded half up
to whole Rupiah, because a "Rp 1.250.000,50" price is never shown to a buyer. The dot thousands
separator is written here rather than taken from the active locale, so the figure is the same
on Indonesian and English pages, in the admin and in exports.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


def format_rupiah(value, *, prefix: str = "Rp ") -> str:
    """1250000 -> "Rp 1.250.000"; -5000 -> "-Rp 5.000"; None or "" -> "".

    Numeric strings ("1250000", "1250000.00") are accepted; anything else is returned unchanged
    as text, so a template never breaks on odd data.
    """
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    whole = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if whole < 0 else ""
    digits = f"{abs(whole):,}".replace(",", ".")
    return f"{sign}{prefix}{digits}"


@register.filter(name="rupiah", is_safe=True)
def rupiah(value):
    """Template filter: ``{{ 1250000|rupiah }}`` -> "Rp 1.250.000"."""
    return format_rupiah(value)
