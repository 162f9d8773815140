def test_healthz_answers_after_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_is_gone(tmp_path, databases):
    from .conftest import make_app

    app = make_app(tmp_path / "instance", "sqlite:////nonexistent/dir/db.sqlite3")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.get_data(as_text=True)
