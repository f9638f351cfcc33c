"""A map in sentences: the text alternative a screen reader reads (issue #15, point 6).

:func:`describe` turns a lens's :class:`~mapping.core.drawing.Drawing` and the case
it was drawn from into plain sentences, in Dutch or English: what the map is,
who is on it (in reading order, top to bottom and left to right, with the same
facts the symbol's tooltip gives), and how they relate (every relation the
picture draws, once). It reads the drawing, so it says what the picture shows
and nothing it leaves out: a hidden emotional layer, a person outside the
ecogram's household, a pseudonymised name.

>>> from mapping.services.demo import demo_case
>>> from mapping.lenses.genogram import layout_genogram
>>> data = demo_case()
>>> sentences = describe(data, layout_genogram(data))
>>> sentences[0]
'Genogram — Gezin Jansen-de Boer (fictief): 18 personen.'
>>> "Peter Jansen en Fatima Jansen: partnerrelatie, getrouwd, x 2007." in sentences
True
"""

from __future__ import annotations

from mapping.core.drawing import Drawing, Line
from mapping.core.model import CaseData, Relation
from mapping.core.vocabulary import SUBTYPES, EntityKind, RelationKind, label

WORDS = {
    "people": ("{n} personen", "{n} people"),
    "person": ("1 persoon", "1 person"),
    "systems": ("{n} organisaties of groepen", "{n} organisations or groups"),
    "system": ("1 organisatie of groep", "1 organisation or group"),
    "of": ("{lens} — {title}", "{lens} — {title}"),
    "empty": ("Er staat nog niemand op deze kaart.", "Nobody is on this map yet."),
    "and": ("{a} en {b}", "{a} and {b}"),
    "relations": ("Relaties:", "Relations:"),
}


def _flat(text: str) -> str:
    """A label drawn on two lines ('Basisschool\\nDe Regenboog') as one."""
    return " ".join(text.split())


def _word(key: str, lang: str) -> str:
    nl, en = WORDS[key]
    return en if lang == "en" else nl


def _counted(n_people: int, n_systems: int, lang: str) -> str:
    parts = []
    if n_people:
        parts.append(
            _word("person", lang) if n_people == 1 else _word("people", lang).format(n=n_people)
        )
    if n_systems:
        parts.append(
            _word("system", lang) if n_systems == 1 else _word("systems", lang).format(n=n_systems)
        )
    return ", ".join(parts)


def _relation_words(rel: Relation, line: Line | None, lang: str) -> str:
    """'partnerrelatie, getrouwd, x 2007': the kind, its subtype and the line's label."""
    words = [label(rel.kind, lang)]
    enum = SUBTYPES.get(rel.kind)
    if enum is not None and rel.subtype in enum._value2member_map_:
        words.append(label(enum(rel.subtype), lang))
    if line is not None and line.label:  # what the picture writes on the line, no more
        words.append(line.label)
    return ", ".join(w for w in words if w)


def describe(data: CaseData, drawing: Drawing, lang: str = "nl") -> list[str]:
    """The map in sentences: a heading sentence, one per symbol, one per relation drawn."""
    entities = data.entity_map()
    shown = [s for s in drawing.symbols if s.entity_id]
    if not shown:
        return [_word("empty", lang)]
    # the names as drawn (a pseudonymised map says its pseudonyms), on one line
    names = {s.entity_id: _flat(s.label) or entities[s.entity_id].name for s in shown}
    kinds = [entities[s.entity_id].kind for s in shown if s.entity_id in entities]
    n_systems = sum(1 for k in kinds if k is EntityKind.SYSTEM)
    lens = drawing.caption.lens or drawing.lens
    title = drawing.caption.title  # a pseudonymised map has none: none is said
    heading = _word("of", lang).format(lens=lens, title=title) if title else lens
    sentences = [f"{heading}: {_counted(len(kinds) - n_systems, n_systems, lang)}."]

    ego = drawing.view  # a netwerkkaart: ego first, each member's sentence holds its tie
    for symbol in sorted(shown, key=lambda s: (s.entity_id != ego, round(s.y), s.x)):
        text = symbol.tooltip or ", ".join((symbol.label, *symbol.sublabels))
        sentences.append(_flat(text).rstrip(".") + ".")

    relations = {r.id: r for r in data.relations}
    told: set[str] = set()
    said: list[str] = []
    for line in drawing.lines:
        a, b = line.ends
        if a not in names or b not in names or a == b or ego in (a, b):
            continue
        pair = _word("and", lang).format(a=names[a], b=names[b])
        rel = relations.get(line.relation_id)
        if rel is not None:
            if rel.id in told or rel.source not in names or rel.target not in names:
                continue
            told.add(rel.id)
            # the relation's own ends: a child line starts at either parent
            pair = _word("and", lang).format(a=names[rel.source], b=names[rel.target])
            said.append(f"{pair}: {_relation_words(rel, line, lang)}.")
        elif line.tooltip:  # a tie the map shows without a relation of its own
            key = f"{a}|{b}|{line.tooltip}"
            if key not in told:
                told.add(key)
                said.append(f"{pair}: {line.tooltip.rstrip('.')}.")
    if drawing.lens == "genogram":  # one child line stands for both parents' relations
        for rel in data.relations:
            if (
                rel.kind is RelationKind.PARENT_CHILD
                and rel.id not in told
                and rel.source in names
                and rel.target in names
            ):
                told.add(rel.id)
                pair = _word("and", lang).format(a=names[rel.source], b=names[rel.target])
                said.append(f"{pair}: {_relation_words(rel, None, lang)}.")
    if said:
        sentences.append(_word("relations", lang))
        sentences += said
    return sentences


__all__ = ["describe"]
