def test_front_page_is_finnish_by_default(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Language"] == "fi"


def test_member_fixture_has_member_role(member):
    assert member.has_perm("digitutor.view_member_pages")
    assert not member.has_perm("digitutor.use_admin")
