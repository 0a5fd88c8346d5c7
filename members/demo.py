"""Demo people: the 2022 roster of the seed action plan with their libraries, plus the treasurer."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from digitutor.roles import Role
from members.models import Library, Member, Region, Roster, RosterEntry, RosterRole, TravelDetails, User

VS, SK = Region.VARSINAIS_SUOMI, Region.SATAKUNTA

# Libraries of the seed's municipalities: (name, municipality code of django-localflavor, region).
LIBRARIES = {
    "AKE Turku": ("Turun kaupunginkirjasto – AKE", "turku", VS),
    "Turku": ("Turun kaupunginkirjasto", "turku", VS),
    "Pori": ("Porin kaupunginkirjasto", "pori", SK),
    "Masku": ("Maskun kunnankirjasto", "masku", VS),
    "Kaarina": ("Kaarinan kaupunginkirjasto", "kaarina", VS),
    "Pomarkku": ("Pomarkun kunnankirjasto", "pomarkku", SK),
    "Naantali": ("Naantalin kaupunginkirjasto", "naantali", VS),
    "Raisio": ("Raision kaupunginkirjasto", "raisio", VS),
    "Loimaa": ("Loimaan kaupunginkirjasto", "loimaa", VS),
}

SEED_ROSTER_NAMES = {"AKE Turku"}

# The seed's section 2, in its order: (first name, last name, place as written in the seed). The chair first.
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


def demo_phone(index):
    """A made-up mobile number for a demo person."""
    return f"040 000 {index:04d}"


def demo_iban(index):
    """A made-up Finnish IBAN with a correct checksum: FI + check digits + 14 digits."""
    bban = f"{123456:06d}{index:08d}"
    check = 98 - int(bban + "151800") % 97  # F=15, I=18, then 00
    return f"FI{check:02d}{bban}"


def _ensure_account(*, email, first_name, last_name, roles, password, password_hash):
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first_name, "last_name": last_name})
    # Checking a password costs as much as hashing it, also against an empty one: only for existing accounts.
    if created or not user.check_password(password):
        user.password = password_hash
        user.save(update_fields=["password"])
    user.groups.add(*Group.objects.filter(name__in=roles))
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _ensure_libraries():
    libraries = {}
    for place, (name, municipality, region) in LIBRARIES.items():
        # The seed writes one library by its own short name ("AKE Turku"), the others by their municipality.
        roster_name = place if place in SEED_ROSTER_NAMES else ""
        libraries[place], _created = Library.objects.get_or_create(
            name=name, defaults={"municipality": municipality, "region": region, "roster_name": roster_name}
        )
    return libraries


@transaction.atomic
def load_people(*, password):
    """The 18 members of 2022 (Anne Heino as chair) on the 2022 roster, and the treasurer; returns the logins."""
    libraries = _ensure_libraries()
    password_hash = make_password(password)  # once for everyone: a password hash is slow by design
    roster, _created = Roster.objects.get_or_create(year=2022)
    logins = []
    for index, (first_name, last_name, place) in enumerate(ROSTER_2022, start=1):
        email = demo_email(first_name, last_name)
        is_chair = email == CHAIR_EMAIL
        roles = [Role.MEMBER, Role.CHAIR] if is_chair else [Role.MEMBER]
        user = _ensure_account(
            email=email,
            first_name=first_name,
            last_name=last_name,
            roles=roles,
            password=password,
            password_hash=password_hash,
        )
        member, _created = Member.objects.get_or_create(
            email=email,
            defaults={
                "user": user,
                "first_name": first_name,
                "last_name": last_name,
                "library": libraries[place],
                "job_title": "Kirjastonhoitaja" if not is_chair else "Kehittämispäällikkö",
                "phone": demo_phone(index),
            },
        )
        TravelDetails.objects.get_or_create(
            member=member,
            defaults={
                "home_address": f"Kotikatu {index}",
                "home_municipality": LIBRARIES[place][1],
                "iban": demo_iban(index),
            },
        )
        RosterEntry.objects.get_or_create(
            roster=roster,
            member=member,
            defaults={
                "role": RosterRole.CHAIR if is_chair else RosterRole.MEMBER,
                "library": member.library,
                "position": index,
            },
        )
        logins.append((email, roles))
    first_name, last_name, email = TREASURER
    _ensure_account(
        email=email,
        first_name=first_name,
        last_name=last_name,
        roles=[Role.TREASURER],
        password=password,
        password_hash=password_hash,
    )
    logins.append((email, [Role.TREASURER]))
    return logins


def members_named(*names):
    """The demo members of these names ("Anne Heino"), in the order given."""
    emails = [demo_email(*name.split(" ", 1)) for name in names]
    by_email = {member.email: member for member in Member.objects.filter(email__in=emails)}
    return [by_email[email] for email in emails]
