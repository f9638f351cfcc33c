"""Read a GEDCOM family tree (5.5, 5.5.1, 5.5.5 and 7.0) into a new case.

The file is parsed by `gedcom-lite <https://pypi.org/project/gedcom-lite/>`_,
which sniffs the encoding (UTF-8 with or without BOM, UTF-16 LE/BE with or
without BOM, ANSEL, ASCII) and tolerates the line-ending and vendor quirks
of real exports. Windows/latin-1 (``1 CHAR ANSI``), DOS (``IBMPC``) and
classic Mac OS (``MACINTOSH``) files are decoded here first, because the
parser would read them as ANSEL. What this module adds is
the mapping into the case network:

* every ``INDI`` becomes a person: name (slashes removed), sex, birth and
  death as partial ISO dates (a date that is not exact also in words in the
  note), deceased when a ``DEAT`` or burial is present or the child was
  born dead, the first occupation;
* every ``FAM`` becomes a partnership between its two partners (married,
  divorced or annulled, separated or engaged after its events, with the
  marriage and divorce dates; inexact dates, and every date of a couple
  that married more than once, in the note) and a parent-child tie from
  each partner to each child, adopted or foster when the file says so (``PEDI``, ``ADOP``, FTM's
  ``_FREL``/``_MREL``, Family Historian's ``_PEDI``); a step-parent or
  guardian is drawn as foster with a note, never as a birth parent. A
  parent who is both a child's birth parent and their adoptive or foster
  parent (in two families) keeps both lines. Families with one parent or
  none still import.

Ids come from the file's xrefs (``@I12@`` -> ``ged-I12``), so importing the
same file twice gives the same ids; a person without an xref (GEDCOM 7 allows
it) is kept too. A link to a record the file does not hold (a ``FAMC`` to a
family left out of the export) is skipped and reported in ``notices``, so one
dangling link never costs the whole tree. So is a link that cannot be right
(someone as their own parent or ancestor, the same person as both partners):
the rest of the family is kept and ``notices`` says what was left out. A file
that is not GEDCOM, is cut off or larger than 50 MB raises
:class:`~mapping.core.errors.InvalidInput` with a Dutch and an English message;
nothing is ever written here (the caller stores the result with
``Store.import_case``).

>>> text = '''0 HEAD
... 1 GEDC
... 2 VERS 5.5.1
... 1 CHAR UTF-8
... 0 @I1@ INDI
... 1 NAME Jan /Jansen/
... 1 SEX M
... 1 BIRT
... 2 DATE ABT 1850
... 0 @I2@ INDI
... 1 NAME Anna /Smit/
... 1 SEX F
... 0 @I3@ INDI
... 1 NAME Piet /Jansen/
... 1 SEX M
... 0 @F1@ FAM
... 1 HUSB @I1@
... 1 WIFE @I2@
... 1 CHIL @I3@
... 1 MARR
... 2 DATE 1 JAN 1875
... 0 TRLR
... '''
>>> data = read_gedcom(text, code="JANSEN")
>>> [(e.id, e.name, e.birth) for e in data.entities]
[('ged-I1', 'Jan Jansen', '1850'), ('ged-I2', 'Anna Smit', ''), ('ged-I3', 'Piet Jansen', '')]
>>> summary(data)["couples"], summary(data)["parent_child"]
(1, 2)
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

import gedcom_lite
from gedcom_lite import GedcomDocument, Structure

from mapping.core.errors import InvalidInput
from mapping.core.i18n import N_
from mapping.core.model import Case, CaseData, Entity, Relation, date_words, new_id
from mapping.core.vocabulary import ChildLink, EntityKind, PartnershipStatus, RelationKind, Sex
from mapping.formats.notices import ImportNotice, Message, and_more

MAX_BYTES = 50 * 1024 * 1024
#: More people than this: offer :func:`select_around` before importing.
LARGE = 150
#: More circles of generations than this (or than one per twenty people) and the
#: file is refused.
_MAX_CYCLES = 50

_VOID = "@VOID@"
#: first letter of SEX -> sex; V (vrouw) and W (woman, weiblich) as some programs and
#: hand-made files write them
_SEX = {"M": Sex.MALE, "F": Sex.FEMALE, "V": Sex.FEMALE, "W": Sex.FEMALE, "X": Sex.OTHER}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    )
}
#: month names as people and programs write them (English, Dutch) -> GEDCOM's three letters
_MONTH_WORDS = {
    **{m: m for m in _MONTHS},
    **dict.fromkeys(("JANUARY", "JANUARI"), "JAN"),
    **dict.fromkeys(("FEBRUARY", "FEBRUARI"), "FEB"),
    **dict.fromkeys(("MARCH", "MAART", "MRT"), "MAR"),
    "APRIL": "APR",
    "MEI": "MAY",
    **dict.fromkeys(("JUNE", "JUNI"), "JUN"),
    **dict.fromkeys(("JULY", "JULI"), "JUL"),
    **dict.fromkeys(("AUGUST", "AUGUSTUS"), "AUG"),
    **dict.fromkeys(("SEPTEMBER", "SEPT"), "SEP"),
    **dict.fromkeys(("OCTOBER", "OKTOBER", "OKT"), "OCT"),
    "NOVEMBER": "NOV",
    "DECEMBER": "DEC",
}
#: qualifiers in words -> GEDCOM's keywords
_QUALIFIER_WORDS = {
    **dict.fromkeys(
        (
            *("ABOUT", "CIRCA", "CA", "C", "APPROX", "ONGEVEER"),
            *("OMSTREEKS", "OMSTR", "OM", "ROND", "RONDOM"),  # Dutch "om. 1850"
        ),
        "ABT",
    ),
    **dict.fromkeys(("BEFORE", "VOOR"), "BEF"),
    **dict.fromkeys(("AFTER", "NA"), "AFT"),
    **dict.fromkeys(("BETWEEN", "TUSSEN"), "BET"),
    "ESTIMATED": "EST",
    "CALCULATED": "CAL",
    "EN": "AND",
}
_DATE = re.compile(r"^(?:(\d{1,2})\s+)?(?:([A-Z]{3})\s+)?(\d{3,4})(?:/\d{1,4})?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_MONTH_FIRST = re.compile(r"^([A-Z]{3}) (\d{1,2}) (\d{3,4})$")  # "February 29, 1708"
# An exact date: only a month may stand before the year ("ABT 1850" is no exact date).
_EXACT = re.compile(r"^(\d{1,2} )?((?:" + "|".join(_MONTHS) + r") )?\d{4}$")
_QUALIFIER = re.compile(r"^(ABT|CAL|EST|BEF|AFT|INT|BET|FROM|TO)\.?\s+")
#: 8-bit character sets a CHAR line may name (besides ANSEL) -> Python's codec
_LEGACY = {
    **dict.fromkeys(
        ("ANSI", "IBM WINDOWS", "CP1252", "WINDOWS-1252", "LATIN1", "ISO-8859-1", "ISO8859-1"),
        "cp1252",
    ),
    # IBMPC is the DOS code page (TMG, PAF and Brother's Keeper for DOS): 0x82 is é
    # there, not the low quote of Windows-1252. cp850 has the letters of cp437 at the
    # same places and adds the Western European ones cp437 lacks.
    **dict.fromkeys(("IBMPC", "IBM PC", "IBM DOS", "MSDOS", "MS-DOS", "CP850"), "cp850"),
    "CP437": "cp437",
    **dict.fromkeys(("MACINTOSH", "MACROMAN", "MAC"), "mac_roman"),
    **dict.fromkeys(("ISO-8859-15", "LATIN9", "LATIN-9"), "iso8859_15"),
}
# The CHAR line of the header. Lines may end in CR alone (classic Mac OS exports),
# which re.MULTILINE's ^ and $ do not see as line ends.
_CHAR_LINE = re.compile(rb"(?:^|(?<=[\r\n]))1[ \t]+CHAR[ \t]+([^\r\n]*?)[ \t]*(?=[\r\n]|$)")
_CHAR_TEXT = re.compile(r"(?:^|(?<=[\r\n]))1[ \t]+CHAR[ \t]+[^\r\n]*")


# ---------------------------------------------------------------- public API
def read_gedcom(
    source: bytes | str | Path,
    *,
    code: str = "",
    title: str = "",
    notices: list | None = None,
) -> CaseData:
    """Parse a GEDCOM file (its bytes, its text or its path) into a new CaseData.

    ``code`` and ``title`` name the new case; without them they come from the
    file name (when a path is given), ``title``, or the file name in the
    header. Raises InvalidInput for anything that is not a sound GEDCOM file.
    What was left out (links to records the file does not hold) is appended
    to ``notices`` as :class:`~mapping.formats.notices.ImportNotice`.
    """
    raw, name = _read_source(source)
    doc = _parse(raw)
    people: dict[str, Structure] = {}
    doubles: list[tuple[str, Structure]] = []
    for n, record in enumerate(doc.records, start=1):
        if record.tag != "INDI":
            continue
        key = record.xref or f"record-{n}"
        if key in people:  # two records under one xref: keep both, links go to the first
            doubles.append((key, record))
            key = f"{key}#{n}"
        people[key] = record
    families = [r for r in doc.records if r.tag == "FAM"]
    unreadable = _unreadable_lines(doc)
    if not people:
        raise _no_people(unreadable)
    if unreadable and notices is not None:
        notices.append(_unreadable_notice(unreadable))
    if doubles and notices is not None:
        notices.append(_doubles_notice(doubles, people))
    dangling = _dangling_links(people, families)
    if dangling and notices is not None:
        notices.append(_dangling_notice(dangling))

    ids = _entity_ids(people)
    unclear: list[tuple[str, str, str]] = []
    entities = [_person(record, ids[xref], unclear) for xref, record in people.items()]
    if unclear and notices is not None:
        notices.append(_unclear_dates_notice(unclear))
    relations: list[Relation] = []
    skipped: list[Message] = []
    origins: dict[str, tuple[frozenset[str], bool]] = {}  # see _one_line_per_kind
    one_sided = _one_sided_links(people, families)
    seen_families: set[str] = set()
    without_parents: list[tuple[str, list[Structure]]] = []
    for n, family in enumerate(families, start=1):
        extra = one_sided.get(family.xref or "", {})
        # a second FAM under the same xref gets lines of its own, never the first one's ids
        suffix = f"-{n}" if family.xref in seen_families else ""
        seen_families.add(family.xref or "")
        lines = _family_relations(family, people, ids, skipped, extra, suffix, origins)
        relations.extend(lines)
        children = [c for c in _pointers(family, "CHIL") if c in people]
        if not lines and len(set(children)) > 1:  # siblings with no parent on record
            without_parents.append((family.xref or "FAM", [people[c] for c in children]))
    relations = _without_cycles(_one_line_per_kind(relations, origins), entities, skipped)
    if skipped and notices is not None:
        notices.append(_skipped_notice(skipped))
    if without_parents and notices is not None:
        notices.append(_siblings_notice(without_parents))

    stem = name or title or _header_file(doc) or "GEDCOM"
    case = Case(
        id=new_id(),
        code=code or _code(stem),
        title=title or "Stamboom " + " ".join(stem.replace("_", " ").split()),
        scope_note=_scope_note(doc),
        created=date.today().isoformat(),
    )
    return CaseData(case=case, entities=entities, relations=relations)


def select_around(data: CaseData, person_id: str, generations: int = 3) -> CaseData:
    """Keep ``person_id``, their ancestors and descendants up to ``generations``.

    Also kept: the person's siblings, and the partners of everyone kept, so
    every child keeps both parents on the drawing. Relations are kept when
    both ends are. The case record is the same; positions, factors and plan
    items of dropped people go with them.

    >>> from mapping.services.demo import demo_case
    >>> data = demo_case()
    >>> anyone = next(e.id for e in data.entities if e.is_person)
    >>> len(select_around(data, anyone, 0).entities) <= len(data.entities)
    True
    """
    people = {e.id for e in data.entities if e.is_person}
    if person_id not in people:
        raise InvalidInput(
            "Persoon '{person_id}' komt niet voor in de stamboom.",
            person_id=person_id,
        )
    parents: dict[str, set[str]] = {}
    children: dict[str, set[str]] = {}
    partners: dict[str, set[str]] = {}
    for r in data.relations:
        if r.source not in people or r.target not in people:
            continue
        if r.kind is RelationKind.PARENT_CHILD:
            parents.setdefault(r.target, set()).add(r.source)
            children.setdefault(r.source, set()).add(r.target)
        elif r.kind is RelationKind.PARTNERSHIP:
            partners.setdefault(r.source, set()).add(r.target)
            partners.setdefault(r.target, set()).add(r.source)

    depth = max(0, int(generations))
    keep = {person_id}
    keep |= _reach(person_id, parents, depth)
    keep |= _reach(person_id, children, depth)
    for parent in parents.get(person_id, ()):
        keep |= children.get(parent, set())
    keep |= {p for kept in list(keep) for p in partners.get(kept, ())}

    entities = [e for e in data.entities if e.id in keep]
    relations = [r for r in data.relations if r.source in keep and r.target in keep]
    kept_relations = {r.id for r in relations}
    return replace(
        data,
        entities=entities,
        relations=relations,
        positions=[p for p in data.positions if p.entity_id in keep],
        factors=[
            replace(
                f,
                entity_ids=tuple(i for i in f.entity_ids if i in keep),
                relation_ids=tuple(i for i in f.relation_ids if i in kept_relations),
            )
            for f in data.factors
        ],
        goals=[replace(g, owner_id=g.owner_id if g.owner_id in keep else "") for g in data.goals],
        actions=[
            replace(a, actor_id=a.actor_id if a.actor_id in keep else "") for a in data.actions
        ],
    )


def find_people(data: CaseData, query: str) -> list[Entity]:
    """The people ``query`` names, as a casemanager names them: best matches only.

    ``query`` is a GEDCOM code (``@I12@`` or ``I12``), a case id, or words of
    a name: case and accents do not matter, every word given must occur in
    the name (or in another name the file gives, such as a maiden name), in
    any order. Whole words win over the start of a word ("Ann" finds Ann
    before Anna and Annemarie). Several people may match: the caller lists
    them (:func:`person_line`) and asks for one.

    >>> from mapping.core.model import Case
    >>> data = CaseData(Case("c", "C", "T"), [
    ...     Entity("ged-I1", "Lewis Anderson Garner", birth="1850"),
    ...     Entity("ged-I2", "Lewis Garner"), Entity("ged-I3", "Zoë Gärner")])
    >>> [e.id for e in find_people(data, "lewis anderson garner")]
    ['ged-I1']
    >>> [e.id for e in find_people(data, "Garner Lewis")], [e.id for e in find_people(data, "@I3@")]
    (['ged-I1', 'ged-I2'], ['ged-I3'])
    >>> [e.id for e in find_people(data, "zoe garn")], find_people(data, "Niemand")
    (['ged-I3'], [])
    """
    people = [e for e in data.entities if e.is_person]
    ref = query.strip()
    if not ref:
        return []
    code = "ged-" + ref.strip("@")
    by_code = [e for e in people if e.id in (ref, code)]
    if by_code:
        return by_code
    wanted = _name_words(ref)
    if not wanted:
        return []
    names = {e.id: [_name_words(n) for n in _known_names(e)] for e in people}
    exact = [e for e in people if any(words == wanted for words in names[e.id])]
    if exact:
        return exact
    whole = [e for e in people if any(set(wanted) <= set(words) for words in names[e.id])]
    if whole:
        return whole
    return [
        e
        for e in people
        if any(all(any(w.startswith(q) for w in words) for q in wanted) for words in names[e.id])
    ]


def person_line(person: Entity, lang: str = "nl") -> str:
    """How a pick list names a person: 'Lewis Anderson Garner (1850, @I12@)'.

    >>> person_line(Entity("ged-I12", "Lewis Anderson Garner", birth="1850", birth_qualifier="about"))
    'Lewis Anderson Garner (ca. 1850, @I12@)'
    """
    born = date_words(person.birth, person.birth_qualifier, lang) or "?"
    code = f"@{person.id[4:]}@" if person.id.startswith("ged-") else person.id
    return f"{person.name} ({born}, {code})"


def around_person(data: CaseData, person_id: str, generations: int = 3) -> CaseData:
    """:func:`select_around` with ``person_id`` as the client (index person) of the new case,
    so every lens, the netwerkkaart too, has the person the help is for."""
    part = select_around(data, person_id, generations)
    return replace(
        part,
        entities=[
            replace(e, index_person=e.id == person_id) if e.is_person else e for e in part.entities
        ],
    )


def _name_words(text: str) -> list[str]:
    """Lower-case words of a name without accents: 'Zoë Gärner-Smit' -> ['zoe', 'garner', 'smit']."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.findall(r"\w+", plain)


