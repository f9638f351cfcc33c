"""Who may use casemap: users, teams and roles.

Identity comes from the organisation's OpenID Connect provider (a subject and
an e-mail address); rights come from here. A user must be registered before
they see anything; a disabled user is stopped at their next click.

>>> from mapping.storage.store import Store
>>> with Store(":memory:") as store:
...     team = add_team(store.db, "Wijkteam Noord")
...     anna = add_user(store.db, "anna@org.nl", name="Anna", role=Role.CASEMANAGER, teams=["Wijkteam Noord"])
...     find_user(store.db, email="ANNA@org.nl").name, teams_of(store.db, anna.id)[0].name
('Anna', 'Wijkteam Noord')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from mapping.core.codec import without_bidi
from mapping.core.errors import InvalidInput, NotFound
from mapping.core.model import new_id


class Role(StrEnum):
    """What a user is in casemap (not in the provider)."""

    CASEMANAGER = "casemanager"
    TEAMLEIDER = "teamleider"
    BEHEERDER = "beheerder"
    STUDENT = "student"


#: Label and what the role may do, in Dutch and English: read by the CLI, the
#: beheer page and the README's roles table.
ROLES: dict[Role, dict[str, str]] = {
    Role.CASEMANAGER: {
        "nl": "casemanager",
        "en": "case manager",
        "may_nl": "eigen casussen, casussen die met hem of haar gedeeld zijn en, als het "
        "teambeleid dat zegt, de casussen van het team",
        "may_en": "own cases, cases shared with them and, when the team's policy says so, "
        "the team's cases",
    },
    Role.TEAMLEIDER: {
        "nl": "teamleider",
        "en": "team leader",
        "may_nl": "alle casussen van het eigen team; ziet noodtoegang in het team en het "
        "toegangslog van de teamcasussen; deelt casussen en draagt ze over",
        "may_en": "every case of their team; sees emergency access in the team and the "
        "access log of the team's cases; shares and hands over cases",
    },
    Role.BEHEERDER: {
        "nl": "beheerder",
        "en": "administrator",
        "may_nl": "beheert gebruikers en teams en leest het toegangslog; geen inhoud van "
        "casussen, tenzij een casus met hem of haar gedeeld is",
        "may_en": "manages users and teams and reads the access log; no case content "
        "unless a case is shared with them",
    },
    Role.STUDENT: {
        "nl": "student",
        "en": "student",
        "may_nl": "alleen oefencasussen",
        "may_en": "training cases only",
    },
}


class TeamPolicy(StrEnum):
    """Who in a team may open the team's cases."""

    TEAM = "team"  # every member of the team
    OWN = "eigen"  # only the owner and whom the case is shared with (and the teamleider)


@dataclass(frozen=True)
class User:
    id: str
    email: str
    name: str = ""
    role: Role = Role.CASEMANAGER
    subject: str = ""
    disabled: bool = False
    created: str = ""

    @property
    def display(self) -> str:
        """How the user is named in the history and the log: 'Anna de Vries <anna@org.nl>'."""
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    policy: TeamPolicy = TeamPolicy.TEAM


_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


def _user(row) -> User:
    uid, email, subject, name, role, disabled, created = row
    return User(uid, email, name, Role(role), subject, bool(disabled), created)


_USER_COLUMNS = "id, email, subject, name, role, disabled, created"


def role_of(text: str) -> Role:
    """A role from its name (Dutch or English label); InvalidInput otherwise."""
    wanted = text.strip().lower()
    for role, labels in ROLES.items():
        if wanted in (role.value, labels["nl"], labels["en"]):
            return role
    raise InvalidInput(
        "Onbekende rol '{text}'. Kies uit: {value}.",
        text=text,
        value=", ".join(r.value for r in Role),
    )


def add_user(
    db,
    email: str,
    *,
    name: str = "",
    role: Role | str = Role.CASEMANAGER,
    subject: str = "",
    teams: list[str] = (),
) -> User:
    """Register a user by e-mail (the provider's ``email`` claim); refuses a duplicate."""
    email = without_bidi(email).strip()
    if not _EMAIL.match(email):
        raise InvalidInput("'{email}' is geen e-mailadres.", email=email)
    role = role if isinstance(role, Role) else role_of(role)
    if db.execute("SELECT 1 FROM users WHERE email = ? COLLATE NOCASE", [email]).fetchone():
        raise InvalidInput("Gebruiker {email} bestaat al.", email=email)
    user = User(
        new_id(),
        email,
        without_bidi(name).strip()[:200],
        role,
        subject.strip(),
        False,
        datetime.now(UTC).isoformat(timespec="seconds"),
    )
    team_ids = [find_team(db, team).id for team in teams]
    with db.conn:
        db.execute(
            f"INSERT INTO users ({_USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [user.id, user.email, user.subject, user.name, user.role.value, 0, user.created],
        )
        for team_id in team_ids:
            db.execute(
                "INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)",
                [team_id, user.id],
            )
    return user


