"""Hypothesis settings for the property tests, bounded so the folder stays quick on CI.

Pure functions get `PURE` (many examples); tests that touch the database or go through HTTP get
`DB` (few examples, each one rolled back). `derandomize=True` makes every run draw the same
examples, so CI is reproducible; a failure found locally is pinned with `@example`.
"""

from contextlib import contextmanager

from django.db import transaction
from hypothesis import HealthCheck, settings

# Registered, not loaded: the profile applies to these tests only (through PURE and DB), not to
# other Hypothesis users in the same run (schemathesis).
settings.register_profile(
    "batang",
    deadline=None,
    derandomize=True,
    database=None,  # derandomized runs replay nothing; keep .hypothesis/ out of the tree
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BATANG = settings.get_profile("batang")

PURE = settings(BATANG, max_examples=150)
DB = settings(
    BATANG,
    max_examples=30,
    # Fixtures here are built once per test and each example runs in its own rolled-back
    # savepoint (`rolled_back()`), so sharing a function-scoped fixture is intended.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Run one example inside a savepoint that is always rolled back."""
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass
