"""E-purchasing links: INAPROC (Katalog v6, e-Katalog) and partner marketplaces (toko daring).

A link must be an http(s) URL. A link to a host not listed here is accepted but flagged for
UKPBJ review (vendors.LinkReview), because new marketplaces and INAPROC subdomains appear.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Suffix match: "katalog.inaproc.id" matches "inaproc.id".
INAPROC_HOSTS = ("inaproc.id", "lkpp.go.id")
MARKETPLACE_HOSTS = (
    "tokopedia.com",
    "shopee.co.id",
    "blibli.com",
    "bukalapak.com",
    "lazada.co.id",
    "padiumkm.id",
    "mbizmarket.co.id",
    "tokoladang.co.id",
    "bhinneka.com",
    "siplah.id",
)
KNOWN_HOSTS = {
    "inaproc_url": INAPROC_HOSTS,
    "ekatalog_url": INAPROC_HOSTS,
    "toko_daring_url": INAPROC_HOSTS + MARKETPLACE_HOSTS,
}
FIELD_LABELS = {
    "inaproc_url": "Tautan toko INAPROC",
    "ekatalog_url": "Tautan e-Katalog",
    "toko_daring_url": "Tautan toko daring",
}


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def check_link_scheme(url: str, field: str) -> str:
    """Refuse anything but an http(s) URL with a host; return the URL stripped."""
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # "http://[" is an invalid IPv6 host to urlsplit
        hostname = None
    if not hostname or parts.scheme not in ("http", "https"):
        raise ValidationError(
            _("%(label)s harus alamat web lengkap yang diawali https:// atau http://.")
            % {"label": _(FIELD_LABELS.get(field, "Tautan"))},
            code="bad_scheme",
        )
    return url


def is_known_host(url: str, field: str) -> bool:
    host = host_of(url)
    return any(host == known or host.endswith("." + known) for known in KNOWN_HOSTS[field])


def links_to_review(obj, fields) -> list[tuple[str, str, str]]:
    """(field, url, host) for each filled link of `obj` whose host is not a known one."""
    flagged = []
    for field in fields:
        url = getattr(obj, field, "") or ""
        if url and not is_known_host(url, field):
            flagged.append((field, url, host_of(url)))
    return flagged
