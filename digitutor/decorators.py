"""View decorators for the portal's permissions (digitutor/roles.py decides; these only ask)."""

from django.contrib.auth.decorators import permission_required

# Pages for people of the group: an outsider who is logged in gets 403, an anonymous visitor the login.
member_pages = permission_required("digitutor.view_member_pages", raise_exception=True)
