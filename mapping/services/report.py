"""The dossier report: one A4 PDF per case, built from the same Drawings as the screen.

Every page is an A4 SVG (the lens images nested in it as vector graphics)
turned into PDF by :func:`mapping.services.export.svg_to_pdf`; the pages are joined
with pypdf. A map too large for one A4 page with names of at least 7 pt is
placed as the export places it (:mod:`mapping.render.paper`): an overview and
tiled A4 landscape sheets, each also carrying the report's page number. Contents: a cover, the genogram, the ecogram, the netwerkkaart of
every person who has one, the balance, the plan as a table with status, the
open referrals (when there are any) with how long they wait, and optionally
the changes since an earlier snapshot.

    pdf = build_report(data, lang="nl", pseudonymise=True)
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from mapping.core.errors import RenderError
from mapping.core.i18n import N_, translate
from mapping.core.model import CaseData
from mapping.core.vocabulary import Lens, label

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 42.0
LINE = 14.0

#: The report's own words (Dutch message ids; English in the catalogs, context 'report').
TEXTS = {
    "report": N_("Dossierrapport"),
    "case": N_("Casus"),
    "casemanager": N_("Casemanager"),
    "date": N_("Datum"),
    "author": N_("Gemaakt door"),
    "phase": N_("Fase"),
    "consent": N_("Toestemming"),
    "yes": N_("vastgelegd"),
    "no": N_("niet vastgelegd"),
    "snapshot": N_("Momentopname"),
    "working": N_("werkversie"),
    "pseudo": N_(
        "Gepseudonimiseerd: namen zijn vervangen door rollen en leeftijden door "
        "leeftijdsklassen; de casuscode is alleen voor dit rapport gemaakt."
    ),
    "page": N_("Pagina {n} van {total}"),
    "sociogram_of": N_("Netwerkkaart van {name}"),
    "balance": N_("Balans: draagkracht en draaglast"),
    "plan": N_("Plan: doelen en acties"),
    "changes": N_("Veranderingen sinds {label}"),
    "no_changes": N_("Geen verschillen."),
    "change_what": N_("Wat er veranderde"),
    "change_figures": N_("Toen → nu"),
    "contents": N_("Inhoud"),
    "confidential": N_("Vertrouwelijk: alleen voor het cliëntdossier."),
}


def t(key: str, lang: str) -> str:
    """The report's word ``key`` in ``lang``."""
    return translate(TEXTS[key], lang, context="report")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def esc(text: object) -> str:
    """XML-escape text for the report pages (also quotes, minus illegal control characters)."""
    from xml.sax.saxutils import escape

    return escape(_CONTROL.sub("", str(text)), {'"': "&quot;", "'": "&apos;"})


@dataclass
class Page:
    title: str
    body: list[str]  # SVG fragments in page coordinates
    landscape: bool = False  # maps are wider than high: they get an A4 landscape page

    @property
    def size(self) -> tuple[float, float]:
        return (PAGE_H, PAGE_W) if self.landscape else (PAGE_W, PAGE_H)


def _text(
    x: float,
    y: float,
    text: str,
    size: float = 10,
    weight: str = "normal",
    anchor: str = "start",
    color: str = "#222",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" fill="{esc(color)}">{esc(text)}</text>'
    )


def _wrapped(
    x: float, y: float, text: str, width_chars: int, size: float = 10
) -> tuple[list[str], float]:
    parts = []
    for line in textwrap.wrap(str(text), width_chars) or [""]:
        parts.append(_text(x, y, line, size))
        y += size * 1.35
    return parts, y


def _embed(svg: str, x: float, y: float, w: float, h: float) -> str:
    """Nest a standalone SVG document in a box of the page, keeping its aspect ratio."""
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg).strip()
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg).strip()
    head_end = svg.index(">")
    head = svg[:head_end]
    head = re.sub(r'\s(width|height|x|y|preserveAspectRatio)="[^"]*"', "", head)
    head += f' x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" preserveAspectRatio="xMidYMin meet"'
    return head + svg[head_end:]


def _lens_page(title: str, svg: str) -> Page:
    page = Page(title, [], landscape=True)
    width, height = page.size
    top = MARGIN + 30
    page.body.append(_embed(svg, MARGIN, top, width - 2 * MARGIN, height - top - MARGIN - 12))
    return page


