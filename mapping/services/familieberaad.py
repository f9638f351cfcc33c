"""The familieberaad: a conversation with the whole family, by its fixed rules.

Outreaching casemanagement holds it with everyone at the table: everyone is
equal and gets a turn, the others listen, children go first if they want;
first what went well, then what irritated, then proposals from the one whose
turn it is, ending in concrete agreements (who, what, when). This module is
the conversation's logic, without a screen:

- :data:`RULES` and :data:`AGENDA`: the rules and the steps, as Dutch message
  ids (``N_``) translated where they are shown;
- :func:`default_participants` and :func:`turn_order`: who sits at the table
  and in which order they speak in a round (children who want to go first
  first, the youngest of them first);
- :func:`agreement_records`: an agreement typed during the conversation as a
  plan :class:`~mapping.core.model.Action` under a goal ("Afspraken
  familieberaad 2026-12-05", made with the first agreement), checked so it
  can be saved in one go or not at all;
- :func:`mark_speaker`: the speaker's symbol marked on a lens drawing.

>>> from datetime import date
>>> from mapping.services.demo import demo_case
>>> data = demo_case()
>>> on = date(2026, 12, 5)
>>> default_participants(data, on)
['rick', 'sanne', 'daan', 'lotte', 'noor', 'jayden', 'finn']
>>> turn_order(data, default_participants(data, on), first={"finn", "lotte"}, on=on)
['finn', 'lotte', 'rick', 'sanne', 'daan', 'noor', 'jayden']
>>> [s.key for s in AGENDA]
['opening', 'goed', 'irritatie', 'voorstellen', 'afspraken', 'afsluiting']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from mapping.core.codec import is_blank
from mapping.core.drawing import Area, Drawing
from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_, translate
from mapping.core.model import Action, CaseData, Entity, Goal, new_id, valid_date
from mapping.core.vocabulary import BirthStatus
from mapping.services.plan import FAMILY, validate_action, validate_goal

#: Younger than this is a child (who may go first).
ADULT_AGE = 18


@dataclass(frozen=True)
class Step:
    """One step of the familieberaad's agenda.

    ``title`` and ``prompt`` are Dutch message ids; ``rounds`` says whether
    everyone at the table gets a turn in it.
    """

    key: str
    title: str
    prompt: str
    rounds: bool = False


#: The familieberaad's rules, in the order they are read out at the opening.
RULES: tuple[str, ...] = (
    N_("Iedereen is gelijk."),
    N_("Iedereen komt aan de beurt; de anderen luisteren en vallen niet in de rede."),
    N_("Kinderen mogen eerst, als ze dat willen."),
    N_("Eerst vertelt ieder wat goed ging of waar hij of zij trots op is."),
    N_(
        "Dan wat vervelend was of irriteerde: wat voelde je, waardoor kwam het, "
        "wat gebeurde er toen, wat zou helpen?"
    ),
    N_("Wie aan de beurt is, doet voorstellen."),
    N_("We eindigen met concrete afspraken (wie doet wat, wanneer) waar iedereen tevreden mee is."),
)

#: The agenda, step by step.
AGENDA: tuple[Step, ...] = (
    Step(
        "opening",
        N_("Opening en spelregels"),
        N_("Welkom. We lezen samen de spelregels en spreken af dat we ons eraan houden."),
    ),
    Step(
        "goed",
        N_("Wat ging goed"),
        N_("Wat ging er goed? Waar ben je trots op?"),
        rounds=True,
    ),
    Step(
        "irritatie",
        N_("Wat irriteerde"),
        N_("Wat was vervelend of irritant? Wat voelde je, waardoor kwam het, wat zou helpen?"),
        rounds=True,
    ),
    Step(
        "voorstellen",
        N_("Voorstellen"),
        N_("Wie aan de beurt is, doet een voorstel: wat zou je anders willen, en hoe?"),
        rounds=True,
    ),
    Step(
        "afspraken",
        N_("Afspraken"),
        N_(
            "Maak de voorstellen concreet: wie doet wat, wanneer? Iedereen moet er tevreden mee zijn."
        ),
    ),
    Step(
        "afsluiting",
        N_("Afsluiting"),
        N_("We lezen de afspraken voor en spreken af wanneer we ze samen bekijken. Bedankt!"),
    ),
)


def step_at(index: int) -> Step:
    """The agenda step at ``index``, held to the first and last step.

    >>> step_at(-1).key, step_at(2).key, step_at(99).key
    ('opening', 'irritatie', 'afsluiting')
    """
    return AGENDA[max(0, min(int(index), len(AGENDA) - 1))]


# ----------------------------------------------------------------- who sits at the table
def age_on(entity: Entity, on: date | None = None) -> int | None:
    """Age in whole years on ``on`` (today): from the full birth date when known, else the year.

    A pseudonymised copy's age band ('12-17') gives its lower end.

    >>> age_on(Entity(id="x", name="A", birth="2008-12-20"), date(2026, 12, 5))
    17
    >>> age_on(Entity(id="x", name="A", birth="2008"), date(2026, 12, 5))
    18
    >>> age_on(Entity(id="x", name="A", birth="12-17"), date(2026, 12, 5))
    12
    """
    on = on or date.today()
    band = entity.age_band
    if band:
        return int(band.split("-")[0].rstrip("+"))
    found = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", entity.birth or "")
    if not found:
        return None
    year = int(found.group(1))
    age = on.year - year
    if found.group(2):
        month, day = int(found.group(2)), int(found.group(3) or 1)
        if (on.month, on.day) < (month, day):
            age -= 1
    return max(0, age)


def is_child(entity: Entity, on: date | None = None) -> bool:
    """Younger than :data:`ADULT_AGE` on ``on`` (an unknown age is not a child)."""
    age = age_on(entity, on)
    return age is not None and age < ADULT_AGE


def candidates(data: CaseData) -> list[Entity]:
    """Who can sit at the table: the living people of the case who are born.

    >>> from mapping.services.demo import demo_case
    >>> ids = [e.id for e in candidates(demo_case())]
    >>> "henk" in ids, "baby" in ids, "schuldhulp" in ids, "sanne" in ids
    (False, False, False, True)
    """
    return [
        e
        for e in data.entities
        if e.is_person and not e.is_deceased and e.birth_status is BirthStatus.BORN
    ]


def _by_age(people: list[Entity], on: date | None) -> list[Entity]:
    """Oldest first; an unknown age last; then by name."""

    def key(e: Entity) -> tuple:
        age = age_on(e, on)
        return (age is None, -(age or 0), e.name.lower(), e.id)

    return sorted(people, key=key)


def default_participants(data: CaseData, on: date | None = None) -> list[str]:
    """The household's living people (oldest first); the client and all living people
    when nobody is marked as household."""
    living = candidates(data)
    home = [e for e in living if e.household]
    return [e.id for e in _by_age(home or living, on)]


def turn_order(
    data: CaseData,
    participants: list[str] | tuple[str, ...],
    first: set[str] | frozenset[str] = frozenset(),
    on: date | None = None,
) -> list[str]:
    """The order of speaking in a round.

    Children (younger than 18) in ``first`` who want to go first speak first,
    the youngest of them first; then everyone else in the order of
    ``participants``. An adult in ``first`` waits their turn (the rule is for
    children). Ids that are not (any more) in the case are left out.
    """
    people = data.entity_map()
    present = [p for p in dict.fromkeys(participants) if p in people]
    eager = [p for p in present if p in first and is_child(people[p], on)]
    eager.sort(key=lambda p: (age_on(people[p], on), people[p].name.lower()))
    return eager + [p for p in present if p not in eager]


def next_turn(order: list[str], current: str, delta: int = 1) -> str:
    """The speaker ``delta`` turns from ``current`` in ``order`` (held to the ends).

    >>> next_turn(["a", "b", "c"], "b"), next_turn(["a", "b", "c"], "c"), next_turn(["a"], "x")
    ('c', 'c', 'a')
    """
    if not order:
        return ""
    if current not in order:
        return order[0]
    return order[max(0, min(order.index(current) + delta, len(order) - 1))]


# ----------------------------------------------------------------- agreements
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})")


def parse_when(text: str) -> str:
    """When an agreement is due, as an ISO date: '15-01-2027', '15/1/2027' or '2027-01-15'.

    A month ('2027-01') or a year is accepted too. Raises
    :class:`~mapping.core.errors.InvalidInput` with a Dutch message for an
    empty field and for anything that is no date on the calendar.

    >>> parse_when("15-1-2027"), parse_when(" 2027-01-15 "), parse_when("2027-02")
    ('2027-01-15', '2027-01-15', '2027-02')
    >>> parse_when("31-02-2027")
    Traceback (most recent call last):
    mapping.core.errors.InvalidInput: '31-02-2027' is geen datum; schrijf dag-maand-jaar, bijvoorbeeld 15-01-2027.
    """
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise InvalidInput("Wanneer? Geef een datum, bijvoorbeeld 15-01-2027.")
    found = _DUTCH_DATE.fullmatch(cleaned)
    iso = (
        f"{found.group(3)}-{int(found.group(2)):02d}-{int(found.group(1)):02d}"
        if found
        else cleaned
    )
    if not iso or not valid_date(iso):
        raise InvalidInput(
            "'{text}' is geen datum; schrijf dag-maand-jaar, bijvoorbeeld 15-01-2027.",
            text=cleaned,
        )
    return iso


def goal_title(on: date | None = None, lang: str = "nl") -> str:
    """The title of the goal a familieberaad's agreements go under.

    >>> goal_title(date(2026, 12, 5)), goal_title(date(2026, 12, 5), "en")
    ('Afspraken familieberaad 2026-12-05', 'Family meeting agreements 2026-12-05')
    """
    when = (on or date.today()).isoformat()
    return translate(N_("Afspraken familieberaad {date}"), lang).format(date=when)


def agreement_goal(data: CaseData, on: date | None = None, lang: str = "nl") -> Goal:
    """The goal of this day's familieberaad: the stored one of that title, else a new one
    owned by the family ('het gezin')."""
    title = goal_title(on, lang)
    for goal in data.goals:
        if goal.title == title:
            return goal
    return Goal(
        id=new_id(),
        title=title,
        owner_text=FAMILY[1] if lang == "en" else FAMILY[0],
        start=(on or date.today()).isoformat(),
        order=max((g.order for g in data.goals), default=0) + 1,
    )


def agreement_records(
    data: CaseData,
    *,
    what: str,
    when: str,
    who: str = "",
    who_text: str = "",
    goal_id: str = "",
    notes: str = "",
    on: date | None = None,
    lang: str = "nl",
) -> list[Goal | Action]:
    """An agreement as the records to save at once: ``[goal?, action]``.

    ``who`` is the id of a person (or system) of the case, or empty with the
    name in ``who_text``; ``when`` a date as typed (:func:`parse_when`);
    ``goal_id`` an existing goal, or empty for this day's familieberaad goal
    (:func:`agreement_goal`; made with the first agreement). ``notes`` go
    with the action as its 'how'. Everything is checked first: a refusal is
    an :class:`~mapping.core.errors.InvalidInput` with a Dutch message and
    nothing to save.

    >>> from mapping.services.demo import demo_case
    >>> goal, action = agreement_records(demo_case(), what="Afwassen", when="8-12-2026",
    ...     who="daan", on=date(2026, 12, 5))
    >>> goal.title, action.goal_id == goal.id, action.actor_id, action.when
    ('Afspraken familieberaad 2026-12-05', True, 'daan', '2026-12-08')
    """
    if is_blank(what):
        raise InvalidInput("Wat is er afgesproken? Beschrijf de afspraak.")
    people = data.entity_map()
    if who and who not in people:
        raise InvalidInput(
            "'{who}' staat niet (meer) op de kaart; kies iemand uit de lijst of schrijf een naam.",
            who=who,
        )
    if not who and is_blank(who_text):
        raise InvalidInput("Wie doet het? Kies iemand van de kaart of schrijf een naam.")
    due = parse_when(when)
    records: list[Goal | Action] = []
    if goal_id:
        if goal_id not in {g.id for g in data.goals}:
            raise InvalidInput(
                "Het gekozen doel bestaat niet meer; kies een ander doel of een nieuw."
            )
        planned = data
    else:
        goal = agreement_goal(data, on, lang)
        goal_id = goal.id
        if goal.id not in {g.id for g in data.goals}:
            validate_goal(goal, data)
            records.append(goal)
        planned = replace(data, goals=[*data.goals, *records])
    action = Action(
        id=new_id(),
        goal_id=goal_id,
        what=" ".join(what.split()),
        actor_id=who,
        actor_text="" if who else " ".join(who_text.split()),
        when=due,
        how=notes.strip(),
    )
    validate_action(action, planned)
    return [*records, action]


def agreements(data: CaseData, goal_id: str) -> list[Action]:
    """The actions of one goal, by date (the familieberaad's agreements so far)."""
    return sorted((a for a in data.actions if a.goal_id == goal_id), key=lambda a: (a.when, a.what))


def notes_text(notes: dict[str, str], lang: str = "nl") -> str:
    """A familieberaad's notes per step in one text: 'Wat ging goed: ...; Voorstellen: ...'.

    >>> notes_text({"goed": "samen gegeten", "irritatie": " ", "x": "?"})
    'Wat ging goed: samen gegeten'
    """
    parts = []
    for step in AGENDA:
        text = " ".join(str(notes.get(step.key, "")).split())
        if text:
            parts.append(f"{translate(step.title, lang)}: {text}")
    return "; ".join(parts)


# ----------------------------------------------------------------- on the map
SPEAKER_COLOUR = "#e65100"
SPEAKER_FILL = "#ffe0b2"


def mark_speaker(drawing: Drawing, speaker: str) -> Drawing:
    """A copy of a lens drawing with the speaker's symbol marked.

    An orange halo behind the symbol, an orange outline and the class
    ``speaker`` (the others stay as they are: everyone is at the table). The
    drawing is unchanged when the speaker is not on it.

    >>> from mapping.core.drawing import Symbol
    >>> marked = mark_speaker(Drawing("genogram", [Symbol("a", 10, 20)]), "a")
    >>> marked.symbols[0].css, marked.areas[-1].id, marked.areas[-1].x
    ('speaker', 'speaker-halo', 10)
    """
    target = next((s for s in drawing.symbols if (s.entity_id or s.id) == speaker), None)
    if not speaker or target is None:
        return drawing
    halo = Area(
        id="speaker-halo",
        shape="circle",
        x=target.x,
        y=target.y,
        r=max(target.size * 0.75, 22.0),  # the ecogram draws its people small
        fill=SPEAKER_FILL,
        stroke=SPEAKER_COLOUR,
        width=4.0,
    )
    symbols = [
        replace(s, stroke=SPEAKER_COLOUR, css=(s.css + " speaker").strip()) if s is target else s
        for s in drawing.symbols
    ]
    return replace(drawing, symbols=symbols, areas=[*drawing.areas, halo])


__all__ = [
    "ADULT_AGE",
    "AGENDA",
    "RULES",
    "Step",
    "age_on",
    "agreement_goal",
    "agreement_records",
    "agreements",
    "candidates",
    "default_participants",
    "goal_title",
    "is_child",
    "mark_speaker",
    "next_turn",
    "notes_text",
    "parse_when",
    "step_at",
    "turn_order",
]
