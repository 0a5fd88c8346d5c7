"""A corpus of hostile uploads, built here: pages and scripts dressed as documents, polyglots, broken and bomb
images, path tricks in names, an 11 MB file, an empty one, a zip in disguise. A member's receipt refuses every one of
them with a message the member sees; the chair's meeting attachments refuse what a browser could run and serve the
rest only as downloads that run nothing. Nothing refused is stored, and nothing ever gives a server error.

tests/claims/test_receipts.py already sends its HOSTILE files to the receipt upload; the receipt test here sends the
rest of the corpus, and the attachment test sends all of it."""

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants, get_messages
from django.utils import translation
from django.utils.html import escape

from meetings.claims import services
from meetings.claims.models import LineKind, Receipt
from meetings.models import MeetingAttachment
from tests.claims.factories import draft_claim, image_bytes, jpeg_bytes, pdf_bytes, upload
from tests.claims.test_receipts import DAMAGED_IMAGE, HOSTILE, NOT_A_RECEIPT
from tests.meetings.factories import MeetingFactory
from tests.meetings.test_permissions import change_form_data


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("kuitti.html", "<script>alert(1)</script>" * 20)
    return buffer.getvalue()


def noisy_jpeg():
    from PIL import Image

    return _saved(Image.effect_noise((300, 300), 80).convert("RGB"), "JPEG")


def _saved(image, fmt):
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def jpeg_with_script_in_its_comment():
    """A real JPEG whose comment segment is a page: a browser sniffing it would find HTML."""
    data = jpeg_bytes()
    comment = b"<html><script>alert(document.cookie)</script></html>"
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return data[:2] + segment + data[2:]


SCRIPT_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

# The corpus beyond tests/claims/test_receipts.py's HOSTILE.
MORE = {
    "truncated jpeg": ("kuitti.jpg", noisy_jpeg()[:4000]),
    "zip renamed to pdf": ("kuitti.pdf", zip_bytes()),
    "empty file": ("kuitti.pdf", b""),
    "path traversal to passwd.pdf": ("../../etc/passwd.pdf", b"root:x:0:0:root:/root:/bin/bash\n"),
    "backslash path traversal": ("..\\..\\windows\\system32\\kuitti.pdf", SCRIPT_PAGE),
    "jpeg with a script in its comment": ("kuitti.jpg", jpeg_with_script_in_its_comment()),
    "gif renamed to png": ("kuitti.png", image_bytes("GIF")),
}
CORPUS = {**HOSTILE, **MORE}

RECEIPT_MESSAGE = {
    "truncated jpeg": DAMAGED_IMAGE,
    "empty file": "The submitted file is empty.",
}


def in_request_language(msgid):
    """The message as a Finnish page shows it (English until its translation lands)."""
    with translation.override("fi"):
        return translation.gettext(msgid)


def files_under_media():
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.fixture
def ticket(member):
    """A draft claim's ticket line waiting for its receipt."""
    claim = draft_claim(member, lines=())
    return services.claim_line_add(
        claim=claim, acting_user=member, kind=LineKind.TICKET, cost=Decimal("7.40"), explanation="Juna"
    )


def test_the_corpus_adds_to_the_receipt_tests_and_nothing_is_lost():
    assert not set(MORE) & set(HOSTILE)
    assert set(CORPUS) == set(HOSTILE) | set(MORE)


@pytest.mark.parametrize("case", MORE)
def test_a_hostile_receipt_is_refused_with_a_message_the_member_sees_and_nothing_is_stored(
    client_as, member, ticket, case
):
    name, content = MORE[case]
    files_before = files_under_media()

    response = client_as(member).post(
        f"/claims/{ticket.claim_id}/lines/{ticket.pk}/receipt/", {"receipt": upload(name, content)}, follow=True
    )

    message = in_request_language(RECEIPT_MESSAGE.get(case, str(NOT_A_RECEIPT)))
    assert response.redirect_chain == [(f"/claims/{ticket.claim_id}/", 302)]
    assert escape(message) in response.text
    assert not Receipt.objects.exists()
    assert files_under_media() == files_before


