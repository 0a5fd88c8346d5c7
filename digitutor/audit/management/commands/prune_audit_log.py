from django.core.management.base import BaseCommand

from digitutor.audit.services import audit_log_prune, audit_retention_cutoff


class Command(BaseCommand):
    help = "Delete audit log entries older than AUDIT_LOG_RETENTION_YEARS years."

    def handle(self, *args, **options):
        cutoff = audit_retention_cutoff()
        deleted = audit_log_prune()
        self.stdout.write(f"Deleted {deleted} audit log entries from before {cutoff:%Y-%m-%d}.")
