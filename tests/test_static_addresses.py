"""Production's static files storage: the hashed address from the manifest, looked up once per process."""

import json

import pytest

from digitutor.storage import StaticFilesStorage


def storage_with_manifest(tmp_path):
    paths = {"css/digitutor.css": "css/digitutor.0123abcd.css"}
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1", "hash": "f00"}))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_static_file_is_addressed_by_its_hashed_name_every_time(tmp_path, settings):
    settings.DEBUG = False
    storage = storage_with_manifest(tmp_path)

    assert storage.url("css/digitutor.css") == "/static/css/digitutor.0123abcd.css"
    assert storage.url("css/digitutor.css") == "/static/css/digitutor.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_refused_every_time(tmp_path, settings):
    settings.DEBUG = False
    storage = storage_with_manifest(tmp_path)

    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_with_debug_on_the_file_keeps_its_own_name(tmp_path, settings):
    storage = storage_with_manifest(tmp_path)
    settings.DEBUG = False
    assert storage.url("css/digitutor.css") == "/static/css/digitutor.0123abcd.css"

    settings.DEBUG = True
    assert storage.url("css/digitutor.css") == "/static/css/digitutor.css"
