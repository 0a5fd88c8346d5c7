"""Receipts are recognised by their content: real PDFs, JPEGs and PNGs are stored privately under random names;
hostile or broken files are refused with a message and leave nothing behind."""

import hashlib
import os
import struct
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants, get_messages
from django.utils import translation
from PIL import Image, ImageFile

from meetings.claims import receipts, services
from meetings.claims.models import ClaimEvent, ClaimLine, ClaimStatus, LineKind, Receipt
from tests.claims.factories import draft_claim, jpeg_bytes, pdf_bytes, png_bytes, upload

RECEIPTS_DIR = Path(settings.MEDIA_ROOT) / "private" / "receipts"


def in_request_language(message):
    """The message as a Finnish page shows it (English until its translation lands)."""
    with translation.override("fi"):
        if message is TOO_MANY_PIXELS:
            return str(message) % {"megapixels": receipts.MAX_RECEIPT_PIXELS // 1_000_000}
        return str(translation.gettext(str(message)) if isinstance(message, str) else message)


def stored_files():
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def noisy_png(size=(200, 200)):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def png_declaring(width, height):
    """A small real PNG whose header claims huge dimensions: a decompression bomb as Pillow sees it."""
    data = png_bytes()
    header = struct.pack(">II", width, height) + data[24:29]
    chunk = b"IHDR" + header
    return data[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


def png_of_pixels(width, height):
    """A real greyscale PNG of width x height white pixels, compressed row by row: tiny on disk, huge in memory."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width  # filter byte, then the row
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def jpeg_declaring(width, height):
    """A small real JPEG whose frame header (SOF0) claims width x height."""
    data = bytearray(jpeg_bytes())
    start = data.index(b"\xff\xc0")
    data[start + 5 : start + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def polyglot():
    """A PDF header, then HTML with a script, then a real PDF."""
    return b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n" + pdf_bytes()


NOT_A_RECEIPT = receipts.NOT_A_RECEIPT
DAMAGED_IMAGE = "The image file is damaged or too large to open."
DAMAGED_PDF = "The PDF file is damaged."
TOO_MANY_PIXELS = receipts.TOO_MANY_PIXELS
TOO_LARGE = "The receipt is larger than 10 MB."

HOSTILE = {
    "html renamed to pdf": ("kuitti.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
    "svg with a script": (
        "kuitti.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
    ),
    "svg renamed to png": ("kuitti.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "pdf and html polyglot": ("kuitti.pdf", polyglot()),
    "png header on html": ("kuitti.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"),
    "jpeg header on a png": ("kuitti.jpg", b"\xff\xd8\xff" + png_bytes()),
    "truncated png": ("kuitti.png", noisy_png()[:5000]),
    "truncated pdf": ("kuitti.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
    "decompression bomb": ("kuitti.png", png_declaring(100_000, 100_000)),
    "decompression bomb over the warning limit": ("kuitti.png", png_declaring(12_000, 12_000)),
    "path traversal with a text file": ("../../etc/passwd.png", b"root:x:0:0:root:/root:/bin/bash\n"),
    "11 MB file": ("kuitti.pdf", pdf_bytes() + b"\n%" + b"0" * (11 * 1024 * 1024)),
    "windows executable": ("kuitti.pdf", b"MZ\x90\x00" + b"\x00" * 200),
}
EXPECTED_MESSAGE = {
    "jpeg header on a png": DAMAGED_IMAGE,
    "truncated png": DAMAGED_IMAGE,
    "truncated pdf": DAMAGED_PDF,
    "decompression bomb": TOO_MANY_PIXELS,
    "decompression bomb over the warning limit": TOO_MANY_PIXELS,
    "11 MB file": TOO_LARGE,
}


@pytest.fixture
def ticket(member):
    """A draft with a ticket line that has no receipt yet."""
    claim = draft_claim(member, lines=())
    return services.claim_line_add(
        claim=claim, acting_user=member, kind=LineKind.TICKET, cost=Decimal("7.40"), explanation="Juna"
    )


def messages_of(response, level):
    return [message.message for message in get_messages(response.wsgi_request) if message.level == level]


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("kuitti.pdf", pdf_bytes(), "application/pdf"),
        ("kuitti.jpg", jpeg_bytes(), "image/jpeg"),
        ("kuitti.png", png_bytes(), "image/png"),
        ("KUITTI.JPEG", jpeg_bytes(), "image/jpeg"),
        ("kuitti.pdf", png_bytes(), "image/png"),  # the content decides, not the name
    ],
)
def test_a_real_pdf_jpeg_or_png_is_stored_privately_under_a_random_name(
    client, client_as, member, ticket, name, content, content_type
):
    response = client_as(member).post(
        f"/claims/{ticket.claim_id}/lines/{ticket.pk}/receipt/", {"receipt": upload(name, content)}
    )

    assert messages_of(response, constants.ERROR) == []
    receipt = Receipt.objects.get(line=ticket)
    path = Path(receipt.file.path).resolve()
    assert path.parent == RECEIPTS_DIR.resolve()
    assert Path(name).stem.lower() not in path.name.lower()
    assert len(path.stem) >= 30
    assert path.read_bytes() == content
    assert (receipt.content_type, receipt.size, receipt.original_name) == (content_type, len(content), name)
    assert receipt.sha256 == hashlib.sha256(content).hexdigest()
    # Served only through the checking view, as what it is, never sniffed as a page.
    assert client.get(f"{settings.MEDIA_URL}private/receipts/{path.name}").status_code == 404
    shown = client.get(f"/claims/receipts/{receipt.pk}/")
    assert shown["Content-Type"] == content_type
    assert b"".join(shown.streaming_content) == content
    assert shown["Content-Disposition"].startswith("inline")
    assert "sandbox" in shown["Content-Security-Policy"]
    assert shown["X-Content-Type-Options"] == "nosniff"


def test_a_receipt_sent_with_its_line_is_stored_with_it(client_as, member):
    claim = draft_claim(member, lines=())

    client_as(member).post(
        f"/claims/{claim.pk}/lines/",
        {"kind": LineKind.PARKING, "cost": "4.20", "explanation": "", "receipt": upload("p.jpg", jpeg_bytes())},
    )

    line = claim.lines.get()
    assert line.receipt.content_type == "image/jpeg"
    assert Path(line.receipt.file.path).resolve().parent == RECEIPTS_DIR.resolve()


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_or_broken_receipt_is_refused_with_a_message_and_nothing_is_stored(client_as, member, ticket, case):
    name, content = HOSTILE[case]
    files_before = stored_files()

    response = client_as(member).post(
        f"/claims/{ticket.claim_id}/lines/{ticket.pk}/receipt/", {"receipt": upload(name, content)}
    )

    assert response.status_code == 302
    assert messages_of(response, constants.ERROR) == [in_request_language(EXPECTED_MESSAGE.get(case, NOT_A_RECEIPT))]
    assert not Receipt.objects.exists()
    assert stored_files() == files_before


@pytest.mark.parametrize("case", HOSTILE)
def test_a_line_sent_with_a_hostile_receipt_is_not_added(client_as, member, case):
    claim = draft_claim(member, lines=())
    name, content = HOSTILE[case]
    files_before = stored_files()

    response = client_as(member).post(
        f"/claims/{claim.pk}/lines/",
        {"kind": LineKind.TICKET, "cost": "7.40", "explanation": "Juna", "receipt": upload(name, content)},
    )

    assert messages_of(response, constants.ERROR) == [in_request_language(EXPECTED_MESSAGE.get(case, NOT_A_RECEIPT))]
    assert not ClaimLine.objects.filter(claim=claim).exists()
    assert stored_files() == files_before


def test_a_path_traversal_name_on_a_real_png_is_stored_under_a_random_name_inside_the_receipts_folder(
    client_as, member, ticket
):
    response = client_as(member).post(
        f"/claims/{ticket.claim_id}/lines/{ticket.pk}/receipt/",
        {"receipt": upload("../../etc/passwd.png", png_bytes())},
    )

    assert messages_of(response, constants.ERROR) == []
    receipt = Receipt.objects.get(line=ticket)
    path = Path(receipt.file.path).resolve()
    assert path.parent == RECEIPTS_DIR.resolve()
    assert "passwd" not in path.name
    assert "/" not in receipt.original_name and ".." not in receipt.original_name
    assert not any(part == "etc" for file in stored_files() for part in file.parts[-3:])


def test_the_service_strips_a_path_even_when_the_upload_keeps_it(member, ticket):
    hostile = upload("kuitti.png", png_bytes())
    hostile._name = "../../../etc/passwd.png"  # as if a client library skipped Django's own sanitising

    receipt = services.claim_receipt_attach(line=ticket, acting_user=member, upload=hostile)

    assert Path(receipt.file.path).resolve().parent == RECEIPTS_DIR.resolve()
    assert receipt.original_name == "passwd.png"


def test_replacing_a_receipt_deletes_the_old_file(client_as, member, ticket):
    client = client_as(member)
    client.post(f"/claims/{ticket.claim_id}/lines/{ticket.pk}/receipt/", {"receipt": upload("a.png", png_bytes())})
    old = Path(Receipt.objects.get(line=ticket).file.path)

    client.post(f"/claims/{ticket.claim_id}/lines/{ticket.pk}/receipt/", {"receipt": upload("b.pdf", pdf_bytes())})

    assert Receipt.objects.get(line=ticket).original_name == "b.pdf"
    assert not old.exists()


def test_a_car_line_takes_no_receipt(client_as, member):
    claim = draft_claim(member, lines=("car",))
    line = claim.lines.get()

    response = client_as(member).post(
        f"/claims/{claim.pk}/lines/{line.pk}/receipt/", {"receipt": upload("a.png", png_bytes())}
    )

    assert messages_of(response, constants.ERROR)
    assert not Receipt.objects.exists()


@pytest.mark.parametrize("kind", [LineKind.TICKET, LineKind.PARKING, LineKind.OTHER])
def test_a_line_without_its_receipt_blocks_submitting_until_the_receipt_is_attached(client_as, member, kind):
    claim = draft_claim(member, lines=("car",))
    line = services.claim_line_add(
        claim=claim, acting_user=member, kind=kind, cost=Decimal("9.90"), explanation="Pysäköinti"
    )
    client = client_as(member)

    refused = client.post(f"/claims/{claim.pk}/submit/", {"declaration": "on"})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT
    assert messages_of(refused, constants.ERROR) == [
        in_request_language("Attach a receipt to every ticket, parking and other-cost line before submitting.")
    ]
    assert not ClaimEvent.objects.exists()

    client.post(f"/claims/{claim.pk}/lines/{line.pk}/receipt/", {"receipt": upload("k.png", png_bytes())})
    client.post(f"/claims/{claim.pk}/submit/", {"declaration": "on"})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


@pytest.mark.parametrize(
    "content",
    [pytest.param(png_of_pixels(9400, 9400), id="png"), pytest.param(jpeg_declaring(9400, 9400), id="jpeg")],
)
def test_an_image_over_the_pixel_limit_is_refused_from_its_header_before_any_pixel_is_decoded(
    client_as, member, ticket, content, monkeypatch
):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))
    monkeypatch.setattr(Image.Image, "load", lambda image: decoded.append(image))
    assert len(content) < 500 * 1024  # small on disk; 88 million pixels in memory

    response = client_as(member).post(
        f"/claims/{ticket.claim_id}/lines/{ticket.pk}/receipt/", {"receipt": upload("kuitti.png", content)}
    )

    assert messages_of(response, constants.ERROR) == [in_request_language(TOO_MANY_PIXELS)]
    assert decoded == []
    assert not Receipt.objects.exists()


def test_the_pixel_limit_leaves_room_for_a_48_megapixel_phone_photo():
    assert 8000 * 6000 <= receipts.MAX_RECEIPT_PIXELS < 9400 * 9400


def test_the_size_limit_is_ten_megabytes(ticket, member):
    just_fits = pdf_bytes() + b"\n%" + b"0" * (receipts.MAX_RECEIPT_BYTES - len(pdf_bytes()) - 2)
    assert len(just_fits) == receipts.MAX_RECEIPT_BYTES

    receipt = services.claim_receipt_attach(line=ticket, acting_user=member, upload=upload("big.pdf", just_fits))

    assert receipt.size == 10 * 1024 * 1024
