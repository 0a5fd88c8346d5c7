"""Demo people: the 2022 roster of the seed action plan, plus the treasurer."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from digitutor.roles import Role
from members.models import User

# (first name, last name, municipality as written in the seed), the chair first.
ROSTER_2022 = [
    ("Anne", "Heino", "AKE Turku"),
    ("Aija", "Ameer", "Pori"),
    ("Aleksi", "Ahlstedt", "Masku"),
    ("Janne", "Blomqvist", "Turku"),
    ("Marianne", "Helander", "Pori"),
    ("Sinikka", "Huttunen", "Kaarina"),
    ("Elena", "Iso-Oja", "Pomarkku"),
    ("Tuomas", "Kumpula", "Pori"),
    ("Mikko", "Liimatainen", "Turku"),
    ("Elise", "Nuotio", "Pori"),
    ("Till", "Paala", "Pori"),
    ("Lauri", "Pietikäinen", "Naantali"),
    ("Anna-Maija", "Saariaho", "Raisio"),
    ("Päivi", "Svala", "Kaarina"),
    ("Vesa", "Taimi", "Pori"),
    ("Maija", "Tapio", "Turku"),
    ("Timo", "Tuovinen", "Turku"),
    ("Unna", "Tuisku-Numminen", "Loimaa"),
]
CHAIR_EMAIL = "anne.heino@example.org"
TREASURER = ("Talous", "Turun kaupunginkirjasto", "talous@example.org")


def demo_email(first_name, last_name):
    """first.last@example.org in lowercase, with ä→a and ö→o and hyphens kept."""
    local = f"{first_name}.{last_name}".lower().translate(str.maketrans({"ä": "a", "ö": "o", "å": "a"}))
    return f"{local}@example.org"


def _ensure_person(*, email, first_name, last_name, roles, password):
    user, _created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name}
    )
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(*Group.objects.filter(name__in=roles))
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load_people(*, password):
    """Accounts for the 18 members of 2022 (Anne Heino as chair) and the treasurer; returns the logins."""
    logins = []
    for first_name, last_name, _municipality in ROSTER_2022:
        email = demo_email(first_name, last_name)
        roles = [Role.MEMBER, Role.CHAIR] if email == CHAIR_EMAIL else [Role.MEMBER]
        _ensure_person(email=email, first_name=first_name, last_name=last_name, roles=roles, password=password)
        logins.append((email, roles))
    first_name, last_name, email = TREASURER
    _ensure_person(email=email, first_name=first_name, last_name=last_name, roles=[Role.TREASURER], password=password)
    logins.append((email, [Role.TREASURER]))
    return logins
