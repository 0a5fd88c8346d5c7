"""Hooks through which the upper apps give a lower one what it needs, without the lower one importing them.

``members`` stands at the bottom of the import order (docs/architecture.md), yet "download my data" must hold what
every app keeps about a person, and anonymising must erase it. Each app registers its part of both in its
``AppConfig.ready()``; the export and ``members.services.member_anonymise`` ask them all.
"""


class PersonalDataRegistry:
    """Named parts of a person's data export, each a function of the member giving JSON-ready data."""

    def __init__(self):
        self._parts = {}

    def register(self, name, collect):
        if self._parts.get(name, collect) is not collect:
            raise ValueError(f"Two apps register the personal-data part {name!r}.")
        self._parts[name] = collect

    def collect(self, member):
        return {name: collect(member) for name, collect in sorted(self._parts.items())}

    @property
    def names(self):
        return sorted(self._parts)


class ErasureRegistry:
    """Named erasure steps, each a function of the member that removes what its app holds about them.

    A step keeps only what the law makes the group keep (bookkeeping), and runs inside the anonymising transaction
    while the member record still carries the name, address and account, so a step can match by them.
    """

    def __init__(self):
        self._steps = {}

    def register(self, name, erase):
        if self._steps.get(name, erase) is not erase:
            raise ValueError(f"Two apps register the erasure step {name!r}.")
        self._steps[name] = erase

    def erase(self, member):
        for _name, erase in sorted(self._steps.items()):
            erase(member)

    @property
    def names(self):
        return sorted(self._steps)


personal_data = PersonalDataRegistry()
erasure = ErasureRegistry()


def fields_of(instance, fields):
    """The named fields of one row, for a personal-data part."""
    return {field: getattr(instance, field) for field in fields}
