"""How allauth behaves in this portal."""

from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: accounts come only from the chair's invitations."""

    def is_open_for_signup(self, request):
        return False
