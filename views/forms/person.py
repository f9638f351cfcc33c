"""The person form: a person's facts as fields, read back into an :class:`Entity`.

Dates are typed the Dutch way or as ISO (:func:`read_date`); a period's end
may not come before its start (:func:`read_period`). The form's widgets are
keyed by a prefix, so one page can show an add form and an edit form:

    values = person_fields("geno_add")          # empty, for a new person
    person = entity_from(values)                # raises InvalidInput on a bad name or date
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import streamlit as st

from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_, Localized, Message, translate
from mapping.core.model import Entity, new_id
from mapping.core.vocabulary import BirthStatus, Condition, Sex, label
from views import state
from views.forms.fields import vocab_select
from views.i18n import _

#: field -> (Dutch label, English label) as named in a date error
DATE_FIELDS = {
    "birth": N_("Geboortedatum"),
    "death": N_("Overlijdensdatum"),
    "start": N_("Begin van de relatie"),
    "end": N_("Einde van de relatie"),
}

#: the person form's fields (widget key suffix) at their blank values, for state.forget_form
PERSON_BLANKS = {
    **dict.fromkeys(("name", "role", "birth", "death", "job", "annotation"), ""),
    **dict.fromkeys(("dec", "hh", "index"), False),
    "conditions": [],
    # choices start at their default again: the next person is not a man because Ahmed was
    "sex": Sex.UNKNOWN.value,
    "birth_status": BirthStatus.BORN.value,
}

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DUTCH = re.compile(r"^(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})$")


def read_date(value: str, field: str) -> str:
    """What a Dutch user typed as a date, as a partial ISO date ('' stays '').

    Accepts 1980, 1980-05, 1980-05-03, 3-5-1980, 03-05-1980 (also with / or
    .) and 5-1980; refuses what is no date in the calendar (31-02-1980) with
    a message naming the field (a key of :data:`DATE_FIELDS`) by its label.

    >>> read_date("3-5-1980", "birth"), read_date("1980-5", "birth"), read_date(" 1980 ", "birth")
    ('1980-05-03', '1980-05', '1980')
    """
    text = (value or "").strip()
    if not text:
        return ""
    day = month = None
    if match := _ISO.match(text):
        year, month, day = match.groups()
    elif match := _DUTCH.match(text):
        day, month, year = match.groups()
    else:
        year = None
    try:
        if year is None or int(year) < 1000:
            raise ValueError(text)
        if month is None:
            return year
        if day is None:
            if not 1 <= int(month) <= 12:
                raise ValueError(text)
            return f"{year}-{int(month):02d}"
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        raise InvalidInput(
            "{field}: '{text}' is geen geldige datum; schrijf jjjj of jjjj-mm-dd.",
            field=Message(DATE_FIELDS[field]),
            text=text,
        ) from None


def read_period(first: str, last: str, fields: tuple[str, str]) -> tuple[str, str]:
    """Two dates of which the second may not come before the first."""
    begin, end = read_date(first, fields[0]), read_date(last, fields[1])
    n = min(len(begin), len(end))
    if begin and end and end[:n] < begin[:n]:
        earlier = DATE_FIELDS[fields[0]]
        raise InvalidInput(
            "{later} ({end}) ligt vóór {earlier} ({begin}).",
            later=Message(DATE_FIELDS[fields[1]]),
            end=end,
            earlier=Localized(lambda lang: translate(earlier, lang).lower()),
            begin=begin,
        )
    return begin, end


def person_fields(prefix: str, person: Entity | None = None) -> dict:
    """The person form's widgets (keys ``{prefix}_name`` ...); returns the entered values."""
    lang = state.current_lang()
    p = person or Entity(id="", name="")
    left, right = st.columns(2)
    values = {
        "name": left.text_input(_("Naam"), value=p.name, key=f"{prefix}_name"),
        "role": right.text_input(
            _("Rol in het gezin (bijv. moeder, opa)"), value=p.role, key=f"{prefix}_role"
        ),
        "sex": vocab_select(_("Geslacht"), Sex, key=f"{prefix}_sex", value=p.sex, container=left),
        "birth_status": vocab_select(
            _("Geboortestatus"),
            BirthStatus,
            key=f"{prefix}_birth_status",
            value=p.birth_status,
            container=right,
        ),
        "birth": left.text_input(
            _("Geboortedatum"),
            value=p.birth,
            placeholder=_("1980, 1980-05-03 of 3-5-1980"),
            key=f"{prefix}_birth",
        ),
        "death": right.text_input(
            _("Overlijdensdatum"),
            value=p.death,
            placeholder=_("jaar of datum"),
            key=f"{prefix}_death",
        ),
        "occupation": left.text_input(_("Beroep"), value=p.occupation, key=f"{prefix}_job"),
        "conditions": right.multiselect(
            _("Aandoeningen"),
            [c.value for c in Condition],
            default=[c.value for c in p.conditions],
            format_func=lambda v: label(Condition(v), lang),
            placeholder=_("Kies een of meer"),
            key=f"{prefix}_conditions",
        ),
        "annotation": st.text_input(
            _("Notitie bij het symbool"), value=p.annotation, key=f"{prefix}_annotation"
        ),
    }
    flags = st.columns(3)
    values["deceased"] = flags[0].checkbox(_("Overleden"), value=p.deceased, key=f"{prefix}_dec")
    values["household"] = flags[1].checkbox(
        _("Woont in het huishouden"), value=p.household, key=f"{prefix}_hh"
    )
    values["index_person"] = flags[2].checkbox(
        _("Cliënt (indexpersoon)"), value=p.index_person, key=f"{prefix}_index"
    )
    return values


def person_values(prefix: str) -> dict:
    """What :func:`person_fields` with ``prefix`` holds, read from the session.

    For a submit button's callback, which runs before the page and so before
    the widgets return their values (a save there shows on the very next run).
    """
    ss = st.session_state
    return {
        "name": ss.get(f"{prefix}_name", ""),
        "role": ss.get(f"{prefix}_role", ""),
        "sex": Sex(ss[f"{prefix}_sex"]),
        "birth_status": BirthStatus(ss[f"{prefix}_birth_status"]),
        "birth": ss.get(f"{prefix}_birth", ""),
        "death": ss.get(f"{prefix}_death", ""),
        "occupation": ss.get(f"{prefix}_job", ""),
        "conditions": list(ss.get(f"{prefix}_conditions", [])),
        "annotation": ss.get(f"{prefix}_annotation", ""),
        "deceased": bool(ss.get(f"{prefix}_dec", False)),
        "household": bool(ss.get(f"{prefix}_hh", False)),
        "index_person": bool(ss.get(f"{prefix}_index", False)),
    }


def entity_from(values: dict, base: Entity | None = None) -> Entity:
    """The person :func:`person_fields` describes: new, or ``base`` changed.

    Refuses an empty name and a bad or backwards date (:class:`InvalidInput`);
    a death date makes the person deceased, and a date typed anew loses the
    old one's qualifier ('vóór', 'circa').
    """
    name = values["name"].strip()
    if not name:
        raise InvalidInput("Vul een naam in.")
    birth, death = read_period(values["birth"], values["death"], ("birth", "death"))
    fields = {
        **values,
        "name": name,
        "birth": birth,
        "death": death,
        "deceased": values["deceased"] or bool(death),
        "conditions": tuple(Condition(c) for c in values["conditions"]),
    }
    if base is None:
        return Entity(id=new_id(), **fields)
    # a date typed anew says nothing of how inexact the old one was
    for name in ("birth", "death"):
        if fields[name] != getattr(base, name):
            fields[f"{name}_qualifier"] = ""
    return replace(base, **fields)