def _known_names(person: Entity) -> list[str]:
    """The person's name and the other names the file gave (kept in the note on import)."""
    names = [person.name]
    for line in person.note.splitlines():
        if line.startswith("Ook bekend als: "):
            names += line[len("Ook bekend als: ") :].split("; ")
    return names


def summary(data: CaseData) -> dict:
    """Counts a page shows before importing, and whether the tree is large.

    ``families`` counts couples plus the single parents with children.
    """
    people = [e for e in data.entities if e.is_person]
    couples = [r for r in data.relations if r.kind is RelationKind.PARTNERSHIP]
    links = [r for r in data.relations if r.kind is RelationKind.PARENT_CHILD]
    parent_sets: dict[str, set[str]] = {}
    for r in links:
        parent_sets.setdefault(r.target, set()).add(r.source)
    groups = {frozenset((r.source, r.target)) for r in couples}
    groups |= {frozenset(p) for p in parent_sets.values()}
    return {
        "people": len(people),
        "families": len(groups),
        "couples": len(couples),
        "marriages": sum(r.subtype == PartnershipStatus.MARRIED for r in couples),
        "divorces": sum(r.subtype == PartnershipStatus.DIVORCED for r in couples),
        "parent_child": len(links),
        "deceased": sum(e.is_deceased for e in people),
        "large": len(people) > LARGE,
    }


