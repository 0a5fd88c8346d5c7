from django.core.management.base import BaseCommand

from meetings.actionday.services import registrations_remind_unconfirmed


class Command(BaseCommand):
    help = (
        "Remind, once, each action-day registrant who has not confirmed through the emailed link when "
        "ACTION_DAY_CONFIRMATION_REMINDER_HOURS hours (default 24) of the confirmation time are left. Safe for cron."
    )

    def handle(self, *args, **options):
        reminded = registrations_remind_unconfirmed()
        self.stdout.write(f"Reminded {reminded} registrant(s) to confirm.")
