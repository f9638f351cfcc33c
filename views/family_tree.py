"""A family tree (GEDCOM) brought in on a page: read once, and for a large tree the part to keep.

The cases page and the genogram page both take GEDCOM uploads; both use::

    tree = read_uploaded_tree(upload, notices)  # parsed once per file, not on every rerun
    tree = choose_part(tree, key="cases") # > gedcom.LARGE people: around whom, how far

A genogram reads well up to about :data:`mapping.formats.gedcom.LARGE` people; a
genealogy file of thousands would take many seconds on every drawing, so
the user picks a person and a number of generations (that person becomes
the index person), or explicitly takes the whole tree.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import CaseData
from mapping.formats import gedcom
from mapping.formats.importers import gedcom_bytes, tidy
from views.i18n import _
from views.state import current_lang

_PARSED = "casemap_tree"  # the last family tree read (see read_once)


def read_once(upload, slot: str, read, spinner: str, notices: list | None = None):
    """What ``read(content, notices)`` makes of an uploaded file, read once per file.

    The page reruns on every click while the file stays uploaded; the result
    (or the refusal, raised again) is kept in ``st.session_state[slot]`` by
    the file's name and content. What the reader left out is appended to
    ``notices`` on every call, also when the read was kept.
    """
    content = upload.getvalue()
    key = (upload.name, hashlib.sha256(content).hexdigest())
    cached = st.session_state.get(slot)
    if not (cached and cached[0] == key):
        found: list = []
        try:
            with st.spinner(spinner):
                data = read(content, found)
        except CasemapError as err:  # a refused file is not read again either
            data = err
        cached = st.session_state[slot] = (key, data, found)
    if isinstance(cached[1], CasemapError):
        raise cached[1]
    if notices is not None:
        notices += cached[2]
    return cached[1]


def read_uploaded_tree(upload, notices: list | None = None) -> CaseData:
    """The uploaded GEDCOM file as CaseData (tidied), parsed once per file content.

    What the reader left out (links to records the file does not hold) is
    appended to ``notices`` on every call, also when the parse was kept.
    Raises InvalidInput (with a Dutch message) for a file the reader refuses.
    """

    def read(content: bytes, found: list) -> CaseData:
        text = gedcom_bytes(upload.name, content, found)
        return tidy(gedcom.read_gedcom(text, title=Path(upload.name).stem, notices=found), found)

    # about a second per MB
    return read_once(upload, _PARSED, read, _("Stamboom lezen…"), notices)


def _person_label(person) -> str:
    """'Lewis Anderson Garner (ca. 1850, @I12@)': name, birth year and GEDCOM code."""
    return gedcom.person_line(person, current_lang())


def _pick_person(data: CaseData, people: list, key: str) -> str:
    """A search field and a pick list: the id of the person the part is around.

    The search takes any part of a name (case and accents aside, every word
    must occur) or a GEDCOM code (@I12@ or I12), as ``casemap import --around``
    does; the pick list holds the people it fits, with birth year and code.
    """
    query = st.text_input(
        _("Zoek persoon"),
        key=f"{key}_tree_search",
        placeholder=_("naam of deel van de naam, of GEDCOM-code (@I12@)"),
    )
    found = gedcom.find_people(data, query) if query.strip() else people
    if query.strip() and not found:  # the caller shows it, and nothing can be imported
        raise InvalidInput(
            "Niemand in het bestand past bij '{query}'. Zoek op een deel van de naam of op "
            "de GEDCOM-code (bijv. @I12@).",
            query=query.strip(),
        )
    if query.strip() and len(found) > 1:
        st.caption(_("{n} personen passen bij de zoekopdracht; kies er één.").format(n=len(found)))
    labels = {e.id: _person_label(e) for e in found}
    return st.selectbox(
        _("Rond persoon"), list(labels), format_func=labels.get, key=f"{key}_tree_around"
    )


def choose_part(data: CaseData, *, key: str) -> CaseData:
    """``data`` itself for a small tree; for a large one the part the user chooses here.

    The person the part is around becomes the client (index person) of the
    new case, so every lens, the netwerkkaart too, has the person the help is for.
    """
    people = sorted((e for e in data.entities if e.is_person), key=lambda e: e.name.lower())
    st.caption(
        _("{people} personen en {families} gezinnen in het bestand.").format(
            people=len(people), families=gedcom.summary(data)["families"]
        )
    )
    if len(people) <= gedcom.LARGE:
        if not st.toggle(_("Alleen het deel rond één persoon"), key=f"{key}_tree_part"):
            return data
    else:
        st.warning(
            _(
                "Dit is een grote stamboom ({n} personen); een genogram is leesbaar tot zo'n "
                "{large}. Kies rond wie u importeert en hoeveel generaties, of neem bewust alles."
            ).format(n=len(people), large=gedcom.LARGE)
        )
    cols = st.columns([3, 1, 2], vertical_alignment="bottom")
    with cols[0]:
        around = _pick_person(data, people, key)
    depth = cols[1].number_input(
        _("Generaties"), min_value=1, max_value=6, value=2, key=f"{key}_tree_generations"
    )
    if len(people) > gedcom.LARGE and cols[2].toggle(
        _("Toch de hele stamboom"), key=f"{key}_tree_all"
    ):
        return data
    return gedcom.around_person(data, around, int(depth))


__all__ = ["choose_part", "read_once", "read_uploaded_tree"]
