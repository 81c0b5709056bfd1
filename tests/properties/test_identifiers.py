"""NIB, NPWP and phone numbers (decision 0004): normalisation and validation properties.

The model fields (`vendors/fields.py`) normalise what people type and then validate it; these
properties run through the fields themselves (`field.clean()`, what `full_clean()` and every
form and serializer use), not through a copy of their rules.
"""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from vendors import validators
from vendors.models import Vendor

from .conftest import DB, PURE, rolled_back

NIB = Vendor._meta.get_field("nib")
NPWP = Vendor._meta.get_field("npwp")
PHONE = Vendor._meta.get_field("phone")

ascii_digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
# What people put between digits when they type or paste a number.
separators = st.lists(st.sampled_from([" ", ".", "-", "  ", " - ", "\u00a0", ". "]), max_size=1)
any_text = st.text(st.characters(codec="utf-8"), max_size=40)


def digits(n: int):
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


@st.composite
def typed(draw, number: str, extra_seps=()):
    """`number` as someone might type it: separators between some digits, spaces around."""
    out = []
    for ch in number:
        out.append(ch)
        out.extend(draw(separators))
        if extra_seps:
            out.extend(draw(st.lists(st.sampled_from(extra_seps), max_size=1)))
    lead = draw(st.sampled_from(["", " ", "\t"]))
    return lead + "".join(out).strip(".-") + draw(st.sampled_from(["", " ", "\n"]))


def clean_or_error(field, value):
    """The field's cleaned value, or its ValidationError: any other exception fails the test."""
    try:
        return field.clean(value, None)
    except ValidationError as exc:
        return exc


# --- normalise is idempotent -------------------------------------------------------------------


@PURE
@given(any_text)
@example("١٢٣٤٥٦٧٨٩٠١٢٣")
@example("+62 (0)812-3456-789")
def test_normalising_twice_changes_nothing(value):
    for normalise in (validators.normalize_nib, validators.normalize_npwp,
                      validators.normalize_phone):  # fmt: skip
        once = normalise(value)
        assert normalise(once) == once


# --- every typing of a valid number gives the one canonical value ------------------------------


@PURE
@given(st.data(), digits(13))
def test_any_typing_of_a_nib_cleans_to_its_13_digits(data, nib):
    assert clean_or_error(NIB, data.draw(typed(nib))) == nib


@PURE
@given(st.data(), digits(16))
def test_any_typing_of_a_16_digit_npwp_cleans_to_itself(data, npwp):
    assert clean_or_error(NPWP, data.draw(typed(npwp))) == npwp


@PURE
@given(st.data(), digits(15))
@example(data=None, npwp="012345678901000")
def test_a_15_digit_npwp_gets_a_leading_zero(data, npwp):
    value = "01.234.567.8-901.000" if data is None else data.draw(typed(npwp))
    cleaned = clean_or_error(NPWP, value)
    assert cleaned == "0" + npwp
    assert len(cleaned) == 16
    # The rule applies once: the 16-digit result is already canonical.
    assert clean_or_error(NPWP, cleaned) == cleaned


@st.composite
def canonical_phones(draw):
    """+62, a first digit 1-9 (area code or 8xx mobile prefix), then 7 to 11 digits."""
    first = draw(st.sampled_from("123456789"))
    rest = draw(st.text(alphabet="0123456789", min_size=7, max_size=11))
    return "+62" + first + rest


@PURE
@given(st.data(), canonical_phones(), st.sampled_from(["+62", "62", "0", "+62 ", "(0)"]))
def test_any_typing_of_a_phone_cleans_to_plus_62(data, phone, prefix):
    national = phone[3:]
    typed_national = data.draw(typed(national, ("(", ")")))
    assert clean_or_error(PHONE, prefix + typed_national) == phone


def test_the_documented_examples():
    assert clean_or_error(NPWP, "01.234.567.8-901.000") == "0012345678901000"
    assert clean_or_error(PHONE, "0812-3456-7890") == "+6281234567890"
    assert clean_or_error(PHONE, "62 812 3456 7890") == "+6281234567890"
    assert clean_or_error(NIB, " 1234 5678 90123 ") == "1234567890123"


# --- anything else is a ValidationError with an Indonesian message naming the field ------------

