"""Logging in with allauth: no self-service signup, password reset by email, two-factor authentication."""

import re
import time

import pytest
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, format_hotp_value, hotp_value
from cryptography.fernet import InvalidToken
from django.core import mail
from django.test import Client

from members.models import User
from tests.factories import UserFactory

NEW_PASSWORD = "uusi-salasana-kirjastoon"


@pytest.fixture(autouse=True)
def tolerate_one_totp_period(settings):
    """Accept the neighbouring 30-second periods too, so a code computed at a period's end is still good."""
    settings.MFA_TOTP_TOLERANCE = 1


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def wrong_totp_code(secret):
    counter = int(time.time()) // 30
    valid = {format_hotp_value(hotp_value(secret, counter + step)) for step in (-2, -1, 0, 1, 2)}
    return next(code for code in (f"{n:06d}" for n in range(1_000_000)) if code not in valid)


def log_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def logged_in_user(client):
    return client.get("/").context["user"]


def open_totp_setup(client, password):
    """Open the authenticator set-up page, confirming the password first as allauth asks; returns the secret."""
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    response = client.post(response["Location"], {"password": password})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    return client.session[SECRET_SESSION_KEY]


def set_up_totp(user):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    return secret


# Signup


def test_signup_page_says_signup_is_closed(client, db):
    response = client.get("/accounts/signup/")

    assert "account/signup_closed.html" in [template.name for template in response.templates]
    assert 'name="password1"' not in response.text


