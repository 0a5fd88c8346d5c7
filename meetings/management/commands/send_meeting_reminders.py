from django.conf import settings
from django.core.management.base import BaseCommand

from meetings.services import reminders_send


class Command(BaseCommand):
    help = (
        "Remind members who have not answered, and those who come, of meetings starting within the next days. "
        "Safe to run from cron as often as you like: nobody gets the same reminder twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.MEETING_REMINDER_DAYS,
            help="How many days before a meeting to remind (default: MEETING_REMINDER_DAYS, %(default)s).",
        )

    def handle(self, *args, days, **options):
        sent = reminders_send(days_before=days)
        self.stdout.write(f"Sent {sent} reminder(s).")
