"""The hulpverleningsplan: goals, subgoals, actions and monitoring, as pure functions.

Goals are brought forward by the family (``owner_id`` a family member, or
``owner_text`` "het gezin"); subgoals point at their ``parent_id``; actions
say who does what, where, when, how and with what aim; monitoring gives a
goal a score on a date. These helpers validate records before the store sees
them, walk the goal tree, and link the plan to the network: who acts in a
goal (to highlight them on a lens), and what hangs on an entity (for its
detail panel and before it is removed).

>>> from mapping.services.demo import demo_case
>>> data = demo_case()
>>> sorted(actors_of(data, "g-geld"))
['els', 'sanne', 'schuldhulp', 'woningcorp']
>>> [a.id for a in actions_blocking_delete(data, "els")]
['a-post']
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date

from mapping.core.codec import is_blank
from mapping.core.drawing import Drawing
from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_, Message, translate
from mapping.core.model import (
    Action,
    CaseData,
    Entity,
    Goal,
    Monitoring,
    Relation,
    new_id,
    valid_date,
)
from mapping.core.numbers import decimal
from mapping.core.vocabulary import (
    OPEN_REFERRALS,
    SUBTYPES,
    EntityKind,
    GoalStatus,
    ReferralStatus,
    SystemKind,
    label,
)

#: Monitoring scales: name -> (lowest, highest) score. "1-5" is the Zelfredzaamheid-Matrix.
SCALES: dict[str, tuple[int, int]] = {"1-10": (1, 10), "1-5": (1, 5)}

#: Statuses after which a goal is evaluated: changing to one records the date.
EVALUATED = (GoalStatus.REACHED, GoalStatus.ADJUSTED, GoalStatus.STOPPED)

FAMILY = ("het gezin", "the family")
CASEMANAGER = ("casemanager", "casemanager")


def _lang(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


# ----------------------------------------------------------------- labels
def entity_label(entity: Entity, lang: str = "nl") -> str:
    """How an entity is named in a pick list: 'Els Visser (buurvrouw)'.

    >>> entity_label(Entity(id="e", name="Els", role="buurvrouw"))
    'Els (buurvrouw)'
    """
    if entity.kind is EntityKind.SYSTEM:
        kind = entity.custom_kind or label(entity.system_kind or SystemKind.OTHER, lang)
        return entity.name if kind.lower() in entity.name.lower() else f"{entity.name} ({kind})"
    role = entity.role.strip()
    return (
        f"{entity.name} ({role})"
        if role and role.lower() not in entity.name.lower()
        else entity.name
    )


def relation_label(
    data: CaseData, relation: Relation, lang: str = "nl", names: dict[str, str] | None = None
) -> str:
    """How a relation is named in a pick list: 'conflict: Rick – Daan'.

    ``names``: entity id -> name of ``data``, for a list of many relations
    (made once, not once a relation: an imported network has thousands).
    """
    names = names if names is not None else {e.id: e.name for e in data.entities}
    kind = label(relation.kind, lang)
    enum = SUBTYPES.get(relation.kind)
    if enum is not None and relation.subtype:
        try:
            kind = label(enum(relation.subtype), lang)
        except ValueError:
            pass
    a, b = names.get(relation.source, "?"), names.get(relation.target, "?")
    return f"{kind}: {a} – {b}"


def owner_name(data: CaseData, goal: Goal, lang: str = "nl") -> str:
    """Whose goal it is: the member's name, the free text, or 'het gezin'."""
    names = {e.id: e.name for e in data.entities}
    if goal.owner_id in names:
        return names[goal.owner_id]
    return goal.owner_text or _lang(FAMILY, lang)


def actor_name(data: CaseData, action: Action, lang: str = "nl") -> str:
    """Who carries out an action: the entity's name, the free text, or '—'."""
    names = {e.id: e.name for e in data.entities}
    if action.actor_id in names:
        return names[action.actor_id]
    return action.actor_text or "—"


# ----------------------------------------------------------------- validation


#: What an id names, for the message when it is unknown: (Dutch, English).
_RECORDS = {
    "entity": N_("Persoon of systeem"),
    "relation": N_("Relatie"),
    "factor": N_("Factor"),
    "goal": N_("Doel"),
    "parent": N_("Hoofddoel"),
}


