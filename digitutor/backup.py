"""Backups of the whole portal: a consistent copy of the database and of the uploaded files, with checksums.

A backup is one folder, readable by its owner only (0700, every file 0600), every file in it encrypted with
BACKUP_KEY (Fernet: AES with an HMAC, so a changed byte or a wrong key is found, never read as data):

    digitutor-backup-20261125T031500Z/
        manifest.json       what was copied: engine, schema state, and the SHA-256 of every file below (as plain text)
        database.dump       PostgreSQL: pg_dump's custom format (one consistent snapshot)
        database.sqlite3    SQLite: a copy made with SQLite's online backup API (safe while the portal runs)
        files/...           the uploaded files (receipts, attachments) under their stored names

Sessions and the cache (rate limits, used TOTP codes) are left out: their tables come back empty. Nothing is
written unencrypted, not even for a moment: pg_dump's output is encrypted as it comes, and SQLite is copied into
memory first.

The folder is written under a temporary name and renamed when complete, so a half-written backup never looks
like a finished one. The database is copied before the files: uploads get new random names and are never
changed in place, so every file the copied database refers to is in the copy.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.files.base import File
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from digitutor.storage import private_storage

FORMAT = 2  # 1: unencrypted, before issue #15
MANIFEST = "manifest.json"
FOLDER_PREFIX = "digitutor-backup-"
CHUNK = 1024 * 1024
# An encrypted file: this line, then chunks, each a 4-byte length and a Fernet token of up to CHUNK bytes.
ENCRYPTED_MAGIC = b"DIGITUTOR-BACKUP-2\n"
SESSION_TABLE = "django_session"
GENERATE_KEY = 'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, for the operator."""


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    files: int


class DamagedFile(Exception):
    """An encrypted file that does not decrypt: changed, cut short, or made with another key."""


def backup_fernet():
    """The cipher of BACKUP_KEY; a clear BackupError when the key is missing or malformed."""
    key = settings.BACKUP_KEY
    if not key:
        raise BackupError(
            "BACKUP_KEY is not set: backups are encrypted with it and cannot be written or read without it. "
            f"Make one with {GENERATE_KEY} and keep a copy away from the backups."
        )
    try:
        return Fernet(key)
    except (ValueError, TypeError) as error:
        raise BackupError(
            f"BACKUP_KEY is not a valid key (32 bytes, URL-safe base64); make one with {GENERATE_KEY}."
        ) from error


def excluded_tables():
    """Tables whose rows a backup leaves out: sessions (stolen, they would log someone in) and the cache tables."""
    cache_tables = [
        cache["LOCATION"] for cache in settings.CACHES.values() if cache["BACKEND"].endswith("DatabaseCache")
    ]
    return [SESSION_TABLE, *cache_tables]


def encrypt_stream(fernet, source, sink):
    """Encrypt source into sink chunk by chunk; returns the SHA-256 of the plain text."""
    digest = hashlib.sha256()
    sink.write(ENCRYPTED_MAGIC)
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        token = fernet.encrypt(chunk)
        sink.write(len(token).to_bytes(4, "big") + token)
    return digest.hexdigest()


def decrypt_stream(fernet, source, sink=None):
    """Decrypt what encrypt_stream wrote, into sink if given; returns the plain text's SHA-256. Raises DamagedFile."""
    if source.read(len(ENCRYPTED_MAGIC)) != ENCRYPTED_MAGIC:
        raise DamagedFile
    digest = hashlib.sha256()
    while header := source.read(4):
        size = int.from_bytes(header, "big")
        token = source.read(size)
        if len(header) < 4 or len(token) != size:
            raise DamagedFile
        try:
            chunk = fernet.decrypt(token)
        except InvalidToken as error:
            raise DamagedFile from error
        digest.update(chunk)
        if sink is not None:
            sink.write(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def owner_only():
    """Everything created inside is readable by its owner only: folders 0700, files 0600 (pg_dump's too)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def engine_of(connection):
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def postgres_environment(settings_dict):
    """libpq's environment for pg_dump / pg_restore: no password on the command line."""
    environment = dict(os.environ)
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")]:
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    environment["PGDATABASE"] = settings_dict["NAME"]
    return environment


def run_postgres_tool(arguments, settings_dict, *, stdout=None, stdin=None):
    """Run pg_dump or pg_restore; `stdout(stream)` reads what it writes, `stdin(stream)` writes what it reads."""
    if not shutil.which(arguments[0]):
        raise BackupError(f"{arguments[0]} was not found: install PostgreSQL's client tools (postgresql-client).")
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            arguments,
            env=postgres_environment(settings_dict),
            stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stderr=errors,
        )
        result = None
        try:
            if stdout:
                result = stdout(process.stdout)
            if stdin:
                with contextlib.suppress(BrokenPipeError):
                    result = stdin(process.stdin)
                    process.stdin.close()
        finally:
            returncode = process.wait()
        if returncode != 0:
            errors.seek(0)
            raise BackupError(f"{arguments[0]} failed: {errors.read().decode(errors='replace').strip()}")
    return result


