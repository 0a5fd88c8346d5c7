"""Text the chair writes is rendered safely; euros are written the Finnish way."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from digitutor.markdown import render_markdown as markdown
from digitutor.templatetags.formatting import euros
from tests.meetings.factories import MeetingFactory

HOSTILE = (
    "**Päätökset**\n\n"
    "<script>alert(1)</script>\n\n"
    '<img src="x" onerror="alert(2)">\n\n'
    '[linkki](javascript:alert(3)) <a href="https://example.org" onclick="alert(4)">sivu</a>\n\n'
    "- yksi\n- kaksi"
)


def assert_harmless(html):
    lowered = html.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "<img" not in lowered


def test_minutes_with_a_script_and_an_image_handler_show_neither_but_keep_the_formatting(client_as, member):
    meeting = MeetingFactory(minutes=HOSTILE, agenda=HOSTILE)

    response = client_as(member).get(f"/meetings/{meeting.pk}/")

    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert_harmless(main)
    assert "alert(1)" not in main or "&lt;script&gt;" in main
    assert main.count("<strong>Päätökset</strong>") == 2  # agenda and minutes
    assert "<li>yksi</li>" in main


def test_the_markdown_filter_keeps_formatting_and_drops_dangerous_html():
    html = markdown(HOSTILE)

    assert_harmless(html)
    assert "<strong>Päätökset</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">sivu</a>' in html
    assert "<ul>" in html


def test_the_markdown_filter_accepts_empty_text():
    assert markdown(None) == ""
    assert markdown("") == ""


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1234.5"), "1\xa0234,50\xa0€"),
        (Decimal("0"), "0,00\xa0€"),
        (Decimal("1085.6"), "1\xa0085,60\xa0€"),
        (Decimal("1234567.891"), "1\xa0234\xa0567,89\xa0€"),
        ("2500.00", "2\xa0500,00\xa0€"),
        (None, ""),
    ],
)
def test_euros_are_written_the_finnish_way(amount, expected):
    with translation.override("fi"):
        assert euros(amount) == expected


def test_the_thousands_separator_is_the_one_djangos_finnish_locale_uses():
    from django.conf.locale.fi import formats

    with translation.override("fi"):
        assert euros(Decimal("1234.5")) == f"1{formats.THOUSAND_SEPARATOR}234{formats.DECIMAL_SEPARATOR}50\xa0€"
    assert formats.THOUSAND_SEPARATOR == "\xa0"


def test_the_euros_filter_works_in_a_template():
    with translation.override("fi"):
        html = Template("{% load formatting %}{{ amount|euros }}").render(Context({"amount": Decimal("1234.5")}))

    assert html == "1\xa0234,50\xa0€"
