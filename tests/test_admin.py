"""The back office: entered through allauth's login, open to the chair and the treasurer only."""

from django.contrib.auth.models import Group

from members.models import User
from tests.factories import UserFactory


def test_anonymous_visitor_is_sent_to_the_portal_login_with_the_admin_as_next_page(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_the_admin_login_form_is_never_shown(client, chair, password):
    response = client.post("/admin/login/", {"username": chair.email, "password": password})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not client.get("/").context["user"].is_authenticated


def test_chair_logs_in_through_the_portal_login_and_lands_on_the_admin(client, chair, password):
    response = client.post("/accounts/login/?next=/admin/", {"login": chair.email, "password": password})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_member_cannot_open_the_admin(client_as, member):
    response = client_as(member).get("/admin/", follow=True)

    assert response.status_code == 403
    assert "/admin/members/" not in response.text


def test_member_does_not_see_the_admin_in_the_menu(client_as, member):
    response = client_as(member).get("/")

    assert 'href="/admin/"' not in response.text


def test_chair_sees_the_admin_in_the_menu(client_as, chair):
    response = client_as(chair).get("/")

    assert 'href="/admin/"' in response.text


def test_chair_opens_the_admin_and_sees_invitations_and_users(client_as, chair):
    response = client_as(chair).get("/admin/")

    assert response.status_code == 200
    assert 'href="/admin/members/invitation/"' in response.text
    assert 'href="/admin/members/user/"' in response.text
    assert client_as(chair).get("/admin/members/invitation/add/").status_code == 200


def test_treasurer_opens_the_admin_but_cannot_see_or_add_invitations(client_as, treasurer):
    client = client_as(treasurer)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "/admin/members/invitation/" not in response.text
    assert client.get("/admin/members/invitation/add/").status_code == 403
    assert client.get("/admin/members/invitation/").status_code == 403
    assert client.get("/admin/members/user/").status_code == 200


def test_treasurer_cannot_change_people(client_as, treasurer, member):
    response = client_as(treasurer).post(
        f"/admin/members/user/{member.pk}/change/",
        {"email": member.email, "first_name": "Muutettu", "last_name": member.last_name, "is_active": "on"},
    )

    assert response.status_code == 403
    member.refresh_from_db()
    assert member.first_name == "Maija"


def test_deactivated_chair_cannot_open_the_admin(client_as, chair):
    client = client_as(chair)
    User.objects.filter(pk=chair.pk).update(is_active=False)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_chair_does_not_see_superuser_fields_in_the_user_form(client_as, chair, member):
    response = client_as(chair).get(f"/admin/members/user/{member.pk}/change/")

    assert response.status_code == 200
    assert 'name="groups"' in response.text
    assert 'name="is_superuser"' not in response.text
    assert 'name="is_staff"' not in response.text
    assert 'name="user_permissions"' not in response.text


def test_chair_gives_a_member_a_role_but_cannot_make_them_superuser(client_as, chair, member):
    treasurer_group = Group.objects.get(name="treasurer")
    response = client_as(chair).post(
        f"/admin/members/user/{member.pk}/change/",
        {
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "is_active": "on",
            "groups": [treasurer_group.pk],
            "is_superuser": "on",
            "is_staff": "on",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert list(member.groups.values_list("name", flat=True)) == ["treasurer"]
    assert not member.is_superuser
    assert not member.is_staff


def test_chair_cannot_add_users_directly(client_as, chair):
    assert client_as(chair).get("/admin/members/user/add/").status_code == 403


def test_chair_cannot_set_another_persons_password(client_as, chair, member, password):
    response = client_as(chair).post(
        f"/admin/members/user/{member.pk}/password/",
        {"password1": "chair-chose-this-1", "password2": "chair-chose-this-1", "usable_password": "true"},
    )

    assert response.status_code == 403
    member.refresh_from_db()
    assert member.check_password(password)


def test_chair_cannot_change_a_superusers_account(client_as, chair, superuser):
    response = client_as(chair).post(
        f"/admin/members/user/{superuser.pk}/change/",
        {"email": "chair-controls-this@example.org", "first_name": "", "last_name": "", "is_active": "on"},
    )

    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == "yllapito@example.org"


def test_superuser_can_still_use_the_whole_admin(client_as, superuser):
    client = client_as(superuser)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/members/user/add/").status_code == 200
    response = client.get(f"/admin/members/user/{UserFactory().pk}/change/")
    assert 'name="is_superuser"' in response.text
