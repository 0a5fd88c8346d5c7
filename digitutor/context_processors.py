from django.conf import settings
from django.utils.functional import SimpleLazyObject

from digitutor.navigation import navigation_for


def portal(request):
    """What every page's shell needs: the navigation this person may use and the contact addresses.

    The navigation is worked out only when the shell shows it (base.html's header and footer), not for the admin's
    pages, and then once.
    """
    return {
        "navigation": SimpleLazyObject(lambda: navigation_for(request)),
        "accessibility_feedback_email": settings.ACCESSIBILITY_FEEDBACK_EMAIL,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
        "group_contact_email": settings.GROUP_CONTACT_EMAIL,
    }
