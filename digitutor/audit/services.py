"""Writing the audit log: `audit_record`, called by every service that does a privileged act, inside its transaction.

An entry written in the act's transaction disappears with it when the act is rolled back, and an act that commits
always has its entry.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from digitutor.audit.context import client_ip
from digitutor.audit.models import AuditEntry, Verb

LABEL_LENGTH = 200


def actor_label_of(actor, *, system=""):
    """How the actor is named in the log: the account's name and address, or the command that acted."""
    if actor is None:
        return f"manage.py {system}" if system else _("system")
    name = actor.get_full_name().strip()
    return f"{name} <{actor.email}>"[:LABEL_LENGTH] if name else actor.email[:LABEL_LENGTH]


def audit_record(*, actor, verb, target=None, changed=(), detail="", system="", ip=None):
    """Write one entry for an act: who (actor, or the command named by system), verb, on what, which fields.

    ``changed`` holds field names only, never their values; ``detail`` may say e.g. "submitted → approved" for a
    plain field, never a personal detail. The client address is the current request's unless ip is given.
    """
    entry = AuditEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor_label_of(actor, system=system),
        verb=Verb(verb),
        changed=sorted(changed),
        detail=str(detail)[:500],
        ip=ip or client_ip(),
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_label = str(target)[:LABEL_LENGTH]
    entry.save()
    return entry


def audit_changes(before, after):
    """The names of the fields whose values differ between two dicts of field → value."""
    return sorted(field for field in after if before.get(field) != after[field])


def audit_entries_erase(member):
    """Erasure step: the log keeps the acts of and on an anonymised member, under a name that no longer says who.

    The account is kept as a number (the account row, if the books keep it, is anonymous too), so the acts stay
    attributable for the retention time without naming the person.
    """
    anonymous = f"{_('Former member')} #{member.pk}"
    user = member.user
    traces = [trace for trace in (member.full_name, member.email) if trace.strip()]
    if user is not None:
        traces += [trace for trace in (user.get_full_name(), user.email) if trace.strip()]
        AuditEntry.objects.filter(actor=user).update(actor_label=anonymous)
        AuditEntry.objects.filter(target_type="members.user", target_id=str(user.pk)).update(target_label=anonymous)
    AuditEntry.objects.filter(target_type="members.member", target_id=str(member.pk)).update(target_label=anonymous)
    matching = Q()
    for trace in traces:
        matching |= Q(actor_label__icontains=trace) | Q(target_label__icontains=trace)
    if not traces:
        return
    for entry in AuditEntry.objects.filter(matching):
        for trace in traces:
            entry.actor_label = _replace_ci(entry.actor_label, trace, anonymous)
            entry.target_label = _replace_ci(entry.target_label, trace, anonymous)
        entry.save(update_fields=["actor_label", "target_label"])


def _replace_ci(text, old, new):
    lowered, old_lower = text.lower(), old.lower()
    start = lowered.find(old_lower)
    while start != -1:
        text = text[:start] + new + text[start + len(old) :]
        lowered = text.lower()
        start = lowered.find(old_lower, start + len(new))
    return text


def audit_retention_cutoff(now=None):
    """Entries older than this are deleted: AUDIT_LOG_RETENTION_YEARS years (of 365 days) back from now."""
    now = now or timezone.now()
    return now - timedelta(days=365 * settings.AUDIT_LOG_RETENTION_YEARS)


def audit_log_prune(*, now=None):
    """Delete the entries older than the retention time, and record that it was done (with how many went)."""
    with transaction.atomic():
        deleted, _per_model = AuditEntry.objects.filter(at__lt=audit_retention_cutoff(now)).delete()
        if deleted:
            audit_record(actor=None, system="prune_audit_log", verb=Verb.LOG_PRUNED, detail=str(deleted))
    return deleted
