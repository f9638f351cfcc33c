"""'Uit de casus': the case's people and organisations not yet in ego's map, several at once.

Two lists (people, organisations), quick picks (household, close family,
organisations), a suggested sector and ring per pick that the user may
change, and one save for all of them: one revision.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Entity
from mapping.core.vocabulary import EntityKind, Ring, Sector, label
from mapping.lenses.sociogram import place_member
from views.forms.fields import vocab_select
from views.i18n import _
from views.panels.sociogram_ego import EgoMap
from views.shell import md_escape, show_error

PICK_PEOPLE, PICK_SYSTEMS = "socio_cand_pick", "socio_cand_pick_sys"


def at_home(m: EgoMap, entity: Entity) -> bool:
    """A fellow member of ego's household."""
    return bool(m.ego.household and entity.household and entity.is_person)


def candidate_texts(m: EgoMap) -> dict[str, str]:
    """A label per candidate, unique: the multiselect tells options apart by their text."""
    why_texts = {
        "system": _("organisatie"),
        "household": _("huisgenoot"),
        "family": _("familie"),
        "other": _("uit de casus"),
        "deceased": _("overleden"),
    }  # looked up now: a format_func may run outside the page run
    texts: dict[str, str] = {}
    for found in m.offered:
        if found.entity.kind is EntityKind.SYSTEM:
            kind = found.entity.system_kind
            why = label(kind, m.lang) if kind else why_texts["system"]
        elif at_home(m, found.entity):
            why = why_texts["household"]
        elif found.family is not None:
            why = why_texts["family"]
        else:
            why = found.entity.role or why_texts["other"]
        if found.entity.is_person and found.entity.is_deceased:
            why += ", " + why_texts["deceased"]
        texts[found.entity.id] = f"{found.entity.name} ({why})"
    seen: dict[str, int] = {}
    counts = Counter(texts.values())  # once, not once a candidate (thousands in a network)
    for entity_id, text in texts.items():
        seen[text] = seen.get(text, 0) + 1
        if seen[text] > 1 or counts[text] > 1:
            born = (m.entities[entity_id].birth or "")[:4]
            texts[entity_id] = f"{text[:-1]}, {born or '#' + str(seen[text])})"
    return texts


def candidates_tab(m: EgoMap) -> None:
    """The tab's content: pick candidates, adjust their cells, take them all in at once."""
    if not m.offered:
        st.caption(_("Iedereen uit de casus staat al in deze netwerkkaart."))
        return
    st.caption(
        _(
            "Iedereen uit de casus (genogram, ecogram, eerdere netwerkkaarten) die nog niet "
            "in deze netwerkkaart geplaatst is: personen en organisaties elk in een eigen "
            "lijst. Kies er één of meer; sector en ring zijn een voorstel (familie in het vak "
            "huisgenoten en familie, huisgenoten in de ring 'dichtbij') dat u per persoon "
            "kunt aanpassen. Alles wordt in één keer opgeslagen."
        )
    )
    by_id = {c.entity.id: c for c in m.offered}
    person_ids = [c.entity.id for c in m.offered if c.entity.is_person]
    system_ids = [c.entity.id for c in m.offered if c.entity.kind is EntityKind.SYSTEM]
    quick_picks(m, system_ids)
    # a choice made for another ego (or someone added meanwhile) is no candidate now
    for key, allowed in ((PICK_PEOPLE, person_ids), (PICK_SYSTEMS, system_ids)):
        st.session_state[key] = [i for i in st.session_state.get(key, []) if i in allowed]
    shown_as = candidate_texts(m)
    pick_cols = st.columns(2)
    picked = pick_cols[0].multiselect(
        _("Personen ({n})").format(n=len(person_ids)),
        person_ids,
        format_func=shown_as.get,
        key=PICK_PEOPLE,
        placeholder=_("Kies personen"),
        disabled=not person_ids,
    ) + pick_cols[1].multiselect(
        _("Organisaties ({n})").format(n=len(system_ids)),
        system_ids,
        format_func=shown_as.get,
        key=PICK_SYSTEMS,
        placeholder=_("Kies organisaties"),
        disabled=not system_ids,
    )
    cells: dict[str, tuple[Sector, Ring]] = {}
    for entity_id in dict.fromkeys(picked):
        found = by_id[entity_id]
        row = st.columns([3, 2, 2], vertical_alignment="center")
        row[0].markdown(md_escape(found.entity.name))
        cells[entity_id] = (
            vocab_select(
                _("Sector"),
                Sector,
                key=f"socio_cand_{entity_id}_sector",
                value=found.sector,
                container=row[1],
                label_visibility="collapsed",
            ),
            vocab_select(
                _("Ring (nabijheid)"),
                Ring,
                key=f"socio_cand_{entity_id}_ring",
                value=found.ring,
                container=row[2],
                label_visibility="collapsed",
            ),
        )
    if st.button(
        _("{n} opnemen in de netwerkkaart").format(n=len(picked)),
        type="primary",
        key="socio_cand_go",
        disabled=not picked,
    ):
        try:
            records = [
                place_member(m.data, m.ego_id, entity_id, sector, ring)
                for entity_id, (sector, ring) in cells.items()
            ]
        except CasemapError as err:
            show_error(err)
        else:
            m.save_all(
                records,
                _("{n} opgenomen in de netwerkkaart van {ego}.").format(
                    n=len(records), ego=m.ego.name
                ),
                # the next pick starts from its suggestion again, not from these values
                forget=(
                    PICK_PEOPLE,
                    PICK_SYSTEMS,
                    *(f"socio_cand_{i}_{part}" for i in cells for part in ("sector", "ring")),
                ),
            )


def quick_picks(m: EgoMap, system_ids: list[str]) -> None:
    """Buttons that add the household, close family or all organisations to the picks."""
    alive = [c for c in m.offered if not (c.entity.is_person and c.entity.is_deceased)]
    groups = {  # the quick picks leave the deceased out: they are offered, not suggested
        "household": [c.entity.id for c in alive if at_home(m, c.entity)],
        "family": [c.entity.id for c in alive if c.family is not None and c.family <= 2],
        "systems": system_ids,
    }
    quick = st.columns(4)
    for col, (group, title) in zip(
        quick,
        [
            ("household", _("Huisgenoten kiezen")),
            ("family", _("Naaste familie kiezen")),
            ("systems", _("Organisaties kiezen")),
        ],
        strict=False,
    ):
        if col.button(title, key=f"socio_cand_{group}", disabled=not groups[group]):
            key = PICK_SYSTEMS if group == "systems" else PICK_PEOPLE
            chosen = st.session_state.get(key, [])
            st.session_state[key] = chosen + [i for i in groups[group] if i not in chosen]
    if quick[3].button(_("Keuze wissen"), key="socio_cand_clear"):
        st.session_state[PICK_PEOPLE] = []
        st.session_state[PICK_SYSTEMS] = []
