from decimal import Decimal

import pytest
from django.template import Context, Template

from catalog.templatetags.rupiah import format_rupiah


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1250000, "Rp 1.250.000"),
        (52000, "Rp 52.000"),
        (999, "Rp 999"),
        (1000, "Rp 1.000"),
        (0, "Rp 0"),
        (1_000_000_000_000, "Rp 1.000.000.000.000"),
        (-5000, "-Rp 5.000"),
        (Decimal("1250000.00"), "Rp 1.250.000"),
        (Decimal("999.5"), "Rp 1.000"),
        (Decimal("999.49"), "Rp 999"),
        (1250000.0, "Rp 1.250.000"),
        ("1250000", "Rp 1.250.000"),
        (" 75000 ", "Rp 75.000"),
    ],
)
def test_format_rupiah(value, expected):
    assert format_rupiah(value) == expected


@pytest.mark.parametrize("value", [None, "", True, False])
def test_empty_values_render_nothing(value):
    assert format_rupiah(value) == ""


def test_text_that_is_not_a_number_is_left_as_it_is():
    assert format_rupiah("hubungi penyedia") == "hubungi penyedia"
    assert format_rupiah("NaN") == "NaN"


def test_filter_in_a_template():
    template = Template("{% load rupiah %}{{ price|rupiah }} / {{ missing|rupiah }}")
    assert template.render(Context({"price": 1250000})) == "Rp 1.250.000 / "


@pytest.mark.parametrize("language", ["id", "en"])
def test_same_figure_whatever_the_active_language(language, settings):
    from django.utils import translation

    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override(language):
        rendered = Template("{% load rupiah %}{{ price|rupiah }}").render(
            Context({"price": 2500000})
        )
    assert rendered == "Rp 2.500.000"
