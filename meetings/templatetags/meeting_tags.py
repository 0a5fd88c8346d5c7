"""A meeting's time as lists and the dashboard show it, written in Python: the template did it with seven date
filters per meeting, most of a meeting list's drawing time."""

from django import template
from django.utils import dateformat
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import template_localtime

register = template.Library()


@register.filter
def meeting_when(meeting):
    """<time>Weekday date time</time>–<time>[end date] end time</time>, in the active language and time zone."""
    starts, ends = template_localtime(meeting.starts_at), template_localtime(meeting.ends_at)
    end_date = f"{date_format(ends, 'DATE_FORMAT')} " if ends.date() != starts.date() else ""
    return format_html(
        '<time datetime="{}">{} {} {}</time>–<time datetime="{}">{}{}</time>',
        dateformat.format(starts, "c"),
        capfirst(date_format(starts, "l")),
        date_format(starts, "DATE_FORMAT"),
        time_format(starts, "TIME_FORMAT"),
        dateformat.format(ends, "c"),
        end_date,
        time_format(ends, "TIME_FORMAT"),
    )