def require_known(ids, known: set[str], what: str) -> None:
    """Raise :class:`InvalidInput` for the first of ``ids`` not in ``known``.

    ``what`` is 'entity', 'relation', 'factor', 'goal' or 'parent' (a goal's parent).

    >>> require_known(["a"], {"a", "b"}, "factor")
    >>> require_known(["x"], {"a"}, "goal")
    Traceback (most recent call last):
    mapping.core.errors.InvalidInput: Doel 'x' bestaat niet in deze casus.
    """
    for record_id in ids:
        if record_id not in known:
            raise InvalidInput(
                "{what} '{id}' bestaat niet in deze casus.",
                what=Message(_RECORDS[what]),
                id=record_id,
            )


def _date(text: str, what: str) -> None:
    """Refuse ``text`` unless a (partial) date; ``what`` is the field's Dutch message id."""
    if not valid_date(text):
        raise InvalidInput(
            "{what} '{text}' is geen datum; schrijf JJJJ-MM-DD (of JJJJ-MM, JJJJ).",
            what=Message(what),
            text=text,
        )


def validate_goal(goal: Goal, data: CaseData) -> None:
    """Refuse a goal without a title, with unknown links, bad dates or a subgoal loop."""
    if is_blank(goal.title):
        raise InvalidInput("Geef het doel een korte titel.")
    require_known([goal.owner_id] if goal.owner_id else [], {e.id for e in data.entities}, "entity")
    require_known(goal.factor_ids, {f.id for f in data.factors}, "factor")
    _date(goal.start, N_("Startdatum"))
    for when in goal.evaluation_dates:
        if not when:
            raise InvalidInput("Een evaluatiedatum is leeg.")
        _date(when, N_("Evaluatiedatum"))
    parents = {g.id: g.parent_id for g in data.goals}
    parents[goal.id] = goal.parent_id
    require_known([goal.parent_id] if goal.parent_id else [], set(parents), "parent")
    seen, parent = {goal.id}, goal.parent_id
    while parent:
        if parent in seen:
            raise InvalidInput("Een doel kan niet zijn eigen subdoel zijn.")
        seen.add(parent)
        parent = parents.get(parent, "")


def validate_action(
    action: Action, data: CaseData, kaart_ids: Collection[str] | None = None
) -> None:
    """Refuse an action without 'what' or 'who', for an unknown goal, or with odd hours.

    A referral (``referral_org`` set) is checked too (:func:`validate_referral`);
    ``kaart_ids`` are the ids of the team's sociale kaart (removed ones included),
    given by the caller that can read the kaart; None leaves the organisation unchecked.
    """
    if is_blank(action.what):
        raise InvalidInput("Beschrijf wat er gebeurt.")
    require_known([action.goal_id], {g.id for g in data.goals}, "goal")
    if action.actor_id:
        require_known([action.actor_id], {e.id for e in data.entities}, "entity")
    elif is_blank(action.actor_text):
        raise InvalidInput(
            "Wie voert deze actie uit? Kies iemand uit het netwerk of schrijf een naam.",
        )
    hours = action.hours
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not math.isfinite(hours):
        raise InvalidInput("Het aantal uren is geen getal.")
    if hours < 0 or hours > 10_000:
        raise InvalidInput(
            "Het aantal uren ligt tussen 0 en 10.000.",
        )
    validate_referral(action, kaart_ids)


def _full_date(text: str, what: str) -> None:
    """Refuse ``text`` unless empty or a whole ISO date (JJJJ-MM-DD) that exists."""
    if text and not (len(text) == 10 and valid_date(text)):
        raise InvalidInput(
            "{what} '{text}' is geen datum; schrijf JJJJ-MM-DD.",
            what=Message(what),
            text=text,
        )


