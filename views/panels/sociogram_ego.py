"""One netwerkkaart as the page's parts see it: the case, ego, ego's members, and saving.

The page makes one :class:`EgoMap` per run and hands it to each panel; the
panels read from it and save through it, so that every click's records are
one revision and every save ends the same way (a message, a redraw).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st
from streamlit.errors import StreamlitAPIException

from mapping.core.errors import CasemapError
from mapping.core.model import CaseData, Entity, Relation
from mapping.core.vocabulary import RelationKind
from mapping.lenses.sociogram import Candidate, Member
from views import state
from views.i18n import _
from views.shell import show_error

FLASH = "socio_flash"  # the message of the last save, shown once above the map
PENDING = "socio_pending"  # (source, target) connected on the canvas, waiting for the form
TAB = "socio_tab"  # the open tab (a selection on the map opens its form)


def keys_of(prefix: str) -> tuple[str, ...]:
    """The session keys of one form's widgets, to forget them once it is saved or cancelled."""
    return tuple(k for k in st.session_state if isinstance(k, str) and k.startswith(prefix))


@dataclass
class EgoMap:
    """Ego's netwerkkaart in the open case, for one run of the page.

    ``members`` are placed (SUPPORT ties from ego), ``waiting`` are ego's
    ties from the case not placed yet, ``offered`` everyone the case offers
    as a new member (:func:`mapping.lenses.sociogram.candidates`).
    """

    data: CaseData
    store: object  # the guarded store of this session
    ego_id: str
    lang: str
    members: list[Member]
    waiting: list[Member]
    offered: list[Candidate]
    entities: dict[str, Entity] = field(init=False)
    member_ids: list[str] = field(init=False)
    waiting_ids: list[str] = field(init=False)
    relations_by_id: dict[str, Relation] = field(init=False)

    def __post_init__(self) -> None:
        self.entities = self.data.entity_map()
        self.member_ids = [m.entity.id for m in self.members]
        self.waiting_ids = [m.entity.id for m in self.waiting]
        self.relations_by_id = {r.id: r for r in self.data.relations}

    @property
    def ego(self) -> Entity:
        return self.entities[self.ego_id]

    def member(self, entity_id: str) -> Member | None:
        """The placed member ``entity_id``, or None."""
        return next((m for m in self.members if m.entity.id == entity_id), None)

    def name_of(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else "?"

    def is_ego_tie(self, rel: Relation) -> bool:
        """A placed member's SUPPORT tie from ego."""
        return (
            rel.kind is RelationKind.SUPPORT
            and rel.source == self.ego_id
            and rel.target in self.member_ids
        )

    def save_all(
        self, records: list, success: str, *, bump: str = "", forget: tuple[str, ...] = ()
    ) -> None:
        """Save what one click made as ONE revision (all or nothing), then redraw.

        ``bump`` names a counter in the session that is raised after a successful
        save, so the form built with it starts empty again; ``forget`` names
        session keys that only held unsaved input (a line drawn on the map).
        """
        case = self.data.case
        try:
            self.store.save_many(
                case.id, records, expected_revision=case.revision, author=state.author()
            )
        except CasemapError as err:
            show_error(err)
            return
        self._done(success, forget)
        if bump:
            st.session_state[bump] = st.session_state.get(bump, 0) + 1
        st.rerun()

    def delete_relation(
        self, relation_id: str, success: str, *, forget: tuple[str, ...] = ()
    ) -> None:
        case = self.data.case
        try:
            self.store.delete(
                case.id,
                "relation",
                relation_id,
                expected_revision=case.revision,
                author=state.author(),
            )
        except CasemapError as err:
            show_error(err)
            return
        self._done(success, forget)
        st.rerun()

    @staticmethod
    def _done(success: str, forget: tuple[str, ...]) -> None:
        st.session_state[FLASH] = success
        for key in forget:
            st.session_state.pop(key, None)


def tab_titles() -> dict[str, str]:
    """The page's tabs by name, in order, in the user's language."""
    return {
        "cand": _("Uit de casus"),
        "add": _("Lid toevoegen"),
        "edit": _("Relatie bewerken"),
        "knows": _("Kennen elkaar"),
        "exchange": _("Importeren en exporteren"),
    }


def open_member(member_id: str) -> None:
    """Show this member's tie form (and its plan details) in the edit tab."""
    st.session_state["socio_edit_member"] = member_id
    st.session_state[TAB] = tab_titles()["edit"]


DRAWN = "socio_tab_drawn"  # the tab the last run drew


def _inputs(name: str):
    """Which session keys hold what was typed or chosen in tab ``name``'s forms.

    Only widgets without a default of their own (no ``value=``/``index=``): a
    value given back to one with its own default would make Streamlit warn.
    """
    n = st.session_state.get("socio_add_n", 0)
    add = ("_existing", "_name", "_role", "_recip", "_label")
    return {
        "cand": lambda k: k in ("socio_cand_pick", "socio_cand_pick_sys"),
        "add": lambda k: (
            k == "socio_add_source" or (k.startswith(f"socio_add{n}_") and k.endswith(add))
        ),
        "edit": lambda k: k == "socio_edit_member",
        "knows": lambda k: k == "socio_knows_pick",
    }.get(name, lambda k: False)


def _touch(wanted) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and wanted(k)]:
        try:
            st.session_state[key] = st.session_state[key]
        except StreamlitAPIException:  # a widget whose state cannot be set: not kept
            pass


def keep_unsaved_input(open_tab: str) -> None:
    """Keep what was chosen or typed in the closed tabs' forms until they are opened again.

    Only the open tab is drawn (#20), and Streamlit forgets the state of a
    widget that a run does not draw: a name typed in 'Lid toevoegen' or people
    picked in 'Uit de casus' would be gone after a look at another tab. Called
    at the end of a run: assigned to themselves, they stay in the session as
    plain values; :func:`bring_back` hands them to the widgets when their tab opens.
    """
    for name in ("cand", "add", "edit", "knows"):
        if name != open_tab:
            _touch(_inputs(name))


def bring_back(open_tab: str) -> None:
    """Before a tab that was closed is drawn: its kept input, set anew, shows in the browser.

    (A value set in an earlier run is used by the server but not sent to the
    browser, which would show the widget's default.) Only when the tab opens:
    set on every run, a value would be sent back while the user types.
    """
    if st.session_state.get(DRAWN) != open_tab:
        _touch(_inputs(open_tab))
    st.session_state[DRAWN] = open_tab
