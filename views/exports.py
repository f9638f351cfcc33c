"""The export panel every map page shares: format, switches, make, download.

A page says what it exports and how the bytes are made; the panel does the
rest the same way everywhere::

    export_panel(
        "eco",
        "ecogram",
        lambda fmt, dpi, switches: export_lens(data, Lens.ECOGRAM, fmt, dpi=dpi, **switches),
        case_code=case.code,
    )

``switches`` holds the switches the panel shows (``pseudonymise`` and
``hide_notes`` by default); pseudonyms are off until the user turns them on
on this page (switched on in meeting mode they stay there). With pseudonyms
on it also holds ``export_code``: a code made for this one file, which its
caption carries instead of the case code, and so does its name
(``PS-7KQ3MX-ecogram-pseudoniem.svg`` instead of ``DEMO-001-ecogram.svg``).
The made file is kept until the choice changes,
so the download button survives the rerun a click on it causes; ``context``
names whatever else the file depends on (e.g. the ego of a netwerkkaart),
so a file made for one ego is never offered for another. The open case, its
revision, the language and the author are always part of that choice: a
file made for another case or an earlier state is never offered.

A map of a lens (``what`` genogram, ecogram or netwerkkaart, or ``lens=``
given) also gets the paper choices (:mod:`mapping.render.paper`): for a PDF the
paper (A3 or A4) and its orientation, A3 landscape for a genogram and A4
landscape for the others to start with; for a PNG what to do when the
picture is larger than a PNG can be ("verkleinen" or "in tegels", a zip).
They reach ``make`` in ``switches`` as ``paper``, ``orientation``,
``png_mode`` and ``notices`` (a list :func:`mapping.services.export.export_lens`
appends its notices to), and what the notices say is shown with the
download.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from mapping.access import Action, GuardedStore
from mapping.core.errors import CasemapError
from views import state
from views.i18n import _
from views.shell import show_error

#: choice -> (file extension, dpi, mime type)
FORMATS = {
    "svg": ("svg", 96, "image/svg+xml"),
    "png": ("png", 96, "image/png"),
    "png300": ("png", 300, "image/png"),
    "pdf": ("pdf", 96, "application/pdf"),
}


def format_title(choice: str) -> str:
    return {
        "svg": "SVG",
        "png": _("PNG (scherm)"),
        "png300": _("PNG (afdrukken, 300 dpi)"),
        "pdf": _("PDF (vector)"),
    }[choice]


#: what the panel exports -> the lens whose map goes on paper
PAPER_LENSES = {"genogram": "genogram", "ecogram": "ecogram", "netwerkkaart": "sociogram"}


def paper_title(choice: str) -> str:
    return {"a3": "A3", "a4": "A4", "landscape": _("liggend"), "portrait": _("staand")}[choice]


def png_mode_title(choice: str) -> str:
    return {"verkleinen": _("verkleinen tot het past"), "tegels": _("in tegels (zip)")}[choice]


def _layout_choices(key: str, lens: str, choice: str, cols) -> dict[str, str]:
    """Paper and orientation for a PDF, or what to do with a too large PNG; {} for SVG."""
    from mapping.render.paper import PNG_MODES, default_paper

    if choice == "pdf":
        paper, orientation = default_paper(lens)
        papers, turns = ["a3", "a4"], ["landscape", "portrait"]
        return {
            "paper": cols[0].selectbox(
                _("Papier"), papers, index=papers.index(paper), format_func=paper_title,
                key=f"{key}_paper",
            ),
            "orientation": cols[1].selectbox(
                _("Stand"), turns, index=turns.index(orientation), format_func=paper_title,
                key=f"{key}_orientation",
            ),
        }  # fmt: skip
    if choice.startswith("png"):
        return {
            "png_mode": cols[0].selectbox(
                _("Groter dan een PNG kan zijn"), list(PNG_MODES), format_func=png_mode_title,
                key=f"{key}_png_mode",
                help=_(
                    "Een heel grote kaart past niet in één PNG: verkleinen maakt de namen "
                    "kleiner (de melding zegt hoe klein), tegels houden ze leesbaar."
                ),
            )
        }  # fmt: skip
    return {}


def _switch_titles() -> dict[str, str]:
    return {
        "pseudonymise": _("Pseudoniemen in plaats van namen"),
        "hide_notes": _("Notities weglaten"),
    }


def export_panel(
    key: str,
    what: str,
    make: Callable[[str, int, dict[str, bool | str]], bytes],
    *,
    case_code: str,
    switches: Sequence[str] = ("pseudonymise", "hide_notes"),
    context: tuple = (),
    lens: str | None = None,
) -> None:
    """Format choice, the switches, a 'Maken' button and the download of the made file.

    The file is called ``{case_code}-{what}``; a pseudonymised one
    ``{export code}-{what}-pseudoniem``; PNG tiles ``...-tegels.zip``.
    ``lens`` names the lens whose map this is (for the paper choices);
    by default it follows from ``what`` (:data:`PAPER_LENSES`), and the
    balance figure has none.
    """
    lens = lens if lens is not None else PAPER_LENSES.get(what, "")
    aids = state.meeting_aids()
    titles = _switch_titles()
    cols = st.columns([2, *([2] * len(switches)), 1], vertical_alignment="bottom")
    choice = cols[0].selectbox(
        _("Formaat"), list(FORMATS), format_func=format_title, key=f"{key}_format"
    )
    # notes hidden on the map stay hidden in its file; pseudonyms start off on every page
    # (meeting mode's never decide a file here, nor its name)
    chosen = {
        name: col.toggle(
            titles[name],
            value=name != "pseudonymise" and bool(aids.get(name, False)),
            key=f"{key}_{name}",
        )
        for name, col in zip(switches, cols[1:], strict=False)
    }
    layout = _layout_choices(key, lens, choice, st.columns(3)) if lens and choice != "svg" else {}
    # the file shows the case as it was when made: another case, a later change, another
    # language or author makes it stale, and it is never offered under this case's name
    case_id = state.open_case_id()
    made_of = (case_id, state.shown_revision(case_id), state.current_lang(), state.author())
    wanted = (
        choice,
        tuple(sorted(chosen.items())),
        tuple(sorted(layout.items())),
        context,
        made_of,
    )
    blob_key, name_key = f"{key}_export_blob", f"{key}_export_name"
    if cols[-1].button(_("Maken"), key=f"{key}_export"):
        fmt, dpi, _mime = FORMATS[choice]
        given: dict = dict(chosen)
        notices: list = []
        if lens:
            given.update(layout, notices=notices)
        stem, code = f"{case_code}-{what}", ""
        if chosen.get("pseudonymise"):
            from mapping.services.pseudonym import export_code

            # a code of this file alone, in its caption and its name: nothing in the file
            # leads to the case; only the access log, kept apart, says whose it was
            given["export_code"] = code = export_code()
            stem = f"{code}-{what}"
        suffix = ("-300dpi" if dpi == 300 else "") + ("-pseudoniem" if code else "")
        try:
            with state.store() as store:  # the access module checks and logs the export
                store.grant(
                    case_id,
                    Action.EXPORT,
                    part=f"{state.part()}: {choice}",
                    detail=f"pseudoniem: {code}" if code else "",
                )
            made = make(fmt, dpi, given)
            zipped = made[:4] == b"PK\x03\x04"  # the tiles of a PNG too large for one picture
            st.session_state[blob_key] = (wanted, made, tuple(notices), zipped)
            st.session_state[name_key] = (
                f"{stem}{suffix}-tegels.zip" if zipped else f"{stem}{suffix}.{fmt}"
            )
        except CasemapError as err:
            show_error(err)
    ready = st.session_state.get(blob_key)
    if ready and ready[0] == wanted and name_key in st.session_state:
        _fmt, _dpi, mime = FORMATS[choice]
        for notice in ready[2]:  # tiled sheets, a smaller picture and its name size
            st.info(notice.message(state.current_lang()))
        st.download_button(
            _("Download {fmt}").format(
                fmt=_("ZIP met tegels") if ready[3] else format_title(choice)
            ),
            ready[1],
            file_name=st.session_state[name_key],
            mime="application/zip" if ready[3] else mime,
            key=f"{key}_download",
        )


def granted(
    make: Callable[[GuardedStore], bytes | str], what: str, action: Action = Action.EXPORT
) -> Callable[[], bytes | str]:
    """``make`` as a download button's data, made only when clicked and only if allowed.

    The access module checks the open case and logs the download (``what``
    names it in the log) at the moment of the click; the file is never sent
    to the browser before::

        st.download_button(_("Exporteren (JSON)"),
                           granted(lambda store: dump_case(store.load(case.id)), "JSON"),
                           on_click="ignore", ...)

    ``on_click="ignore"``: a click that also reran the page would register the
    file anew under another id while the browser still asks for the old one; on a
    busy server the button then stayed disabled, waiting, and no file came (#16).
    """
    # captured now: the click is served outside this script run
    case_id, who, seen = state.open_case_id(), state.principal(), state.logged_views()
    path, part = state.db_path(), state.part()

    def made() -> bytes | str:
        with GuardedStore(path, who, part=part, seen=seen) as store:
            store.grant(case_id, action, part=f"{part}: {what}")
            return make(store)

    return made


__all__ = ["FORMATS", "PAPER_LENSES", "export_panel", "format_title", "granted", "paper_title"]