def validate_referral(action: Action, kaart_ids: Collection[str] | None = None) -> None:
    """Refuse a referral that cannot be followed: Dutch messages the form shows.

    An action that is no referral has no status and no dates of one; a
    referral names an organisation of the kaart (when ``kaart_ids`` is given),
    a :class:`~mapping.core.vocabulary.ReferralStatus`, and whole dates, the
    status not changed before the aanmelding.

    >>> validate_referral(Action(id="a", goal_id="g", what="x", referral_status="wachtlijst"))
    Traceback (most recent call last):
    mapping.core.errors.InvalidInput: Een status van een verwijzing hoort bij een organisatie: kies de organisatie van de sociale kaart.
    """
    org = action.referral_org.strip()
    if not org:
        if action.referral_status or action.referred_on or action.status_on:
            raise InvalidInput(
                "Een status van een verwijzing hoort bij een organisatie: "
                "kies de organisatie van de sociale kaart."
            )
        return
    if kaart_ids is not None and org not in kaart_ids:
        raise InvalidInput("De organisatie '{org}' staat niet op de sociale kaart.", org=org)
    if not action.referral_status:
        raise InvalidInput("Kies de status van de verwijzing.")
    try:
        ReferralStatus(action.referral_status)
    except ValueError:
        raise InvalidInput(
            "Onbekende status van een verwijzing: '{status}'.", status=action.referral_status
        ) from None
    _full_date(action.referred_on, N_("Datum van aanmelding"))
    _full_date(action.status_on, N_("Datum van de status"))
    if action.referred_on and action.status_on and action.status_on < action.referred_on:
        raise InvalidInput(
            "De status ({status_on}) kan niet vóór de aanmelding ({referred_on}) veranderd zijn.",
            status_on=action.status_on,
            referred_on=action.referred_on,
        )


def with_referral_dates(action: Action, before: Action | None, on: date | None = None) -> Action:
    """``action`` with the dates a save records: the aanmelding and the status's date.

    A new referral without a date of aanmelding was made ``on`` (today); a
    status that changed (or a new referral) gets ``on`` as its date, unless
    the user wrote another date than the one stored. An action that stops
    being a referral loses its status and dates.

    >>> a = Action(id="a", goal_id="g", what="x", referral_org="k1", referral_status="aangemeld")
    >>> b = with_referral_dates(a, None, on=date(2026, 3, 1))
    >>> b.referred_on, b.status_on
    ('2026-03-01', '2026-03-01')
    >>> c = with_referral_dates(replace(b, referral_status="wachtlijst"), b, on=date(2026, 3, 9))
    >>> c.status_on
    '2026-03-09'
    """
    if not action.referral_org:
        return replace(action, referral_status="", referred_on="", status_on="")
    today = (on or date.today()).isoformat()
    changed = replace(action, referred_on=action.referred_on or today)
    was = before if before is not None and before.referral_org else None
    status_changed = was is None or was.referral_status != action.referral_status
    date_kept = was is not None and action.status_on == was.status_on
    if status_changed and (not action.status_on or date_kept):
        changed = replace(changed, status_on=today)
    elif not changed.status_on:
        changed = replace(changed, status_on=changed.referred_on)
    return changed


@dataclass(frozen=True)
class OpenReferral:
    """A referral still waiting for help to start, with how long it has been waiting."""

    action: Action
    org_id: str
    name: str  # the organisation's name (from the kaart, else the linked system)
    status: ReferralStatus
    days: int | None  # since the aanmelding; None without a date


def is_open_referral(action: Action) -> bool:
    """Whether ``action`` is a referral that still waits (aangemeld, wachtlijst, intake gepland)."""
    return bool(action.referral_org) and action.referral_status in OPEN_REFERRALS


def org_name(
    data: CaseData,
    org_id: str,
    kaart_names: Mapping[str, str] | None = None,
    lang: str = "nl",
) -> str:
    """The name of a kaart organisation: from the kaart, else the case's linked system.

    >>> from mapping.core.model import Case
    >>> none = CaseData(case=Case(id="c", code="C", title=""))
    >>> org_name(none, "k1", {"k1": "Humanitas"}), org_name(none, "k1")
    ('Humanitas', 'organisatie van de sociale kaart')
    """
    if kaart_names and org_id in kaart_names:
        return kaart_names[org_id]
    linked = next((e for e in data.entities if e.kaart_id and e.kaart_id == org_id), None)
    if linked is not None:
        return linked.name
    return translate(N_("organisatie van de sociale kaart"), lang)


