from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from digitutor.demo_calendar import DemoCalendar
from digitutor.roles import Role
from goals.demo import load_plans
from meetings.actionday.demo import load_action_day
from meetings.claims.demo import load_claims
from meetings.demo import load_meetings
from members.demo import load_people


class Command(BaseCommand):
    help = (
        "Load the demo data: the seed's 2022 working group as history, and the current year around today "
        "(digitutor/demo_calendar.py); running it again changes nothing."
    )

    def handle(self, *args, **options):
        password = settings.DEMO_PASSWORD
        logins = load_people(password=password)
        calendar = DemoCalendar(today=timezone.localdate())
        load_meetings(calendar=calendar)
        load_action_day(calendar=calendar)
        load_claims(calendar=calendar)
        load_plans(calendar=calendar)
        site = settings.SITE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Log in at {site}/ with:"))
        plain_members = [email for email, roles in logins if roles == [Role.MEMBER]]
        for role in (Role.CHAIR, Role.TREASURER):
            emails = ", ".join(email for email, roles in logins if role in roles)
            self.stdout.write(f"  {role.value:<10} {emails}")
        others = len(plain_members) - 1
        self.stdout.write(f"  {Role.MEMBER.value:<10} {plain_members[0]} (+{others} more: first.last@example.org)")
        self.stdout.write(f"  password   {password}")
