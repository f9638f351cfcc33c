"""Pseudonymise a case for teaching, supervision or a dossier copy.

:func:`pseudonymise` returns a deep copy in which every person is named by a
role relative to the index person ("moeder", "zoon 1", "oma (mz)",
"stiefvader"), or "persoon N" when no role can be derived; systems keep
their kind ("school", "huisarts") but lose their proper name. Every free
text (notes, occupations, relation labels, factors, goals, actions) has the
real names replaced.

Pseudonymised means more than names (domain brief: no name, no case code
that leads back to the dossier, no author, no exact birth dates where roles
already narrow it down), so the copy also holds:

- a **case code made for this export** (:func:`export_code`, "PS-7KQ3MX",
  random: it leads back to nothing), no case title (it often holds the
  family's name), no casemanager, no dates of the dossier (consent, created);
- **age bands instead of dates of birth and death**: a person's ``birth``
  holds the band of their age (at death, for the deceased) from
  :data:`mapping.core.model.AGE_BANDS`: 0-4, 5-11, 12-17, 18-29, 30-49, 50-64,
  65+; ``death`` is empty and ``deceased`` set, so the cross stays. Where
  free text mentions a birth or death year of the case's people ("Geboren:
  ABT. 1961", as a GEDCOM import notes it), it becomes "[jaar]". The people
  are listed in birth order, so every lens still puts siblings oldest first.
  Dates of relations stay, cut to the year: a genogram orders a person's
  partners by them, and a marriage year ("x 2007") is no one's age. The
  plan's dates stay as they are.

Snapshot labels are typed text ("intake Vollenhoven"): pseudonymised output
calls them :func:`snapshot_label` ("momentopname 1") instead. Authors are
never in a case; the exports leave them out of their captions.

>>> from datetime import date
>>> from mapping.core.model import Case, CaseData, Entity, Relation
>>> from mapping.core.vocabulary import RelationKind, Sex
>>> data = CaseData(
...     case=Case(id="c", code="C-1", title="Familie Jansen", casemanager="M. de Wit"),
...     entities=[
...         Entity(id="m", name="Sanne Jansen", sex=Sex.FEMALE, index_person=True, birth="1984-05-12"),
...         Entity(id="k", name="Daan Bakker", sex=Sex.MALE, note="Sanne brengt Daan (2011)",
...                birth="2011"),
...     ],
...     relations=[Relation(id="r", kind=RelationKind.PARENT_CHILD, source="m", target="k")],
... )
>>> safe = pseudonymise(data, code="PS-TEST01", today=date(2026, 6, 1))
>>> [(e.name, e.birth, e.age_band) for e in safe.entities]
[('cliënt', '30-49', '30-49'), ('zoon', '12-17', '12-17')]
>>> safe.entities[1].note
'cliënt brengt zoon ([jaar])'
>>> safe.case.code, safe.case.title, safe.case.casemanager
('PS-TEST01', '', '')
>>> pseudonymise(data, mode="initials").entities[0].name
'S.J.'
"""

from __future__ import annotations

import copy
import re
import secrets
from collections import Counter, defaultdict
from dataclasses import fields, is_dataclass
from datetime import date

from mapping.core.codec import DATE_FIELDS
from mapping.core.errors import InvalidInput
from mapping.core.model import MAX_AGE, CaseData, Entity, age_band, year_of
from mapping.core.vocabulary import BirthStatus, ChildLink, EntityKind, RelationKind, Sex, label

MODES = ("roles", "initials")
#: Words that stay even when they are part of a name ("Rick de Boer").
_PARTICLES = {
    "de",
    "den",
    "der",
    "het",
    "van",
    "ten",
    "ter",
    "te",
    "la",
    "le",
    "du",
    "da",
    "el",
    "al",
    "bin",
    "von",
}
_GONE = {"separated", "divorced"}
YEAR = "[jaar]"  # what a birth or death year in free text becomes
_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a meeting

# (male, female, unknown) words for each kinship role, in Dutch
_WORDS = {
    "parent": ("vader", "moeder", "ouder"),
    "foster_parent": ("pleegvader", "pleegmoeder", "pleegouder"),
    "adoptive_parent": ("adoptievader", "adoptiemoeder", "adoptieouder"),
    "step_parent": ("stiefvader", "stiefmoeder", "stiefouder"),
    "child": ("zoon", "dochter", "kind"),
    "foster_child": ("pleegzoon", "pleegdochter", "pleegkind"),
    "adopted_child": ("adoptiezoon", "adoptiedochter", "adoptiekind"),
    "step_child": ("stiefzoon", "stiefdochter", "stiefkind"),
    "sibling": ("broer", "zus", "broer/zus"),
    "half_sibling": ("halfbroer", "halfzus", "halfbroer/-zus"),
    "grandparent": ("opa", "oma", "grootouder"),
    "grandchild": ("kleinzoon", "kleindochter", "kleinkind"),
    "partner": ("partner", "partner", "partner"),
    "ex_partner": ("ex-partner", "ex-partner", "ex-partner"),
    "parent_in_law": ("schoonvader", "schoonmoeder", "schoonouder"),
    "child_in_law": ("schoonzoon", "schoondochter", "schoonkind"),
    "uncle_aunt": ("oom", "tante", "oom/tante"),
    "nephew_niece": ("neef", "nicht", "neef/nicht"),
}