def _readable_on_a_page(svg: str) -> bool:
    """Whether the map's names stay at least 7 pt when it is fitted into a report page."""
    from mapping.render.paper import MIN_NAME_PT, PX_PT, name_size_px, svg_size_px

    width, height = PAGE_H, PAGE_W  # landscape
    top = MARGIN + 30
    box_w, box_h = width - 2 * MARGIN, height - top - MARGIN - 12
    map_w, map_h = svg_size_px(svg)
    scale = min(box_w / map_w, box_h / map_h)  # pt per px, as _embed fits it
    return name_size_px(svg) * scale >= MIN_NAME_PT - 1e-9 or scale >= PX_PT


@dataclass
class Sheets:
    """Pages made elsewhere (a tiled map, as PDF), placed in the report as they are."""

    title: str
    pdf: bytes
    count: int


def _map_pages(title: str, drawing, options, data: CaseData, lang: str) -> Page | Sheets:
    """A lens on one report page, or, when its names would shrink below 7 pt there, on tiled
    A4 landscape sheets with an overview (:func:`mapping.render.paper.print_pdf`)."""
    from mapping.core.drawing import Caption
    from mapping.render.paper import print_pdf
    from mapping.render.svg import render_svg

    svg = render_svg(drawing, options)
    if _readable_on_a_page(svg):
        return _lens_page(title, svg)
    drawing.caption = Caption(
        title=title, case_code=data.case.code, date=date.today().isoformat(), lens=drawing.lens
    )
    made = print_pdf(drawing, options, paper="a4", orientation="landscape", lang=lang)
    return Sheets(title, made.data, made.plan.pages)


def _number_overlay(n: int, total: int, size: tuple[float, float], lang: str) -> bytes:
    """A transparent page with only the report's page number, to lay over a tiled sheet."""
    from mapping.services.export import svg_to_pdf

    width, height = size
    return svg_to_pdf(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width / 0.75:.2f}" '
        f'height="{height / 0.75:.2f}" viewBox="0 0 {width:.2f} {height:.2f}">'
        + _text(width / 2, height - 9, t("page", lang).format(n=n, total=total), 7, anchor="middle")
        + "</svg>"
    )


def _cover(data: CaseData, lang: str, snapshot: str, pseudonymised: bool, author: str) -> Page:
    """The cover; a pseudonymised one names no casemanager and no author (``data`` is the copy)."""
    case = data.case
    y = 200.0
    body = [_text(PAGE_W / 2, 150, t("report", lang), 26, "bold", "middle")]
    people = [
        (t("casemanager", lang), case.casemanager or "—"),
        (t("author", lang), author or "—"),
    ]
    rows = [
        (t("case", lang), case.code if pseudonymised else f"{case.code} · {case.title}"),
        *([] if pseudonymised else people),
        (t("date", lang), date.today().isoformat()),
        (t("phase", lang), label(case.phase, lang)),
        (
            t("consent", lang),
            t("yes", lang) + (f" ({case.consent_date})" if case.consent_date else "")
            if case.consent
            else t("no", lang),
        ),
        (t("snapshot", lang), snapshot or t("working", lang)),
    ]
    for key, value in rows:
        body.append(_text(MARGIN + 60, y, key, 12, "bold"))
        body.append(_text(MARGIN + 200, y, value, 12))
        y += 24
    y += 20
    if pseudonymised:
        lines, y = _wrapped(MARGIN + 60, y, t("pseudo", lang), 70, 11)
        body += lines
        y += 6
    body.append(_text(MARGIN + 60, y, t("confidential", lang), 10))
    return Page(t("report", lang), body)


# ----------------------------------------------------------------- tables
#: A cell is paragraphs of (text, size, weight, colour); a row is one cell per column.
Para = tuple[str, float, str, str]
Cell = list[Para]
ROW_PAD = 5.0
BOTTOM = MARGIN + 26  # room kept free above the footer


def _para(text: object, size: float = 9, weight: str = "normal", color: str = "#222") -> Para:
    return (str(text), size, weight, color)


def _cell_lines(cell: Cell, width: float) -> list[Para]:
    """The cell's paragraphs wrapped to ``width`` points (DejaVu Sans averages 0.6 em)."""
    lines: list[Para] = []
    for text, size, weight, color in cell:
        chars = max(6, int((width - 2 * ROW_PAD) / (size * 0.6)))
        for line in textwrap.wrap(text, chars, break_on_hyphens=False) or [""]:
            lines.append((line, size, weight, color))
    return lines