def test_posting_to_signup_creates_no_account(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "outsider@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert "account/signup_closed.html" in [template.name for template in response.templates]
    assert not User.objects.filter(email="outsider@example.org").exists()
    assert not logged_in_user(client).is_authenticated


# Login


def test_member_logs_in_with_email_and_password(client, member, password):
    response = log_in(client, "Maija.Tapio@example.org", password)

    assert response.status_code == 302
    assert logged_in_user(client) == member


def test_wrong_password_does_not_log_in(client, member):
    response = log_in(client, member.email, "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not logged_in_user(client).is_authenticated


def test_deactivated_member_cannot_log_in(client, member, password):
    member.is_active = False
    member.save()

    log_in(client, member.email, password)

    assert not logged_in_user(client).is_authenticated


# Failed logins (#15, item 9): limited per address and account together, so nobody locks the owner out

ATTACKER, OWNER = "203.0.113.7", "198.51.100.20"


def refused_for_too_many_attempts(response):
    return [error.code for error in response.context["form"].non_field_errors().as_data()] == [
        "too_many_login_attempts"
    ]


def log_in_from(client, address, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=address)


def test_failed_logins_from_one_address_do_not_lock_the_owner_out_from_another(client, chair, password):
    attacker = Client()
    for _attempt in range(6):
        log_in_from(attacker, ATTACKER, chair.email, "arvattu-salasana")

    response = log_in_from(client, OWNER, chair.email, password)

    assert response.status_code == 302
    assert logged_in_user(client) == chair


def test_the_address_that_failed_too_often_is_refused_even_with_the_right_password(client, chair, password):
    for _attempt in range(5):
        log_in_from(client, ATTACKER, chair.email, "arvattu-salasana")

    response = log_in_from(client, ATTACKER, chair.email, password)

    assert refused_for_too_many_attempts(response)
    assert not logged_in_user(client).is_authenticated


def test_an_address_that_tries_many_accounts_is_slowed_down_too(client, db, settings):
    emails = [UserFactory().email for _ in range(11)]
    for email in emails[:10]:
        log_in_from(client, ATTACKER, email, "arvattu-salasana")

    response = log_in_from(client, ATTACKER, emails[10], "arvattu-salasana")

    assert refused_for_too_many_attempts(response)


# Password reset


def test_password_reset_email_lets_the_member_choose_a_new_password(client, member, password):
    response = client.post("/accounts/password/reset/", {"email": member.email})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [member.email]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body).group(1)
    response = client.get(link)
    assert response.status_code == 302
    set_password_page = response["Location"]
    response = client.post(set_password_page, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    client.logout()

    log_in(client, member.email, password)
    assert not logged_in_user(client).is_authenticated
    log_in(client, member.email, NEW_PASSWORD)
    assert logged_in_user(client) == member


def test_password_reset_link_works_only_once(client, member):
    client.post("/accounts/password/reset/", {"email": member.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    set_password_page = client.get(link)["Location"]
    client.post(set_password_page, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    response = client.get(link, follow=True)

    assert 'name="password1"' not in response.text
    assert response.context["token_fail"]


def test_password_reset_for_an_unknown_address_sends_no_reset_link(client, db):
    client.post("/accounts/password/reset/", {"email": "stranger@example.org"})

    assert all("/accounts/password/reset/key/" not in message.body for message in mail.outbox)


# Two-factor authentication


def test_member_sets_up_an_authenticator_app_and_then_needs_a_code_to_log_in(client, member, password):
    log_in(client, member.email, password)
    secret = open_totp_setup(client, password)

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    client.post("/accounts/logout/")
    response = log_in(client, member.email, password)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not logged_in_user(client).is_authenticated

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    assert response.status_code == 302
    assert logged_in_user(client) == member


def test_the_authenticator_secret_is_stored_encrypted_and_the_code_still_logs_in(client, member, password):
    log_in(client, member.email, password)
    secret = open_totp_setup(client, password)
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    client.post("/accounts/logout/")

    stored = Authenticator.objects.get(user=member, type=Authenticator.Type.TOTP).data["secret"]
    assert secret not in stored
    assert get_mfa_adapter().decrypt(stored) == secret
    log_in(client, member.email, password)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert logged_in_user(client) == member


def test_the_recovery_codes_seed_is_stored_encrypted_and_a_code_still_logs_in(client, member, password):
    set_up_totp(member)
    codes = RecoveryCodes.activate(member)
    stored = codes.instance.data["seed"]
    assert get_mfa_adapter().decrypt(stored) != stored

    log_in(client, member.email, password)
    client.post("/accounts/2fa/authenticate/", {"code": codes.get_unused_codes()[0]})

    assert logged_in_user(client) == member


def test_a_secret_cannot_be_read_with_another_secret_key(member, settings):
    stored = get_mfa_adapter().encrypt("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY = "another-secret-key-entirely"

    with pytest.raises(InvalidToken):
        get_mfa_adapter().decrypt(stored)


def test_a_secret_encrypted_before_the_secret_key_was_rotated_still_opens(member, settings):
    stored = get_mfa_adapter().encrypt("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-secret-key-after-rotation"

    assert get_mfa_adapter().decrypt(stored) == "JBSWY3DPEHPK3PXP"


def test_a_wrong_code_at_set_up_does_not_turn_two_factor_on(client, member, password):
    log_in(client, member.email, password)
    secret = open_totp_setup(client, password)

    response = client.post("/accounts/2fa/totp/activate/", {"code": wrong_totp_code(secret)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not Authenticator.objects.filter(user=member).exists()


def test_a_wrong_code_does_not_complete_the_login(client, member, password):
    secret = set_up_totp(member)
    log_in(client, member.email, password)

    response = client.post("/accounts/2fa/authenticate/", {"code": wrong_totp_code(secret)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not logged_in_user(client).is_authenticated
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert logged_in_user(client) == member


def test_the_code_step_cannot_be_skipped(client, member, password):
    set_up_totp(member)
    log_in(client, member.email, password)

    assert not logged_in_user(client).is_authenticated
    assert client.get("/admin/").status_code == 302
    assert not logged_in_user(client).is_authenticated


def test_chair_without_an_authenticator_is_sent_to_set_one_up_when_required(client, chair, password, settings):
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True

    log_in(client, chair.email, password)
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/privacy/").status_code == 200
    assert open_totp_setup(client, password)


def test_chair_can_finish_the_required_set_up_and_then_use_the_portal(client, chair, password, settings):
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True
    log_in(client, chair.email, password)
    secret = open_totp_setup(client, password)

    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_treasurer_without_an_authenticator_is_sent_to_set_one_up_when_required(client_as, treasurer, settings):
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True

    response = client_as(treasurer).get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_superuser_without_an_authenticator_is_sent_to_set_one_up_when_required(client_as, superuser, settings):
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True
    client = client_as(superuser)

    for path in ("/", "/admin/", "/admin/members/user/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/totp/activate/", path


def test_a_staff_account_without_a_role_is_sent_to_set_up_two_factor_when_required(client_as, db, settings):
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True
    staff = UserFactory(is_staff=True)

    response = client_as(staff).get("/")

    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_plain_member_is_not_asked_to_set_up_two_factor(client_as, member, settings):
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True

    response = client_as(member).get("/")

    assert response.status_code == 200


def test_chair_with_an_authenticator_is_not_redirected(client_as, chair, settings):
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True
    set_up_totp(chair)

    assert client_as(chair).get("/").status_code == 200
    assert client_as(chair).get("/admin/").status_code == 200


def test_chair_without_an_authenticator_is_let_in_when_not_required(client_as, chair, settings):
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = False

    assert client_as(chair).get("/").status_code == 200


def test_treasurer_without_an_authenticator_cannot_reach_payments_or_bank_accounts_when_required(
    client_as, chair, member, treasurer, settings
):
    from meetings.claims import services as claim_services
    from meetings.claims.models import ClaimStatus
    from tests.claims.factories import claim_in

    claim_in(ClaimStatus.APPROVED, member, approver=chair)
    batch = claim_services.payment_batch_create(acting_user=treasurer)
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True
    client = client_as(treasurer)

    for path in ("/claims/queue/", "/claims/payments/", f"/claims/payments/{batch.pk}.csv", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/totp/activate/", path


def test_chair_without_an_authenticator_cannot_approve_a_claim_when_required(client_as, chair, member, settings):
    from meetings.claims.models import ClaimStatus
    from tests.claims.factories import claim_in

    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True

    response = client_as(chair).post(f"/claims/queue/{claim.pk}/approve/")

    assert response["Location"] == "/accounts/2fa/totp/activate/"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


# The password policy (AUTH_PASSWORD_VALIDATORS), in Finnish, the portal's first language

WEAK_PASSWORDS = [
    pytest.param("lyhyt-123", "10 merkki", id="too short"),
    pytest.param("password123", "Tämä salasana on liian yleinen.", id="too common"),
    pytest.param("20240315123456", "Tämä salasana on kokonaan numeerinen.", id="only digits"),
    pytest.param("maija.tapio@example", "Salasana on liian lähellä kohdetta sähköpostiosoite.", id="like the email"),
]


@pytest.mark.parametrize(("weak", "finnish_error"), WEAK_PASSWORDS)
def test_changing_to_a_weak_password_is_refused_with_a_finnish_reason(client, member, password, weak, finnish_error):
    log_in(client, member.email, password)

    response = client.post(
        "/accounts/password/change/", {"oldpassword": password, "password1": weak, "password2": weak}
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["password1"]
    assert finnish_error in error
    member.refresh_from_db()
    assert member.check_password(password)


def test_a_reset_password_must_follow_the_policy_too(client, member, password):
    client.post("/accounts/password/reset/", {"email": member.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    set_password_page = client.get(link)["Location"]

    response = client.post(set_password_page, {"password1": "lyhyt-123", "password2": "lyhyt-123"})

    assert response.status_code == 200
    [error] = response.context["form"].errors["password1"]
    assert "10 merkki" in error
    member.refresh_from_db()
    assert member.check_password(password)
