"""From the provider's identity to a casemap principal, or a refusal; both logged.

The organisation's OpenID Connect provider says who someone is (``sub``,
``email``, ``name``); casemap says whether they may come in: only registered,
enabled users. Every outcome is a line in the access log, a sign-in once per
session, a refusal every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mapping.access import users
from mapping.access.guard import REFUSED, Action, GuardedStore, Principal
from mapping.core.errors import CasemapError


class SignInRefused(CasemapError):
    """Signed in at the provider, but not let into casemap (logged)."""


def _anonymous(who: str, session: str) -> Principal:
    return Principal(who[:200] or "onbekend", "onbekend", session=session)


def sign_in(
    path: str | Path | None, claims: Mapping[str, Any], session: str, seen: dict
) -> Principal:
    """The principal for these provider claims; SignInRefused (logged) when not allowed.

    Runs on every page run, so a user disabled a minute ago is stopped at
    their next click. The first sign-in binds the provider's subject to the
    registered e-mail address; after that the subject decides.
    """
    subject = str(claims.get("sub") or "")
    email = str(claims.get("email") or "")
    with GuardedStore(path, _anonymous(email or subject, session), seen=seen) as store:
        user = users.find_user(store.db, subject=subject) if subject else None
        why = "niet geregistreerd"
        if user is None and email:
            user = users.find_user(store.db, email=email)
            if user is not None and user.subject and subject and user.subject != subject:
                # the address is now claimed by another account at the provider
                user, why = None, f"e-mailadres hoort bij een ander account (sub {subject[:80]})"
            elif user is not None and claims.get("email_verified") is False:
                # a provider where people type their own address: no match on it
                user, why = None, "e-mailadres niet bevestigd door de inlogdienst"
        if user is None:
            store.record(Action.SIGN_IN_REFUSED, outcome=REFUSED, detail=why)
            raise SignInRefused(
                "U bent bij uw organisatie aangemeld als {email}, maar u bent niet geregistreerd "
                "in casemap. Vraag de beheerder om u toe te voegen.",
                email=email or subject,
            )
        if user.disabled:
            store.principal = Principal.of(store.db, user, session)
            store.record(Action.SIGN_IN_REFUSED, outcome=REFUSED, detail="account uitgeschakeld")
            raise SignInRefused(
                "Uw account in casemap is uitgeschakeld. U ziet geen casussen meer. Neem contact "
                "op met de beheerder als dit niet klopt.",
            )
        user = users.bind_subject(store.db, user, subject)
        principal = Principal.of(store.db, user, session)
        store.principal = principal
        # how the provider says it checked the person (amr ["pwd", "mfa"] or acr): the
        # privacy officer can see that sign-in was two-factor, as NEN 7510 asks
        how = claims.get("amr") or claims.get("acr") or "niet opgegeven"
        if isinstance(how, list | tuple):
            how = "+".join(str(item) for item in how)
        store.record(
            Action.SIGN_IN, detail=f"rol {user.role.value}; methode: {str(how)[:80]}", once=True
        )
    return principal


def refuse(path: str | Path | None, session: str, seen: dict, detail: str) -> None:
    """Log a sign-in that could not happen (provider down, an invalid session cookie).

    Once per session and reason: the sign-in screen is shown again on every click.
    """
    with GuardedStore(path, _anonymous("onbekend", session), seen=seen) as store:
        key = ("", "refused", detail)
        if key not in seen:
            seen[key] = True
            store.record(Action.SIGN_IN_REFUSED, outcome=REFUSED, detail=detail)


def sign_out(path: str | Path | None, principal: Principal, seen: dict) -> None:
    with GuardedStore(path, principal, seen=seen) as store:
        store.record(Action.SIGN_OUT)
