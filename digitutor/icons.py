"""The icon sprite the portal serves: only the icons it draws, cut from the upstream sprite (`make icons`).

The upstream sprite of Bootstrap Icons (digitutor/vendor/bootstrap-icons/, not served) holds some two thousand icons
in 1.1 MB; the portal draws a few dozen, so it serves a sprite of just those (static/vendor/bootstrap-icons/).
Which icons those are is asked on the top floor (manage.py build_icon_sprite), as the menu and the claim states
name some too.
"""

import re
from pathlib import Path

from django.conf import settings

UPSTREAM_SPRITE = Path(settings.BASE_DIR) / "digitutor" / "vendor" / "bootstrap-icons" / "bootstrap-icons.svg"
SERVED_SPRITE = Path(settings.BASE_DIR) / "static" / "vendor" / "bootstrap-icons" / "bootstrap-icons.svg"

TEMPLATE_ICON = re.compile(r"""\{%\s*icon\s+(?:"([^"]+)"|'([^']+)'|(\S+))""")
SYMBOL = re.compile(r'<symbol\b[^>]*\bid="([^"]+)"[^>]*>.*?</symbol>', re.DOTALL)
HEADER = (
    "<!-- Bootstrap Icons (MIT, see LICENSE beside this file), only the icons the portal draws: written by"
    " `make icons` (manage.py build_icon_sprite) from digitutor/vendor/bootstrap-icons/bootstrap-icons.svg;"
    " do not edit. -->\n"
)


def template_icon_uses():
    """Every `{% icon ... %}` in the templates as (template, name or None, the argument as written): None where the
    name comes from a variable."""
    uses = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            for match in TEMPLATE_ICON.finditer(path.read_text(encoding="utf-8")):
                literal = match.group(1) or match.group(2)
                uses.append((path, literal, literal or match.group(3)))
    return uses


def sprite_symbols(sprite_text):
    """{name: the <symbol> element as written} of a sprite."""
    return {match.group(1): match.group(0) for match in SYMBOL.finditer(sprite_text)}


def sprite_trim(upstream_text, names):
    """The sprite with only the symbols of these names, in name order; a name the upstream sprite lacks is an error."""
    symbols = sprite_symbols(upstream_text)
    missing = sorted(set(names) - set(symbols))
    if missing:
        raise KeyError(f"Bootstrap Icons has no icon named {', '.join(missing)}")
    opening = upstream_text[: upstream_text.index(">", upstream_text.index("<svg")) + 1]
    body = "\n".join(symbols[name] for name in sorted(names))
    return f"{HEADER}{opening}\n{body}\n</svg>\n"
