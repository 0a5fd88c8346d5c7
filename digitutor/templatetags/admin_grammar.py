"""The back office's headings and counts in good Finnish and Swedish.

Django's admin puts a model's name into sentences ("Change %s", "2 action plans"), which Finnish cannot follow:
after a verb or a number it needs the partitive ("Muokkaa toimintasuunnitelmaa", "2 toimintasuunnitelmaa"). The
templates under templates/admin/ ask these tags instead: headings name the model after a colon ("Muokkaa:
Toimintasuunnitelma", with the object under it) or the list ("Toimintasuunnitelmat"), and counts use a sentence of
their own per model, translated with its plural forms.
"""

from django import template
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def _counts():
    """Each model's count as (singular, plural) sentences, so the catalogues give every language its own forms."""
    return {
        "members.user": lambda n: ngettext("%(count)s user", "%(count)s users", n),
        "members.library": lambda n: ngettext("%(count)s library", "%(count)s libraries", n),
        "members.member": lambda n: ngettext("%(count)s member", "%(count)s members", n),
        "members.traveldetails": lambda n: ngettext(
            "%(count)s member's travel details", "%(count)s members' travel details", n
        ),
        "members.roster": lambda n: ngettext("%(count)s roster", "%(count)s rosters", n),
        "members.invitation": lambda n: ngettext("%(count)s invitation", "%(count)s invitations", n),
        "members.joinrequest": lambda n: ngettext("%(count)s join request", "%(count)s join requests", n),
        "meetings.meeting": lambda n: ngettext("%(count)s meeting", "%(count)s meetings", n),
        "actionday.actionday": lambda n: ngettext("%(count)s action day", "%(count)s action days", n),
        "actionday.registration": lambda n: ngettext("%(count)s registration", "%(count)s registrations", n),
        "claims.travelrate": lambda n: ngettext("%(count)s year's travel rates", "%(count)s years' travel rates", n),
        "claims.budget": lambda n: ngettext("%(count)s budget", "%(count)s budgets", n),
        "claims.paymentbatch": lambda n: ngettext("%(count)s payment batch", "%(count)s payment batches", n),
        "claims.travelclaim": lambda n: ngettext("%(count)s travel claim", "%(count)s travel claims", n),
        "goals.plan": lambda n: ngettext("%(count)s action plan", "%(count)s action plans", n),
        "goals.goal": lambda n: ngettext("%(count)s goal", "%(count)s goals", n),
        "goals.goodpractice": lambda n: ngettext("%(count)s good practice", "%(count)s good practices", n),
        "goals.training": lambda n: ngettext("%(count)s training", "%(count)s trainings", n),
        "goals.tag": lambda n: ngettext("%(count)s tag", "%(count)s tags", n),
        "audit.auditentry": lambda n: ngettext("%(count)s audit entry", "%(count)s audit entries", n),
    }


@register.simple_tag
def admin_count(count, opts):
    """ "2 toimintasuunnitelmaa": the number of rows with the model's name in the form that follows a number."""
    sentence = _counts().get(opts.label_lower, lambda n: ngettext("%(count)s item", "%(count)s items", n))
    return sentence(count) % {"count": count}


@register.simple_tag(takes_context=True)
def admin_heading(context):
    """The page's heading, whatever the language: the list's name, or what is done to which kind of object."""
    opts = context.get("opts")
    model = capfirst(opts.verbose_name) if opts else ""
    if "cl" in context:
        return capfirst(context["cl"].opts.verbose_name_plural)
    if "action_list" in context:
        return _("Change history: %(model)s") % {"model": model}
    if "deleted_objects" in context:
        if context.get("perms_lacking") or context.get("protected"):
            return _("Cannot delete: %(model)s") % {"model": model}
        return _("Delete: %(model)s") % {"model": model}
    if context.get("add") or context.get("original") is None:
        return context.get("title", "")
    if context.get("has_change_permission"):
        return _("Change: %(model)s") % {"model": model}
    return model


@register.filter
def as_heading(text):
    """A translated phrase as a heading: without Django's padding spaces, starting with a capital."""
    return capfirst(str(text).strip())
