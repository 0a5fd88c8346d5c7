from django.core.management.base import BaseCommand, CommandError

from digitutor.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = "Check a backup's checksums and bring it back into an empty database and file storage."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A backup folder written by `manage.py backup`.")
        parser.add_argument("--check", action="store_true", help="Only verify the checksums; change nothing.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, folder, check, database, **options):
        try:
            if check:
                manifest = backup_verify(folder)
                self.stdout.write(
                    self.style.SUCCESS(f"{folder} is intact: the database and {len(manifest['files'])} files.")
                )
                return
            summary = backup_restore(folder=folder, database=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored {summary.tables} tables and {summary.files} files from {folder}.")
        )
