"""The addresses of pages that take a key (a meeting's, a claim's, a batch's download): reverse() once per URL name.

A list draws a link or five for each of its rows, and reverse() matches the whole URL configuration every time:
a payments page of 25 batches spent a sixth of its drawing time there. The address of a URL name is the same for
every key but the key itself, so it is reversed once per URL configuration and script prefix with a stand-in
number, and each row's key is put in its place. A word among the arguments (a file format: "csv") is kept as it is
and is part of what is remembered, so only a fixed few may be passed; anything reverse() might refuse or quote (a
negative number, None, a word with other characters) goes to reverse() itself.
"""

import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# A stand-in no fixed part of an address holds; an int passes every converter the portal's keys use.
_STAND_IN = 8_271_828_182_845
_WORD = re.compile(r"[A-Za-z0-9_-]{1,20}")
_MOST_REMEMBERED = 1000
_templates = {}


def _plain(value):
    return (type(value) is int and value >= 0) or (type(value) is str and _WORD.fullmatch(value) is not None)


def _template(name, shape):
    """The address split around its numbers' places: [fixed, number, fixed, ...], or None to ask reverse()."""
    stand_ins = [str(_STAND_IN + index) for index, word in enumerate(shape) if word is None]
    try:
        written = reverse(name, args=[str(_STAND_IN + i) if word is None else word for i, word in enumerate(shape)])
    except NoReverseMatch:
        return None
    parts = re.split("(" + "|".join(stand_ins) + ")", written) if stand_ins else [written]
    if parts[1::2] != stand_ins:  # a number not written exactly once, in order
        return None
    return parts


def address(name, *args):
    """reverse(name, args=args), the URL configuration matched once per name rather than once per row."""
    if not all(_plain(arg) for arg in args):
        return reverse(name, args=args)
    shape = tuple(None if type(arg) is int else arg for arg in args)
    key = (get_urlconf(settings.ROOT_URLCONF), get_script_prefix(), name, shape)
    try:
        parts = _templates[key]
    except KeyError:
        parts = _template(name, shape)
        if len(_templates) < _MOST_REMEMBERED:
            _templates[key] = parts
    if parts is None:
        return reverse(name, args=args)
    pieces = list(parts)
    pieces[1::2] = [str(arg) for arg in args if type(arg) is int]
    return "".join(pieces)


def address_around_key(name):
    """address(name, key) for every key of a list at once, as the (before, after) a key >= 0 goes between, so a list
    of a few dozen rows asks for its address once rather than once a row."""
    before, _stand_in, after = address(name, _STAND_IN).partition(str(_STAND_IN))
    return before, after
