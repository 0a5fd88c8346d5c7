from django.core.management.base import BaseCommand, CommandError

from digitutor.home.action_day import ACTION_DAY_ICON
from digitutor.home.cards import ANSWERED_ICON, NEXT_MEETING_ICON
from digitutor.home.staff_cards import STAFF_CARD_ICONS
from digitutor.icons import SERVED_SPRITE, UPSTREAM_SPRITE, sprite_trim, template_icon_uses
from digitutor.navigation import NAVIGATION
from digitutor.templatetags.shell import ICONS as SHELL_ICONS
from meetings.claims.templatetags.claim_status import ICONS, TODO_ICON


def icons_used():
    """The names of every icon the portal may draw: the templates', the shell's, the menu's, the claim states', the
    front page's answer tick and the front pages' cards written in Python (the action day's and the staff's)."""
    names = {name for _path, name, _argument in template_icon_uses() if name}

    def menu_icons(entries):
        for entry in entries:
            if entry.icon:
                yield entry.icon
            yield from menu_icons(entry.children)

    names.update(SHELL_ICONS)
    names.update(menu_icons(NAVIGATION))
    names.update(ICONS.values())
    names.add(TODO_ICON)
    names.add(ANSWERED_ICON)
    names.add(NEXT_MEETING_ICON)
    names.add(ACTION_DAY_ICON)
    names.update(STAFF_CARD_ICONS)
    return names


class Command(BaseCommand):
    help = (
        "Write the served icon sprite (static/vendor/bootstrap-icons/) with only the icons the templates, the shell,"
        " the menu and the claim states use, taken from the upstream Bootstrap Icons sprite in"
        " digitutor/vendor/bootstrap-icons/."
    )

    def handle(self, *args, **options):
        names = icons_used()
        try:
            sprite = sprite_trim(UPSTREAM_SPRITE.read_text(encoding="utf-8"), names)
        except KeyError as error:
            raise CommandError(error.args[0]) from error
        SERVED_SPRITE.write_text(sprite, encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(f"{SERVED_SPRITE.name}: {len(names)} icons, {len(sprite.encode()) // 1024} kB")
        )
