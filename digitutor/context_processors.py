from django.conf import settings

from digitutor.navigation import navigation_for


def portal(request):
    """What every page's shell needs: the navigation this person may use and the contact addresses."""
    return {
        "navigation": navigation_for(request),
        "accessibility_feedback_email": settings.ACCESSIBILITY_FEEDBACK_EMAIL,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
    }
