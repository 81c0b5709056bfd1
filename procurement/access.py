"""Who may see what on the buying side. One place, used by views, the API and selectors.

- A buyer (BuyerProfile.role == buyer) sees and edits the shortlists they own, in their OPD.
- An OPD head (role == head) sees and edits every shortlist of their OPD.
- Purchases and figures belong to the OPD: every buyer of the OPD sees them.
- UKPBJ staff (group "UKPBJ", the permission procurement.view_all_opd_figures, or superuser)
  read every OPD's figures. See docs/decisions/0007-buyer-shortlist-visibility.md.
"""

from __future__ import annotations

from vendors.roles import UKPBJ_GROUP

from .models import BuyerProfile

FIGURES_PERMISSION = "procurement.view_all_opd_figures"


def buyer_profile(user) -> BuyerProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.buyer_profile
    except BuyerProfile.DoesNotExist:
        return None


def is_opd_head(user) -> bool:
    profile = buyer_profile(user)
    return profile is not None and profile.role == BuyerProfile.Role.HEAD


def is_ukpbj(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.has_perm(FIGURES_PERMISSION):
        return True
    return user.groups.filter(name=UKPBJ_GROUP).exists()


def can_see_opd_figures(user, opd) -> bool:
    if is_ukpbj(user):
        return True
    profile = buyer_profile(user)
    return profile is not None and profile.opd_id == opd.pk


def can_set_budget(user, opd) -> bool:
    """OPD budgets are entered by UKPBJ or by the head of that OPD."""
    if is_ukpbj(user):
        return True
    profile = buyer_profile(user)
    return profile is not None and profile.opd_id == opd.pk and is_opd_head(user)
