from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from digitutor.backup import BackupError, backup_create, backups_prune


class Command(BaseCommand):
    help = "Write a consistent copy of the database and the uploaded files, with checksums. Safe for cron."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.BACKUP_DIR),
            help="Folder that receives the backup folders (default: BACKUP_DIR, var/backups).",
        )
        parser.add_argument("--keep", type=int, default=0, help="Then delete all but the newest KEEP backups there.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, keep, database, **options):
        try:
            folder = backup_create(output_dir=output, database=database)
            pruned = backups_prune(output_dir=output, keep=keep) if keep else []
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        for path in pruned:
            self.stdout.write(f"Deleted the older backup {path}")