def _word(role: str, sex: Sex) -> str:
    male, female, unknown = _WORDS[role]
    return male if sex is Sex.MALE else female if sex is Sex.FEMALE else unknown


class _Family:
    """Parents, children and partners of everyone, from the case's relations."""

    def __init__(self, data: CaseData) -> None:
        self.parents: dict[str, dict[str, str]] = defaultdict(dict)  # child -> {parent: link}
        self.children: dict[str, dict[str, str]] = defaultdict(dict)
        self.partners: dict[str, dict[str, str]] = defaultdict(dict)  # -> {partner: status}
        for r in data.relations:
            if r.kind is RelationKind.PARENT_CHILD:
                self.parents[r.target][r.source] = r.subtype
                self.children[r.source][r.target] = r.subtype
            elif r.kind is RelationKind.PARTNERSHIP:
                self.partners[r.source][r.target] = r.subtype
                self.partners[r.target][r.source] = r.subtype

    def siblings(self, pid: str) -> dict[str, bool]:
        """{sibling: full} for everyone sharing a parent with ``pid``."""
        mine = set(self.parents.get(pid, {}))
        out: dict[str, bool] = {}
        for parent in mine:
            for child in self.children.get(parent, {}):
                if child != pid:
                    out[child] = set(self.parents.get(child, {})) == mine
        return out


def _kinship(data: CaseData, index: Entity) -> dict[str, tuple[str, str]]:
    """{entity id: (role key, side suffix)} for the relatives of ``index``."""
    fam, me = _Family(data), index.id
    sexes = {e.id: e.sex for e in data.entities}
    roles: dict[str, tuple[str, str]] = {}

    def put(pid: str, role: str, side: str = "") -> None:
        if pid != me and pid not in roles:
            roles[pid] = (role, side)

    for parent, link in fam.parents.get(me, {}).items():
        key = {ChildLink.FOSTER.value: "foster_parent", ChildLink.ADOPTED.value: "adoptive_parent"}
        put(parent, key.get(link, "parent"))
    for child, link in fam.children.get(me, {}).items():
        key = {ChildLink.FOSTER.value: "foster_child", ChildLink.ADOPTED.value: "adopted_child"}
        put(child, key.get(link, "child"))
    for partner, status in fam.partners.get(me, {}).items():
        put(partner, "ex_partner" if status in _GONE else "partner")
    for sib, full in fam.siblings(me).items():
        put(sib, "sibling" if full else "half_sibling")
    for parent in fam.parents.get(me, {}):
        side = (
            "(mz)"
            if sexes.get(parent) is Sex.FEMALE
            else "(vz)"
            if sexes.get(parent) is Sex.MALE
            else ""
        )
        for partner in fam.partners.get(parent, {}):
            put(partner, "step_parent")
        for grand in fam.parents.get(parent, {}):
            put(grand, "grandparent", side)
        for aunt in fam.siblings(parent):
            put(aunt, "uncle_aunt", side)
    for child in fam.children.get(me, {}):
        for grand in fam.children.get(child, {}):
            put(grand, "grandchild")
        for partner in fam.partners.get(child, {}):
            put(partner, "child_in_law")
    for partner in fam.partners.get(me, {}):
        for child in fam.children.get(partner, {}):
            put(child, "step_child")
        for parent in fam.parents.get(partner, {}):
            put(parent, "parent_in_law")
    for sib in fam.siblings(me):
        for child in fam.children.get(sib, {}):
            put(child, "nephew_niece")
    return roles


def _initials(name: str) -> str:
    parts = [p for p in re.split(r"[\s\-]+", name) if p and p.lower() not in _PARTICLES]
    return "".join(p[0].upper() + "." for p in parts if p[0].isalnum()) or "?"


def _numbered(names: dict[str, str], order: list[str]) -> dict[str, str]:
    """Add ' 1', ' 2' to names that more than one entity got, in ``order``."""
    counts = Counter(names.values())
    seen: Counter[str] = Counter()
    out = {}
    for eid in order:
        name = names[eid]
        if counts[name] > 1:
            seen[name] += 1
            name = f"{name} {seen[name]}"
        out[eid] = name
    return out


