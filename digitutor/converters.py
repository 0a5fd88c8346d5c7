"""URL converters the apps share."""

from django.urls import register_converter


class TokenConverter:
    """A personal link's token (secrets.token_urlsafe): anything else is no link of ours, and a 404 by the resolver,
    so it never reaches the database (PostgreSQL refuses a NUL byte)."""

    regex = "[A-Za-z0-9_-]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")
