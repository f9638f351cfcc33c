"""Personal or team mode, and configurations that may not start (mapping.access.config)."""

from __future__ import annotations

import pytest

from mapping.access.config import ConfigError, deployment, is_loopback

SECRET = "x" * 40
TEAM = {
    "casemap": {"mode": "team"},
    "auth": {
        "redirect_uri": "https://casemap.org.nl/oauth2callback",
        "cookie_secret": SECRET,
        "client_id": "casemap",
        "client_secret": "geheim",
        "server_metadata_url": "https://login.org.nl/.well-known/openid-configuration",
    },
}


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_personal_mode_on_this_machine(address):
    assert deployment({}, address, env={}).mode == "persoonlijk"


@pytest.mark.parametrize("address", ["", "0.0.0.0", "::", "192.168.1.20", "casemap.org.nl"])
def test_personal_mode_open_to_the_network_is_refused(address):
    with pytest.raises(ConfigError) as refused:
        deployment({}, address, env={})
    assert "persoonlijke modus" in refused.value.message("nl")
    assert "personal mode" in refused.value.message("en")


def test_a_complete_team_configuration():
    found = deployment(TEAM, "0.0.0.0", env={})
    assert found.team and found.metadata_url.endswith("openid-configuration")
    assert found.provider == ""


def test_team_mode_by_environment_and_a_named_provider():
    auth = {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": SECRET,
        "keycloak": {
            k: v
            for k, v in TEAM["auth"].items()
            if k in ("client_id", "client_secret", "server_metadata_url")
        },
    }
    found = deployment({"auth": auth}, "10.0.0.5", env={"CASEMAP_MODE": "team"})
    assert found.team and found.provider == "keycloak"


@pytest.mark.parametrize(
    "missing", ["redirect_uri", "cookie_secret", "client_id", "server_metadata_url"]
)
def test_an_incomplete_team_configuration_stops(missing):
    secrets = {"casemap": {"mode": "team"}, "auth": dict(TEAM["auth"])}
    del secrets["auth"][missing]
    with pytest.raises(ConfigError) as refused:
        deployment(secrets, "127.0.0.1", env={})
    assert missing in refused.value.message("nl")
    assert "start niet zonder aanmelden" in refused.value.message("nl")


def test_team_mode_without_auth_does_not_fall_back_to_personal():
    with pytest.raises(ConfigError):
        deployment({"casemap": {"mode": "team"}}, "127.0.0.1", env={})


def test_a_short_cookie_secret_and_a_wrong_redirect_stop():
    short = {"casemap": {"mode": "team"}, "auth": {**TEAM["auth"], "cookie_secret": "kort"}}
    with pytest.raises(ConfigError, match="te kort"):
        deployment(short, "127.0.0.1", env={})
    wrong = {"casemap": {"mode": "team"}, "auth": {**TEAM["auth"], "redirect_uri": "https://x.nl/"}}
    with pytest.raises(ConfigError, match="oauth2callback"):
        deployment(wrong, "127.0.0.1", env={})


def test_an_unknown_mode_stops():
    with pytest.raises(ConfigError, match="Onbekende modus"):
        deployment({"casemap": {"mode": "open"}}, "127.0.0.1", env={})


def test_loopback():
    assert is_loopback("127.8.0.1") and not is_loopback("10.0.0.1") and not is_loopback("::")
