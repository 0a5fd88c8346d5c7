"""One row per privileged act: who, what, on what, which fields, when and from where."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    ROLES_CHANGED = "roles_changed", _("Roles changed")
    ACCOUNT_CHANGED = "account_changed", _("Account changed")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
    ACCOUNT_LINKED = "account_linked", _("Account linked to a member")
    MEMBER_DEACTIVATED = "member_deactivated", _("Member deactivated")
    MEMBER_ANONYMISED = "member_anonymised", _("Member anonymised")
    JOIN_REQUEST_ACCEPTED = "join_request_accepted", _("Join request accepted")
    JOIN_REQUEST_DECLINED = "join_request_declined", _("Join request declined")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Personal data downloaded")
    MEETING_PUBLISHED = "meeting_published", _("Meeting published")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    PLAN_COPIED = "plan_copied", _("Plan copied to the next year")
    CLAIM_APPROVED = "claim_approved", _("Claim approved")
    CLAIM_RETURNED = "claim_returned", _("Claim returned")
    CLAIM_PAID = "claim_paid", _("Claim marked paid")
    PAYEE_CHANGE_APPROVED = "payee_change_approved", _("Claim's account change approved")
    PAYEE_CHANGE_REFUSED = "payee_change_refused", _("Claim's account change refused")
    BATCH_CREATED = "batch_created", _("Payment batch made")
    BATCH_PAID = "batch_paid", _("Payment batch marked paid")
    FILE_DOWNLOADED = "file_downloaded", _("Payment or bookkeeping file downloaded")
    CREATED = "created", _("Added in the back office")
    CHANGED = "changed", _("Changed in the back office")
    DELETED = "deleted", _("Deleted in the back office")
    LOG_PRUNED = "log_pruned", _("Old audit entries deleted")


class AuditEntry(models.Model):
    """A privileged act, written in the same transaction as the act itself.

    Field names only: the values of personal details (IBANs, addresses) never enter the log; for plain fields such as
    a status or a role, ``detail`` may say what it was and what it became.
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # an erased account must not block erasure; actor_label keeps a neutral name
        related_name="+",
    )
    actor_label = models.CharField(_("who"), max_length=200)
    verb = models.CharField(_("what"), max_length=40, choices=Verb.choices, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=200, blank=True)
    changed = models.JSONField(_("fields changed"), default=list, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self):
        return f"{self.get_verb_display()}: {self.target_label}"
