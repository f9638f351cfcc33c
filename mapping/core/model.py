"""The case network as plain dataclasses: no I/O, no Streamlit.

A :class:`CaseData` is everything that belongs to one case: the case record,
its entities (people and systems), the relations between them, the stored
per-lens positions, and the balance (factors) and plan (goals, actions,
monitoring). Lenses lay out a ``CaseData``; the store loads and saves one.

Dates are ISO strings that may be partial ("1961", "1961-05", "1961-05-12")
because families rarely know every date. A date the source gives as inexact
("ABT 1850", "BEF 1828", "BET 1840 AND 1845") keeps its first date there and
how it is meant in ``birth_qualifier`` / ``death_qualifier`` (see
:func:`date_words`), so a map never shows a bare year the source did not give.

>>> mother = Entity(id="p1", name="Sanne", sex=Sex.FEMALE, birth="1984")
>>> mother.is_person, mother.birth_year
(True, 1984)
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date

from mapping.core.vocabulary import (
    BirthStatus,
    Condition,
    DateQualifier,
    EntityKind,
    FactorLevel,
    FactorSide,
    FactorSource,
    Flow,
    Frequency,
    GoalStatus,
    GoalTerm,
    Lens,
    LifeDomain,
    Phase,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    SystemKind,
    label,
)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def new_id() -> str:
    """A short random id for a new record."""
    return uuid.uuid4().hex[:12]


#: How a note line starts that holds what an imported file said about a person or tie
#: (attributes casemap has no field for). The maps leave such lines out: they are
#: reference data for the form, the tooltip and the exports, not a casemanager's note.
FILE_DATA = "Uit het bestand: "


def note_parts(note: str) -> tuple[str, str]:
    """(the note a casemanager wrote, what the imported file said) of one note.

    Lines starting with :data:`FILE_DATA` are the file's; every other line is
    the casemanager's own and is drawn on the maps as before.

    >>> note_parts("belt elke week\\nUit het bestand: status: Submitted; Position: VP")
    ('belt elke week', 'status: Submitted; Position: VP')
    >>> note_parts("Let op: Q1 is ja")
    ('Let op: Q1 is ja', '')
    """
    if FILE_DATA.strip() not in note:
        return note, ""  # the common case: no line from a file
    own, found = [], []
    for line in note.splitlines():
        if line.startswith(FILE_DATA):
            found.append(line[len(FILE_DATA) :].strip())
        else:
            own.append(line)
    return "\n".join(own).strip("\n"), "; ".join(t for t in found if t)


def is_partial_date(text: str) -> bool:
    """True for '', 'YYYY', 'YYYY-MM' and 'YYYY-MM-DD'.

    >>> is_partial_date("1984-05"), is_partial_date("mei 1984")
    (True, False)
    """
    return text == "" or bool(_DATE.match(text))


def valid_date(text: str) -> bool:
    """A partial ISO date ('', 'YYYY', 'YYYY-MM', 'YYYY-MM-DD') that exists on a calendar.

    >>> valid_date("2026-02"), valid_date("2026-13"), valid_date("2026-02-30")
    (True, False, False)
    """
    if not is_partial_date(text):
        return False
    parts = [int(p) for p in text.split("-")] if text else []
    try:
        if len(parts) >= 2:
            date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    except ValueError:
        return False
    return True


def day_first(text: str) -> str:
    """A date as Dutch readers write it, day first (15-12-2026, 01-2027); anything else as it is.

    The one way the pages, the ecogram's tooltips and the familieberaad write
    an ISO date. Text that is no date on a calendar stays as it was typed.

    >>> day_first("2026-12-15"), day_first("2027-01"), day_first("2026-02-30"), day_first("")
    ('15-12-2026', '01-2027', '2026-02-30', '')
    >>> day_first("elke maandag")
    'elke maandag'
    """
    if text and valid_date(text):
        return "-".join(reversed(text.split("-")))
    return text


def year_of(text: str) -> int | None:
    """The year of a partial ISO date, or None."""
    return int(text[:4]) if text and _DATE.match(text) else None


def qualifier_parts(qualifier: str) -> tuple[DateQualifier | None, str]:
    """(how an inexact date is meant, the last date of a between-date) of a qualifier.

    '' and anything that is no qualifier give (None, ''): the date is read as exact.

    >>> qualifier_parts("between/1845"), qualifier_parts("before"), qualifier_parts("")
    ((<DateQualifier.BETWEEN: 'between'>, '1845'), (<DateQualifier.BEFORE: 'before'>, ''), (None, ''))
    """
    word, _, until = (qualifier or "").partition("/")
    try:
        kind = DateQualifier(word)
    except ValueError:
        return None, ""
    return kind, until if kind is DateQualifier.BETWEEN and _DATE.match(until) else ""


def is_date_qualifier(qualifier: str) -> bool:
    """True for '' and for every value :func:`qualifier_parts` reads whole.

    >>> is_date_qualifier("about"), is_date_qualifier("between/1845"), is_date_qualifier("ca")
    (True, True, False)
    """
    if not qualifier:
        return True
    kind, until = qualifier_parts(qualifier)
    return kind is not None and (qualifier == kind.value or bool(until))


def date_words(text: str, qualifier: str = "", lang: str = "nl") -> str:
    """The year of a partial date as a reader should see it: with its qualifier.

    >>> [date_words("1828", q) for q in ("", "before", "about", "after", "between/1845")]
    ['1828', 'vóór 1828', 'ca. 1828', 'na 1828', 'tussen 1828 en 1845']
    >>> date_words("1840", "between/1845", "en"), date_words("1850", "about", "en")
    ('between 1840 and 1845', 'about 1850')
    >>> date_words("", "before")
    ''
    """
    year = year_of(text)
    if year is None:
        return ""
    kind, until = qualifier_parts(qualifier)
    if kind is None:
        return str(year)
    if kind is DateQualifier.BETWEEN:
        last = year_of(until)
        if last is None or last == year:
            return str(year)
        return f"{label(kind, lang)} {year} {'and' if lang == 'en' else 'en'} {last}"
    return f"{label(kind, lang)} {year}"


def is_after(text: str, day: date) -> bool:
    """True when the partial date ``text`` lies wholly after ``day``.

    A year or month is after ``day`` only when all of it is: on 2026-12-01
    '2026' and '2026-12' are not in the future, '2027' is.

    >>> today = date(2026, 12, 1)
    >>> is_after("2026", today), is_after("2026-12", today), is_after("2026-12-02", today)
    (False, False, True)
    """
    return bool(text) and text > day.isoformat()[: len(text)]


def is_before(text: str, other: str) -> bool:
    """True when the partial date ``text`` lies wholly before ``other`` (both known).

    >>> is_before("1980", "1990-05"), is_before("1990", "1990-05"), is_before("", "1990")
    (True, False, False)
    """
    n = min(len(text), len(other))
    return bool(text and other) and text[:n] < other[:n]


#: The age bands pseudonymised output shows instead of ages and birth years, as
#: (lowest age, band). With the roles on a map ("zoon, 14", "oma, 1950") an exact
#: age names a family; a band keeps what a map is read for. The bounds are the
#: stages help is organised by: 0-4 before school (consultatiebureau, voorschool),
#: 5-11 primary school, 12-17 secondary school and minority (jeugdhulp), 18-29
#: young adults (youth care may run on to 23), 30-49 and 50-64 the parents' and
#: grandparents' working years, 65+ pension age and care for older people.
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (0, "0-4"),
    (5, "5-11"),
    (12, "12-17"),
    (18, "18-29"),
    (30, "30-49"),
    (50, "50-64"),
    (65, "65+"),
)
_BANDS = frozenset(band for _low, band in AGE_BANDS)
MAX_AGE = 110  # no one alive is older: an older "living" person's death was never recorded


def age_band(age: int | None) -> str:
    """The band of :data:`AGE_BANDS` an age falls in ('' when the age is unknown).

    >>> age_band(3), age_band(14), age_band(42), age_band(81), age_band(None)
    ('0-4', '12-17', '30-49', '65+', '')
    """
    if age is None or age < 0:
        return ""
    return [band for low, band in AGE_BANDS if age >= low][-1]


@dataclass
class Case:
    """One case (casus): the family or person a casemanager works with."""

    id: str
    code: str
    title: str
    casemanager: str = ""
    phase: Phase = Phase.INTRODUCTION
    consent: bool = False
    consent_date: str = ""
    scope_note: str = ""
    created: str = ""
    archived: bool = False
    revision: int = 0


@dataclass
class Entity:
    """A person or a system (organisation, informal group) of a case network."""

    id: str
    name: str
    kind: EntityKind = EntityKind.PERSON
    sex: Sex = Sex.UNKNOWN
    birth: str = ""
    death: str = ""
    deceased: bool = False
    #: how an inexact birth or death date is meant ('', 'about', 'before', 'after',
    #: 'between/1845'): see :func:`date_words`
    birth_qualifier: str = ""
    death_qualifier: str = ""
    birth_status: BirthStatus = BirthStatus.BORN
    index_person: bool = False
    household: bool = False
    occupation: str = ""
    conditions: tuple[Condition, ...] = ()
    annotation: str = ""
    role: str = ""
    system_kind: SystemKind | None = None
    custom_kind: str = ""
    note: str = ""
    #: the id of the organisation on the team's sociale kaart this system is linked to
    #: ('' = not linked): see :mod:`mapping.services.sociale_kaart`
    kaart_id: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind is EntityKind.PERSON

    @property
    def is_deceased(self) -> bool:
        return self.deceased or bool(self.death)

    @property
    def birth_year(self) -> int | None:
        return year_of(self.birth)

    @property
    def death_year(self) -> int | None:
        return year_of(self.death)

    @property
    def age_band(self) -> str:
        """The age band a pseudonymised copy holds in ``birth`` ("30-49"), else ''.

        :func:`mapping.services.pseudonym.pseudonymise` puts the band of a person's age
        (at death, for the deceased) where the birth date was, so nothing that
        reads the copy can show an exact year; :attr:`birth_year` and
        :meth:`age` are then None, and the lenses draw the band instead.

        >>> Entity(id="x", name="zoon", birth="12-17").age_band
        '12-17'
        """
        return self.birth if self.birth in _BANDS else ""

    @property
    def birth_words(self) -> str:
        """The birth year as the source gave it: '1984', 'ca. 1850', 'vóór 1828' (Dutch)."""
        return date_words(self.birth, self.birth_qualifier)

    def age_text(self, on: date | None = None) -> str:
        """The age as far as the dates tell it: '42', '~71' (about), '≥72' (born before
        or died after), '≤60' (born after or died before), '55–60' (born or died
        between two years); '' when unknown.

        An age from an inexact date never pretends to be exact.

        >>> Entity(id="x", name="A", birth="1828", birth_qualifier="before", death="1900").age_text()
        '≥72'
        >>> Entity(id="x", name="A", birth="1840", birth_qualifier="between/1845", death="1900").age_text()
        '55–60'
        >>> Entity(id="x", name="A", birth="1830", death="1899", death_qualifier="between/1905").age_text()
        '69–75'
        """
        age = self.age(on)
        if age is None:
            return ""
        born, born_until = qualifier_parts(self.birth_qualifier)
        died, died_until = qualifier_parts(self.death_qualifier if self.is_deceased else "")
        if born is None and died is None:
            return str(age)
        if born is not None and died is not None:
            return f"~{age}"
        if born is DateQualifier.BETWEEN and born_until:
            low = max(0, age - (year_of(born_until) - (self.birth_year or 0)))
            return f"{low}–{age}" if low < age else str(age)
        if died is DateQualifier.BETWEEN and died_until:
            high = age + (year_of(died_until) - (self.death_year or 0))
            return f"{age}–{high}" if high > age else str(age)
        if born is DateQualifier.BEFORE or died is DateQualifier.AFTER:
            return f"≥{age}"
        if born is DateQualifier.AFTER or died is DateQualifier.BEFORE:
            return f"≤{age}"
        return f"~{age}"

    def age(self, on: date | None = None) -> int | None:
        """Age in whole years at death, or on ``on`` (today) when alive.

        >>> Entity(id="x", name="A", birth="1950", death="2010").age()
        60
        """
        born = self.birth_year
        if born is None:
            return None
        end = self.death_year if self.is_deceased else (on or date.today()).year
        if end is None:
            return None
        return max(0, end - born)


@dataclass
class Relation:
    """A typed tie between two entities.

    ``subtype`` holds a value of the enum :data:`mapping.core.vocabulary.SUBTYPES`
    names for the kind (e.g. 'divorced' for a partnership, 'conflict' for an
    emotional relation). Partnerships and parent-child ties point from the
    partner/parent (``source``) to the partner/child (``target``); support
    ties point from the ego to the member, and carry the member's ``sector``
    and ``ring`` in that ego's netwerkkaart.
    """

    id: str
    kind: RelationKind
    source: str
    target: str
    subtype: str = ""
    flow: Flow = Flow.NONE
    support: tuple[SupportType, ...] = ()
    reciprocal: bool = False
    frequency: Frequency | None = None
    sector: Sector | None = None
    ring: Ring | None = None
    start: str = ""
    end: str = ""
    label: str = ""
    note: str = ""
    #: how an inexact start or end date is meant (a marriage 'ABT 1816'): see :func:`date_words`
    start_qualifier: str = ""
    end_qualifier: str = ""

    def other(self, entity_id: str) -> str:
        """The entity at the other end from ``entity_id``."""
        return self.target if entity_id == self.source else self.source


@dataclass
class Position:
    """A position the user dragged, stored per lens (and per ego for sociograms)."""

    lens: Lens
    entity_id: str
    x: float
    y: float
    view: str = ""


@dataclass
class Factor:
    """A draagkracht or draaglast factor of the balansmodel."""

    id: str
    side: FactorSide
    description: str
    level: FactorLevel = FactorLevel.MICRO
    domain: LifeDomain | None = None
    weight: int = 3
    source: FactorSource = FactorSource.FAMILY
    entity_ids: tuple[str, ...] = ()
    relation_ids: tuple[str, ...] = ()
    order: int = 0


@dataclass
class Goal:
    """A goal of the plan, brought forward by the family; subgoals have a parent."""

    id: str
    title: str
    owner_id: str = ""
    owner_text: str = ""
    term: GoalTerm = GoalTerm.SHORT
    domain: LifeDomain | None = None
    result: str = ""
    status: GoalStatus = GoalStatus.OPEN
    parent_id: str = ""
    factor_ids: tuple[str, ...] = ()
    start: str = ""
    evaluation_dates: tuple[str, ...] = ()
    expected_change: str = ""
    order: int = 0


@dataclass
class Action:
    """Who does what, where, when, how and with what aim, for a goal."""

    id: str
    goal_id: str
    what: str
    actor_id: str = ""
    actor_text: str = ""
    where: str = ""
    when: str = ""
    how: str = ""
    aim: str = ""
    hours: float = 0.0
    done: bool = False
    #: a referral (verwijzing): the kaart id of the organisation the family is referred
    #: to ('' = not a referral), its :class:`~mapping.core.vocabulary.ReferralStatus`
    #: value, the ISO date of the aanmelding and the date the status last changed
    referral_org: str = ""
    referral_status: str = ""
    referred_on: str = ""
    status_on: str = ""


@dataclass
class Monitoring:
    """A score given to a goal on a date (monitoring over time)."""

    id: str
    goal_id: str
    date: str
    score: int
    scale: str = "1-10"
    note: str = ""


@dataclass
class Snapshot:
    """A frozen copy of a case (its exchange JSON) with a date and a label."""

    id: str
    case_id: str
    label: str
    taken: str
    document: str = ""


@dataclass
class Change:
    """One entry of a case's change history."""

    case_id: str
    revision: int
    at: str
    author: str
    summary: str


