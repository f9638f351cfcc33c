"""The ecogram as the page's parts see it: the case's systems and people, their connections, saving.

The page makes one :class:`Ecomap` per run and hands it to each panel; the
panels read from it and save through it, so that what one click makes is one
revision and every save ends the same way (a message, a redraw).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.model import CaseData, Entity, Relation, new_id
from mapping.core.vocabulary import EntityKind, RelationKind, SystemKind, label
from mapping.lenses.ecogram import make_connection
from mapping.services.balance import relation_factor
from views import state
from views.i18n import _
from views.panels.ecogram_kaart import kaart_of, may_edit_kaart
from views.shell import show_error

FLASH = "eco_flash"  # the message of the last save, shown once above the map
PENDING_LINK = "eco_pending_link"  # (person id, other id) drawn on the canvas, to be saved


@dataclass
class Ecomap:
    """The open case as the ecogram shows it, for one run of the page.

    ``people`` come client first, then the household; ``targets`` are what a
    connection may run to (a system, or someone outside the household);
    ``kaart`` the team's sociale kaart (:mod:`views.panels.ecogram_kaart`).
    """

    data: CaseData
    store: object  # the guarded store of this session
    lang: str
    entities: dict[str, Entity] = field(init=False)
    systems: list[Entity] = field(init=False)
    people: list[Entity] = field(init=False)
    targets: list[Entity] = field(init=False)
    connections: list[Relation] = field(init=False)
    #: the team's sociale kaart by id (removed organisations too), and whether this
    #: user may add to it
    kaart: dict = field(init=False)
    may_edit_kaart: bool = field(init=False)

    def __post_init__(self) -> None:
        self.kaart = kaart_of(self.store)
        self.may_edit_kaart = may_edit_kaart(self.store)
        self.entities = self.data.entity_map()
        self.systems = [e for e in self.data.entities if e.kind is EntityKind.SYSTEM]
        self.people = sorted(
            (e for e in self.data.entities if e.is_person),
            key=lambda e: (not e.index_person, not e.household, e.name.lower()),
        )
        # a connection runs from a person to a system, or to someone outside the household
        self.targets = self.systems + [
            e for e in self.people if not e.household and not e.index_person
        ]
        self.connections = [r for r in self.data.relations if r.kind is RelationKind.CONNECTION]

    def name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else "?"

    def system_text(self, entity: Entity) -> str:
        """A system's name with its kind ('Wijkteam Noord (wijkteam)'); a person's name."""
        if entity.kind is EntityKind.SYSTEM:
            kind = entity.custom_kind or label(entity.system_kind or SystemKind.OTHER, self.lang)
            return f"{entity.name} ({kind})"
        return entity.name

    def save(
        self,
        records: list,
        success: str,
        *,
        forget: tuple[str, ...] = (),
        empty_form: tuple[str, dict] | None = None,
        flash: bool = True,
    ) -> None:
        """Save what one click made as one revision (all or nothing), then redraw.

        ``forget`` names session keys that only held the unsaved input (a table's
        edits, a line drawn on the canvas): dropped once the save succeeded.
        ``empty_form`` is a new-item form to empty on the next run.
        """
        case = self.data.case
        try:
            self.store.save_many(
                case.id, records, expected_revision=case.revision, author=state.author()
            )
        except CasemapError as err:
            show_error(err)
            return
        for key in forget:
            st.session_state.pop(key, None)
        if empty_form:  # (prefix, blanks) of a new-item form: see state.forget_form
            state.forget_form(*empty_form)
        if flash:
            st.session_state[FLASH] = success
        st.rerun()

    def save_connection(
        self,
        person_id: str,
        other_id: str,
        fields: tuple[str, str, str],
        factor: tuple[str, str, int],
        *,
        forget: tuple[str, ...] = (),
        empty_form: tuple[str, dict] | None = None,
    ) -> None:
        """Save the connection (new or changed) and, when described, its balance factor."""
        strength, flow, text = fields
        description, side, weight = factor
        try:
            link = make_connection(
                self.data, person_id, other_id, strength=strength, flow=flow, label=text
            )
            records = [link]
            if description.strip():
                records.append(relation_factor(self.data, link, description, side, weight=weight))
        except CasemapError as err:
            show_error(err)
            return
        message = _("Verbinding {a} – {b} opgeslagen.")
        self.save(
            records,
            message.format(a=self.name(person_id), b=self.name(other_id)),
            forget=forget,
            empty_form=empty_form,
        )


def new_system(
    name: str, kind: str | None, custom: str = "", note: str = "", kaart_id: str = ""
) -> Entity:
    """A new system entity as both add forms store it; a Dutch refusal without a name.

    Without a kind the system is 'overig' (other): nothing is claimed about it.
    ``kaart_id`` links it to an organisation of the sociale kaart.
    """
    if not name.strip():
        raise InvalidInput("Geef het systeem een naam.")
    system_kind = SystemKind(kind) if kind else SystemKind.OTHER
    return Entity(
        id=new_id(),
        name=name.strip(),
        kind=EntityKind.SYSTEM,
        system_kind=system_kind,
        custom_kind=custom.strip() if system_kind is SystemKind.OTHER else "",
        role=name.strip(),
        note=note.strip(),
        kaart_id=kaart_id,
    )