def users(db) -> list[User]:
    return [
        _user(row)
        for row in db.execute(f"SELECT {_USER_COLUMNS} FROM users ORDER BY email COLLATE NOCASE")
    ]


def find_user(db, *, subject: str = "", email: str = "", user_id: str = "") -> User | None:
    """The registered user with this id, or this provider subject, or else this e-mail."""
    for column, value in (("id", user_id), ("subject", subject), ("email", email)):
        if value:
            row = db.execute(
                f"SELECT {_USER_COLUMNS} FROM users WHERE {column} = ? COLLATE NOCASE", [value]
            ).fetchone()
            if row:
                return _user(row)
    return None


def get_user(db, ref: str) -> User:
    """A user by e-mail or id; NotFound otherwise."""
    user = find_user(db, email=ref) or find_user(db, user_id=ref)
    if user is None:
        raise NotFound("Gebruiker '{ref}' bestaat niet.", ref=ref)
    return user


def bind_subject(db, user: User, subject: str) -> User:
    """Remember the provider's subject at the first sign-in (the e-mail may change later)."""
    if subject and user.subject != subject:
        with db.conn:
            db.execute("UPDATE users SET subject = ? WHERE id = ?", [subject, user.id])
    return find_user(db, user_id=user.id) or user


def set_disabled(db, ref: str, disabled: bool = True) -> User:
    user = get_user(db, ref)
    with db.conn:
        db.execute("UPDATE users SET disabled = ? WHERE id = ?", [int(disabled), user.id])
    return get_user(db, user.id)


def set_role(db, ref: str, role: Role | str) -> User:
    user = get_user(db, ref)
    role = role if isinstance(role, Role) else role_of(role)
    with db.conn:
        db.execute("UPDATE users SET role = ? WHERE id = ?", [role.value, user.id])
    return get_user(db, user.id)


def add_team(db, name: str, policy: TeamPolicy | str = TeamPolicy.TEAM) -> Team:
    name = without_bidi(name).strip()
    if not name:
        raise InvalidInput("Geef het team een naam.")
    try:
        policy = TeamPolicy(policy)
    except ValueError:
        raise InvalidInput(
            "Onbekend teambeleid '{policy}'. Kies 'team' of 'eigen'.",
            policy=policy,
        ) from None
    if db.execute("SELECT 1 FROM teams WHERE name = ? COLLATE NOCASE", [name]).fetchone():
        raise InvalidInput("Team '{name}' bestaat al.", name=name)
    team = Team(new_id(), name[:200], policy)
    with db.conn:
        db.execute(
            "INSERT INTO teams (id, name, policy) VALUES (?, ?, ?)",
            [team.id, team.name, team.policy.value],
        )
    return team


def find_team(db, ref: str) -> Team:
    row = db.execute(
        "SELECT id, name, policy FROM teams WHERE name = ? COLLATE NOCASE OR id = ?", [ref, ref]
    ).fetchone()
    if not row:
        raise NotFound("Team '{ref}' bestaat niet.", ref=ref)
    return Team(row[0], row[1], TeamPolicy(row[2]))


def teams(db) -> list[Team]:
    return [
        Team(r[0], r[1], TeamPolicy(r[2]))
        for r in db.execute("SELECT id, name, policy FROM teams ORDER BY name COLLATE NOCASE")
    ]


def add_member(db, team: str, user: str) -> None:
    found_team, found_user = find_team(db, team), get_user(db, user)
    with db.conn:
        db.execute(
            "INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)",
            [found_team.id, found_user.id],
        )


def remove_member(db, team: str, user: str) -> None:
    found_team, found_user = find_team(db, team), get_user(db, user)
    with db.conn:
        db.execute(
            "DELETE FROM team_members WHERE team_id = ? AND user_id = ?",
            [found_team.id, found_user.id],
        )


def teams_of(db, user_id: str) -> list[Team]:
    return [
        Team(r[0], r[1], TeamPolicy(r[2]))
        for r in db.execute(
            "SELECT t.id, t.name, t.policy FROM teams t JOIN team_members m ON m.team_id = t.id "
            "WHERE m.user_id = ? ORDER BY t.name COLLATE NOCASE",
            [user_id],
        )
    ]


def members(db, team_id: str) -> list[User]:
    return [
        _user(row)
        for row in db.execute(
            f"SELECT {', '.join('u.' + c for c in _USER_COLUMNS.split(', '))} FROM users u "
            "JOIN team_members m ON m.user_id = u.id WHERE m.team_id = ? ORDER BY u.email",
            [team_id],
        )
    ]
