"""'Importeren en exporteren': the network as GraphML or CSV, the map as an image, a file as a new case."""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.vocabulary import Lens, Ring
from mapping.formats import graphml
from mapping.formats.graphml import members_csv, ties_csv
from mapping.formats.importers import tidy
from mapping.formats.netfiles import FORMAT_NAMES, NETWORK_SUFFIXES, read_network_report
from mapping.services.export import export_lens
from views import state
from views.exports import export_panel, granted
from views.forms.fields import vocab_select
from views.i18n import _
from views.panels.sociogram_ego import EgoMap
from views.shell import md_escape, show_error

IMPORTED = "socio_imported"  # (case id, code, count, notices) of the last import


def exchange_tab(m: EgoMap) -> None:
    """The tab's content: downloads, the dossier image, and the network import."""
    downloads(m)
    st.markdown("**" + _("Afbeelding voor het dossier") + "**")
    export_panel(
        "socio",
        "netwerkkaart",
        lambda fmt, dpi, switches: export_lens(
            m.data,
            Lens.SOCIOGRAM,
            fmt,
            ego=m.ego_id,
            lang=m.lang,
            author=state.author(),
            dpi=dpi,
            **switches,
        ),
        context=(m.ego_id,),
        case_code=m.data.case.code,
    )
    network_import(m)


def downloads(m: EgoMap) -> None:
    """GraphML of the whole network, and ego's members and ties as CSV."""
    data, ego_id, lang, code = m.data, m.ego_id, m.lang, m.data.case.code
    st.markdown("**" + _("Exporteren") + "**")
    cols = st.columns(3)
    cols[0].download_button(
        _("Netwerk als GraphML"),
        # made when clicked, not on every rerun (an imported network: seconds)
        granted(lambda _store: graphml.write_graphml(data).encode("utf-8"), "GraphML"),
        file_name=f"{code}.graphml",
        mime="application/graphml+xml",
        key="socio_graphml",
        on_click="ignore",
        help=_("Voor Gephi, yEd, Network Canvas-analyse of NetworkX."),
    )
    cols[1].download_button(
        _("Leden (CSV)"),
        granted(
            lambda _store: members_csv(data, ego_id, lang=lang).encode("utf-8-sig"), "leden CSV"
        ),
        file_name=f"{code}-netwerkkaart-leden.csv",
        mime="text/csv",
        key="socio_members_csv",
        on_click="ignore",
    )
    cols[2].download_button(
        _("Relaties (CSV)"),
        granted(
            lambda _store: ties_csv(data, ego_id, lang=lang).encode("utf-8-sig"), "relaties CSV"
        ),
        file_name=f"{code}-netwerkkaart-relaties.csv",
        mime="text/csv",
        key="socio_ties_csv",
        on_click="ignore",
    )


def network_import(m: EgoMap) -> None:
    """A network file (Network Canvas, Gephi, Pajek, CSV...) becomes a new case; the open one stays."""
    st.markdown("**" + _("Netwerk importeren") + "**")
    st.caption(
        _(
            "Maakt een nieuwe casus van een netwerkbestand, bijvoorbeeld een ego-netwerk uit "
            "Network Canvas, Gephi, yEd, Pajek, igraph of NetworkX, of een lijst van relaties "
            "uit Excel (van;naar;gewicht). Elke knoop wordt een persoon; sector en ring komen uit "
            "de kenmerken van het bestand of uit de sterkte van de relaties. De open casus "
            "verandert niet."
        )
        + " "
        + _("Bestandsvormen: {formats}.").format(formats=FORMAT_NAMES)
    )
    upload = st.file_uploader(
        _("Netwerkbestand"),
        type=[suffix.lstrip(".") for suffix in NETWORK_SUFFIXES],
        key="socio_upload",
        help=_("Bestandsvormen: {formats}.").format(formats=FORMAT_NAMES),
    )
    cols = st.columns(3)
    ego_text = cols[0].text_input(
        _("Ego (id of naam; leeg = de meest centrale)"), key="socio_import_ego"
    )
    sector_attr = cols[1].text_input(
        _("Kenmerk voor de sector (leeg = automatisch)"), key="socio_import_sector"
    )
    ring_attr = cols[2].text_input(
        _("Kenmerk voor de ring (leeg = automatisch)"), key="socio_import_ring"
    )
    default_ring = vocab_select(
        _("Ring als het bestand niets zegt"),
        Ring,
        key="socio_import_ring_default",
        value=Ring.MIDDLE,
    )
    if st.button(_("Nieuwe casus maken"), key="socio_import", disabled=upload is None):
        mapping = {
            "sector_attribute": sector_attr.strip(),
            "ring_attribute": ring_attr.strip(),
            "default_ring": default_ring.value,
        }
        try:
            imported, notices = read_network_report(
                upload.getvalue(), name=upload.name, ego=ego_text.strip() or None, mapping=mapping
            )
            # control characters, over-long names, impossible dates: as the CLI does
            imported = tidy(imported, notices)
            new_case = m.store.import_case(imported, author=state.author())
        except CasemapError as err:
            show_error(err)
        else:
            st.session_state[IMPORTED] = (
                new_case.id,
                new_case.code,
                len(imported.entities),
                notices,
            )
    imported_info = st.session_state.get(IMPORTED)
    if imported_info:
        new_case_id, code, count, notices = imported_info
        st.success(
            _("Nieuwe casus {code} gemaakt met {count} personen en organisaties.").format(
                code=md_escape(code), count=count
            )
        )
        if notices:
            st.warning(
                _("Niet alles uit het bestand kon worden overgenomen:")
                + "\n\n"
                + "\n".join(f"- {md_escape(n.message(m.lang))}" for n in notices)
            )
        if st.button(_("Deze casus openen"), key="socio_open_imported"):
            state.open_case(new_case_id)
            st.session_state.pop(IMPORTED, None)
            st.session_state.pop("socio_ego", None)
            st.rerun()
