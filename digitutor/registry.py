"""Hooks through which the upper apps give a lower one what it needs, without the lower one importing them.

``members`` stands at the bottom of the import order (docs/architecture.md), yet "download my data" must hold what
every app keeps about a person. Each app registers its part in its ``AppConfig.ready()``; the export asks them all.
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


personal_data = PersonalDataRegistry()


def fields_of(instance, fields):
    """The named fields of one row, for a personal-data part."""
    return {field: getattr(instance, field) for field in fields}
