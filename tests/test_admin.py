"""The back office: entered through allauth's login, open to the chair and the treasurer only."""

import pytest
from django.contrib.auth.models import Group

from digitutor.errors import DomainError
from digitutor.roles import Role
from members import services
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


def change_user(client, user, **changes):
    data = {"email": user.email, "first_name": user.first_name, "last_name": user.last_name, "is_active": "on"}
    data["groups"] = [group.pk for group in user.groups.all()]
    data.update(changes)
    return client.post(f"/admin/members/user/{user.pk}/change/", data)


def role_names(user):
    return sorted(user.groups.values_list("name", flat=True))


def test_chair_gives_and_takes_the_member_role_but_cannot_make_anyone_superuser(client_as, chair, member):
    client = client_as(chair)
    newcomer = UserFactory()

    given = change_user(client, newcomer, groups=[Group.objects.get(name=Role.MEMBER).pk], is_superuser="on")
    taken = change_user(client, member, groups=[])

    assert (given.status_code, taken.status_code) == (302, 302)
    newcomer.refresh_from_db()
    assert role_names(newcomer) == [Role.MEMBER]
    assert not newcomer.is_superuser
    assert not newcomer.is_staff
    assert role_names(member) == []


@pytest.mark.parametrize("role", [Role.TREASURER, Role.CHAIR])
def test_chair_cannot_grant_the_treasurer_or_chair_role(client_as, chair, member, role):
    member_role, granted = Group.objects.get(name=Role.MEMBER), Group.objects.get(name=role)

    response = change_user(client_as(chair), member, groups=[member_role.pk, granted.pk])

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["groups"]
    assert role_names(member) == [Role.MEMBER]


def test_chair_cannot_remove_the_treasurer_role(client_as, chair, treasurer):
    response = change_user(client_as(chair), treasurer, groups=[])

    assert response.status_code == 200
    assert role_names(treasurer) == [Role.TREASURER]


def test_chair_cannot_make_herself_treasurer(client_as, chair):
    groups = [group.pk for group in Group.objects.filter(name__in=[Role.CHAIR, Role.MEMBER, Role.TREASURER])]
    client = client_as(chair)

    page = client.get(f"/admin/members/user/{chair.pk}/change/")
    response = change_user(client, chair, groups=groups)

    assert page.status_code == 200
    assert 'name="groups"' not in page.text
    assert response.status_code == 302
    assert role_names(chair) == [Role.CHAIR, Role.MEMBER]


def test_a_superuser_cannot_change_their_own_roles_either(client_as, superuser):
    client = client_as(superuser)
    treasurer_group = Group.objects.get(name=Role.TREASURER)

    page = client.get(f"/admin/members/user/{superuser.pk}/change/")
    change_user(client, superuser, groups=[treasurer_group.pk], is_superuser="on", is_staff="on")

    assert 'name="groups"' not in page.text
    assert role_names(superuser) == []
    with pytest.raises(DomainError):
        services.user_roles_set(user=superuser, groups=[treasurer_group], acting_user=superuser)
    assert role_names(superuser) == []


def test_a_superuser_grants_and_removes_the_treasurer_role(client_as, superuser, member, treasurer):
    client = client_as(superuser)
    treasurer_group = Group.objects.get(name=Role.TREASURER)

    change_user(client, member, groups=[*member.groups.values_list("pk", flat=True), treasurer_group.pk])
    change_user(client, treasurer, groups=[])

    assert role_names(member) == [Role.MEMBER, Role.TREASURER]
    assert role_names(treasurer) == []


def test_the_role_service_refuses_what_the_admin_refuses(chair, member, treasurer):
    treasurer_group = Group.objects.get(name=Role.TREASURER)

    with pytest.raises(DomainError):
        services.user_roles_set(user=member, groups=[treasurer_group], acting_user=chair)
    with pytest.raises(DomainError):
        services.user_roles_set(user=treasurer, groups=[], acting_user=chair)
    with pytest.raises(DomainError):
        services.user_roles_set(user=chair, groups=[treasurer_group], acting_user=chair)
    assert role_names(member) == [Role.MEMBER]
    assert role_names(treasurer) == [Role.TREASURER]


def test_chair_keeps_a_persons_groups_that_are_not_roles(client_as, chair, member):
    member.groups.add(Group.objects.create(name="book club"))

    change_user(client_as(chair), member, groups=[Group.objects.get(name=Role.MEMBER).pk])

    assert role_names(member) == ["book club", Role.MEMBER]


@pytest.mark.parametrize("kind", ["staff", "superuser"])
def test_chair_can_neither_open_nor_change_a_staff_or_superuser_account(client_as, chair, superuser, kind):
    target = UserFactory(is_staff=True) if kind == "staff" else superuser
    client = client_as(chair)

    page = client.get(f"/admin/members/user/{target.pk}/change/")
    response = change_user(client, target, first_name="Muutettu", email="chair-controls-this@example.org")

    assert page.status_code == 403
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.first_name != "Muutettu"
    assert target.email != "chair-controls-this@example.org"


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
