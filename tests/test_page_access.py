"""The Toegang en inzage and Beheer pages, and the door of the app (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECRET = "s" * 48
TEAM = {"mode": "team", "unencrypted_reason": "testdatabase in een tijdelijke map"}


def _text(at) -> str:
    parts = (
        [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    )
    parts += [c.value for c in at.caption] + [s.value for s in at.success]
    return " ".join(parts).replace("\\", "")


def test_the_case_log_shows_who_saw_the_dossier(page_app):
    at = page_app("access")
    at.run()
    assert not at.exception
    assert "DEMO-001" in _text(at)
    table = at.dataframe[0].value
    assert "bekijken" in set(table["Handeling"])  # this very view is in it
    assert any(user.endswith("lokaal)") for user in table["Gebruiker"])
    # personal mode: no sharing, no noodtoegang
    assert "Noodtoegang" not in [s.value for s in at.subheader]


def test_the_beheer_page_verifies_the_chain(page_app):
    at = page_app("admin")
    at.run()
    assert not at.exception
    at.run()  # reading the whole log is itself in the log
    table = at.dataframe[0].value
    assert "toegangslog lezen (alle regels)" in set(table["Toelichting"])
    at.button(key="admin_verify").click().run()
    assert "ongeschonden" in _text(at)


def _app(monkeypatch, tmp_path, secrets: dict):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CASEMAP_DB", str(tmp_path / "team.db"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in secrets.items():
        at.secrets[key] = value
    return at


def _auth(metadata_url: str) -> dict:
    return {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": SECRET,
        "client_id": "casemap",
        "client_secret": "geheim",
        "server_metadata_url": metadata_url,
    }


def test_an_incomplete_team_configuration_stops_the_app(monkeypatch, tmp_path):
    at = _app(
        monkeypatch, tmp_path, {"casemap": {"mode": "team"}, "auth": {"cookie_secret": SECRET}}
    )
    at.run()
    assert not at.exception
    assert "niet volledig ingesteld" in _text(at)
    assert not at.button  # no way in, and no page ran


def test_team_mode_shows_only_the_sign_in(monkeypatch, tmp_path):
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread() as server:
        url = f"http://127.0.0.1:{server.server_port}/.well-known/openid-configuration"
        at = _app(monkeypatch, tmp_path, {"casemap": TEAM, "auth": _auth(url)})
        at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Aanmelden"]
    assert "DEMO-001" not in _text(at) and "Casussen" not in [t.value for t in at.title]


def test_a_provider_that_is_down_is_a_message(monkeypatch, tmp_path):
    from tests.browser.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    at = _app(monkeypatch, tmp_path, {"casemap": TEAM, "auth": _auth(url)})
    at.run()
    assert not at.exception
    assert "niet bereikbaar" in _text(at)
    assert not at.button
    from mapping.access import log
    from mapping.access.guard import GuardedStore, Principal

    with GuardedStore(tmp_path / "team.db", Principal.command_line()) as store:
        line = log.lines(store.db)[0]
    assert (line.action, line.detail) == ("aanmelden geweigerd", "inlogdienst niet bereikbaar")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_access_page_without_a_case(page_app, lang):
    from views.state import LANG

    at = page_app("access", open_demo=False)
    at.session_state[LANG] = lang
    at.run()
    assert not at.exception


@pytest.mark.parametrize("page", ["genogram", "cases", "report"])
def test_without_a_signed_in_user_team_mode_opens_nothing(page_app, page):
    """Fail closed: a page run in team mode without a signed-in user has no rights at all."""
    from mapping.access.config import Deployment
    from views.state import DEPLOYMENT

    at = page_app(page)
    at.session_state[DEPLOYMENT] = Deployment("team", "127.0.0.1")
    at.run()
    assert not at.exception
    assert "DEMO-001" not in _text(at) and "Demo" not in _text(at)
    if page != "cases":
        assert "geen toegang" in _text(at)


def test_team_mode_refuses_an_unencrypted_database_without_a_reason(monkeypatch, tmp_path):
    monkeypatch.delenv("CASEMAP_DB_KEY", raising=False)
    monkeypatch.delenv("CASEMAP_DB_KEY_FILE", raising=False)
    auth = _auth("http://127.0.0.1:9/.well-known/openid-configuration")
    at = _app(monkeypatch, tmp_path, {"casemap": {"mode": "team"}, "auth": auth})
    at.run()
    assert not at.exception
    assert "onversleutelde database" in _text(at)
    assert not at.button


def test_team_mode_on_postgresql_asks_how_the_server_protects_the_data(monkeypatch, tmp_path):
    """casemap cannot encrypt a PostgreSQL server, so the door does not send the
    beheerder to 'casemap encrypt' (which refuses PostgreSQL) but asks for the reason."""
    monkeypatch.delenv("CASEMAP_DB_KEY", raising=False)
    monkeypatch.delenv("CASEMAP_DB_KEY_FILE", raising=False)
    auth = _auth("http://127.0.0.1:9/.well-known/openid-configuration")
    at = _app(monkeypatch, tmp_path, {"casemap": {"mode": "team"}, "auth": auth})
    monkeypatch.setenv("CASEMAP_DB", "postgresql://casemap@127.0.0.1:9/casemap")
    at.run()
    assert not at.exception
    assert "Teammodus op PostgreSQL" in _text(at) and "unencrypted_reason" in _text(at)
    assert "casemap encrypt" not in _text(at)
    assert not at.button