def pseudonyms(data: CaseData, mode: str = "roles") -> dict[str, str]:
    """{entity id: the name it gets} without touching the case."""
    if mode not in MODES:
        raise InvalidInput("Onbekende manier van pseudonimiseren: {mode}", mode=mode)
    index = data.index_person()
    kin = _kinship(data, index) if index else {}
    order = sorted(
        data.entities, key=lambda e: (e.kind is not EntityKind.PERSON, e.birth or "9999", e.id)
    )
    names: dict[str, str] = {}
    anonymous = 0
    for e in order:
        if e.kind is EntityKind.SYSTEM:
            names[e.id] = label(e.system_kind) if e.system_kind else "organisatie"
            continue
        if mode == "initials":
            names[e.id] = _initials(e.name)
            continue
        role = e.role.strip() if e.role and not _contains_name(e.role, e) else ""
        if e.index_person:
            names[e.id] = role or "cliënt"
        elif role:
            names[e.id] = role
        elif e.id in kin:
            key, side = kin[e.id]
            names[e.id] = f"{_word(key, e.sex)} {side}".strip()
        else:
            anonymous += 1
            names[e.id] = f"persoon {anonymous}"
    return _numbered(names, [e.id for e in order])


def _contains_name(text: str, entity: Entity) -> bool:
    tokens = {t.lower() for t in re.findall(r"\w+", entity.name) if len(t) > 1}
    return bool(tokens & {t.lower() for t in re.findall(r"\w+", text)})


class _Scrubber:
    """Replaces every real name (full, or one of its parts) in free text."""

    def __init__(self, data: CaseData, names: dict[str, str]) -> None:
        table: dict[str, str] = {}
        part_owner: dict[str, set[str]] = defaultdict(set)
        for e in data.entities:
            new = names[e.id]
            if e.name.strip():
                table[e.name.strip().lower()] = new
            for part in re.findall(r"\w+", e.name):
                low = part.lower()
                if len(part) > 1 and low not in _PARTICLES and low != new.lower():
                    part_owner[low].add(new)
        # the casemanager is named in notes ("casemanager M. de Wit"): a professional, but a name
        manager = data.case.casemanager.strip()
        if manager:
            table[manager.lower()] = "casemanager"
            for part in re.findall(r"\w+", manager):
                if len(part) > 1 and part.lower() not in _PARTICLES:
                    part_owner[part.lower()].add("casemanager")
        for part, owners in part_owner.items():
            if part not in table:
                # a surname shared by the family points at no one in particular
                table[part] = owners.pop() if len(owners) == 1 else "[naam]"
        self.table = table
        alternatives = sorted(table, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )
        # a birth or death year written out in a note names the person as well as the date
        years = sorted(
            {str(y) for e in data.entities for y in (e.birth_year, e.death_year) if y is not None}
        )
        self.years = (
            re.compile(r"(?<!\d)(" + "|".join(years) + r")(-\d\d){0,2}(?!\d)") if years else None
        )

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if self.pattern is not None:
            text = self.pattern.sub(lambda m: self.table[m.group(0).lower()], text)
        if self.years is not None:
            text = self.years.sub(YEAR, text)
        return text


def _scrub_record(record: object, scrub: _Scrubber, skip: tuple[str, ...] = ()) -> None:
    """Scrub every str (and tuple of str) field of a dataclass but its dates, in place."""
    for f in fields(record):  # type: ignore[arg-type]
        if (
            f.name in skip
            or f.name in DATE_FIELDS
            or f.name == "id"
            or f.name.endswith(("_id", "_ids"))
        ):
            continue
        value = getattr(record, f.name)
        if isinstance(value, str) and value and not hasattr(value, "value"):
            setattr(record, f.name, scrub(value))
        elif (
            isinstance(value, tuple)
            and value
            and all(isinstance(v, str) and not hasattr(v, "value") for v in value)
        ):
            setattr(record, f.name, tuple(scrub(v) for v in value))


def _year(text: str) -> str:
    year = year_of(text)
    return str(year) if year is not None else ""


def _band(person: Entity, today: date | None) -> str:
    """The age band of ``person`` (at death, for the deceased); '' when unknown."""
    if not person.is_person or person.birth_status is not BirthStatus.BORN:
        return ""  # a pregnancy's date is the expected birth: no age yet
    age = person.age(today)
    if age is not None and not person.is_deceased and age > MAX_AGE:
        return ""  # the death was never recorded
    return age_band(age)


def export_code() -> str:
    """A new case code for one pseudonymised export: random, so it leads back to nothing.

    >>> code = export_code()
    >>> code.startswith("PS-") and len(code) == 9 and code != export_code()
    True
    """
    return "PS-" + "".join(secrets.choice(_CODE_LETTERS) for _ in range(6))


