from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from members.models import JoinRequest


class Command(BaseCommand):
    help = "Delete personal data the portal no longer needs: join requests declined over a year ago. Safe for cron."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=365)
        deleted, _by_model = JoinRequest.objects.filter(
            status=JoinRequest.Status.DECLINED, handled_at__lt=cutoff
        ).delete()
        self.stdout.write(f"Deleted {deleted} declined join request(s) handled before {cutoff:%Y-%m-%d}.")