# Storage walking -------------------------------------------------------------------------------------------------


def stored_names(storage, folder=""):
    """Every file's name in a storage, depth first, as the storage names them (forward slashes)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local storage nothing was ever uploaded to
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, str(PurePosixPath(folder, sub)) if folder else sub)


def copy_out(storage, name, target, fernet):
    """Copy one stored file, encrypted, to a local path and return the SHA-256 of its content."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with storage.open(name, "rb") as source, open(target, "wb") as sink:
        return encrypt_stream(fernet, source, sink)


def safe_relative(name):
    """A manifest name as a relative path inside the backup; anything climbing out is refused."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Refusing a file name outside the backup: {name!r}")
    return Path(*path.parts)


# Backup ----------------------------------------------------------------------------------------------------------


def backup_create(*, output_dir, database="default", now=None):
    """Write a complete, encrypted backup folder under output_dir and return its path."""
    fernet = backup_fernet()
    connection = connections[database]
    engine = engine_of(connection)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    output_dir = Path(output_dir)
    with owner_only():
        output_dir.mkdir(parents=True, exist_ok=True)
        final = output_dir / f"{FOLDER_PREFIX}{stamp}"
        if final.exists():
            raise BackupError(f"{final} already exists.")
        partial = output_dir / f".{final.name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        try:
            database_file, database_sha256 = dump_database(connection, engine, partial, fernet)
            files = {}
            storage = private_storage()
            for name in stored_names(storage):
                files[name] = copy_out(storage, name, partial / "files" / safe_relative(name), fernet)
            manifest = {
                "format": FORMAT,
                "created": stamp,
                "engine": engine,
                "migrations": applied_migrations(connection),
                "database": {"file": database_file.name, "sha256": database_sha256},
                "excluded_tables": excluded_tables(),
                "files": files,
            }
            plain = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            (partial / MANIFEST).write_bytes(fernet.encrypt(plain))
            partial.rename(final)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
    return final


def dump_database(connection, engine, folder, fernet):
    """Write the database, encrypted, into folder; returns the file and the SHA-256 of the plain dump."""
    if engine == "postgresql":
        target = folder / "database.dump"
        arguments = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        arguments += [f"--exclude-table-data={table}" for table in excluded_tables()]
        with open(target, "wb") as sink:
            sha256 = run_postgres_tool(
                arguments, connection.settings_dict, stdout=lambda out: encrypt_stream(fernet, out, sink)
            )
        return target, sha256
    target = folder / "database.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:")
    try:
        connection.connection.backup(copy)
        present = {name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in excluded_tables():
            if table in present:
                copy.execute(f'DELETE FROM "{table}"')
        copy.commit()
        copy.execute("VACUUM")  # no deleted row left in a free page
        plain = copy.serialize()
    finally:
        copy.close()
    with open(target, "wb") as sink:
        return target, encrypt_stream(fernet, io.BytesIO(plain), sink)


def applied_migrations(connection):
    recorder = MigrationRecorder(connection)
    latest = {}
    for app, name in recorder.applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return latest


def backups_prune(*, output_dir, keep):
    """Delete all but the newest `keep` finished backups in output_dir; returns the deleted paths."""
    finished = sorted(path for path in Path(output_dir).glob(f"{FOLDER_PREFIX}*") if (path / MANIFEST).is_file())
    doomed = finished[:-keep] if keep > 0 else []
    for path in doomed:
        shutil.rmtree(path)
    return doomed


# Restore ---------------------------------------------------------------------------------------------------------


def backup_manifest(folder):
    """The decrypted manifest of a backup folder; a BackupError that says why when it cannot be read."""
    folder = Path(folder)
    fernet = backup_fernet()
    try:
        content = (folder / MANIFEST).read_bytes()
    except OSError as error:
        raise BackupError(f"{folder} is not a Digitutor backup: {error}") from error
    if content.lstrip().startswith(b"{"):
        raise BackupError(
            f"{folder} is an unencrypted backup from before backups were encrypted; this version restores only "
            "encrypted backups."
        )
    try:
        manifest = json.loads(fernet.decrypt(content))
    except InvalidToken as error:
        raise BackupError(
            f"BACKUP_KEY does not open {folder}: the backup was made with another key (or its manifest is damaged)."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def backup_verify(folder):
    """Decrypt the manifest and check every file's checksum; returns the manifest or raises BackupError."""
    folder = Path(folder)
    manifest = backup_manifest(folder)
    fernet = backup_fernet()
    database_file = folder / safe_relative(manifest["database"]["file"])
    wanted = [(database_file, manifest["database"]["sha256"])]
    wanted += [(folder / "files" / safe_relative(name), digest) for name, digest in manifest["files"].items()]
    for path, digest in wanted:
        if not path.is_file():
            raise BackupError(f"The backup is incomplete: {path} is missing.")
        try:
            with open(path, "rb") as stream:
                matches = decrypt_stream(fernet, stream) == digest
        except DamagedFile:
            matches = False
        if not matches:
            raise BackupError(f"The backup is damaged: {path} does not match its checksum.")
    return manifest