def open_referrals(
    data: CaseData,
    kaart_names: Mapping[str, str] | None = None,
    on: date | None = None,
    lang: str = "nl",
) -> list[OpenReferral]:
    """The case's open referrals, longest waiting first (without a date last).

    ``kaart_names`` (kaart id -> name) names the organisations; without it
    the system linked to the organisation in the case gives the name.
    """
    today = on or date.today()
    found = []
    for action in data.actions:
        if not is_open_referral(action):
            continue
        days = None
        if action.referred_on and valid_date(action.referred_on) and len(action.referred_on) == 10:
            days = max(0, (today - date.fromisoformat(action.referred_on)).days)
        found.append(
            OpenReferral(
                action=action,
                org_id=action.referral_org,
                name=org_name(data, action.referral_org, kaart_names, lang),
                status=ReferralStatus(action.referral_status),
                days=days,
            )
        )
    return sorted(found, key=lambda r: (r.days is None, -(r.days or 0), r.name.lower()))


#: How long a referral has been waiting, in words (Dutch ids; English in domain.po).
_WAITING = {
    "today": N_("sinds vandaag"),
    "day": N_("{n} dag"),
    "days": N_("{n} dagen"),
    "week": N_("{n} week"),
    "weeks": N_("{n} weken"),
    "weeks_days": N_("{weeks} en {days}"),
    "unknown": N_("datum van aanmelding onbekend"),
}


def waiting_text(days: int | None, lang: str = "nl") -> str:
    """How long a referral waits, as a casemanager says it.

    Under two weeks in days, then in weeks (and days while under eight weeks).

    >>> [waiting_text(d) for d in (0, 1, 9, 14, 17, 60, None)]
    ['sinds vandaag', '1 dag', '9 dagen', '2 weken', '2 weken en 3 dagen', '8 weken', 'datum van aanmelding onbekend']
    >>> waiting_text(17, "en")
    '2 weeks and 3 days'
    """
    from mapping.core.i18n import render

    def word(key: str, **params) -> str:
        return render(_WAITING[key], params, lang)

    def count(n: int, one: str, many: str) -> str:
        return word(one if n == 1 else many, n=n)

    if days is None:
        return word("unknown")
    if days <= 0:
        return word("today")
    if days < 14:
        return count(days, "day", "days")
    weeks, rest = divmod(days, 7)
    text = count(weeks, "week", "weeks")
    if rest and weeks < 8:
        return word("weeks_days", weeks=text, days=count(rest, "day", "days"))
    return text


def validate_monitoring(entry: Monitoring, data: CaseData) -> None:
    """Refuse a score outside its scale, a missing date or an unknown goal."""
    require_known([entry.goal_id], {g.id for g in data.goals}, "goal")
    if not entry.date:
        raise InvalidInput("Geef de datum van de meting.")
    _date(entry.date, N_("Datum"))
    if entry.scale not in SCALES:
        raise InvalidInput(
            "Onbekende schaal '{scale}'; kies 1-10 of 1-5.",
            scale=entry.scale,
        )
    low, high = SCALES[entry.scale]
    if (
        isinstance(entry.score, bool)
        or not isinstance(entry.score, int)
        or not (low <= entry.score <= high)
    ):
        raise InvalidInput(
            "De score is een heel getal van {low} tot en met {high}.",
            low=low,
            high=high,
        )


def goal_with_parts(
    data: CaseData,
    goal: Goal,
    subgoal_titles: list[str] | tuple[str, ...] = (),
    actions: list[Action] | tuple[Action, ...] = (),
) -> list[Goal | Action]:
    """A new goal with its subgoals and first actions, checked together, in saving order.

    Each non-empty title becomes a subgoal of ``goal`` with the same owner,
    term and life domain; ``actions`` belong to ``goal`` itself. Everything
    is validated against the case as it will be, so the list can be saved
    in one go (:meth:`Store.save_many`: one revision, all or nothing).

    >>> from mapping.services.demo import demo_case
    >>> parts = goal_with_parts(demo_case(), Goal(id="g", title="Rust"), ["Slapen", " ", "Eten"])
    >>> [(p.title, p.parent_id, p.order) for p in parts]
    [('Rust', '', 0), ('Slapen', 'g', 1), ('Eten', 'g', 2)]
    """
    titles = [" ".join(t.split()) for t in subgoal_titles if not is_blank(t)]
    subs = [
        Goal(
            id=new_id(),
            title=title,
            owner_id=goal.owner_id,
            owner_text=goal.owner_text,
            term=goal.term,
            domain=goal.domain,
            parent_id=goal.id,
            order=n,
        )
        for n, title in enumerate(titles, start=1)
    ]
    validate_goal(goal, data)
    planned = replace(data, goals=[g for g in data.goals if g.id != goal.id] + [goal, *subs])
    for sub in subs:
        validate_goal(sub, planned)
    for action in actions:
        if action.goal_id != goal.id:
            raise InvalidInput(
                "Een eerste actie hoort bij het nieuwe doel.",
            )
        validate_action(action, planned)
    return [goal, *subs, *actions]


