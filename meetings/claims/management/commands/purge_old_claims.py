from datetime import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from meetings.claims.models import PaymentBatch, Receipt, TravelClaim

RETENTION_YEARS = 6


class Command(BaseCommand):
    help = (
        "Delete travel claims and their receipt files once the bookkeeping retention time is over: "
        "6 years after the end of the claim's year (kirjanpitolaki 2:10). Use --dry-run to list them first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what may go; delete nothing.")

    def handle(self, *args, dry_run, **options):
        # A claim of year Y is kept through the end of Y + 6.
        last_year_to_delete = timezone.localdate().year - RETENTION_YEARS - 1
        cutoff = timezone.make_aware(datetime(last_year_to_delete + 1, 1, 1))
        claims = TravelClaim.objects.filter(departure_at__lt=cutoff).select_related("member")
        for claim in claims:
            self.stdout.write(f"{claim.number} {claim.member.full_name} {claim.total} €")
        count = claims.count()
        if dry_run:
            self.stdout.write(f"{count} claim(s) from {last_year_to_delete} or earlier may be deleted.")
            return
        with transaction.atomic():
            files = [receipt.file for receipt in Receipt.objects.filter(line__claim__in=claims)]
            batches = set(claims.exclude(batch=None).values_list("batch_id", flat=True))
            claims.delete()
            PaymentBatch.objects.filter(pk__in=batches, claims__isnull=True).delete()
            transaction.on_commit(lambda: [file.delete(save=False) for file in files])
        self.stdout.write(f"Deleted {count} claim(s) from {last_year_to_delete} or earlier, with their receipts.")