def gedcom_date(text: str) -> str:
    """A GEDCOM date as a partial ISO date, or '' when it cannot be read.

    Qualified dates keep their first year; calendars other than Gregorian and
    Julian, BCE dates, and phrases give ''. Month names written out (as
    Ancestry and MyHeritage users type them, also in Dutch) and qualifiers in
    words ("about", "before", "between ... and ...") are read too.

    >>> [gedcom_date(t) for t in ("1 JAN 1900", "JAN 1900", "ABT 1850", "BET 1850 AND 1860")]
    ['1900-01-01', '1900-01', '1850', '1850']
    >>> gedcom_date("29 February 1708"), gedcom_date("Feb 1708"), gedcom_date("about 1850")
    ('1708-02-29', '1708-02', '1850')
    >>> gedcom_date("deceased"), gedcom_date("31 FEB 1900"), gedcom_date("@#DJULIAN@ 1699/00")
    ('', '', '1699')
    >>> gedcom_date("25-12-1950"), gedcom_date("3/12/1950"), gedcom_date("1076 or 1088")
    ('1950-12-25', '1950', '1076')
    >>> gedcom_date("JULIAN 12 AUG 1401"), gedcom_date("HEBREW CSH 46"), gedcom_date("730 BCE")
    ('1401-08-12', '', '')
    """
    value = _normalise_date(text)
    if value is None:
        return ""
    value = re.split(r"\s+(?:OR|OF)\s+", value)[0].strip()  # "1076 or 1088": the first
    qualified = _QUALIFIER.match(value)
    if qualified:
        value = value[qualified.end() :]
        value = re.split(r"\s+(?:AND|TO|-)\s+|\s*-\s*", value)[0].strip()
    elif re.fullmatch(r"\d{3,4}\s*-\s*\d{3,4}", value):  # "1850-1860": a span of years
        value = value.split("-")[0].strip()
    numeric = _NUMERIC_DATE.match(value)  # 12-03-1950, 3/12/1950 as people type them
    if numeric:
        return _numeric_date(*(int(n) for n in numeric.groups()))
    iso = _ISO_DATE.match(value)  # 1900-05-03, as some programs write it
    if iso:
        year, month, day = iso.groups()
        if not 1 <= int(month) <= 12:
            return ""
        value = f"{day or ''} {tuple(_MONTHS)[int(month) - 1]} {year}".strip()
    month_first = _MONTH_FIRST.match(value)
    if month_first:
        month, day, year = month_first.groups()
        value = f"{day} {month} {year}"
    match = _DATE.match(value)
    if not match:
        return ""
    day, month, year = match.groups()
    if month is None:
        return "" if day else f"{int(year):04d}"
    if month not in _MONTHS:
        return ""
    if day is None:
        return f"{int(year):04d}-{_MONTHS[month]:02d}"
    try:
        return date(int(year), _MONTHS[month], int(day)).isoformat()
    except ValueError:
        return ""


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")

#: GEDCOM's qualifier keywords -> how casemap keeps them (see mapping.core.model.date_words)
_QUALIFIERS = {
    "ABT": "about",
    "CAL": "about",
    "EST": "about",
    "BEF": "before",
    "TO": "before",
    "AFT": "after",
    "FROM": "after",
    "BET": "between",
}


def gedcom_qualifier(text: str) -> str:
    """How an inexact GEDCOM date is meant, as :attr:`Entity.birth_qualifier` keeps it.

    '' for an exact date (and for an interpreted one, ``INT``, whose date is
    given); the last date of a range rides along after a slash.

    >>> [gedcom_qualifier(t) for t in ("1 JAN 1900", "ABT 1850", "BEF 1828", "AFT 1900")]
    ['', 'about', 'before', 'after']
    >>> gedcom_qualifier("BET 1840 AND 1845"), gedcom_qualifier("tussen 1840 en 1845")
    ('between/1845', 'between/1845')
    >>> gedcom_qualifier("1850?"), gedcom_qualifier("1076 or 1088"), gedcom_qualifier("FROM 1840 TO 1845")
    ('about', 'about', 'between/1845')
    """
    if not gedcom_date(text):
        return ""
    value = _normalise_date(text) or ""
    if "?" in text or re.search(r"\s(?:OR|OF)\s", value):
        return "about"
    span = re.fullmatch(r"(\d{3,4})\s*-\s*(\d{3,4})", value)
    if span:
        return f"between/{gedcom_date(span.group(2))}" if span.group(2) != span.group(1) else ""
    qualified = _QUALIFIER.match(value)
    if not qualified:
        return ""
    word = _QUALIFIERS.get(qualified.group(1), "")
    rest = value[qualified.end() :]
    parts = re.split(r"\s+(?:AND|TO|-)\s+|\s*-\s*", rest, maxsplit=1)
    if word in ("between", "after") and len(parts) == 2:
        last = gedcom_date(parts[1].strip())
        return f"between/{last}" if last else "about"
    if word == "between":  # BET without its AND: at least after the first date
        return "after"
    return word


def _numeric_date(first: int, second: int, year: int) -> str:
    """A date typed as numbers: day-month (as in Dutch) or month/day (as in English).

    Only when one of the two cannot be a month is the order certain; otherwise
    just the year is kept (the note keeps the date as written).
    """
    if first > 12 >= second or first == second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return f"{year:04d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _normalise_date(text: str) -> str | None:
    """A date as GEDCOM writes it: upper case, three-letter months, keyword qualifiers.

    None for a calendar other than Gregorian or Julian.
    """
    value = " ".join(text.upper().replace(",", " ").split())
    value = re.sub(r"\(.*\)$", "", value).strip()  # INT 1900 (interpreted text)
    if value.startswith("@#D"):
        if not value.startswith(("@#DGREGORIAN@", "@#DJULIAN@")):
            return None
        value = value.split("@", 2)[2].strip()
    words = []
    for n, word in enumerate(value.split()):
        bare = word.rstrip(".?")
        if bare in ("GREGORIAN", "JULIAN"):  # GEDCOM 7 names the calendar without @#D
            continue
        if bare in ("FRENCH_R", "HEBREW") or bare.startswith("_"):  # or another one
            return None
        if bare in _MONTH_WORDS:
            word = _MONTH_WORDS[bare]
        elif bare in _QUALIFIER_WORDS and (n == 0 or bare == "EN"):
            word = _QUALIFIER_WORDS[bare]
        elif re.fullmatch(r"\d{1,4}\?", word):  # "1850?": an uncertain year
            word = word[:-1]
        words.append(word)
    return " ".join(words)