def test_a_receipt_named_with_backslashes_is_stored_under_a_random_name_in_the_receipts_folder(
    client_as, member, ticket
):
    response = client_as(member).post(
        f"/claims/{ticket.claim_id}/lines/{ticket.pk}/receipt/",
        {"receipt": upload("..\\..\\windows\\system32\\kuitti.pdf", pdf_bytes())},
    )

    assert [m for m in get_messages(response.wsgi_request) if m.level == constants.ERROR] == []
    receipt = Receipt.objects.get()
    path = Path(receipt.file.path).resolve()
    assert path.parent == (Path(settings.MEDIA_ROOT) / "private" / "receipts").resolve()
    assert receipt.original_name == "kuitti.pdf"


# --- the chair's meeting attachments --------------------------------------------------------------------------------

# What a browser would run as a page or a script: refused. The rest is harmless as a download and is kept.
RUNNABLE = {
    "html renamed to pdf",
    "svg with a script",
    "svg renamed to png",
    "pdf and html polyglot",
    "png header on html",
    "backslash path traversal",
    "jpeg with a script in its comment",
}
ACTIVE_TYPES = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml", "text/javascript"}
ATTACHMENT_MESSAGE = "Web pages, SVG images and scripts cannot be attached. Save the file as a PDF and attach that."
REFUSED_FOR_WHAT_IT_IS = {
    "empty file": "The submitted file is empty.",
    "11 MB file": "The attachment is larger than 10 MB.",
}


def attachment_post(meeting, name, content):
    """The meeting's back-office form as it stands, with one new attachment."""
    data = change_form_data(meeting)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Liite",
            "attachments-0-file": upload(name, content),
        }
    )
    return data


@pytest.mark.parametrize("case", CORPUS)
def test_a_hostile_attachment_is_refused_or_kept_only_as_a_download_that_runs_nothing(client_as, chair, member, case):
    name, content = CORPUS[case]
    meeting = MeetingFactory()
    files_before = files_under_media()

    response = client_as(chair).post(
        f"/admin/meetings/meeting/{meeting.pk}/change/", attachment_post(meeting, name, content)
    )

    if case in RUNNABLE or case in REFUSED_FOR_WHAT_IT_IS:
        assert response.status_code == 200
        message = ATTACHMENT_MESSAGE if case in RUNNABLE else REFUSED_FOR_WHAT_IT_IS[case]
        assert escape(in_request_language(message)) in response.text
        assert not MeetingAttachment.objects.exists()
        assert files_under_media() == files_before
        return
    assert response.status_code == 302
    attachment = MeetingAttachment.objects.get()
    stored = Path(attachment.file.path).resolve()
    assert stored.parent == (Path(settings.MEDIA_ROOT) / "private" / "meeting-attachments").resolve()
    assert stored.read_bytes() == content
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    assert "passwd" not in stored.name and "kuitti" not in stored.name
    download = client_as(member).get(attachment.get_absolute_url())
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"].split(";")[0] not in ACTIVE_TYPES
    assert download["Content-Security-Policy"].startswith("sandbox")


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("esitys.html", "application/octet-stream"),
        ("kuva.svg", "application/octet-stream"),
        ("muistio.pdf", "application/pdf"),
        ("kuva.png", "image/png"),
        ("ohjelma.exe", "application/octet-stream"),
    ],
)
def test_an_attachment_is_sent_as_what_it_is_only_when_that_is_a_document(client_as, member, name, content_type):
    """A page or an SVG stored before uploads were checked still downloads as plain bytes, never as a page."""
    from django.core.files.base import ContentFile

    attachment = MeetingAttachment.objects.create(
        meeting=MeetingFactory(), title="Vanha liite", file=ContentFile(b"<svg><script>alert(1)</script></svg>", name)
    )

    response = client_as(member).get(attachment.get_absolute_url())

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