INVALID = {
    "nib": (NIB, "NIB harus 13 digit angka"),
    "npwp": (NPWP, "NPWP harus 16 digit angka"),
    "phone": (PHONE, "Nomor telepon harus nomor Indonesia"),
}


@PURE
@given(any_text, st.sampled_from(sorted(INVALID)))
@example("١٢٣٤٥٦٧٨٩٠١٢٣", "nib")  # Arabic-Indic digits: \d matched them, the NIB was stored so
@example("٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥", "npwp")
@example("+62٨١٢٣٤٥٦٧٨٩٠", "phone")
@example("０８１２３４５６７８９０", "phone")  # full-width digits
@example("12345678901²3", "nib")
@example("\x00" * 13, "nib")
def test_anything_else_is_an_indonesian_validation_error(value, name):
    field, message = INVALID[name]
    result = clean_or_error(field, value)
    if isinstance(result, ValidationError):
        assert any(message in m or "wajib diisi" in m or "paling banyak" in m
                   for m in result.messages), result.messages  # fmt: skip
        return
    # Accepted: then it is the canonical ASCII form, whatever was typed.
    if name == "nib":
        assert result.isascii() and result.isdigit() and len(result) == 13
    elif name == "npwp":
        assert result == "" or (result.isascii() and result.isdigit() and len(result) == 16)
    else:
        assert result == "" or (
            result.isascii() and result.startswith("+62") and result[3] in "123456789"
            and result[1:].isdigit() and 11 <= len(result) <= 15
        )  # fmt: skip


@pytest.mark.parametrize("name", sorted(INVALID))
def test_a_wrong_value_names_the_field(name):
    field, message = INVALID[name]
    with pytest.raises(ValidationError) as info:
        field.clean("12ab", None)
    assert message in " ".join(info.value.messages)


# --- through the vendor API (the wizard's steps): a 400 naming the field, never a 500 ----------

identifier_input = st.one_of(
    any_text,
    digits(13),
    digits(15),
    digits(16),
    canonical_phones(),
    st.sampled_from(["١٢٣٤٥٦٧٨٩٠١٢٣", "+62 0812 3456 7890", "0812-3456-7890", "1" * 40, ""]),
)


@pytest.fixture
def draft_member(client):
    from tests.factories import VendorFactory, VendorMemberFactory

    member = VendorMemberFactory(vendor=VendorFactory(status=Vendor.Status.DRAFT))
    client.force_login(member.user)
    return member


@pytest.mark.django_db
@DB
@given(nib=identifier_input, npwp=identifier_input, phone=identifier_input)
@example(nib="١٢٣٤٥٦٧٨٩٠١٢٣", npwp="٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥", phone="+621٢٣٤٥٦٧٨٩")
@example(nib="12.345.678.901-23", npwp="01.234.567.8-901.000", phone="0812-3456-7890")
def test_the_wizard_api_stores_canonical_values_or_names_the_field(
    client, draft_member, nib, npwp, phone
):
    with rolled_back():
        for step, data in (("usaha", {"nib": nib, "npwp": npwp}), ("kontak", {"phone": phone})):
            response = client.patch(
                f"/api/v1/me/vendor/steps/{step}/", data, content_type="application/json"
            )
            assert response.status_code in (200, 400), (response.status_code, data)
            body = response.json()
            if response.status_code == 400:
                assert set(body["errors"]) <= set(data), body
                continue
            vendor = Vendor.objects.get(pk=draft_member.vendor.pk)
            for name in data:
                assert getattr(vendor, name) == clean_or_error(INVALID[name][0], data[name])


@pytest.mark.django_db
def test_the_wizard_api_normalises_typed_identifiers(client, draft_member):
    response = client.patch(
        "/api/v1/me/vendor/steps/usaha/",
        {"nib": "12.345.678.901-23", "npwp": "01.234.567.8-901.000"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["nib"], response.json()["npwp"]) == (
        "1234567890123",
        "0012345678901000",
    )
    response = client.patch(
        "/api/v1/me/vendor/steps/usaha/", {"nib": "١٢٣٤٥٦٧٨٩٠١٢٣"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["nib"] == ["NIB harus 13 digit angka."]
