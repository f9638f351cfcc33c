"""Personal or team mode, and whether the configuration lets casemap start.

Closed by default: personal mode (one laptop) listens on this machine only;
team mode needs a complete OpenID Connect sign-in configuration. Anything
else stops the app with a Dutch message; nothing falls back to open access.

The settings come from Streamlit's ``secrets.toml`` (``[auth]`` for the
sign-in, ``[casemap]`` for casemap's own) and the environment
(``CASEMAP_MODE``), read by the page and passed in here as plain data.

>>> deployment({}, "127.0.0.1").mode
'persoonlijk'
>>> deployment({}, "0.0.0.0")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
mapping.access.config.ConfigError: casemap staat in persoonlijke modus ...
"""

from __future__ import annotations

import ipaddress
import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mapping.core.errors import CasemapError
from mapping.core.i18n import Message

PERSONAL, TEAM = "persoonlijk", "team"
_MODES = {"persoonlijk": PERSONAL, "personal": PERSONAL, "team": TEAM}
#: The keys Streamlit's st.login needs for one OpenID Connect provider.
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


class ConfigError(CasemapError):
    """The configuration does not let casemap start safely."""

    def __str__(self) -> str:  # the doctest shows the start of the Dutch message
        return self.nl


@dataclass(frozen=True)
class Deployment:
    """How this casemap runs: ``mode``, the address it listens on, the provider."""

    mode: str
    address: str
    provider: str = ""  # the [auth] section st.login uses ("" = the default one)
    metadata_url: str = ""
    unencrypted_reason: str = ""  # why a team may run on a plain database file

    @property
    def team(self) -> bool:
        return self.mode == TEAM


def is_loopback(address: str) -> bool:
    """Whether ``address`` reaches this machine only ('' is Streamlit's 'everywhere').

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0"), is_loopback("")
    (True, True, False, False)
    """
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def mode_of(secrets: Mapping[str, Any], env: Mapping[str, str] = os.environ) -> str:
    own = secrets.get("casemap") or {}
    wanted = str(own.get("mode") or env.get("CASEMAP_MODE") or PERSONAL).strip().lower()
    if wanted not in _MODES:
        raise ConfigError(
            "Onbekende modus '{wanted}' in de instellingen (casemap.mode of CASEMAP_MODE). "
            "Kies 'persoonlijk' of 'team'.",
            wanted=wanted,
        )
    return _MODES[wanted]


def deployment(
    secrets: Mapping[str, Any], address: str, env: Mapping[str, str] = os.environ
) -> Deployment:
    """The deployment these settings describe; ConfigError when it may not start."""
    mode = mode_of(secrets, env)
    if mode == PERSONAL:
        if not is_loopback(address):
            raise ConfigError(
                "casemap staat in persoonlijke modus en mag alleen op deze computer "
                "bereikbaar zijn, maar luistert op '{address}'. Zet server.address op "
                "127.0.0.1, of richt teammodus in met aanmelden via uw organisatie (zie "
                "README, 'Teammodus').",
                address=address or Message("alle netwerkadressen"),
            )
        return Deployment(PERSONAL, address)
    return _team(secrets, address)


def _team(secrets: Mapping[str, Any], address: str) -> Deployment:
    auth = secrets.get("auth") or {}
    missing = [key for key in ("redirect_uri", "cookie_secret") if not auth.get(key)]
    providers = [
        name for name, value in auth.items() if isinstance(value, Mapping) and "client_id" in value
    ]
    section: Mapping[str, Any] = auth
    provider = ""
    if providers:
        provider = providers[0]
        section = auth[provider]
    missing += [key for key in PROVIDER_KEYS if not section.get(key)]
    if missing:
        raise ConfigError(
            "Teammodus is ingeschakeld, maar het aanmelden via uw organisatie is niet "
            "volledig ingesteld. In .streamlit/secrets.toml ontbreekt onder [auth]: "
            "{missing}. casemap start niet zonder aanmelden.",
            missing=", ".join(missing),
        )
    if len(str(auth["cookie_secret"])) < 32:
        raise ConfigError(
            "De cookie_secret onder [auth] is te kort: gebruik minstens 32 willekeurige "
            "tekens (bijvoorbeeld: python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))').",
        )
    if not str(auth["redirect_uri"]).rstrip("/").endswith("/oauth2callback"):
        raise ConfigError(
            "De redirect_uri onder [auth] moet eindigen op /oauth2callback (bijvoorbeeld "
            "https://casemap.uworganisatie.nl/oauth2callback).",
        )
    reason = str((secrets.get("casemap") or {}).get("unencrypted_reason") or "").strip()
    return Deployment(TEAM, address, provider, str(section["server_metadata_url"]), reason)


def check_encryption(found: Deployment, encrypted: bool, *, postgres: bool = False) -> None:
    """Team mode runs on an encrypted database, or the configuration says why not.

    casemap encrypts a SQLite file itself (SQLCipher); a PostgreSQL server is
    protected by its own disk and TLS, which only its configuration can vouch
    for, so there ``unencrypted_reason`` says how, and the message says so.
    """
    if not found.team or encrypted or found.unencrypted_reason:
        return
    if postgres:
        raise ConfigError(
            "Teammodus op PostgreSQL vraagt hoe de gegevens beschermd zijn: casemap "
            "versleutelt alleen een SQLite-bestand, een PostgreSQL-server versleutelt zelf "
            "(schijf, TLS). Leg onder [casemap] met unencrypted_reason vast hoe (bijvoorbeeld "
            "'PostgreSQL op een versleuteld volume, verbindingen met sslmode=verify-full').",
        )
    raise ConfigError(
        "Teammodus start niet op een onversleutelde database. Versleutel hem met "
        "'casemap encrypt' en geef de sleutel met CASEMAP_DB_KEY_FILE, of leg onder "
        "[casemap] met unencrypted_reason vast waarom het niet hoeft (bijvoorbeeld "
        "'volledige schijfversleuteling op de server').",
    )


def provider_reachable(metadata_url: str, timeout: float = 3.0) -> bool:
    """Whether the sign-in provider answers with its OpenID configuration."""
    try:
        with urllib.request.urlopen(metadata_url, timeout=timeout) as answer:  # noqa: S310
            return "authorization_endpoint" in json.loads(answer.read(1_000_000))
    except (OSError, ValueError, urllib.error.URLError):
        return False