# ----------------------------------------------------------------- status
def set_status(goal: Goal, status: GoalStatus | str, on: date | str | None = None) -> Goal:
    """A copy of ``goal`` with ``status``; the date ``on`` (today) is recorded.

    Starting work (in progress) sets the start date when there is none;
    reached, adjusted and stopped are evaluation moments, so ``on`` joins the
    evaluation dates (sorted, once). Setting the same status changes nothing.

    >>> g = set_status(Goal(id="g", title="T"), "reached", on="2026-05-01")
    >>> g.status.value, g.evaluation_dates
    ('reached', ('2026-05-01',))
    """
    status = GoalStatus(status)
    if status is goal.status:
        return goal
    when = on.isoformat() if isinstance(on, date) else (on or date.today().isoformat())
    _date(when, N_("Datum"))
    changed = replace(goal, status=status)
    if status is GoalStatus.IN_PROGRESS and not goal.start:
        changed = replace(changed, start=when)
    if status in EVALUATED:
        changed = replace(changed, evaluation_dates=tuple(sorted({*goal.evaluation_dates, when})))
    return changed


# ----------------------------------------------------------------- the goal tree
def _sort_key(goal: Goal) -> tuple:
    return (goal.order, goal.title.lower(), goal.id)


def subgoals(data: CaseData, goal_id: str) -> list[Goal]:
    """The direct subgoals of a goal, in the user's order."""
    return sorted((g for g in data.goals if g.parent_id == goal_id), key=_sort_key)


def goal_tree(data: CaseData) -> list[tuple[Goal, int]]:
    """Every goal once, depth first, with its depth (0 = main goal).

    A goal whose parent is missing (or that sits in a loop) is shown as a
    main goal, so nothing in the plan is ever hidden.
    """
    ids = {g.id for g in data.goals}
    result: list[tuple[Goal, int]] = []
    placed: set[str] = set()

    def walk(goal: Goal, depth: int) -> None:
        if goal.id in placed:
            return
        placed.add(goal.id)
        result.append((goal, depth))
        for child in subgoals(data, goal.id):
            walk(child, depth + 1)

    roots = [g for g in data.goals if not g.parent_id or g.parent_id not in ids]
    for goal in sorted(roots, key=_sort_key):
        walk(goal, 0)
    for goal in sorted(data.goals, key=_sort_key):  # loops: nothing reached them
        walk(goal, 0)
    return result


def subtree_ids(data: CaseData, goal_id: str) -> list[str]:
    """The goal and all its subgoals (any depth), the goal first."""
    result, todo = [], [goal_id]
    while todo:
        current = todo.pop(0)
        if current in result:
            continue
        result.append(current)
        todo += [g.id for g in subgoals(data, current)]
    return result


def actions_of(data: CaseData, goal_id: str, *, deep: bool = False) -> list[Action]:
    """The actions of a goal (with ``deep``: also of its subgoals)."""
    goals = set(subtree_ids(data, goal_id)) if deep else {goal_id}
    return [a for a in data.actions if a.goal_id in goals]


def actors_of(data: CaseData, goal_id: str) -> set[str]:
    """Entity ids of everyone who acts in a goal: the actors of its and its
    subgoals' actions, plus the owners of the goal and its subgoals.

    Free-text actors ("casemanager") are not entities and are left out.
    """
    entities = {e.id for e in data.entities}
    goals = {g.id: g for g in data.goals}
    ids = {a.actor_id for a in actions_of(data, goal_id, deep=True)}
    ids |= {goals[g].owner_id for g in subtree_ids(data, goal_id) if g in goals}
    return ids & entities


