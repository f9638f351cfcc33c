"""The inzage document (AVG art. 15) as a Dutch A4 PDF, for the person who asked.

Made from the document :func:`mapping.services.subject.gather` returns, so the JSON
and the PDF say the same: a cover, then per case where the person was found
a table of what is held about them (record, relations, balance, plan,
mentions in free text, history, snapshots) and a table of the case's access
log. The pages and tables are those of the dossier report
(:mod:`mapping.services.report`).

    pdf = build_subject_pdf(gather(store, "Daan Bakker"))
"""

from __future__ import annotations

import io
from typing import Any

from mapping.core.codec import from_record
from mapping.core.errors import RenderError
from mapping.core.model import (
    Action,
    Case,
    CaseData,
    Entity,
    Factor,
    Goal,
    Monitoring,
    Relation,
    qualifier_parts,
)
from mapping.core.vocabulary import DateQualifier, Lens, label
from mapping.services.report import (
    MARGIN,
    PAGE_W,
    Cell,
    Page,
    _page_svg,
    _para,
    _table_pages,
    _text,
    _wrapped,
)

TITLE = "Inzage persoonsgegevens (AVG artikel 15)"
#: The footer of every page (the dossier report puts a case code there).
FOOTER = "Inzage AVG art. 15"

#: The person's fields in the order shown, with their Dutch names.
_PERSON_FIELDS = {
    "name": "Naam",
    "sex": "Geslacht",
    "birth": "Geboren",
    "death": "Overleden",
    "deceased": "Overleden (datum onbekend)",
    "birth_status": "Geboorte",
    "index_person": "Hulpvrager (indexpersoon)",
    "household": "Hoort bij het huishouden",
    "role": "Rol",
    "occupation": "Beroep",
    "conditions": "Aandoeningen",
    "annotation": "Aantekening",
    "note": "Notitie",
}
_LOG_HEADERS = [
    "Tijdstip (UTC)",
    "Gebruiker",
    "Rol",
    "Handeling",
    "Onderdeel",
    "Uitkomst",
    "Toelichting",
]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else ""
    if isinstance(value, tuple):
        return ", ".join(_value(v) for v in value)
    if hasattr(value, "value"):  # a vocabulary value
        return label(value)
    return str(value)


def _dated(text: str, qualifier: str) -> str:
    """A stored date with the words that say how exact it is ("vóór 1828-03")."""
    kind, until = qualifier_parts(qualifier)
    if not text or kind is None:
        return text
    if kind is DateQualifier.BETWEEN:
        return f"{label(kind)} {text} en {until}" if until else text
    return f"{label(kind)} {text}"


def _row(heading: str, *paragraphs: str, first: bool = True) -> list[Cell]:
    lines = [_para(p, 9) for p in paragraphs if p] or [_para("—", 9)]
    return [[_para(heading, 9, "bold")] if first else [], lines]


def _section(heading: str, items: list[list[str]], empty: str) -> list[list[Cell]]:
    """One row per item (paragraphs), the heading on the first; ``empty`` when there are none."""
    if not items:
        return [_row(heading, empty)]
    return [_row(heading, *item, first=n == 0) for n, item in enumerate(items)]


def _person_rows(entity: Entity) -> list[list[str]]:
    shown = []
    for name, heading in _PERSON_FIELDS.items():
        value = _value(getattr(entity, name))
        if name in ("birth", "death"):
            value = _dated(value, getattr(entity, f"{name}_qualifier"))
        if name == "birth_status" and value == "geboren":
            continue
        if value:
            shown.append(f"{heading}: {value}")
    return [shown]


