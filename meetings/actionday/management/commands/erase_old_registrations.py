from django.core.management.base import BaseCommand
from django.utils import timezone

from meetings.actionday.services import registration_erasure_cutoff, registrations_erase_after_action_day


class Command(BaseCommand):
    help = (
        "Erase the names, libraries, addresses and dietary needs of action-day registrations "
        "ACTION_DAY_REGISTRATION_RETENTION_DAYS days (default 92) after their action day. Safe for cron."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        cutoff = registration_erasure_cutoff(today)
        erased = registrations_erase_after_action_day(today=today)
        self.stdout.write(f"Erased {erased} registration(s) of action days on or before {cutoff:%Y-%m-%d}.")
