from django.core.management.base import BaseCommand

from meetings.actionday.services import registrations_release_unconfirmed


class Command(BaseCommand):
    help = (
        "Cancel action-day registrations not confirmed through the emailed link within ACTION_DAY_CONFIRMATION_HOURS "
        "hours (default 48); their places go to the waiting list, whose first are told. Safe for cron."
    )

    def handle(self, *args, **options):
        released = registrations_release_unconfirmed()
        self.stdout.write(f"Released {released} unconfirmed registration(s).")
