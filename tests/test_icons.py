"""The served icon sprite holds every icon the portal draws, and only those (`make icons` cuts it)."""

import ast
from pathlib import Path

import pytest
from django.test import override_settings

from digitutor.icons import SERVED_SPRITE, UPSTREAM_SPRITE, sprite_symbols, sprite_trim, template_icon_uses
from digitutor.management.commands.build_icon_sprite import icons_used
from digitutor.templatetags.icons import icon_html

ROOT = Path(__file__).resolve().parent.parent
# The only Python that draws icons: the tag itself, the shell (its ICONS and the menu's NAVIGATION), the claim
# states (ICONS and TODO_ICON) and the front page's answer tick (ANSWERED_ICON), each asked by icons_used().
ICON_DRAWING_MODULES = {
    "digitutor/templatetags/icons.py",
    "digitutor/templatetags/shell.py",
    "meetings/claims/templatetags/claim_status.py",
    "digitutor/home/cards.py",
}


def test_every_icon_the_portal_draws_is_in_the_served_sprite():
    served = sprite_symbols(SERVED_SPRITE.read_text(encoding="utf-8"))

    missing = sorted(icons_used() - set(served))

    assert missing == [], f"the served sprite lacks {missing}: run `make icons`"


def test_every_icon_a_template_names_is_in_the_served_sprite():
    served = sprite_symbols(SERVED_SPRITE.read_text(encoding="utf-8"))

    missing = [(path.name, name) for path, name, _argument in template_icon_uses() if name and name not in served]

    assert missing == [], f"run `make icons`: {missing}"


def test_the_served_sprite_is_the_one_make_icons_writes():
    upstream = UPSTREAM_SPRITE.read_text(encoding="utf-8")

    assert SERVED_SPRITE.read_text(encoding="utf-8") == sprite_trim(upstream, icons_used()), "run `make icons`"


def test_the_served_sprite_is_small_and_keeps_its_licence():
    assert SERVED_SPRITE.stat().st_size < 40_000
    assert (SERVED_SPRITE.parent / "LICENSE").read_text().startswith("The MIT License")
    assert sorted(path.name for path in SERVED_SPRITE.parent.iterdir()) == ["LICENSE", "bootstrap-icons.svg"]


def test_no_template_names_an_icon_by_a_variable():
    # The menu's entries, whose icons are named in NAVIGATION, are drawn in Python (digitutor/templatetags/shell.py).
    uses = {(path.name, argument) for path, name, argument in template_icon_uses() if name is None}

    assert uses == set(), f"teach build_icon_sprite.icons_used() where these names come from: {uses}"


def test_icons_are_drawn_in_python_only_where_build_icon_sprite_looks():
    drawing = set()
    for package in ("digitutor", "members", "meetings", "goals"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
            if "icon_html" in names or any(
                isinstance(node, ast.FunctionDef) and node.name == "icon_html" for node in ast.walk(tree)
            ):
                drawing.add(str(path.relative_to(ROOT)))

    assert drawing == ICON_DRAWING_MODULES


def test_icons_used_counts_the_templates_the_shell_the_menu_and_the_claim_states():
    names = icons_used()

    assert {"piggy-bank", "inbox"} <= names  # templates
    assert {"person-circle", "box-arrow-right", "envelope"} <= names  # the shell
    assert {"calendar3", "person-lines-fill", "person-plus"} <= names  # the menu
    assert {"pencil", "send", "check2-all", "circle"} <= names  # the claim states and a step not reached


def test_trimming_keeps_the_named_symbols_as_written_and_refuses_an_unknown_name():
    upstream = (
        '<svg xmlns="http://www.w3.org/2000/svg"><symbol viewBox="0 0 16 16" id="a"><path d="M1"/></symbol>'
        '<symbol viewBox="0 0 16 16" id="b"><path d="M2"/></symbol></svg>'
    )

    trimmed = sprite_trim(upstream, {"b"})

    assert '<symbol viewBox="0 0 16 16" id="b"><path d="M2"/></symbol>' in trimmed
    assert 'id="a"' not in trimmed
    assert trimmed.rstrip().endswith("</svg>")
    with pytest.raises(KeyError, match="no-such-icon"):
        sprite_trim(upstream, {"b", "no-such-icon"})


def test_an_icon_is_drawn_as_the_icon_tag_drew_it():
    assert icon_html("list", "icon-lg") == (
        '<svg class="icon icon-lg" aria-hidden="true" focusable="false">'
        '<use href="/static/vendor/bootstrap-icons/bootstrap-icons.svg#list"></use></svg>'
    )
    assert icon_html("") == ""


def test_an_icon_drawn_again_follows_the_sprite_to_its_new_address():
    icon_html("gear")

    with override_settings(STATIC_URL="/elsewhere/"):
        moved = icon_html("gear")

    assert '<use href="/elsewhere/vendor/bootstrap-icons/bootstrap-icons.svg#gear">' in moved