def owner_candidates(
    data: CaseData, keep: tuple[str, ...] = (), people_only: bool = True
) -> tuple[list, list]:
    """Who may own a goal or carry out an action: ``(offered, left_out)``.

    Deceased people are left out (a goal or an action needs someone living),
    except the ids in ``keep`` (the owner a stored goal already has, so an
    edit does not silently drop it). ``people_only`` leaves systems out as well
    (goal owners are people; actions may be carried out by a system too).
    Offered people come first (client, household, then by name).

    >>> from mapping.services.demo import demo_case
    >>> data = demo_case()
    >>> offered, left_out = owner_candidates(data)
    >>> all(not e.is_deceased for e in offered), [e.is_deceased for e in left_out] == [True] * len(left_out)
    (True, True)
    """
    pool = [e for e in data.entities if e.is_person or not people_only]
    pool.sort(key=lambda e: (not e.is_person, not e.index_person, not e.household, e.name.lower()))
    offered = [e for e in pool if not e.is_deceased or e.id in keep]
    left_out = [e for e in pool if e.is_deceased and e.id not in keep]
    return offered, left_out


def not_on_map(drawing: Drawing, actors: set[str] | frozenset[str]) -> set[str]:
    """The actors a lens drawing does not show (they cannot be highlighted on it).

    The genogram shows no systems, an ecogram may leave out far family, a
    netwerkkaart only ego's ties: the plan says so instead of silently not
    highlighting them.
    """
    shown = {s.entity_id or s.id for s in drawing.symbols}
    return set(actors) - shown


ACTOR_COLOUR = "#1565c0"


def mark_actors(drawing: Drawing, actors: set[str] | frozenset[str]) -> Drawing:
    """A copy of a lens drawing with the goal's actors outlined in blue (class ``plan-actor``).

    Render it with ``RenderOptions(highlight=frozenset(actors))``: the
    renderer fades everyone else except direct neighbours; the outline tells
    the actors apart from those neighbours.
    """
    symbols = [
        replace(
            s,
            stroke=ACTOR_COLOUR,
            css=(s.css + " plan-actor").strip(),
        )
        if (s.entity_id or s.id) in actors
        else s
        for s in drawing.symbols
    ]
    return replace(drawing, symbols=symbols)


def hours_text(hours: float, lang: str = "nl") -> str:
    """Hours as the reader writes them: '2' or '1,5' in Dutch, '1.5' in English.

    >>> hours_text(1.5, "nl"), hours_text(2.0, "nl"), hours_text(0.25, "en")
    ('1,5', '2', '0.25')
    """
    value = float(hours)
    if value == int(value):
        return str(int(value))
    digits = 1 if round(value, 1) == round(value, 2) else 2
    return decimal(value, digits, lang)


def parse_hours(text: str) -> float:
    """Hours as a casemanager types them: '1,5' or '1.5', '2', or nothing (0).

    Raises :class:`~mapping.core.errors.InvalidInput` with a Dutch message for
    anything else; the range is checked by :func:`validate_action`.

    >>> parse_hours("1,5"), parse_hours(" 2 "), parse_hours(""), parse_hours("0.25")
    (1.5, 2.0, 0.0, 0.25)
    """
    cleaned = str(text).strip().replace(" ", "")
    if not cleaned:
        return 0.0
    if "," in cleaned and "." in cleaned:  # '1.234,5' or '1,234.5': the last one is the decimal
        thousands = "." if cleaned.rfind(",") > cleaned.rfind(".") else ","
        cleaned = cleaned.replace(thousands, "")
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise InvalidInput(
            "'{text}' is geen aantal uren; schrijf bijvoorbeeld 1,5.",
            text=text,
        )
    return value


def expected_hours(data: CaseData, goal_id: str | None = None) -> float:
    """The hours the plan expects: all of them, or one goal's including its subgoals."""
    actions = data.actions if goal_id is None else actions_of(data, goal_id, deep=True)
    return float(sum(a.hours for a in actions))


def monitoring_history(data: CaseData, goal_id: str) -> list[Monitoring]:
    """A goal's monitoring entries, oldest first."""
    return sorted(
        (m for m in data.monitoring if m.goal_id == goal_id), key=lambda m: (m.date, m.id)
    )


# ----------------------------------------------------------------- plan and network
def entity_links(data: CaseData, entity_id: str) -> dict[str, list]:
    """What hangs on one entity, for its detail panel.

    ``{"factors": [...], "goals": [...], "actions": [...]}``: the factors
    linked to it (directly or through one of its relations), the goals it
    owns, and the actions it carries out.
    """
    own_relations = {r.id for r in data.relations_of(entity_id)}
    factors = [
        f
        for f in data.factors
        if entity_id in f.entity_ids or own_relations.intersection(f.relation_ids)
    ]
    return {
        "factors": sorted(factors, key=lambda f: (f.side.value, f.order)),
        "goals": [g for g, _ in goal_tree(data) if g.owner_id == entity_id],
        "actions": [a for a in data.actions if a.actor_id == entity_id],
    }


