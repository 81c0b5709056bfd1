"""Two people adding to the same shortlist at the same moment, in two real threads (each with
its own database connection): nothing is lost and the order stays well defined.

On PostgreSQL the second writer waits on the shortlist's row lock (select_for_update). SQLite
allows one writer at a time; the file database waits for it (busy timeout) but the in-memory
database the tests use reports "database table is locked" at once, so there the thread waits and
tries the whole transaction again, as the busy timeout would.
"""

import threading
import time

import pytest
from django.db import OperationalError, close_old_connections, connection

from procurement import services
from procurement.models import BuyerProfile, Shortlist
from tests.factories import BuyerProfileFactory, ProductFactory, ShortlistFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 8


def retry_while_sqlite_is_locked(action):
    for _attempt in range(200):
        try:
            return action()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.01)
    raise AssertionError("SQLite stayed locked for two seconds")


def test_two_people_adding_at_the_same_time_both_keep_their_items():
    shortlist = ShortlistFactory(title="Mamin rapat koordinasi")
    owner = shortlist.owner
    head = BuyerProfileFactory(opd=shortlist.opd, role=BuyerProfile.Role.HEAD).user
    products = {
        owner.pk: [ProductFactory(name=f"Snack {n}") for n in range(ROUNDS)],
        head.pk: [ProductFactory(name=f"Minuman {n}") for n in range(ROUNDS)],
    }
    start = threading.Barrier(2, timeout=30)
    errors: list[BaseException] = []

    def work(user):
        try:
            for product in products[user.pk]:
                # Each loaded the shortlist before the other saved: a stale copy.
                stale = retry_while_sqlite_is_locked(lambda: Shortlist.objects.get(pk=shortlist.pk))
                start.wait()
                retry_while_sqlite_is_locked(
                    lambda stale=stale, product=product: services.add_item(
                        shortlist=stale, user=user, product=product, quantity=10
                    )
                )
        except BaseException as error:  # reported to the main thread below
            errors.append(error)
            start.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(user,)) for user in (owner, head)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()

    assert not errors, errors
    items = list(shortlist.items.order_by("position"))
    assert len(items) == 2 * ROUNDS
    assert sorted(item.snap_product_name for item in items) == sorted(
        [f"Snack {n}" for n in range(ROUNDS)] + [f"Minuman {n}" for n in range(ROUNDS)]
    )
    assert [item.position for item in items] == list(range(2 * ROUNDS))
    assert {item.added_by_id for item in items} == {owner.pk, head.pk}
