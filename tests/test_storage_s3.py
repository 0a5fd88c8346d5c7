"""Uploads on S3-compatible storage by configuration alone: S3_* settings move receipts to a private bucket."""

import io
import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from moto.server import ThreadedMotoServer

from digitutor.backup import backup_fernet, backup_manifest, decrypt_stream

ROOT = Path(settings.BASE_DIR)
SAVE_A_RECEIPT = """
import json
from django.core.files.base import ContentFile
from meetings.claims.models import Receipt
storage = Receipt._meta.get_field("file").storage
name = storage.save("receipts/kuitti.pdf", ContentFile(b"%PDF-1.4 kuitti"))
with storage.open(name) as stream:
    print(json.dumps({"backend": type(storage).__name__, "name": name, "read_back": stream.read().decode()}))
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3():
    """A local S3-compatible server (moto) with an empty bucket; yields the environment that points at it."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._port}"
    credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": "eu-north-1"}
    client = boto3.client("s3", endpoint_url=endpoint, **credentials)
    bucket = f"digitutor-{uuid.uuid4().hex[:12]}"  # moto keeps buckets for the whole process
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    yield (
        client,
        bucket,
        {
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": endpoint,
            "S3_REGION": "eu-north-1",
            "S3_ACCESS_KEY_ID": "test",
            "S3_SECRET_ACCESS_KEY": "test",
        },
    )
    server.stop()


def manage(*arguments, extra_environment, tmp_path):
    environment = {
        **os.environ,
        **extra_environment,
        "DJANGO_SETTINGS_MODULE": "digitutor.settings.local",
        "BACKUP_KEY": settings.BACKUP_KEY,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_with_s3_settings_receipts_go_to_a_private_bucket_and_never_to_the_local_disk(s3, tmp_path):
    client, bucket, environment = s3

    output = manage("shell", "-c", SAVE_A_RECEIPT, extra_environment=environment, tmp_path=tmp_path)
    saved = json.loads(output.splitlines()[-1])

    assert saved["backend"] == "S3Storage"
    assert saved["read_back"] == "%PDF-1.4 kuitti"
    key = f"private/{saved['name']}"
    assert client.get_object(Bucket=bucket, Key=key)["Body"].read() == b"%PDF-1.4 kuitti"
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert all("AllUsers" not in grant["Grantee"].get("URI", "") for grant in grants)
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.pdf"))


def test_a_backup_copies_the_files_from_the_bucket(s3, tmp_path):
    client, bucket, environment = s3
    client.put_object(Bucket=bucket, Key="private/receipts/vanha.png", Body=b"\x89PNG old receipt")

    manage("backup", "--output", str(tmp_path / "backups"), extra_environment=environment, tmp_path=tmp_path)

    (backup,) = (tmp_path / "backups").iterdir()
    plain = io.BytesIO()
    with open(backup / "files" / "receipts" / "vanha.png", "rb") as encrypted:
        decrypt_stream(backup_fernet(), encrypted, plain)
    assert plain.getvalue() == b"\x89PNG old receipt"
    assert "receipts/vanha.png" in backup_manifest(backup)["files"]
