"""Who may act for which vendor: vendor members for their own vendor, UKPBJ staff for all."""

from django.http import Http404

from .models import VendorMember
from .roles import UKPBJ_GROUP


def is_ukpbj(user) -> bool:
    """UKPBJ staff: members of the UKPBJ group (and superusers)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.groups.filter(name=UKPBJ_GROUP).exists()


def membership_of(user) -> VendorMember | None:
    """The user's vendor membership, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return VendorMember.objects.select_related("vendor").filter(user=user).first()


def vendor_of(user):
    membership = membership_of(user)
    return membership.vendor if membership else None


def can_access_vendor(user, vendor) -> bool:
    if is_ukpbj(user):
        return True
    membership = membership_of(user)
    return membership is not None and membership.vendor_id == vendor.pk


def get_for_vendor_or_404(queryset, vendor, **lookup):
    """Fetch an object of `vendor` only; anything else (another vendor's) is a 404."""
    obj = queryset.filter(vendor=vendor, **lookup).first()
    if obj is None:
        raise Http404
    return obj
