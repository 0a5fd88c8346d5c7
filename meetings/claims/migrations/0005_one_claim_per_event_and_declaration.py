"""One claim per member per event, the claimant's declaration, and a plausible maximum for one receipt (issue 14).

Claims are money owed and their audit trail: this migration never deletes or merges one. If the database already
holds two claims by the same member for the same meeting or action day, it stops before changing anything and
names them; the treasurer decides which one stands (deletes the other draft, or returns it and the member
withdraws it...) and the migration is run again. Receipt amounts above the new maximum are kept as they are:
the limit applies to what is typed from now on.
"""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models
from django.db.models import Count


def refuse_duplicate_claims(apps, schema_editor):
    TravelClaim = apps.get_model("claims", "TravelClaim")
    duplicates = []
    for event in ("meeting", "action_day"):
        groups = (
            TravelClaim.objects.filter(**{f"{event}__isnull": False})
            .values("member_id", f"{event}_id")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .order_by()
        )
        for group in groups:
            claims = TravelClaim.objects.filter(member_id=group["member_id"], **{f"{event}_id": group[f"{event}_id"]})
            numbers = ", ".join(f"id {pk} ({status})" for pk, status in claims.order_by("pk").values_list("pk", "status"))
            duplicates.append(f"member {group['member_id']}, {event} {group[f'{event}_id']}: {numbers}")
    if duplicates:
        raise RuntimeError(
            "Some members have more than one travel claim for the same event, which issue 14 no longer allows. "
            "Nothing was changed and no claim was deleted. Keep one claim for each event (delete or merge the "
            "others by hand, keeping paid ones), then migrate again:\n  " + "\n  ".join(duplicates)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_claim_departure_index"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicate_claims, migrations.RunPython.noop),
        migrations.AddField(
            model_name="travelclaim",
            name="declared_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="declared correct"),
        ),
        migrations.AlterField(
            model_name="claimline",
            name="cost",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=10,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("0.01")),
                    django.core.validators.MaxValueValidator(Decimal("1000")),
                ],
                verbose_name="cost on the receipt (€)",
            ),
        ),
        migrations.AddConstraint(
            model_name="travelclaim",
            constraint=models.UniqueConstraint(
                condition=models.Q(("meeting__isnull", False)),
                fields=("member", "meeting"),
                name="one_claim_per_member_and_meeting",
            ),
        ),
        migrations.AddConstraint(
            model_name="travelclaim",
            constraint=models.UniqueConstraint(
                condition=models.Q(("action_day__isnull", False)),
                fields=("member", "action_day"),
                name="one_claim_per_member_and_action_day",
            ),
        ),
    ]
