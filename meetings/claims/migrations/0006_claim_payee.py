"""The payee (name and bank account) stored on a claim when it is paid, or when its claimant is anonymised (issue 15).

Bookkeeping keeps a claim six years after its year; the member's travel details go when they are anonymised, so the
claim keeps whom it is paid to. Claims paid before this migration keep empty fields: the payment file and the claim
page read the member's travel details for them as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_one_claim_per_event_and_declaration"),
    ]

    operations = [
        migrations.AddField(
            model_name="travelclaim",
            name="payee_name",
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name="payee"),
        ),
        migrations.AddField(
            model_name="travelclaim",
            name="payee_iban",
            field=models.CharField(
                blank=True, editable=False, max_length=34, verbose_name="payee's bank account (IBAN)"
            ),
        ),
    ]
