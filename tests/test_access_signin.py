"""From the provider's claims to a casemap user, or a logged refusal (mapping.access.signin)."""

from __future__ import annotations

import pytest

from mapping.access import log, users
from mapping.access.guard import GuardedStore, Principal
from mapping.access.signin import SignInRefused, refuse, sign_in, sign_out


@pytest.fixture
def path(db_target):
    """A database with two users (a SQLite file, and with ``backend`` a PostgreSQL database)."""
    path = db_target
    with GuardedStore(path, Principal.command_line()) as store:
        users.add_team(store.db, "Noord")
        users.add_user(store.db, "anna@org.nl", name="Anna", teams=["Noord"])
        users.add_user(store.db, "oud@org.nl")
        users.set_disabled(store.db, "oud@org.nl")
    return path


def _lines(path):
    with GuardedStore(path, Principal.command_line()) as store:
        return log.lines(store.db)


def test_a_registered_user_signs_in_once_per_session(path):
    seen: dict = {}
    claims = {"sub": "abc-123", "email": "Anna@org.nl"}
    who = sign_in(path, claims, "sessie-1", seen)
    again = sign_in(path, claims, "sessie-1", seen)  # the next click
    assert who == again
    assert (who.user, who.role, who.name, who.signed_in) == (
        "anna@org.nl",
        "casemanager",
        "Anna <anna@org.nl>",
        True,
    )
    assert len(who.team_ids) == 1
    assert [(line.action, line.user) for line in _lines(path)] == [("aanmelden", "anna@org.nl")]
    assert _lines(path)[0].detail == "rol casemanager; methode: niet opgegeven"
    with GuardedStore(path, Principal.command_line()) as store:
        assert users.get_user(store.db, "anna@org.nl").subject == "abc-123"


def test_the_sign_in_line_says_how_the_provider_checked_the_person(path):
    sign_in(path, {"sub": "a", "email": "anna@org.nl", "amr": ["pwd", "mfa"]}, "s", {})
    assert _lines(path)[0].detail == "rol casemanager; methode: pwd+mfa"


def test_the_subject_decides_after_the_first_sign_in(path):
    sign_in(path, {"sub": "abc-123", "email": "anna@org.nl"}, "s", {})
    # another account at the provider now carries Anna's address: not Anna
    with pytest.raises(SignInRefused):
        sign_in(path, {"sub": "zzz-999", "email": "anna@org.nl"}, "s2", {})
    assert _lines(path)[0].detail == "e-mailadres hoort bij een ander account (sub zzz-999)"
    # Anna's own account with a changed address still is Anna
    assert (
        sign_in(path, {"sub": "abc-123", "email": "a.devries@org.nl"}, "s3", {}).user
        == "anna@org.nl"
    )


def test_an_unknown_user_is_refused_and_logged(path):
    with pytest.raises(SignInRefused) as refused:
        sign_in(path, {"sub": "x", "email": "vreemde@org.nl"}, "s", {})
    assert "niet geregistreerd" in refused.value.message("nl")
    line = _lines(path)[0]
    assert (line.action, line.user, line.outcome, line.detail) == (
        "aanmelden geweigerd",
        "vreemde@org.nl",
        "geweigerd",
        "niet geregistreerd",
    )


def test_a_disabled_user_is_stopped_at_the_next_click(path):
    seen: dict = {}
    sign_in(path, {"sub": "a", "email": "anna@org.nl"}, "s", seen)
    with GuardedStore(path, Principal.command_line()) as store:
        users.set_disabled(store.db, "anna@org.nl")
    with pytest.raises(SignInRefused, match="uitgeschakeld"):
        sign_in(path, {"sub": "a", "email": "anna@org.nl"}, "s", seen)
    assert _lines(path)[0].detail == "account uitgeschakeld"


def test_refusals_without_a_user_and_sign_out_are_logged(path):
    seen: dict = {}
    refuse(path, "s", seen, "inlogdienst niet bereikbaar")
    refuse(path, "s", seen, "inlogdienst niet bereikbaar")  # shown again on each click: one line
    who = sign_in(path, {"sub": "a", "email": "anna@org.nl"}, "s", seen)
    sign_out(path, who, seen)
    assert [line.action for line in reversed(_lines(path))] == [
        "aanmelden geweigerd",
        "aanmelden",
        "afmelden",
    ]


def test_an_unverified_address_matches_nobody(path):
    with pytest.raises(SignInRefused):
        sign_in(path, {"sub": "n", "email": "anna@org.nl", "email_verified": False}, "s", {})
    assert _lines(path)[0].detail == "e-mailadres niet bevestigd door de inlogdienst"
    assert sign_in(path, {"sub": "a", "email": "anna@org.nl", "email_verified": True}, "s", {})
