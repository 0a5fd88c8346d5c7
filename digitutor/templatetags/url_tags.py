"""Django's `{% url %}`, a page's address found through digitutor.addresses.address() where that gives the same.

settings.TEMPLATES adds this module to the built-in tags, after Django's, so its `{% url %}` is the one every template
uses (the admin's and allauth's too). reverse() matches the whole URL configuration on every call, some hundred
function calls; a page draws a few to a few dozen `{% url %}`, and a list one or more a row. address() reverses a
URL name once per URL configuration and script prefix and puts the page's numbers in. A name in a namespace
("admin:index") and keyword arguments go to Django's own tag: reverse() reads the current application for those.
tests/test_url_tag.py compares the two tags.
"""

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from digitutor.addresses import address

register = template.Library()


class URLNode(defaulttags.URLNode):
    """Django's URLNode; a URL name outside any namespace, with positional arguments only, through address()."""

    def render(self, context):
        view_name = self.view_name.resolve(context)
        if self.kwargs or not isinstance(view_name, str) or ":" in view_name:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        # The rest as Django's render(): a name that does not match raises, unless the address goes into a variable.
        url = ""
        try:
            url = address(view_name, *args)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's {% url %}, parsed by Django, drawn by the URLNode above."""
    node = defaulttags.url(parser, token)
    return URLNode(node.view_name, node.args, node.kwargs, node.asvar)