# ---------------------------------------------------------------- reading and checking
def _read_source(source: bytes | str | Path) -> tuple[bytes, str]:
    """The raw bytes and, for a path, the file's stem."""
    if isinstance(source, bytes | bytearray):
        return bytes(source), ""
    if isinstance(source, str) and ("\n" in source or "\r" in source or not source.strip()):
        return source.encode("utf-8"), ""
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large()
        return path.read_bytes(), path.stem
    except OSError as err:
        raise InvalidInput(
            "Het bestand '{name}' kan niet worden gelezen ({strerror}).",
            name=path.name,
            strerror=err.strerror or err,
        ) from None


def _parse(raw: bytes) -> GedcomDocument:
    if not raw.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise InvalidInput("Het GEDCOM-bestand is leeg.")
    if len(raw) > MAX_BYTES:
        raise _too_large()
    _precheck(raw)
    try:
        doc = gedcom_lite.parse(_without_indent(_legacy_to_utf8(raw)))
    except (ValueError, UnicodeError, LookupError, IndexError, TypeError):
        raise _not_gedcom() from None
    lines = sum(1 for _ in _walk(doc))
    bad = _unreadable_lines(doc)
    # Unreadable lines are named in a notice (see read_gedcom); past one in ten the
    # file is taken for something else than GEDCOM.
    if doc.header.source_line_no != 1 or len(bad) > max(5, lines // 10):
        raise _not_gedcom()
    if any(w.startswith("missing TRLR") for w in doc.parse_warnings):
        raise _truncated()
    return doc


def _text_encoding(raw: bytes) -> str:
    """The encoding to read the file's structure with: its lines and tags are ASCII."""
    if raw[:2] == b"\xff\xfe" or raw[:2] == b"0\x00":
        return "utf-16-le"
    if raw[:2] == b"\xfe\xff" or raw[:2] == b"\x000":
        return "utf-16-be"
    return "latin-1"  # UTF-8, ANSEL, ANSI: the ASCII part reads the same


def _precheck(raw: bytes) -> None:
    """Refuse in milliseconds what is plainly no family tree, before the full parse.

    Parsing 5 MB of noise takes seconds; these looks take a few milliseconds
    on any size: the file must begin with ``0 HEAD``, hold at least one
    ``INDI`` record and end with ``TRLR``, and samples spread through it must
    consist of numbered GEDCOM lines.
    """
    encoding = _text_encoding(raw)
    wide = encoding.startswith("utf-16")

    def text(start: int, end: int) -> str:
        if wide:
            start, end = start - start % 2, end - end % 2
        return raw[start:end].decode(encoding, errors="replace")

    bom = 3 if raw[:3] == b"\xef\xbb\xbf" else 0
    head = text(bom, 4096).lstrip("\ufeff\ufffe\x00 \t\r\n")
    if not re.match(r"0[ \t]+HEAD\b", head):
        raise _not_gedcom()
    size = len(raw)
    lines = noisy = 0
    for n in range(8):  # a window is noise when most of its lines are no GEDCOM lines
        start = size * n // 8
        window = re.split(r"\r\n|\r|\n", text(start, start + 8192))
        shapes = [
            bool(re.match(r"\s*\d{1,2}[ \t]+\S", line))
            for line in (window[1:-1] if n else window[:-1])
            if line.strip()
        ]
        lines += len(shapes)
        noisy += bool(shapes) and shapes.count(False) * 2 > len(shapes)
    if lines < 2 or noisy * 4 > 8:
        raise _not_gedcom()
    tag = "INDI".encode(encoding) if wide else b"INDI"
    if tag not in raw:
        raise _no_people()
    trailer = "TRLR".encode(encoding) if wide else b"TRLR"
    if trailer not in raw[-4096:]:
        raise _truncated()


def _legacy_to_utf8(raw: bytes) -> bytes:
    """Help the parser with what it guesses wrong; leave every other file to it.

    It reads any file that is not UTF-8, UTF-16 or ANSEL as ANSEL, which
    garbles the accents of ``1 CHAR ANSI``, ``IBMPC`` (DOS) and ``MACINTOSH``
    exports, so those are decoded here (see ``_LEGACY``); and UTF-16 without
    a BOM gets the BOM its byte order shows.
    """
    if raw[:3] == b"\xef\xbb\xbf" or raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw
    # UTF-16 without a BOM: '0' of '0 HEAD' is one NUL byte away from the start.
    if raw[:2] == b"\x000":
        return b"\xfe\xff" + raw
    if raw[:2] == b"0\x00":
        return b"\xff\xfe" + raw
    if b"\x00" in raw[:200]:
        return raw
    match = _CHAR_LINE.search(raw[:4096])
    declared = match.group(1).decode("ascii", "replace").upper() if match else ""
    if declared in ("", "UTF-8", "UTF8", "ASCII", "ANSEL"):
        return raw
    if declared == "UNICODE":  # said UTF-16 but has no NUL bytes: saved again as UTF-8
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw
        return _CHAR_TEXT.sub("1 CHAR UTF-8", text, count=1).encode("utf-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        if declared not in _LEGACY:
            return raw
        text = raw.decode(_LEGACY[declared], errors="replace")
    return _CHAR_TEXT.sub("1 CHAR UTF-8", text, count=1).encode("utf-8")


_INDENT = re.compile(rb"(^|[\r\n])[ \t]+(?=\d)")


def _without_indent(raw: bytes) -> bytes:
    """Lines without the spaces or tabs before their level number.

    Geni.com and hand-indented files put them there; GEDCOM 5.5 says a reader
    should ignore them, but the parser takes such a line for no line at all.
    UTF-16 files are left as they are (their bytes are not ASCII).
    """
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:200]:
        return raw
    return _INDENT.sub(rb"\1", raw)


def _walk(doc: GedcomDocument) -> Iterable[Structure]:
    for record in (doc.header, *doc.records):
        yield from record.walk()


def _dangling_links(
    people: dict[str, Structure], families: list[Structure]
) -> list[tuple[str, str, str]]:
    """(owner, tag, pointer) of each family member or FAMC/FAMS link to no record of its kind.

    Such links are skipped: an export of part of a tree (Legacy, FamilySearch)
    or a hand-edited file often keeps a link to a family it left out.
    """
    fams = {f.xref for f in families if f.xref}
    found = []
    for family in families:
        for tag in ("HUSB", "WIFE", "CHIL"):
            found += [
                (family.xref or "FAM", tag, r) for r in _pointers(family, tag) if r not in people
            ]
    for xref, person in people.items():
        for tag in ("FAMC", "FAMS"):
            found += [(xref, tag, r) for r in _pointers(person, tag) if r not in fams]
    return found


def _doubles_notice(
    doubles: list[tuple[str, Structure]], people: dict[str, Structure]
) -> ImportNotice:
    """Two people under one xref (files pasted together, a faulty export)."""
    shown = Message.join(
        ", ",
        [
            Message(
                "{name} ({xref}, zoals {first})",
                name=_name(record),
                xref=xref[:40],
                first=_name(people[xref]),
            )
            for xref, record in doubles[:3]
        ],
    )
    more = and_more(len(doubles) - 3)
    if len(doubles) == 1:
        return ImportNotice(
            "1 persoon staat onder een xref die al gebruikt is en is als aparte persoon "
            "ingelezen, zonder familiebanden: {shown}{more}. Verwijzingen naar die xref gaan "
            "naar de eerste persoon.",
            shown=shown,
            more=more,
        )
    return ImportNotice(
        "{count} personen staan onder een xref die al gebruikt is en zijn als aparte personen "
        "ingelezen, zonder familiebanden: {shown}{more}. Verwijzingen naar die xref gaan naar "
        "de eerste persoon.",
        count=len(doubles),
        shown=shown,
        more=more,
    )


def _dangling_notice(dangling: list[tuple[str, str, str]]) -> ImportNotice:
    shown = ", ".join(f"{owner} {tag} {ref[:40]}" for owner, tag, ref in dangling[:3])
    more = and_more(len(dangling) - 3)
    if len(dangling) == 1:
        return ImportNotice(
            "1 verwijzing naar een persoon of gezin dat niet in het bestand staat, is "
            "overgeslagen: {shown}{more}.",
            shown=shown,
            more=more,
        )
    return ImportNotice(
        "{count} verwijzingen naar personen of gezinnen die niet in het bestand staan, zijn "
        "overgeslagen: {shown}{more}.",
        count=len(dangling),
        shown=shown,
        more=more,
    )


def _one_line_per_kind(
    relations: list[Relation], origins: dict[str, tuple[frozenset[str], bool]]
) -> list[Relation]:
    """One parent-child line per parent, child and kind, however many families list the child.

    A parent may be both a child's birth parent and their adoptive or foster
    parent: a father who adopts his own child when he marries (the child is
    in his first family by birth and in his second as adopted), a couple who
    adopt back the child they had given up. Both lines are kept, so the
    genogram draws both. ``origins`` holds, per line, the partners of the
    family it comes from and whether the file stated its birth ``PEDI``.

    A couple entered twice (two FAM records with the same partners, as
    merged Ancestry trees have) lists the same child in both, often saying
    adopted in one and nothing in the other: that is one relation, the
    first line stays and takes adopted or foster from the other. Only a
    birth the file states (``PEDI birth``) stands beside an adoption by the
    same couple. Both partnerships stay (a couple may marry twice).
    """

    def origin(line: Relation) -> tuple[frozenset[str], bool]:
        return origins.get(line.id, (frozenset(), False))

    kept: list[Relation] = []
    lines: dict[tuple[str, str], list[int]] = {}  # (parent, child) -> positions in kept
    for r in relations:
        if r.kind is not RelationKind.PARENT_CHILD:
            kept.append(r)
            continue
        earlier = lines.setdefault((r.source, r.target), [])
        if any(kept[at].subtype == r.subtype for at in earlier):
            continue  # the same kind again
        couple, stated = origin(r)
        same = [at for at in earlier if origin(kept[at])[0] == couple]
        unstated = [at for at in same if not kept[at].subtype and not origin(kept[at])[1]]
        if unstated and r.subtype:  # the couple again: the file's kind, once
            at = unstated[0]
            kept[at] = replace(kept[at], subtype=r.subtype, note=r.note)
            origins[kept[at].id] = (couple, False)
        elif same and not r.subtype and not stated:
            continue  # an unstated line of the couple again: the first one says more
        else:
            earlier.append(len(kept))
            kept.append(r)
    return kept


def _without_cycles(
    relations: list[Relation], people: list[Entity], skipped: list[Message]
) -> list[Relation]:
    """The relations less the parent-child lines that make someone their own ancestor.

    A wrong link in a large tree (a granddaughter entered as a mother) must
    not cost the whole tree, and a genogram cannot draw a circle of
    generations. Of each circle the line whose parent is born latest after
    the child is left out (the one most likely entered wrongly; without
    dates the line that closed the circle) and noted in ``skipped``. Circles
    are looked for within each group of people that reach each other
    (strongly connected), so a large tree is searched once, not per circle.
    A file with more circles than one per twenty people is refused.
    """
    if not _a_circle(relations):  # the common case: one pass and done
        return relations
    import networkx as nx  # only for files with a circle in them

    names = {e.id: e.name for e in people}
    born = {e.id: int(e.birth[:4]) for e in people if e.birth[:4].isdigit()}

    def suspicion(line: Relation) -> int:
        if line.source in born and line.target in born:
            return born[line.source] - born[line.target]  # > 0: parent born after child
        return -1000

    lines = [r for r in relations if r.kind is RelationKind.PARENT_CHILD]
    graph = nx.DiGraph((r.source, r.target) for r in lines)
    limit = max(_MAX_CYCLES, len(people) // 20)
    dropped: set[str] = set()
    group_of = {
        node: n
        for n, group in enumerate(nx.strongly_connected_components(graph))
        if len(group) > 1
        for node in group
    }
    within: dict[int, list[Relation]] = {}  # the lines inside each group, found in one pass
    for r in lines:
        if r.source in group_of and group_of[r.source] == group_of.get(r.target):
            within.setdefault(group_of[r.source], []).append(r)
    for inside in within.values():
        while circle := _a_circle([r for r in inside if r.id not in dropped]):
            if len(dropped) >= limit:  # a file full of circles: refuse rather than guess on
                raise InvalidInput(
                    "De stamboom zit vol cirkels: te veel mensen zijn (via FAMC/FAMS) hun eigen "
                    "voorouder. Controleer het bestand in het stamboomprogramma.",
                )
            line = max(circle, key=suspicion)  # the closing line first: it wins a tie
            dropped.add(line.id)
            parent, child = names.get(line.source, "?"), names.get(line.target, "?")
            skipped.append(
                Message(
                    "{parent} als ouder van {child} ({child} is ook een voorouder van {parent})",
                    parent=parent,
                    child=child,
                )
            )
    return [r for r in relations if r.id not in dropped]


def _a_circle(relations: list[Relation]) -> list[Relation]:
    """The parent-child lines of one circle of generations, the closing line first; [] if none."""
    children: dict[str, list[Relation]] = {}
    for r in relations:
        if r.kind is RelationKind.PARENT_CHILD:
            children.setdefault(r.source, []).append(r)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in children:
        if state.get(root):
            continue
        path: list[Relation] = []
        stack = [(root, iter(children[root]))]
        state[root] = 1
        while stack:
            node, pending = stack[-1]
            line = next(pending, None)
            if line is None:
                state[node] = 2
                stack.pop()
                if path:
                    path.pop()
            elif state.get(line.target) == 1:
                start = next((i for i, r in enumerate(path) if r.source == line.target), len(path))
                return [line, *path[start:]]
            elif not state.get(line.target):
                state[line.target] = 1
                path.append(line)
                stack.append((line.target, iter(children.get(line.target, ()))))
    return []


def _siblings_notice(families: list[tuple[str, list[Structure]]]) -> ImportNotice:
    """Children of a family without parents: a genogram hangs siblings from their parents."""
    shown = "; ".join(
        f"{fam[:40]}: " + ", ".join(_name(c) for c in kids[:4]) + (" ..." if len(kids) > 4 else "")
        for fam, kids in families[:3]
    )
    one = len(families) == 1
    return ImportNotice(
        "{families} zonder ouders in het bestand. De kinderen zijn ingelezen, maar dat zij "
        "broers en zussen zijn, staat niet in de casus: {shown}{more}.",
        families=Message("1 gezin") if one else Message("{count} gezinnen", count=len(families)),
        shown=shown,
        more=and_more(len(families) - 3),
    )


def _skipped_notice(skipped: list[Message]) -> ImportNotice:
    shown = Message.join("; ", skipped[:3])
    more = len(skipped) - 3
    if more > 0:
        shown = Message("{shown}; en nog {more}", shown=shown, more=more)
    return ImportNotice(
        "Weggelaten omdat het niet kan kloppen: {shown}. Controleer dit in het stamboomprogramma.",
        shown=shown,
    )


# ---------------------------------------------------------------- mapping
def _entity_ids(people: dict[str, Structure]) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for xref in people:
        base = "ged-" + (re.sub(r"[^A-Za-z0-9_-]+", "_", xref.strip("@")) or "x")
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        ids[xref] = candidate
    return ids


def _person(
    record: Structure, entity_id: str, unclear: list[tuple[str, str, str]] | None = None
) -> Entity:
    """One INDI as a person; a date read only in part is added to ``unclear`` as
    (name, what, the date as written) for :func:`_unclear_dates_notice`."""
    notes: list[str] = []
    birth, birth_qualifier = _event_date(record, "BIRT", "Geboren", notes)
    if not birth:  # old records often hold only the baptism, days after the birth
        birth, birth_qualifier = _event_date(record, "CHR", "Gedoopt", notes, always=True)
        if not birth:
            birth, birth_qualifier = _event_date(record, "BAPM", "Gedoopt", notes, always=True)
    death, death_qualifier = _event_date(record, "DEAT", "Overleden", notes)
    if unclear is not None:
        for tag, label in (("BIRT", "Geboren"), ("DEAT", "Overleden")):
            raw = next(
                (r for e in record.find_all_children(tag) if (r := _payload(e.find("DATE")))), ""
            )
            if raw and not _read_whole(raw):
                unclear.append((_name(record), label, raw))
    buried = [r for tag in ("BURI", "CREM") for r in record.find_all_children(tag)]
    stillborn = any(
        _payload(b.find("KIND")).upper() == "BORN_DEAD" for b in record.find_all_children("BIRT")
    )  # GEDCOM 7.1
    if stillborn:
        notes.append("Doodgeboren")
    deceased = (
        bool(death or buried)
        or stillborn
        or any((d.payload or "").strip().upper() != "N" for d in record.find_all_children("DEAT"))
    )
    sex = _SEX.get((_payload(record.find("SEX")) or "U")[:1].upper(), Sex.UNKNOWN)
    name = _name(record)
    others = [n for n in dict.fromkeys(_names(record)) if n != name]
    if others:  # a maiden or married name, an alias: the case shows one name, the note the rest
        notes.insert(0, "Ook bekend als: " + "; ".join(others))
    return Entity(
        id=entity_id,
        name=name,
        kind=EntityKind.PERSON,
        sex=sex,
        birth=birth,
        death=death,
        deceased=deceased,
        birth_qualifier=birth_qualifier,
        death_qualifier=death_qualifier,
        occupation=_occupation(record),
        note="\n".join(notes),
    )


def _name(record: Structure) -> str:
    return next(iter(_names(record)), "N.N.")


def _names(record: Structure) -> Iterable[str]:
    """Every NAME of a person as text, in file order (the first is their name in the case)."""
    for node in record.find_all_children("NAME"):
        # an unknown surname written as a placeholder ("/./", "/?/", "/_____/", Heredis and
        # others) is no part of the name
        text = re.sub(r"/[\s.?_-]*/", " ", _payload(node)).replace("/", " ")
        if not text.strip():
            parts = [_payload(node.find(t)) for t in ("NPFX", "GIVN", "SPFX", "SURN", "NSFX")]
            text = " ".join(p for p in parts if p)
        text = re.sub(r"\s+,", ",", " ".join(text.split()))
        if text:
            yield text[:200]


def _occupation(record: Structure) -> str:
    node = record.find("OCCU")
    if node is None:
        return ""
    # Family Tree Maker for Windows put the occupation in a PLAC below OCCU.
    return (node.text().strip() or _payload(node.find("PLAC")))[:200]


def _event_date(
    record: Structure, tag: str, label: str, notes: list[str], *, always: bool = False
) -> tuple[str, str]:
    """The first dated ``tag`` event as (partial ISO date, qualifier).

    A date that is not exact (ABT, BET, a phrase) is also noted in words, so
    nothing the file says is lost; ``always`` notes it anyway.
    """
    for event in record.find_all_children(tag):
        raw = _payload(event.find("DATE"))
        if not raw:
            continue
        iso = gedcom_date(raw)
        exact = "?" not in raw and _EXACT.match(_normalise_date(raw) or "")
        if always or not iso or not exact:
            notes.append(f"{label}: {raw}")
        return iso, gedcom_qualifier(raw) if iso else ""
    return "", ""


def qualifiers_in_note(note: str, dates: dict[str, str]) -> dict[str, str]:
    """Qualifiers of dates an earlier import kept only in words in the note.

    Before casemap kept qualifiers, a GEDCOM import wrote an inexact date
    in the note ("Geboren: BEF 1828") and its first year in the date field.
    ``dates`` maps a note label ('Geboren', 'Overleden', 'Getrouwd', ...) to
    the field's value now; a qualifier is only given when the note's date
    still reads as that value, so a date the user changed since is left alone.

    >>> qualifiers_in_note("Ook bekend als: X\\nGeboren: BEF 1828", {"Geboren": "1828"})
    {'Geboren': 'before'}
    >>> qualifiers_in_note("Geboren: BEF 1828", {"Geboren": "1830"})
    {}
    >>> qualifiers_in_note("Getrouwd: ABT 1816; Gescheiden: 1820", {"Getrouwd": "1816"})
    {'Getrouwd': 'about'}
    """
    found: dict[str, str] = {}
    for part in re.split(r"\n|; ", note or ""):
        label, sep, raw = part.partition(": ")
        if not sep or label not in dates or label in found or not dates[label]:
            continue
        if gedcom_date(raw) == dates[label]:
            qualifier = gedcom_qualifier(raw)
            if qualifier:
                found[label] = qualifier
    return found


def _read_whole(raw: str) -> bool:
    """True when a date is understood completely: exact, or inexact with its qualifier
    kept ('ABT 1850', 'BET 1840 AND 1845'); False for '02 MAR', 'BET JUN AND DEC 1900',
    a phrase, another calendar.

    >>> [_read_whole(t) for t in ("3 MAR 1900", "ABT 1850", "02 MAR", "BET JUN AND DEC 1900")]
    [True, True, False, False]
    """
    iso = gedcom_date(raw)
    if not iso:
        return False
    value = _normalise_date(raw) or ""
    if "?" not in raw and _EXACT.match(value):
        return True
    if _QUALIFIER.match(value) and value.split()[0] == "INT":
        return False  # an interpreted date: the phrase behind it is in the note
    qualifier = gedcom_qualifier(raw)
    if not qualifier:
        return False
    words = re.split(r"\s+(?:AND|TO|-)\s+|\s*-\s*", _QUALIFIER.sub("", value), maxsplit=1)
    return all(gedcom_date(w.strip()) for w in words if w.strip())


def _unclear_dates_notice(unclear: list[tuple[str, str, str]]) -> ImportNotice:
    shown = Message.join(
        "; ",
        [Message(_DATE_LABELS[label], name=name, raw=raw) for name, label, raw in unclear[:5]],
    )
    more = len(unclear) - 5
    if more > 0:
        shown = Message("{shown}; en {more} meer", shown=shown, more=more)
    return ImportNotice(
        "{count} datums konden maar deels worden gelezen: {shown}. De kaart toont wat leesbaar "
        "was; de datum zoals in het bestand staat in de notitie van de persoon.",
        count=len(unclear),
        shown=shown,
    )


#: How an unclear-dates notice names a date, by the label of the person's field.
_DATE_LABELS = {
    "Geboren": N_("{name} (geboren: {raw})"),
    "Overleden": N_("{name} (overleden: {raw})"),
}


def _one_sided_links(
    people: dict[str, Structure], families: list[Structure]
) -> dict[str, dict[str, list[str]]]:
    """Family members named only on the person's side: family xref -> HUSB/WIFE/CHIL -> people.

    GEDCOM links both ways (``FAMC`` on the child, ``CHIL`` in the family),
    but hand-edited files and some older programs write only one side. A
    ``FAMS`` fills an empty husband or wife place (by sex, else the first
    empty one); a ``FAMC`` adds the child.
    """
    by_xref = {f.xref: f for f in families if f.xref}
    members = {
        xref: {tag: set(_pointers(f, tag)) for tag in ("HUSB", "WIFE", "CHIL")}
        for xref, f in by_xref.items()
    }
    extra: dict[str, dict[str, list[str]]] = {}
    for person_xref, person in people.items():
        for ref in _pointers(person, "FAMC"):
            known = members.get(ref)
            if known is not None and person_xref not in known["CHIL"]:
                known["CHIL"].add(person_xref)
                extra.setdefault(ref, {}).setdefault("CHIL", []).append(person_xref)
        for ref in _pointers(person, "FAMS"):
            known = members.get(ref)
            if known is None or person_xref in known["HUSB"] | known["WIFE"]:
                continue
            sex = _payload(person.find("SEX"))[:1].upper()
            free = [t for t in ("HUSB", "WIFE") if not known[t]]
            tag = {"M": "HUSB", "F": "WIFE"}.get(sex, free[0] if free else "")
            if tag in free:
                known[tag].add(person_xref)
                extra.setdefault(ref, {}).setdefault(tag, []).append(person_xref)
    return extra


def _family_relations(
    family: Structure,
    people: dict[str, Structure],
    ids: dict[str, str],
    skipped: list[Message],
    extra: dict[str, list[str]] | None = None,
    id_suffix: str = "",
    origins: dict[str, tuple[frozenset[str], bool]] | None = None,
) -> list[Relation]:
    """The partnership and parent-child lines of one FAM record.

    ``origins`` gets, per parent-child line, the family's partners and
    whether the file stated a birth (see :func:`_one_line_per_kind`).

    ``extra`` holds members only the people's ``FAMS``/``FAMC`` name (see
    :func:`_one_sided_links`). A family that cannot be right (the same
    person as husband and wife, a parent who is also their own child) keeps
    what can be right; what was left out is added to ``skipped`` (nl, en).
    """
    extra = extra or {}
    fam = family.xref or new_id()
    fam_id = re.sub(r"[^A-Za-z0-9_-]+", "_", fam.strip("@")) + id_suffix
    # Partners in file order, husbands first. Two HUSB (or two WIFE) lines are how
    # GEDCOM 5.5.1 programs write a same-sex couple: both are partners.
    named = [
        (tag, p)
        for tag in ("HUSB", "WIFE")
        for p in [*_pointers(family, tag), *extra.get(tag, [])]
        if p in people
    ]
    parents: list[tuple[str, str]] = []
    for tag, person in named:
        name = _name(people[person])
        if any(person == p for _, p in parents):
            skipped.append(Message("gezin {fam} met {name} als beide partners", fam=fam, name=name))
        elif len(parents) == 2:
            skipped.append(Message("{name} als derde partner in gezin {fam}", name=name, fam=fam))
        else:
            parents.append((tag, person))
    partners = [p for _, p in parents]
    relations: list[Relation] = []
    if len(partners) == 2:
        status, start, end, start_qualifier, end_qualifier = _status(family)
        relations.append(
            Relation(
                id=f"ged-{fam_id}",
                kind=RelationKind.PARTNERSHIP,
                source=ids[partners[0]],
                target=ids[partners[1]],
                subtype=status,
                start=start,
                end=end,
                start_qualifier=start_qualifier,
                end_qualifier=end_qualifier,
                note=_family_note(family),
            )
        )
    seen: set[str] = set()
    listed = [(_pointer(node), node) for node in family.find_all_children("CHIL")]
    for child, child_node in listed + [(c, None) for c in extra.get("CHIL", [])]:
        if not child or child == _VOID or child in seen or child not in people:
            continue
        seen.add(child)
        if child in partners:
            name = _name(people[child])
            skipped.append(Message("{name} als eigen kind in gezin {fam}", name=name, fam=fam))
            continue
        for role, parent in parents:
            link, note, stated = _child_link(people[child], fam, role, child_node)
            line_id = f"ged-{fam_id}-{ids[parent][4:]}-{ids[child][4:]}"
            if origins is not None:
                origins[line_id] = (frozenset(ids[p] for p in partners), stated)
            relations.append(
                Relation(
                    id=line_id,
                    kind=RelationKind.PARENT_CHILD,
                    source=ids[parent],
                    target=ids[child],
                    subtype=link,
                    note=note,
                )
            )
    return relations


_FAMILY_EVENTS = (
    ("ENGA", "Verloofd"),
    ("MARR", "Getrouwd"),
    ("DIV", "Gescheiden"),
    ("ANUL", "Nietig verklaard"),
    ("_SEPR", "Uit elkaar"),
    ("DIVF", "Scheiding aangevraagd"),
)


def _event_label(event: Structure, label: str) -> str:
    """'Getrouwd', or with the kind the event names: 'Relatie (partners)', 'Getrouwd (civil)'."""
    kind = _payload(event.find("TYPE"))
    if not kind:
        return label
    lower = kind.lower()
    unmarried = "regist" not in lower and any(
        w in lower for words in _UNMARRIED_TYPES.values() for w in words
    )
    return f"{'Relatie' if event.tag == 'MARR' and unmarried else label} ({kind[:40]})"


def _family_note(family: Structure) -> str:
    """The couple's dated events in words when start and end cannot say it all.

    That is when a date is not exact ('ABT 1940', 'BEF 1945') or the couple
    married or divorced more than once: the partnership keeps one start and
    one end, the note keeps every date the file gives.
    """
    labels = dict(_FAMILY_EVENTS)
    events = [  # in file order: married, divorced, married again
        (event.tag, _event_label(event, labels[event.tag]), _payload(event.find("DATE")))
        for event in family.children
        if event.tag in labels
        and (event.payload or "").strip().upper() != "N"
        and _payload(event.find("DATE"))
    ]
    inexact = any(
        "?" in raw or not _EXACT.match(_normalise_date(raw) or "") for _, _, raw in events
    )
    repeated = len({tag for tag, _, _ in events}) < len(events)
    # an annulment is drawn as a divorce, a separation has no end date: say so in words
    worded = any(tag in ("ANUL", "_SEPR", "DIVF") for tag, _, _ in events)
    if not (inexact or repeated or worded):
        return ""
    return "; ".join(f"{label}: {raw}" for _, label, raw in events)


#: words in a MARR event's TYPE for a couple that did not marry (Aldfaer writes its
#: "samenleven" as MARR with TYPE partners, Gramps and FTM "Common Law", "Unmarried")
_UNMARRIED_TYPES = {
    PartnershipStatus.COHABITING: (
        "partners", "samenw", "samenl", "cohabit", "common law", "unmarried", "ongehuwd",
        "living together", "concubinage",
    ),
    PartnershipStatus.RELATIONSHIP: ("relatie", "relationship", "unknown", "onbekend", "friends"),
}  # fmt: skip


def _marriage_kind(family: Structure) -> PartnershipStatus:
    """Married, unless every MARR event's TYPE says the couple lived together or so."""
    kinds = set()
    for event in family.find_all_children("MARR"):
        if (event.payload or "").strip().upper() == "N":
            continue
        kind = _payload(event.find("TYPE")).lower()
        if "regist" in kind:  # a registered partnership is a union in law, as a marriage
            kinds.add(PartnershipStatus.MARRIED)
            continue
        found = [s for s, words in _UNMARRIED_TYPES.items() if any(w in kind for w in words)]
        kinds.add(found[0] if found else PartnershipStatus.MARRIED)
    if PartnershipStatus.MARRIED in kinds or not kinds:
        return PartnershipStatus.MARRIED
    return min(kinds, key=list(_UNMARRIED_TYPES).index)


def _status(family: Structure) -> tuple[str, str, str, str, str]:
    """Partnership status, start (marriage), end (divorce) of a FAM record, and how
    the start and end dates are meant ('about', 'before'... see :func:`gedcom_qualifier`)."""

    def dated(tag: str) -> list[tuple[str, str]]:
        return [
            (gedcom_date(raw), gedcom_qualifier(raw))
            for e in family.find_all_children(tag)
            if (e.payload or "").strip().upper() != "N"
            for raw in [_payload(e.find("DATE"))]
        ]

    def dates(tag: str) -> list[str]:
        return [iso for iso, _ in dated(tag)]

    def first(pairs: list[tuple[str, str]]) -> tuple[str, str]:
        return next(((iso, q) for iso, q in pairs if iso), ("", ""))

    # An annulled marriage has ended as a divorce has (the note says which).
    marriages, divorces = dates("MARR"), dates("DIV") + dates("ANUL")
    (start, start_q), (end, end_q) = first(dated("MARR")), first(dated("DIV") + dated("ANUL"))
    remarried = bool(end) and any(d > end for d in marriages if d)
    # FTM, Legacy and RootsMagic write a separation as _SEPR, also of a married couple
    separations = dates("_SEPR")
    parted = next((d for d in separations if d), "")
    together_again = bool(parted) and any(d > parted for d in marriages if d)
    if divorces and not remarried:
        status = PartnershipStatus.DIVORCED
    elif separations and not together_again:
        status = PartnershipStatus.SEPARATED
    elif marriages:
        status = _marriage_kind(family)
    elif dates("DIVF"):  # a divorce filed, without a marriage on record
        status = PartnershipStatus.SEPARATED
    elif dates("ENGA"):
        status = PartnershipStatus.ENGAGED
        start, start_q = first(dated("ENGA"))
    else:  # the file names the couple, not what they were: no status is claimed
        return PartnershipStatus.UNKNOWN.value, "", "", "", ""
    if status is not PartnershipStatus.DIVORCED:
        end = end_q = ""
    return status.value, start, end, start_q, end_q


#: how programs name a parent who is no birth parent -> the line's kind and a note
_CHILD_WORDS = (
    ("adopt", ChildLink.ADOPTED, ""),
    ("foster", ChildLink.FOSTER, ""),
    ("pleeg", ChildLink.FOSTER, ""),
    ("step", ChildLink.FOSTER, "Stiefouder"),
    ("stief", ChildLink.FOSTER, "Stiefouder"),
    ("guardian", ChildLink.FOSTER, "Voogd"),
    ("voogd", ChildLink.FOSTER, "Voogd"),
)


#: how programs state a birth parent (GEDCOM's ``PEDI birth``, FTM's ``_FREL Natural``)
_BIRTH_WORDS = ("birth", "natural", "biolog", "geboorte", "biologisch")


def _child_link(
    child: Structure, fam: str, role: str, child_node: Structure | None
) -> tuple[str, str, bool]:
    """The line's subtype and note for this parent ('' for a birth parent), and
    whether the file states the birth (``PEDI birth``) rather than saying nothing.

    Adopted and foster as the file says (``PEDI``, ``ADOP``, FTM's and
    RootsMagic's ``_FREL``/``_MREL``, Family Historian's ``_PEDI Adopted
    (father)``). A step-parent or guardian (``_FREL Step``, ``_MREL
    Guardian``) is no birth parent either: the line is drawn as foster and
    its note keeps what the file said, so nobody becomes a birth parent by
    the import.
    """
    words: list[str] = []
    for famc in child.find_all_children("FAMC"):
        if _pointer(famc) != fam:
            continue
        pedi = famc.find("PEDI")
        words += [_payload(pedi), _payload(pedi.find("PHRASE") if pedi is not None else None)]
        for extra in famc.find_all_children("_PEDI"):  # Family Historian, per parent
            text = _payload(extra)
            lower = text.lower()
            if ("(father)" in lower and role != "HUSB") or ("(mother)" in lower and role != "WIFE"):
                continue
            words.append(text)
    for adop in child.find_all_children("ADOP"):
        famc = adop.find("FAMC")
        if famc is not None and _pointer(famc) == fam:
            who = _payload(famc.find("ADOP")).upper()
            if who not in ("HUSB", "WIFE") or who == role:
                words.append("adopted")
    if child_node is not None:
        words.append(_payload(child_node.find("_FREL" if role == "HUSB" else "_MREL")))
    for word in words:
        lower = word.lower()
        for stem, link, note in _CHILD_WORDS:
            if lower.startswith(stem):
                return link.value, f"{note} (in het bestand: {word})" if note else "", False
    return "", "", any(w.lower().startswith(_BIRTH_WORDS) for w in words)


# ---------------------------------------------------------------- small helpers
def _payload(node: Structure | None) -> str:
    if node is None or node.payload is None:
        return ""
    text = node.payload.strip()
    return text[1:] if text.startswith("@@") else text


def _pointer(node: Structure) -> str:
    value = (node.payload or "").strip()
    return value if len(value) > 2 and value.startswith("@") and value.endswith("@") else ""


def _pointers(record: Structure, tag: str) -> Iterable[str]:
    for node in record.find_all_children(tag):
        ref = _pointer(node)
        if ref and ref != _VOID:
            yield ref


def _reach(start: str, step: dict[str, set[str]], depth: int) -> set[str]:
    seen: set[str] = set()
    frontier = deque([(start, 0)])
    while frontier:
        node, d = frontier.popleft()
        if d == depth:
            continue
        for nxt in step.get(node, ()):
            if nxt not in seen and nxt != start:
                seen.add(nxt)
                frontier.append((nxt, d + 1))
    return seen


def _header_file(doc: GedcomDocument) -> str:
    value = _payload(doc.header.find("FILE"))
    return Path(value.replace("\\", "/")).stem if value else ""


def _scope_note(doc: GedcomDocument) -> str:
    gedc = doc.header.find("GEDC")
    version = _payload(gedc.find("VERS")) if gedc is not None else ""
    sour = doc.header.find("SOUR")
    program = (_payload(sour.find("NAME")) or _payload(sour)) if sour is not None else ""
    parts = [f"GEDCOM {version}".strip()] + ([program] if program else [])
    return "Geïmporteerd uit " + ", ".join(parts) + "."


def _code(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").upper()
    return f"GED-{slug[:24]}" if slug else "GED"


def _too_large() -> InvalidInput:
    return InvalidInput(
        "Het GEDCOM-bestand is groter dan 50 MB en wordt niet gelezen.",
    )


def _not_gedcom() -> InvalidInput:
    return InvalidInput(
        "Dit is geen leesbaar GEDCOM-bestand: het moet beginnen met '0 HEAD' en uit "
        "genummerde regels bestaan. Exporteer de stamboom opnieuw als GEDCOM (.ged).",
    )


def _no_people(unreadable: list[tuple[str, str]] = ()) -> InvalidInput:
    if unreadable:  # the people may be on the lines the parser could not read
        return InvalidInput(
            "Het GEDCOM-bestand bevat geen leesbare personen; onleesbaar: {lines}. "
            "Exporteer de stamboom opnieuw als GEDCOM (.ged).",
            lines=_shown_lines(unreadable),
        )
    return InvalidInput(
        "Het GEDCOM-bestand bevat geen personen (INDI-records); er is niets te importeren.",
    )


_WARNING = re.compile(r"^line (\d+): .*?(?:'(.*)')?$")


def _unreadable_lines(doc: GedcomDocument) -> list[tuple[str, str]]:
    """(line number, its text) of each line the parser skipped (no level, a broken xref)."""
    found = []
    for warning in doc.parse_warnings:
        match = _WARNING.match(warning)
        text = (match.group(2) or "") if match else ""
        if match and not re.fullmatch(r"(\s|\\t)+", text):  # a line of only spaces or tabs
            found.append((match.group(1), text[:60]))
    return found


def _shown_lines(lines: list[tuple[str, str]]) -> Message:
    """The first three lines as 'regel 4 ('0 @I1 INDI')' / 'line 4 (...)'."""
    shown = Message.join(
        ", ",
        [
            Message("regel {line} ('{text}')", line=n, text=t)
            if t
            else Message("regel {line}", line=n)
            for n, t in lines[:3]
        ],
    )
    if len(lines) > 3:
        return Message("{shown} en nog {more}", shown=shown, more=len(lines) - 3)
    return shown


def _unreadable_notice(lines: list[tuple[str, str]]) -> ImportNotice:
    """A person or link on a line the parser skipped would otherwise be lost unseen."""
    if len(lines) == 1:
        return ImportNotice(
            "1 regel kon niet worden gelezen en is overgeslagen: {lines}. Wat daar stond, is "
            "niet ingelezen.",
            lines=_shown_lines(lines),
        )
    return ImportNotice(
        "{count} regels konden niet worden gelezen en zijn overgeslagen: {lines}. Wat daar "
        "stond, is niet ingelezen.",
        count=len(lines),
        lines=_shown_lines(lines),
    )


def _truncated() -> InvalidInput:
    return InvalidInput(
        "Het GEDCOM-bestand is onvolledig: het einde (TRLR) ontbreekt. Exporteer de "
        "stamboom opnieuw.",
    )


__all__ = [
    "LARGE",
    "MAX_BYTES",
    "around_person",
    "find_people",
    "gedcom_date",
    "gedcom_qualifier",
    "person_line",
    "qualifiers_in_note",
    "read_gedcom",
    "select_around",
    "summary",
]
