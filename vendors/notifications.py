"""Emails to vendors, through Django's mail backend (console in dev, locmem in tests)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from .models import Vendor, VendorMember


def vendor_recipients(vendor: Vendor) -> list[str]:
    """The vendor's members' addresses (owners first) plus the business email, deduplicated."""
    emails = []
    members = VendorMember.objects.filter(vendor=vendor).select_related("user").order_by("role")
    for address in [m.user.email for m in members] + [vendor.email]:
        if address and address.lower() not in {e.lower() for e in emails}:
            emails.append(address)
    return emails


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_templated(*, to: list[str], template: str, context: dict) -> None:
    """Render templates/<template>_subject.txt and _message.txt and send them."""
    if not to:
        return
    context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def notify_vendor(vendor: Vendor, template: str, **context) -> None:
    send_templated(
        to=vendor_recipients(vendor),
        template=f"vendors/self/email/{template}",
        context={"vendor": vendor, "dashboard_url": absolute_url("/usaha/"), **context},
    )
