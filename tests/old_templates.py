"""Drawing a page again through verbatim copies of the templates a change replaced, to compare the markup."""

import copy


def draw_with_templates_from(settings, folder):
    """Let the templates in `folder` come before the project's own for the rest of the test (pytest-django's
    settings fixture puts them back)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [folder, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
