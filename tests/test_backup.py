"""`manage.py backup` then `manage.py restore` into an empty database: every row and every file comes back."""

import hashlib
import os
import stat
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import ConnectionHandler

from digitutor.backup import ENCRYPTED_MAGIC, backup_manifest
from meetings.claims.models import Receipt
from members.models import User

ROOT = Path(settings.BASE_DIR)
LEFT_OUT = {"django_session", "digitutor_cache"}


def every_row(db_connection):
    """{table: sorted rows} for every table, as plain Python values."""
    tables = {}
    with db_connection.cursor() as cursor:
        for table in sorted(db_connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {db_connection.ops.quote_name(table)}")
            rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor.fetchall()]
            tables[table] = sorted(rows, key=repr)
    return tables


def file_checksums(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


@pytest.fixture
def empty_database(tmp_path):
    """Settings of a new, empty database on the same engine as the test run; dropped afterwards."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"digitutor_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    yield {**source, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def database_url(settings_dict):
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**settings_dict)


def manage(*arguments, database, media_root, backup_key=None):
    """Run manage.py as an operator would, against the given database and upload folder."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "digitutor.settings.local",
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media_root),
        "BACKUP_KEY": backup_key or settings.BACKUP_KEY,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True
    )


@pytest.fixture
def backup(travel_rates, tmp_path):
    """The demo data (with its receipt and attachment files) backed up; returns the backup folder."""
    call_command("load_demo", stdout=StringIO())
    assert Receipt.objects.exists()
    # A logged-in session and a rate-limit entry: neither may travel in a backup.
    SessionStore().create()
    cache.set("allauth:rl:login_failed:someone", [1.0], 300)
    call_command("backup", output=str(tmp_path / "backups"), stdout=StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    return folder


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_every_row_of_every_table_and_every_file(backup, empty_database, tmp_path):
    restored_media = tmp_path / "restored-media"

    result = manage("restore", str(backup), database=empty_database, media_root=restored_media)

    assert result.returncode == 0, result.stderr
    restored = ConnectionHandler({"default": empty_database})["default"]
    try:
        original_rows, restored_rows = every_row(connection), every_row(restored)
    finally:
        restored.close()
    assert restored_rows.keys() == original_rows.keys()
    assert sum(len(rows) for rows in original_rows.values()) > 100  # the demo data, not an empty shell
    for table, rows in original_rows.items():
        if table in LEFT_OUT:
            assert rows, f"the test put nothing in {table}: it would prove nothing"
            assert restored_rows[table] == [], f"{table} was backed up"
        else:
            assert restored_rows[table] == rows, f"{table} differs after the restore"
    original_files = file_checksums(Path(settings.MEDIA_ROOT) / "private")
    assert original_files
    assert file_checksums(restored_media / "private") == original_files


@pytest.mark.django_db(transaction=True)
def test_the_manifest_lists_every_uploaded_file_with_its_checksum(backup):
    manifest = backup_manifest(backup)

    assert manifest["engine"] == connection.vendor
    assert manifest["files"] == file_checksums(Path(settings.MEDIA_ROOT) / "private")
    assert manifest["migrations"]["meetings"].startswith("0")


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_written(backup, empty_database, tmp_path):
    receipt = next((backup / "files").rglob("*.*"))
    receipt.write_bytes(receipt.read_bytes() + b"tampered")
    restored_media = tmp_path / "restored-media"

    result = manage("restore", str(backup), database=empty_database, media_root=restored_media)

    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
    restored = ConnectionHandler({"default": empty_database})["default"]
    try:
        assert restored.introspection.table_names() == []
    finally:
        restored.close()
    assert not restored_media.exists() or not any(restored_media.rglob("*.*"))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_already_has_data(backup):
    claims_before = every_row(connection)["claims_travelclaim"]

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))

    assert every_row(connection)["claims_travelclaim"] == claims_before


@pytest.mark.django_db(transaction=True)
def test_backup_keeps_only_the_newest_backups_when_asked(tmp_path):
    for stamp in ("20240101T000000Z", "20250101T000000Z"):
        (tmp_path / f"digitutor-backup-{stamp}").mkdir()
        (tmp_path / f"digitutor-backup-{stamp}" / "manifest.json").write_text("{}")

    call_command("backup", output=str(tmp_path), keep=2, stdout=StringIO())

    kept = sorted(path.name for path in tmp_path.iterdir())
    assert kept[0] == "digitutor-backup-20250101T000000Z"
    assert len(kept) == 2
    assert (tmp_path / kept[1] / "manifest.json").is_file()


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_readable_by_its_owner_only(backup):
    assert stat.S_IMODE(backup.stat().st_mode) == 0o700
    paths = list(backup.rglob("*"))
    assert any(path.is_file() for path in paths)
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == (0o600 if path.is_file() else 0o700), path


@pytest.mark.django_db(transaction=True)
def test_nothing_in_a_backup_is_readable_without_the_key(backup):
    # The files' own signatures, whole: a three- or four-byte one (JPEG's \xff\xd8\xff) turns up by chance in a few
    # megabytes of ciphertext. A file that is not encrypted at all fails on its first bytes below.
    secrets = [b"SQLite format 3", b"PGDMP", b"%PDF-", b"\x89PNG\r\n\x1a\n"]
    secrets += [user.email.encode() for user in User.objects.all()]

    for path in (each for each in backup.rglob("*") if each.is_file()):
        content = path.read_bytes()
        assert not [secret for secret in secrets if secret in content], path
        if path.name != "manifest.json":
            assert content.startswith(ENCRYPTED_MAGIC)
    assert b'"files"' not in (backup / "manifest.json").read_bytes()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_without_the_key(backup, settings):
    settings.BACKUP_KEY = ""

    with pytest.raises(CommandError, match="BACKUP_KEY is not set"):
        call_command("restore", str(backup), check=True)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_wrong_key_clearly_and_writes_nothing(backup, empty_database, tmp_path):
    restored_media = tmp_path / "restored-media"
    environment_key = Fernet.generate_key().decode()

    result = manage(
        "restore", str(backup), database=empty_database, media_root=restored_media, backup_key=environment_key
    )

    assert result.returncode != 0
    assert "BACKUP_KEY does not open" in result.stderr
    restored = ConnectionHandler({"default": empty_database})["default"]
    try:
        assert restored.introspection.table_names() == []
    finally:
        restored.close()
    assert not restored_media.exists() or not any(restored_media.rglob("*.*"))


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_to_run_without_a_key(tmp_path, settings):
    settings.BACKUP_KEY = ""

    with pytest.raises(CommandError, match="BACKUP_KEY is not set"):
        call_command("backup", output=str(tmp_path), stdout=StringIO())

    assert list(tmp_path.iterdir()) == []
