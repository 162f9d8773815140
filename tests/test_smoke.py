from .factories import login


def test_home_and_login_pages_render(client):
    assert client.get("/").status_code == 200
    assert client.get("/login").status_code == 200


def test_member_signs_in_and_sees_dashboard(client, make):
    user = make.user()
    response = login(client, user, follow=True)
    assert response.status_code == 200
    assert user.name in response.get_data(as_text=True)