def _lines_height(lines: list[Para]) -> float:
    return sum(size * 1.3 for _, size, _, _ in lines)


def _table_pages(
    title: str, headers: list[str], widths: list[float], rows: list[list[Cell]], *, empty: str
) -> list[Page]:
    """Rows under a repeated header row on as many A4 landscape pages as they need.

    A row that does not fit on the rest of a page starts a new page; a row
    taller than a whole page continues on the next one. Nothing is cut off.
    """
    width, height = PAGE_H, PAGE_W  # landscape
    scale = (width - 2 * MARGIN) / sum(widths)
    widths = [w * scale for w in widths]
    header_lines = [
        _cell_lines([_para(h, 9, "bold")], w) for h, w in zip(headers, widths, strict=True)
    ]
    header_h = max(_lines_height(lines) for lines in header_lines) + 2 * ROW_PAD
    top = MARGIN + 34
    pages: list[Page] = []
    body: list[str] = []
    y = top

    def new_page() -> None:
        nonlocal body, y
        if body:
            pages.append(Page(title, body, landscape=True))
        body, y = [], top
        body.append(
            f'<rect x="{MARGIN}" y="{y:.1f}" width="{width - 2 * MARGIN:.1f}" '
            f'height="{header_h:.1f}" fill="#eeeeee"/>'
        )
        _draw_row(header_lines, y)
        y += header_h

    def _draw_row(cells: list[list[Para]], y0: float) -> None:
        x = MARGIN
        for lines, w in zip(cells, widths, strict=True):
            ty = y0 + ROW_PAD
            for text, size, weight, color in lines:
                ty += size * 1.3
                body.append(_text(x + ROW_PAD, ty - size * 0.3, text, size, weight, color=color))
            x += w

    new_page()
    if not rows:
        body.append(_text(MARGIN + ROW_PAD, y + 18, empty, 10))
    for row in rows:
        cells = [_cell_lines(cell, w) for cell, w in zip(row, widths, strict=True)]
        while True:
            room = height - BOTTOM - y - 2 * ROW_PAD
            needed = max(_lines_height(lines) for lines in cells)
            if needed > room and y > top + header_h + 1 and needed <= height - BOTTOM - top:
                new_page()  # the row fits on a fresh page: start one
                continue
            now, later = [], []
            for lines in cells:  # what fits here; the rest goes on the next page
                kept: list[Para] = []
                for line in lines:
                    if _lines_height([*kept, line]) > room:
                        break
                    kept.append(line)
                now.append(kept)
                later.append(lines[len(kept) :])
            row_h = max(_lines_height(lines) for lines in now) + 2 * ROW_PAD
            _draw_row(now, y)
            y += row_h
            body.append(
                f'<line x1="{MARGIN}" y1="{y:.1f}" x2="{width - MARGIN}" y2="{y:.1f}" '
                'stroke="#bbbbbb"/>'
            )
            if not any(later):
                break
            cells = later
            new_page()
    pages.append(Page(title, body, landscape=True))
    return pages


_PLAN_HEADERS = {
    "goal": N_("Doel"),
    "status": N_("Status"),
    "factors": N_("Factoren"),
    "actions": N_("Acties: wie, wat, waar, wanneer, hoe"),
    "hours": N_("Uren"),
    "evaluation": N_("Evaluatie en score"),
    "empty": N_("Nog geen doelen in het plan."),
    "whose": N_("van {owner}"),
    "aim": N_("beoogd: {result}"),
    "scores": N_("scores ({scale}):"),
}


