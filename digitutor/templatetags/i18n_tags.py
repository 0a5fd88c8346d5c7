"""Django's i18n tags, with `{% translate "a literal" %}` looked up at once instead of through a lazy string.

settings.TEMPLATES names this module as the "i18n" library, so `{% load i18n %}` loads it in every template (the
admin's and allauth's too). Every tag and filter is Django's own; only `{% translate %}` of a plain literal (no
filter, no noop, no context) draws itself more cheaply. Django's tag makes a lazy translation of the literal on
every drawing and then turns it into text; a page says some dozens of them, and the lazy string cost more than the
catalogue lookup. The text is the same (tests/test_i18n_tags.py compares the two tags).
"""

from django import template
from django.template.base import render_value_in_context
from django.templatetags import i18n
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)


class TranslateNode(i18n.TranslateNode):
    """Django's TranslateNode; a plain literal is translated with gettext() as the lazy string would have been."""

    def __init__(self, filter_expression, noop, asvar=None, message_context=None):
        super().__init__(filter_expression, noop, asvar, message_context)
        self.msgid = self._literal_msgid()

    def _literal_msgid(self):
        """The msgid Django's Variable.resolve() would look up for a plain literal, or None for any other form."""
        variable = self.filter_expression.var
        if self.noop or self.message_context or self.filter_expression.filters:
            return None
        if not isinstance(variable, template.Variable) or variable.lookups is not None:
            return None
        # As Variable.resolve(): percent signs doubled (render() restores them), the literal's safeness kept.
        msgid = variable.literal.replace("%", "%%")
        return mark_safe(msgid) if isinstance(variable.literal, SafeData) else msgid

    def render(self, context):
        if self.msgid is None:
            return super().render(context)
        value = render_value_in_context(gettext(self.msgid), context)
        # The rest as Django's render(): percent signs restored, safeness kept, or the text kept in a variable.
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        value = mark_safe(value) if is_safe else value
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    """Django's {% translate %}, parsed by Django, drawn by the TranslateNode above."""
    node = i18n.do_translate(parser, token)
    return TranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)
