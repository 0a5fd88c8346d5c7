"""Receipts are recognised by what they contain, never by their name: a real PDF, JPEG or PNG, at most 10 MB.

An image is the one kind of upload the portal decodes, here and nowhere else: its size in pixels is read from the
header first, so a small file that would fill hundreds of megabytes once decoded is refused before any pixel is.
"""

import hashlib
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
SIGNATURES = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG)]
# Markup that a browser would run if it ever sniffed the file as HTML.
MARKUP = (b"<html", b"<script", b"<!doctype", b"<svg", b"<body", b"<iframe")

# 50 megapixels: room for a 48-megapixel phone photo (8000 x 6000), about 200 MB once decoded; no more.
MAX_RECEIPT_PIXELS = 50_000_000

NOT_A_RECEIPT = _("The receipt must be a PDF, JPEG or PNG file.")
TOO_MANY_PIXELS = _(
    "The picture has too many pixels: at most %(megapixels)s megapixels. Take a smaller picture or save it as a PDF."
)


def _refuse_too_many_pixels():
    raise ValidationError(TOO_MANY_PIXELS, code="pixels", params={"megapixels": MAX_RECEIPT_PIXELS // 1_000_000})


def _check_image(upload, expected_format):
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check (Image.MAX_IMAGE_PIXELS) is looser than ours; what it finds is refused too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:  # reads the header only
                if image.format != expected_format:
                    raise ValidationError(NOT_A_RECEIPT, code="type")
                width, height = image.size
                if width * height > MAX_RECEIPT_PIXELS:
                    _refuse_too_many_pixels()
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse_too_many_pixels()
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("The image file is damaged or too large to open."), code="damaged") from error


def _check_pdf(upload):
    try:
        reader = PdfReader(upload, strict=False)
        if len(reader.pages) == 0:
            raise ValidationError(_("The PDF file has no pages."), code="damaged")
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ValidationError(_("The PDF file is damaged."), code="damaged") from error


def validate_receipt(upload):
    """Check an uploaded file and return its content type and SHA-256; raise ValidationError otherwise."""
    if upload.size > MAX_RECEIPT_BYTES:
        raise ValidationError(_("The receipt is larger than 10 MB."), code="size")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    content_type = next((kind for signature, kind in SIGNATURES if head.startswith(signature)), None)
    if content_type is None or any(marker in head.lower() for marker in MARKUP):
        raise ValidationError(NOT_A_RECEIPT, code="type")
    if content_type == PDF:
        _check_pdf(upload)
    else:
        _check_image(upload, "JPEG" if content_type == JPEG else "PNG")
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest()