def _plan_pages(data: CaseData, lang: str) -> list[Page]:
    """The plan as a table: one row per goal (subgoals indented), every action on its line."""
    from mapping.services.plan import (
        action_text,
        actions_of,
        goal_tree,
        hours_text,
        monitoring_history,
        owner_name,
    )

    def word(key: str) -> str:
        return translate(_PLAN_HEADERS[key], lang, context="report")

    factors = {f.id: f for f in data.factors}
    rows: list[list[Cell]] = []
    for goal, depth in goal_tree(data):
        indent = "    " * depth + ("↳ " if depth else "")
        about = [word("whose").format(owner=owner_name(data, goal, lang)), label(goal.term, lang)]
        if goal.domain is not None:
            about.append(label(goal.domain, lang))
        goal_cell = [
            _para(indent + goal.title, 10, "bold"),
            _para(" · ".join(about), 8, color="#555"),
        ]
        if goal.result:
            goal_cell.append(_para(word("aim").format(result=goal.result), 8, color="#555"))
        actions = actions_of(data, goal.id)
        history = monitoring_history(data, goal.id)
        evaluation = [_para(", ".join(goal.evaluation_dates), 8)] if goal.evaluation_dates else []
        if history:
            evaluation.append(_para(word("scores").format(scale=history[-1].scale), 8, "bold"))
            evaluation += [_para(f"{m.date}: {m.score}", 8, color="#555") for m in history[-4:]]
        hours = sum(a.hours for a in actions)
        rows.append(
            [
                goal_cell,
                [_para(label(goal.status, lang), 9, "bold")],
                [_para("• " + factors[f].description, 8) for f in goal.factor_ids if f in factors],
                [_para("• " + action_text(data, a, lang), 8) for a in actions],
                [_para(hours_text(hours, lang), 9)] if actions else [],
                evaluation,
            ]
        )
    headers = [word(k) for k in ("goal", "status", "factors", "actions", "hours", "evaluation")]
    return _table_pages(
        t("plan", lang), headers, [180, 55, 135, 245, 30, 115], rows, empty=word("empty")
    )


_REFERRAL_HEADERS = {
    "title": N_("Open verwijzingen"),
    "org": N_("Organisatie"),
    "status": N_("Status"),
    "since": N_("Aangemeld op"),
    "waiting": N_("Wacht al"),
    "action": N_("Actie: wie, wat"),
}


def _referral_pages(data: CaseData, lang: str, kaart_names: Mapping[str, str] | None) -> list[Page]:
    """The referrals still waiting (aangemeld, wachtlijst, intake gepland), longest first.

    No page when there are none: a case without referrals gets the report it had.
    """
    from mapping.services.plan import actor_name, open_referrals, waiting_text

    waiting = open_referrals(data, kaart_names, lang=lang)
    if not waiting:
        return []

    def word(key: str) -> str:
        return translate(_REFERRAL_HEADERS[key], lang, context="report")

    rows: list[list[Cell]] = [
        [
            [_para(r.name, 10, "bold")],
            [_para(label(r.status, lang), 9)],
            [_para(r.action.referred_on or "—", 9)],
            [_para(waiting_text(r.days, lang), 9, "bold")],
            [_para(f"{actor_name(data, r.action, lang)}: {r.action.what}", 8)],
        ]
        for r in waiting
    ]
    headers = [word(k) for k in ("org", "status", "since", "waiting", "action")]
    return _table_pages(word("title"), headers, [200, 90, 80, 110, 280], rows, empty="")


def _changes_pages(old: CaseData, new: CaseData, since: str, lang: str) -> list[Page]:
    """The figures before and after, then every change in words, on as many pages as needed."""
    from mapping.services.compare import diff_cases, figures

    rows: list[list[Cell]] = [
        [[_para(en if lang == "en" else nl, 9)], [_para(f"{before} → {after}", 9, "bold")]]
        for nl, en, before, after in figures(old, new, lang=lang)
    ]
    texts = diff_cases(old, new).texts(lang) or [t("no_changes", lang)]
    rows += [[[_para("• " + line, 9)], []] for line in texts]
    headers = [t("change_what", lang), t("change_figures", lang)]
    return _table_pages(t("changes", lang).format(label=since), headers, [560, 200], rows, empty="")


def _page_svg(page: Page, n: int, total: int, data: CaseData, lang: str) -> str:
    footer = f"{data.case.code} · {date.today().isoformat()} · " + t("page", lang).format(
        n=n, total=total
    )
    width, height = page.size
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
        f'viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="white"/>'
        + (_text(MARGIN, MARGIN + 16, page.title, 16, "bold") if n > 1 else "")
        + "".join(page.body)
        + f'<line x1="{MARGIN}" y1="{height - MARGIN + 4}" x2="{width - MARGIN}" '
        f'y2="{height - MARGIN + 4}" stroke="#999"/>'
        + _text(width - MARGIN, height - MARGIN + 18, footer, 8, anchor="end")
        + "</svg>"
    )


