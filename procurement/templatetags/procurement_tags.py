"""Template helpers for the buyer pages and the "Tambah ke daftar pendek" include."""

from django import template

from procurement.access import buyer_profile
from procurement.selectors import open_shortlists_for

register = template.Library()


@register.simple_tag
def buyer_open_shortlists(user):
    """The user's open shortlists, or None when the user is not an OPD buyer."""
    if buyer_profile(user) is None:
        return None
    return list(open_shortlists_for(user)[:50])