def snapshot_label(n: int, lang: str = "nl") -> str:
    """The name of the ``n``-th snapshot in pseudonymised output (its typed label may name someone).

    >>> snapshot_label(2), snapshot_label(1, "en")
    ('momentopname 2', 'snapshot 1')
    """
    return f"{'snapshot' if lang == 'en' else 'momentopname'} {n}"


def pseudonymise(
    data: CaseData,
    mode: str = "roles",
    *,
    keep_ids: bool = True,
    code: str | None = None,
    today: date | None = None,
) -> CaseData:
    """A deep copy of ``data`` without real names; see the module docstring.

    ``mode`` is 'roles' (kinship roles) or 'initials' ("S.J."). With
    ``keep_ids`` (the default, for the screen) ids stay the same, so stored
    positions, the chosen ego and a selection still apply. Files that leave
    the application pass ``keep_ids=False``: ids are often made of names
    ("sanne"), so every id becomes opaque (``e1``, ``r1``...); use
    :func:`id_map` to translate an ego. ``code`` is the case code of the
    copy (a new :func:`export_code` when not given: a screen passes the
    same code on every run); ``today`` is the day ages are counted to.
    """
    names = pseudonyms(data, mode)
    scrub = _Scrubber(data, names)
    out = copy.deepcopy(data)
    case = out.case
    case.code = code or export_code()
    case.title = ""  # a case title often holds the family's name
    case.casemanager = ""
    case.consent_date = case.created = ""  # dates of the dossier lead back to it
    case.scope_note = scrub(case.scope_note)
    if not keep_ids:
        case.id = case.code
    born = {e.id: (e.birth or "9999", n) for n, e in enumerate(data.entities)}
    for e in out.entities:
        _scrub_record(e, scrub, skip=("name", "birth", "death", "sex", "kind"))
        e.name = names[e.id]
        if e.kind is EntityKind.SYSTEM:
            e.role = ""  # a system's role is usually its proper name
        e.deceased = e.is_deceased
        e.birth, e.death = _band(e, today), ""
        e.birth_qualifier = e.death_qualifier = ""  # 'between/1845' would name a year
    # without dates the lenses order people as listed: list them as they were born
    out.entities.sort(key=lambda e: born[e.id])
    for r in out.relations:
        _scrub_record(r, scrub, skip=("kind", "source", "target", "subtype"))
        r.start, r.end = _year(r.start), _year(r.end)
    for group in (out.factors, out.goals, out.actions, out.monitoring):
        for record in group:
            if is_dataclass(record):
                _scrub_record(
                    record, scrub, skip=("date", "start", "evaluation_dates", "referral_org")
                )
    # a kaart id is made of the organisation's name ("verslavingszorg-stad"), which says
    # what the family gets help with: one neutral id each, the same in systems and referrals
    kaart = _kaart_ids(data)
    for e in out.entities:
        e.kaart_id = kaart.get(e.kaart_id, "")
    for a in out.actions:
        a.referral_org = kaart.get(a.referral_org, "")
    if not keep_ids:
        _rekey(out, id_map(data))
    return out


def _kaart_ids(data: CaseData) -> dict[str, str]:
    """kaart id -> 'kaart-1', 'kaart-2'... in order of first use (systems, then referrals)."""
    used = [e.kaart_id for e in data.entities] + [a.referral_org for a in data.actions]
    out: dict[str, str] = {}
    for kaart_id in used:
        if kaart_id and kaart_id not in out:
            out[kaart_id] = f"kaart-{len(out) + 1}"
    return out


def id_map(data: CaseData) -> dict[str, str]:
    """The opaque id every record gets in ``pseudonymise(..., keep_ids=False)``."""
    out: dict[str, str] = {}
    for prefix, group in (
        ("e", data.entities),
        ("r", data.relations),
        ("f", data.factors),
        ("g", data.goals),
        ("a", data.actions),
        ("m", data.monitoring),
    ):
        for n, record in enumerate(group, start=1):
            out.setdefault(record.id, f"{prefix}{n}")
    return out


def _rekey(data: CaseData, ids: dict[str, str]) -> None:
    for group in (
        data.entities,
        data.relations,
        data.positions,
        data.factors,
        data.goals,
        data.actions,
        data.monitoring,
    ):
        for record in group:
            for f in fields(record):
                value = getattr(record, f.name)
                if f.name in ("id", "source", "target", "view") or f.name.endswith("_id"):
                    if isinstance(value, str) and value in ids:
                        setattr(record, f.name, ids[value])
                elif f.name.endswith("_ids") and isinstance(value, tuple):
                    setattr(record, f.name, tuple(ids.get(v, v) for v in value))


__all__ = [
    "MODES",
    "YEAR",
    "export_code",
    "id_map",
    "pseudonymise",
    "pseudonyms",
    "snapshot_label",
]