def _relation_rows(records: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for record in records:
        relation = from_record(Relation, record)
        period = " – ".join(
            d
            for d in (
                _dated(relation.start, relation.start_qualifier),
                _dated(relation.end, relation.end_qualifier),
            )
            if d
        )
        details = [d for d in (relation.label, period, _value(relation.support)) if d]
        rows.append(
            [
                record.get("label_nl", "") + (f" ({'; '.join(details)})" if details else ""),
                f"notitie: {relation.note}" if relation.note else "",
            ]
        )
    return rows


def _plan_rows(section: dict[str, Any]) -> list[list[Cell]]:
    factors = [from_record(Factor, r) for r in section["factors"]]
    goals = [from_record(Goal, r) for r in section["goals"]]
    actions = [from_record(Action, r) for r in section["actions"]]
    scores = [from_record(Monitoring, r) for r in section["monitoring"]]
    rows = _section(
        "Balans: factoren",
        [[f"{label(f.side)}, {label(f.level)}: {f.description}"] for f in factors],
        "geen",
    )
    rows += _section(
        "Plan: doelen",
        [
            [f"{g.title} ({label(g.status)}, {label(g.term)})", g.result and f"beoogd: {g.result}"]
            for g in goals
        ],
        "geen",
    )
    rows += _section(
        "Plan: acties",
        [
            [
                a.what + (" ✓" if a.done else ""),
                "; ".join(d for d in (a.where, a.when, a.how, a.aim and f"doel: {a.aim}") if d),
            ]
            for a in actions
        ],
        "geen",
    )
    rows += _section(
        "Monitoring",
        [[f"{m.date}: score {m.score} ({m.scale})", m.note] for m in scores],
        "geen",
    )
    return rows


def _snapshot_rows(snapshots: list[dict[str, Any]]) -> list[list[Cell]]:
    items = []
    for snap in snapshots:
        head = f"{snap['label']} ({snap['taken']}): "
        if not snap["present"]:
            items.append([head + "niet in deze momentopname"])
            continue
        then = from_record(Entity, snap["person"])
        counts = ", ".join(
            f"{len(snap[key])} {word}"
            for key, word in (
                ("relations", "relaties"),
                ("factors", "factoren"),
                ("goals", "doelen"),
                ("actions", "acties"),
            )
        )
        items.append([head + f"vastgelegd als {then.name}; {counts}"])
    return _section("Momentopnamen", items, "geen momentopnamen van deze casus")


def _match_pages(match: dict[str, Any]) -> list[Page]:
    case, section = match["case"], match
    entity = from_record(Entity, section["person"])
    rows = [
        _row(
            "Casus",
            f"{case['code']} · {case['title']}",
            f"casemanager: {case['casemanager'] or '—'}",
        )
    ]
    rows += _section("Persoon", _person_rows(entity), "")
    rows += _section("Relaties", _relation_rows(section["relations"]), "geen")
    if section["positions"]:
        lenses = sorted({label(Lens(p["lens"])) for p in section["positions"]})
        rows.append(_row("Posities op de kaarten", ", ".join(lenses)))
    rows += _plan_rows(section)
    rows += _section(
        "Genoemd in vrije tekst",
        [[f"{m['where']}: {m['text']}"] for m in section["mentions"]],
        "nergens anders",
    )
    rows += _section(
        "Historie van wijzigingen",
        [
            [f"{h['at'][:16].replace('T', ' ')} {h['author']}: {h['summary']}"]
            for h in section["history"]
        ],
        "geen regels met de naam",
    )
    rows += _snapshot_rows(section["snapshots"])
    title = f"{entity.name} in casus {case['code']}"
    pages = _table_pages(title, ["Onderdeel", "Gegevens"], [170, 590], rows, empty="")
    log_rows = [
        [
            [_para(line["at"][:19].replace("T", " "), 8)],
            *([_para(line[key], 8)] for key in ("user", "role", "action", "part", "outcome")),
            [_para(line["detail"], 8)],
        ]
        for line in section["access_log"]
    ]
    pages += _table_pages(
        f"Toegangslog van casus {case['code']}: wie zag of wijzigde het dossier",
        _LOG_HEADERS,
        [95, 150, 75, 75, 110, 55, 200],
        log_rows,
        empty="Geen regels in het toegangslog.",
    )
    return pages


def _cover(document: dict[str, Any]) -> Page:
    matches = document["matches"]
    codes = ", ".join(m["case"]["code"] for m in matches)
    body = [_text(PAGE_W / 2, 150, "Inzage persoonsgegevens", 24, "bold", "middle")]
    body.append(_text(PAGE_W / 2, 176, "AVG artikel 15", 14, anchor="middle"))
    y = 240.0
    for key, value in (
        ("Gevraagd voor", document["query"]),
        ("Datum", document["made"]),
        ("Gemaakt door", document["author"] or "—"),
        ("Gevonden in", f"{len(matches)} casus(sen): {codes}"),
    ):
        body.append(_text(MARGIN + 40, y, key, 12, "bold"))
        lines, after = _wrapped(MARGIN + 170, y, value, 48, 12)
        body += lines
        y = after + 24 - 12 * 1.35
    notes = [
        "Dit overzicht bevat wat casemap over deze persoon bewaart: de gegevens, relaties, "
        "balans en plan, vermeldingen in vrije tekst, de historie, de momentopnamen en het "
        "toegangslog (wie het dossier zag of wijzigde)."
    ]
    if len(matches) > 1:
        notes.append(
            "Let op: de persoon is in meer dan één casus gevonden. Controleer of het om "
            "dezelfde persoon gaat voordat u dit overzicht verstrekt."
        )
    notes.append("Vertrouwelijk: alleen voor de persoon zelf en het cliëntdossier.")
    y += 20
    for note in notes:
        lines, y = _wrapped(MARGIN + 40, y, note, 80)
        body += lines
        y += 10
    return Page(TITLE, body)


def build_subject_pdf(document: dict[str, Any]) -> bytes:
    """The inzage document as PDF bytes (A4, Dutch, page numbers)."""
    from pypdf import PdfReader, PdfWriter

    from mapping.services.export import svg_to_pdf

    pages = [_cover(document)]
    for match in document["matches"]:
        pages += _match_pages(match)
    footer = CaseData(Case(id="", code=FOOTER, title=""))
    writer = PdfWriter()
    for n, page in enumerate(pages, start=1):
        pdf = svg_to_pdf(_page_svg(page, n, len(pages), footer, "nl"))
        for pdf_page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(pdf_page)
    writer.add_metadata({"/Title": TITLE, "/Producer": "casemap"})
    out = io.BytesIO()
    writer.write(out)
    result = out.getvalue()
    if not result.startswith(b"%PDF"):
        raise RenderError(
            "Het inzageoverzicht kon niet worden gemaakt.",
        )
    return result


__all__ = ["build_subject_pdf"]
