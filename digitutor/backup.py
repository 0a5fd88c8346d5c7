"""Backups of the whole portal: a consistent copy of the database and of the uploaded files, with checksums.

A backup is one folder:

    digitutor-backup-20261125T031500Z/
        manifest.json       what was copied: engine, schema state, and the SHA-256 of every file below
        database.dump       PostgreSQL: pg_dump's custom format (one consistent snapshot)
        database.sqlite3    SQLite: a copy made with SQLite's online backup API (safe while the portal runs)
        files/...           the uploaded files (receipts, attachments) under their stored names

The folder is written under a temporary name and renamed when complete, so a half-written backup never looks
like a finished one. The database is copied before the files: uploads get new random names and are never
changed in place, so every file the copied database refers to is in the copy.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from digitutor.storage import private_storage

FORMAT = 1
MANIFEST = "manifest.json"
FOLDER_PREFIX = "digitutor-backup-"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, for the operator."""


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    files: int


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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


def run_postgres_tool(arguments, settings_dict):
    if not shutil.which(arguments[0]):
        raise BackupError(f"{arguments[0]} was not found: install PostgreSQL's client tools (postgresql-client).")
    result = subprocess.run(arguments, env=postgres_environment(settings_dict), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{arguments[0]} failed: {result.stderr.strip()}")


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


def copy_out(storage, name, target):
    """Copy one stored file to a local path and return its SHA-256."""
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with storage.open(name, "rb") as source, open(target, "wb") as sink:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            sink.write(chunk)
    return digest.hexdigest()


def safe_relative(name):
    """A manifest name as a relative path inside the backup; anything climbing out is refused."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Refusing a file name outside the backup: {name!r}")
    return Path(*path.parts)


# Backup ----------------------------------------------------------------------------------------------------------


def backup_create(*, output_dir, database="default", now=None):
    """Write a complete backup folder under output_dir and return its path."""
    connection = connections[database]
    engine = engine_of(connection)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / f"{FOLDER_PREFIX}{stamp}"
    if final.exists():
        raise BackupError(f"{final} already exists.")
    partial = output_dir / f".{final.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        database_file = dump_database(connection, engine, partial)
        files = {}
        storage = private_storage()
        for name in stored_names(storage):
            files[name] = copy_out(storage, name, partial / "files" / safe_relative(name))
        manifest = {
            "format": FORMAT,
            "created": stamp,
            "engine": engine,
            "migrations": applied_migrations(connection),
            "database": {"file": database_file.name, "sha256": sha256_of(database_file)},
            "files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def dump_database(connection, engine, folder):
    if engine == "postgresql":
        target = folder / "database.dump"
        arguments = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
        run_postgres_tool(arguments, connection.settings_dict)
        return target
    target = folder / "database.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    return target


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


def backup_verify(folder):
    """Read the manifest and check every checksum; returns the manifest or raises BackupError."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a Digitutor backup: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    database_file = folder / safe_relative(manifest["database"]["file"])
    wanted = [(database_file, manifest["database"]["sha256"])]
    wanted += [(folder / "files" / safe_relative(name), digest) for name, digest in manifest["files"].items()]
    for path, digest in wanted:
        if not path.is_file():
            raise BackupError(f"The backup is incomplete: {path} is missing.")
        if sha256_of(path) != digest:
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

    database_file = folder / manifest["database"]["file"]
    if engine == "postgresql":
        arguments = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        run_postgres_tool(
            [*arguments, f"--dbname={connection.settings_dict['NAME']}", str(database_file)], connection.settings_dict
        )
    else:
        connection.ensure_connection()
        source = sqlite3.connect(database_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    connection.close()

    for name, digest in manifest["files"].items():
        with open(folder / "files" / safe_relative(name), "rb") as stream:
            stored = storage.save(name, File(stream))
        if stored != name:
            raise BackupError(f"The storage renamed {name} to {stored}; the database would not find it.")
        with storage.open(stored, "rb") as stream:
            if hashlib.file_digest(stream, "sha256").hexdigest() != digest:
                raise BackupError(f"{name} did not arrive intact in the storage.")
    return RestoreSummary(tables=len(connections[database].introspection.table_names()), files=len(manifest["files"]))