def backup_restore(*, folder, database="default"):
    """Bring a verified backup back into an empty database and the file storage."""
    folder = Path(folder)
    manifest = backup_verify(folder)
    connection = connections[database]
    engine = engine_of(connection)
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of a {manifest['engine']} database; the target is {engine}.")
    existing = connection.introspection.table_names()
    if existing:
        raise BackupError(
            f"The target database is not empty ({len(existing)} tables): restore only into a new, empty database."
        )
    storage = private_storage()
    clashes = [name for name in manifest["files"] if storage.exists(name)]
    if clashes:
        raise BackupError(f"The file storage already holds {len(clashes)} of the backup's files, e.g. {clashes[0]}.")

    fernet = backup_fernet()
    database_file = folder / safe_relative(manifest["database"]["file"])
    if engine == "postgresql":
        arguments = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]

        def feed(sink):
            with open(database_file, "rb") as stream:
                decrypt_stream(fernet, stream, sink)

        run_postgres_tool(
            [*arguments, f"--dbname={connection.settings_dict['NAME']}"], connection.settings_dict, stdin=feed
        )
    else:
        plain = io.BytesIO()
        with open(database_file, "rb") as stream:
            decrypt_stream(fernet, stream, plain)
        connection.ensure_connection()
        source = sqlite3.connect(":memory:")
        try:
            source.deserialize(plain.getvalue())
            source.backup(connection.connection)
        finally:
            source.close()
    connection.close()

    for name, digest in manifest["files"].items():
        plain = io.BytesIO()
        with open(folder / "files" / safe_relative(name), "rb") as stream:
            decrypt_stream(fernet, stream, plain)
        plain.seek(0)
        stored = storage.save(name, File(plain, name=name))
        if stored != name:
            raise BackupError(f"The storage renamed {name} to {stored}; the database would not find it.")
        with storage.open(stored, "rb") as stream:
            if hashlib.file_digest(stream, "sha256").hexdigest() != digest:
                raise BackupError(f"{name} did not arrive intact in the storage.")
    return RestoreSummary(tables=len(connections[database].introspection.table_names()), files=len(manifest["files"]))
