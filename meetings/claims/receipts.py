"""Receipts are recognised by what they contain, never by their name: a real PDF, JPEG or PNG, at most 10 MB."""

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

NOT_A_RECEIPT = _("The receipt must be a PDF, JPEG or PNG file.")


def _check_image(upload, expected_format):
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused, not merely warned about.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format != expected_format:
                    raise ValidationError(NOT_A_RECEIPT, code="type")
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
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
