"""Charts drawn on the server as SVG: no script, no external service, and always a text alternative."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    width: float
    text: str


def bars(rows, *, maximum=None, width=100):
    """Horizontal bars scaled to the largest value (or a given maximum); rows are (label, value, text)."""
    top = maximum if maximum is not None else max((value for _label, value, _text in rows), default=0)
    result = []
    for label, value, text in rows:
        share = float(value) / float(top) if top else 0
        result.append(Bar(label, value, round(min(share, 1.0) * width, 1), text))
    return result
