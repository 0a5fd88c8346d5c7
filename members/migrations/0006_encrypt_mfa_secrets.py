"""TOTP secrets and recovery-code seeds stored before they were encrypted are encrypted now (issue #15, item 7)."""

from django.db import migrations

SECRET_FIELDS = {"totp": ["secret"], "recovery_codes": ["seed"]}


def _convert(apps, convert):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=SECRET_FIELDS):
        data = dict(authenticator.data)
        for field in SECRET_FIELDS[authenticator.type]:
            if field in data:
                data[field] = convert(data[field])
        if "migrated_codes" in data:
            data["migrated_codes"] = [convert(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps, schema_editor):
    from members.adapters import ENCRYPTED_PREFIX, EncryptedSecretsMFAAdapter

    adapter = EncryptedSecretsMFAAdapter()
    _convert(apps, lambda text: text if text.startswith(ENCRYPTED_PREFIX) else adapter.encrypt(text))


def decrypt_secrets(apps, schema_editor):
    from members.adapters import EncryptedSecretsMFAAdapter

    _convert(apps, EncryptedSecretsMFAAdapter().decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_invitation_binding"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
