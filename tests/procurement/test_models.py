import pytest
from django.db import IntegrityError

from procurement.models import BuyerProfile
from tests.factories import BuyerProfileFactory, OPDFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_buyer_belongs_to_exactly_one_opd():
    user = UserFactory()
    BuyerProfileFactory(user=user, opd=OPDFactory())
    with pytest.raises(IntegrityError):
        BuyerProfile.objects.create(user=user, opd=OPDFactory())


def test_opd_shows_its_short_name():
    opd = OPDFactory(name="Dinas Pendidikan dan Kebudayaan", short_name="Disdikbud")
    assert str(opd) == "Disdikbud"