@dataclass
class CaseData:
    """Everything of one case, as loaded from the store or an exchange file."""

    case: Case
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    factors: list[Factor] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    monitoring: list[Monitoring] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def entity_map(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}

    def relations_of(self, entity_id: str) -> list[Relation]:
        return [r for r in self.relations if entity_id in (r.source, r.target)]

    def relations_among(self, kind: RelationKind, ids) -> list[Relation]:
        """Relations of ``kind`` between two different entities of ``ids`` (a set or dict)."""
        return [
            r
            for r in self.relations
            if r.kind is kind and r.source in ids and r.target in ids and r.source != r.target
        ]

    def positions_for(self, lens: Lens, view: str = "") -> dict[str, tuple[float, float]]:
        """Dragged positions of one lens (and ego view) as ``{entity_id: (x, y)}``."""
        return {
            p.entity_id: (p.x, p.y) for p in self.positions if p.lens == lens and p.view == view
        }

    def index_person(self) -> Entity | None:
        return next((e for e in self.entities if e.index_person), None)


__all__ = [
    "AGE_BANDS",
    "Action",
    "Case",
    "CaseData",
    "Change",
    "Entity",
    "FILE_DATA",
    "Factor",
    "Goal",
    "Monitoring",
    "Position",
    "Relation",
    "Snapshot",
    "age_band",
    "date_words",
    "is_date_qualifier",
    "new_id",
    "note_parts",
    "qualifier_parts",
    "replace",
]
