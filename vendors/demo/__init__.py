"""Demo data: a realistic, deterministic Batang catalogue, OPDs and one user per role.

Used by `manage.py seed_demo` (data) and `manage.py demo_logins` (who can log in).
"""

from .accounts import DEMO_LOGINS, DEMO_USERNAMES, DemoLogin, ensure_demo_users, ensure_opds
from .generator import (
    DEMO_NIB_PREFIX,
    DemoGenerator,
    SeedResult,
    delete_demo_data,
    demo_vendors,
    seed_demo_data,
)

__all__ = [
    "DEMO_LOGINS",
    "DEMO_NIB_PREFIX",
    "DEMO_USERNAMES",
    "DemoGenerator",
    "DemoLogin",
    "SeedResult",
    "delete_demo_data",
    "demo_vendors",
    "ensure_demo_users",
    "ensure_opds",
    "seed_demo_data",
]
