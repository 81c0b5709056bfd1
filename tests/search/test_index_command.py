"""`manage.py search_index`: status, drift detection and repair."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog.models import Product
from search.models import ProductSearchDoc


def test_check_reports_missing_and_stale_rows_and_rebuild_repairs(catalogue, capsys):
    products = [catalogue.product(f"Map plastik {i}", "map-dan-arsip") for i in range(3)]
    catalogue.index()
    call_command("search_index", "check")
    assert "sesuai" in capsys.readouterr().out

    # Drift the index behind the signals' back (bulk updates send no signals).
    ProductSearchDoc.objects.filter(product=products[0]).delete()
    Product.objects.filter(pk=products[1].pk).update(
        name="Map kancing", updated_at=timezone.now() + timezone.timedelta(seconds=5)
    )
    Product.objects.filter(pk=products[2].pk).update(status=Product.Status.ARCHIVED)

    with pytest.raises(CommandError):
        call_command("search_index", "check")
    out = capsys.readouterr().out
    assert f"1 hilang dari indeks: {products[0].pk}" in out
    assert f"1 usang (updated_at berbeda): {products[1].pk}" in out
    assert f"1 tidak lagi publik tetapi masih terindeks: {products[2].pk}" in out

    call_command("search_index", "rebuild")
    assert "dibangun ulang: 2 produk" in capsys.readouterr().out
    call_command("search_index", "check")
    assert "sesuai" in capsys.readouterr().out


def test_check_repair_fixes_drift_without_full_rebuild(catalogue, capsys):
    product = catalogue.product("Ordner folio")
    catalogue.index()
    ProductSearchDoc.objects.all().delete()
    call_command("search_index", "check", "--repair")
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "Selisih diperbaiki" in out
    assert ProductSearchDoc.objects.filter(product=product).exists()