def actions_blocking_delete(data: CaseData, entity_id: str) -> list[Action]:
    """The actions an entity carries out: removing it must say what happens to them."""
    return [a for a in data.actions if a.actor_id == entity_id]


# ----------------------------------------------------------------- the report table
_COLUMNS = {
    "goal": ("Doel", "Goal"),
    "owner": ("Van wie", "Whose goal"),
    "term": ("Termijn", "Term"),
    "domain": ("Leefgebied", "Life domain"),
    "result": ("Beoogd resultaat", "Result aimed for"),
    "status": ("Status", "Status"),
    "factors": ("Factoren", "Factors"),
    "actions": ("Acties", "Actions"),
    "hours": ("Uren", "Hours"),
    "evaluation": ("Evaluatie", "Evaluation"),
    "score": ("Laatste score", "Latest score"),
}


def column(key: str, lang: str = "nl") -> str:
    """The heading of one column of :func:`plan_rows`."""
    return _lang(_COLUMNS[key], lang)


def action_text(data: CaseData, action: Action, lang: str = "nl") -> str:
    """One action in a line: 'Els Visser: Samen de post openen (thuis; elke maandag; 1 u) ✓'."""
    details = [d for d in (action.where, action.when, action.how) if d]
    if action.hours:
        details.append(f"{hours_text(action.hours, lang)} {'h' if lang == 'en' else 'u'}")
    text = f"{actor_name(data, action, lang)}: {action.what}"
    if details:
        text += f" ({'; '.join(details)})"
    if action.referral_org and action.referral_status:
        text += " → " + translate(N_("verwijzing naar {name} ({status})"), lang).format(
            name=org_name(data, action.referral_org, lang=lang),
            status=label(ReferralStatus(action.referral_status), lang),
        )
    return text + (" ✓" if action.done else "")


def plan_rows(data: CaseData, lang: str = "nl") -> list[dict[str, object]]:
    """The plan as a table, one row per goal in tree order, headings in ``lang``.

    Subgoals are indented with '↳'. Used by the plan page, the meeting mode
    and the dossier report.
    """
    factors = {f.id: f for f in data.factors}
    rows: list[dict[str, object]] = []
    for goal, depth in goal_tree(data):
        history = monitoring_history(data, goal.id)
        latest = f"{history[-1].score} ({history[-1].scale}, {history[-1].date})" if history else ""
        rows.append(
            {
                column("goal", lang): ("  " * (depth - 1) + "↳ " if depth else "") + goal.title,
                column("owner", lang): owner_name(data, goal, lang),
                column("term", lang): label(goal.term, lang),
                column("domain", lang): label(goal.domain, lang),
                column("result", lang): goal.result,
                column("status", lang): label(goal.status, lang),
                column("factors", lang): "; ".join(
                    factors[f].description for f in goal.factor_ids if f in factors
                ),
                column("actions", lang): "; ".join(
                    action_text(data, a, lang) for a in actions_of(data, goal.id)
                ),
                column("hours", lang): hours_text(
                    sum(a.hours for a in actions_of(data, goal.id)), lang
                ),
                column("evaluation", lang): ", ".join(goal.evaluation_dates),
                column("score", lang): latest,
            }
        )
    return rows


__all__ = [
    "CASEMANAGER",
    "FAMILY",
    "OpenReferral",
    "SCALES",
    "action_text",
    "actions_blocking_delete",
    "actions_of",
    "actor_name",
    "actors_of",
    "column",
    "entity_label",
    "entity_links",
    "expected_hours",
    "goal_tree",
    "goal_with_parts",
    "hours_text",
    "not_on_map",
    "is_open_referral",
    "open_referrals",
    "org_name",
    "parse_hours",
    "owner_candidates",
    "mark_actors",
    "monitoring_history",
    "owner_name",
    "plan_rows",
    "relation_label",
    "require_known",
    "set_status",
    "subgoals",
    "subtree_ids",
    "validate_action",
    "validate_goal",
    "validate_monitoring",
    "validate_referral",
    "valid_date",
    "waiting_text",
    "with_referral_dates",
]
