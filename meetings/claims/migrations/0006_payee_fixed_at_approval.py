"""The payee fixed at approval (issue 14, item 5): the name, IBAN and BIC a claim is paid to, stored on the claim.

Claims approved or paid before this migration had no stored payee: their payment batches read the member's bank
account as it was when the file was written. They are filled here from the members' travel details as they are
now, the nearest record there is; drafts, submitted and returned claims get theirs when they are approved.
"""

from django.db import migrations, models
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException


def bic_for_iban(iban):
    try:
        bic = IBAN(iban).bic
    except SchwiftyException:
        return ""
    return str(bic) if bic else ""


def fill_payees(apps, schema_editor):
    TravelClaim = apps.get_model("claims", "TravelClaim")
    TravelDetails = apps.get_model("members", "TravelDetails")
    claims = TravelClaim.objects.filter(status__in=["approved", "paid"]).select_related("member")
    ibans = dict(TravelDetails.objects.values_list("member_id", "iban"))
    changed = []
    for claim in claims.iterator(chunk_size=500):
        iban = (ibans.get(claim.member_id) or "").replace(" ", "").upper()
        claim.payee_name = f"{claim.member.first_name} {claim.member.last_name}".strip()
        claim.payee_iban = iban
        claim.payee_bic = bic_for_iban(iban) if iban else ""
        changed.append(claim)
    TravelClaim.objects.bulk_update(changed, ["payee_name", "payee_iban", "payee_bic"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_one_claim_per_event_and_declaration"),
    ]

    operations = [
        migrations.AddField(
            model_name="travelclaim",
            name="payee_name",
            field=models.CharField(blank=True, editable=False, max_length=200, verbose_name="payee"),
        ),
        migrations.AddField(
            model_name="travelclaim",
            name="payee_iban",
            field=models.CharField(blank=True, editable=False, max_length=34, verbose_name="payee's IBAN"),
        ),
        migrations.AddField(
            model_name="travelclaim",
            name="payee_bic",
            field=models.CharField(blank=True, editable=False, max_length=11, verbose_name="payee's BIC"),
        ),
        migrations.RunPython(fill_payees, migrations.RunPython.noop),
    ]