def build_report(
    data: CaseData,
    *,
    lang: str = "nl",
    pseudonymise: bool = False,
    snapshot_label: str = "",
    compare_with: CaseData | None = None,
    compare_label: str = "",
    author: str = "",
    export_code: str = "",
    kaart_names: Mapping[str, str] | None = None,
) -> bytes:
    """The dossier report as PDF bytes (A4, vector, page numbers).

    ``compare_with`` adds a page with the changes since that earlier state.
    With ``pseudonymise`` the case is pseudonymised before anything is drawn
    (:mod:`mapping.services.pseudonym`: roles for names, age bands for ages): the
    cover, every footer and the PDF's title carry ``export_code`` (a new
    random code when empty) instead of the case code; the case title, the
    casemanager and the author are left out; the snapshot labels, typed
    text that may name someone, become "momentopname 1" (the earlier state
    compared with) and "momentopname 2".

    Open referrals get a page after the plan, with how long each has been
    waiting. ``kaart_names`` (kaart id -> name, from the sociale kaart) names
    their organisations; without it (and always when pseudonymised, where
    systems lose their proper names) the system linked in the case does.
    """
    from pypdf import PdfReader, PdfWriter

    from mapping.lenses import draw
    from mapping.lenses.sociogram import egos
    from mapping.render.svg import RenderOptions, render_svg
    from mapping.services.balance import balance_drawing
    from mapping.services.export import svg_to_pdf

    if pseudonymise:
        from mapping.services.pseudonym import export_code as new_code
        from mapping.services.pseudonym import pseudonymise as pseudo
        from mapping.services.pseudonym import snapshot_label as numbered

        code = export_code or new_code()
        # opaque ids too: the demo's ids are first names, and ids travel inside the SVGs
        if compare_with is not None:
            compare_with = pseudo(compare_with, keep_ids=False, code=code)
            compare_label = numbered(1, lang)
        if snapshot_label:
            snapshot_label = numbered(1 if compare_with is None else 2, lang)
        data = pseudo(data, keep_ids=False, code=code)
    options = RenderOptions(lang=lang, caption=False, hide_notes=pseudonymise)

    def lens_pages(title: str, lens: Lens, ego: str = "") -> Page | Sheets:
        return _map_pages(title, draw(data, lens, ego=ego, lang=lang), options, data, lang)

    pages: list[Page | Sheets] = [_cover(data, lang, snapshot_label, pseudonymise, author)]
    pages.append(lens_pages(label(Lens.GENOGRAM, lang), Lens.GENOGRAM))
    pages.append(lens_pages(label(Lens.ECOGRAM, lang), Lens.ECOGRAM))
    names = data.entity_map()
    for ego in egos(data):
        title = t("sociogram_of", lang).format(name=names[ego].name if ego in names else ego)
        pages.append(lens_pages(title, Lens.SOCIOGRAM, ego))
    pages.append(
        _lens_page(t("balance", lang), render_svg(balance_drawing(data, lang=lang), options))
    )
    pages += _plan_pages(data, lang)
    pages += _referral_pages(data, lang, None if pseudonymise else kaart_names)
    if compare_with is not None:
        pages += _changes_pages(compare_with, data, compare_label, lang)

    writer = PdfWriter()
    total = sum(p.count if isinstance(p, Sheets) else 1 for p in pages)
    n = 0
    for page in pages:
        if isinstance(page, Sheets):  # a tiled map: its sheets, each with the report's number
            for sheet in PdfReader(io.BytesIO(page.pdf)).pages:
                n += 1
                box = (float(sheet.mediabox.width), float(sheet.mediabox.height))
                number = PdfReader(io.BytesIO(_number_overlay(n, total, box, lang))).pages[0]
                writer.add_page(sheet).merge_page(number)  # merged on the writer's copy
            continue
        n += 1
        pdf = svg_to_pdf(_page_svg(page, n, total, data, lang))
        for pdf_page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(pdf_page)
    writer.add_metadata({"/Title": f"{t('report', lang)} {data.case.code}", "/Producer": "casemap"})
    out = io.BytesIO()
    writer.write(out)
    result = out.getvalue()
    if not result.startswith(b"%PDF"):
        raise RenderError("Het rapport kon niet worden gemaakt.")
    return result
