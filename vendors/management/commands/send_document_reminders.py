"""Email vendors whose documents expire in 30 days (or fewer, if a run was missed).

Run daily (cron/systemd timer). Each document gets one reminder per expiry date, so running
the command twice sends nothing new.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from vendors.models import DocumentReminder, Vendor, VendorDocument
from vendors.notifications import notify_vendor


class Command(BaseCommand):
    help = "Kirim email pengingat dokumen penyedia yang kedaluwarsa dalam 30 hari."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Hari sebelum kedaluwarsa.")

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        due = (
            VendorDocument.objects.filter(
                expires_on__gte=today,
                expires_on__lte=today + timedelta(days=days),
                vendor__status__in=[
                    Vendor.Status.DRAFT, Vendor.Status.SUBMITTED, Vendor.Status.VERIFIED,
                ],
            )
            .exclude(review_status=VendorDocument.ReviewStatus.REJECTED)
            .select_related("vendor")
            .order_by("expires_on")
        )  # fmt: skip
        sent = 0
        for document in due:
            try:
                with transaction.atomic():
                    DocumentReminder.objects.create(
                        document=document, expires_on=document.expires_on
                    )
            except IntegrityError:
                continue  # already reminded for this expiry date
            notify_vendor(document.vendor, "document_expiry", document=document)
            sent += 1
        self.stdout.write(f"{sent} pengingat dikirim.")
