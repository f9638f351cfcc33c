"""Cases page: find, create, open, rename, archive, delete, import and export cases."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from mapping.core.errors import CasemapError, InvalidInput
from mapping.core.vocabulary import Phase, label
from mapping.formats.netfiles import read_import_file
from views import state
from views.family_tree import choose_part, read_once, read_uploaded_tree
from views.i18n import _
from views.shell import md_escape as _md
from views.shell import show_error

lang = state.current_lang()
st.title(_("Casussen"))

state.apply_form_resets()  # a case created in the last run: its form starts empty
store = state.store()
FLASH = "cases_flash"  # what the last import said, shown after its rerun
for line in st.session_state.pop(FLASH, []):
    st.info(_md(line))


def _phase_label(value: str) -> str:
    return label(Phase(value), lang)


# ---------------------------------------------------------------- the list
search_col, archived_col = st.columns([3, 1])
search = search_col.text_input(_("Zoek op code of titel"), key="cases_search")
show_archived = archived_col.checkbox(_("Toon gearchiveerde"), key="cases_archived")
cases = store.list_cases(search=search, include_archived=show_archived)

if not cases:
    st.info(
        _("Geen casussen gevonden.")
        if search
        else _("Er zijn nog geen casussen. Maak er hieronder een aan of laad de democasus.")
    )
else:
    open_id = state.open_case_id()
    for case in cases:
        row = st.container(border=True)
        left, right = row.columns([5, 1])
        consent = (
            f":material/verified: {_('toestemming vastgelegd')}"
            if case.consent
            else f":material/warning: {_('geen toestemmingsverklaring')}"
        )
        marker = f" · **{_('geopend')}**" if case.id == open_id else ""
        archived = f" · _{_('gearchiveerd')}_" if case.archived else ""
        left.markdown(
            f"**{_md(case.code)}** · {_md(case.title)} · {_md(_phase_label(case.phase))} · {consent}{archived}{marker}"
        )
        if right.button(
            _("Openen"),
            key=f"open_{case.id}",
            type="primary" if case.id != open_id else "secondary",
        ):
            state.open_case(case.id)
            st.rerun()

# ---------------------------------------------------------------- new case
with st.expander(_("Nieuwe casus"), expanded=not cases):
    # emptied after the save (forget_form), not when the input is refused or a double
    # click's second submit arrives: clear_on_submit would lose what was typed
    with st.form("new_case"):
        code = st.text_input(
            _("Casuscode"),
            help=_("Bijvoorbeeld WT-2026-014; uniek, zonder namen."),
            key="new_case_code",
        )
        title = st.text_input(_("Titel"), help=_("Bijvoorbeeld 'Gezin K.'"), key="new_case_title")
        casemanager = st.text_input(_("Casemanager"), value=state.author())
        phase = st.selectbox(_("Fase"), [p.value for p in Phase], format_func=_phase_label)
        consent = st.checkbox(_("Toestemmingsverklaring getekend"), key="new_case_consent")
        scope = st.text_area(_("Afspraken over delen (met wie, wat)"), key="new_case_scope")
        if st.form_submit_button(_("Casus aanmaken"), type="primary"):
            try:
                if not code.strip() or not title.strip():
                    raise InvalidInput("Vul een casuscode en een titel in.")
                created = store.create_case(
                    code.strip(),
                    title.strip(),
                    casemanager=casemanager.strip(),
                    phase=Phase(phase),
                    consent=consent,
                    scope_note=scope,
                    author=state.author(),
                )
                state.open_case(created.id)
                state.forget_form(
                    "new_case", {"code": "", "title": "", "consent": False, "scope": ""}
                )
                st.success(_("Casus aangemaakt en geopend."))
                st.rerun()
            except CasemapError as err:
                show_error(err)

# ---------------------------------------------------------------- import / demo
_READ = "casemap_case_file"  # the last case JSON or network file read (see read_once)


with st.expander(_("Importeren of democasus laden")):
    from mapping.formats.importers import GEDCOM_SUFFIXES
    from mapping.formats.netfiles import FORMAT_NAMES, NETWORK_SUFFIXES

    upload = st.file_uploader(
        _("Casusbestand (JSON, GEDCOM of een netwerk)"),
        type=["json", *(s.lstrip(".") for s in (*GEDCOM_SUFFIXES, *NETWORK_SUFFIXES))],
        key="cases_upload",
        help=_("Casemap-JSON, GEDCOM (.ged, .gdz) of een netwerk: {formats}.").format(
            formats=FORMAT_NAMES
        ),
    )
    if upload is not None:
        try:
            notices: list = []
            if Path(upload.name).suffix.lower() in GEDCOM_SUFFIXES:
                data = choose_part(read_uploaded_tree(upload, notices), key="cases")
            else:
                # a network file may be 20 MB: read once, not on every rerun
                data = read_once(
                    upload,
                    _READ,
                    lambda content, found: read_import_file(upload.name, content, notices=found),
                    _("Bestand lezen…"),
                    notices,
                )
                people = sum(e.is_person for e in data.entities)
                st.caption(
                    _(
                        "{people} personen, {systems} systemen en {relations} relaties in het bestand."
                    ).format(
                        people=people,
                        systems=len(data.entities) - people,
                        relations=len(data.relations),
                    )
                )
            for notice in notices:  # what the file held that does not come along
                st.warning(_md(notice.message(lang)))
            if st.button(_("Importeren"), key="cases_do_import", type="primary"):
                created = store.import_case(data, author=state.author())
                state.open_case(created.id)
                people = sum(e.is_person for e in data.entities)
                st.session_state[FLASH] = [
                    _("Geïmporteerd als {code}: {people} personen, {systems} systemen.").format(
                        code=created.code, people=people, systems=len(data.entities) - people
                    ),
                    *(n.message(lang) for n in notices),
                ]
                st.rerun()
        except CasemapError as err:
            show_error(err)
    if st.button(_("Democasus laden (fictief gezin)"), key="cases_demo"):
        from mapping.services.demo import demo_case, load_demo_kaart

        created = store.import_case(demo_case(), author=state.author())
        state.open_case(created.id)
        try:  # the organisations its systems are linked to, when the kaart is still empty
            load_demo_kaart(store, author=state.author())
        except CasemapError as err:
            show_error(err)  # the case is there; the kaart stays as it was
        else:
            st.rerun()

# ---------------------------------------------------------------- the open case
case_id = state.open_case_id()
if case_id:
    try:
        case = store.get_case(case_id)
    except CasemapError:
        state.open_case(None)
        st.rerun()
    seen = state.seen_revision(case.id, case.revision)
    if seen != case.revision:
        st.warning(
            _(
                "Deze casus is intussen door iemand anders gewijzigd. U ziet nu de nieuwste versie; controleer uw wijziging en sla opnieuw op."
            )
        )
    st.subheader(_("Geopende casus: {code}").format(code=_md(case.code)))
    with st.form("edit_case"):
        new_code = st.text_input(_("Casuscode"), value=case.code)
        new_title = st.text_input(_("Titel"), value=case.title)
        new_manager = st.text_input(_("Casemanager"), value=case.casemanager)
        phases = [p.value for p in Phase]
        new_phase = st.selectbox(
            _("Fase"), phases, index=phases.index(case.phase), format_func=_phase_label
        )
        new_consent = st.checkbox(_("Toestemmingsverklaring getekend"), value=case.consent)
        new_consent_date = st.text_input(
            _("Datum toestemming (JJJJ-MM-DD)"), value=case.consent_date
        )
        new_scope = st.text_area(_("Afspraken over delen (met wie, wat)"), value=case.scope_note)
        if st.form_submit_button(_("Opslaan")):
            try:
                if not new_code.strip() or not new_title.strip():
                    raise InvalidInput("Vul een casuscode en een titel in.")
                store.update_case(
                    case.id,
                    expected_revision=seen,
                    author=state.author(),
                    code=new_code.strip(),
                    title=new_title.strip(),
                    casemanager=new_manager.strip(),
                    phase=Phase(new_phase),
                    consent=new_consent,
                    consent_date=new_consent_date.strip(),
                    scope_note=new_scope,
                )
                st.success(_("Opgeslagen."))
                st.rerun()
            except CasemapError as err:
                show_error(err)

    actions = st.columns(3)
    if case.archived:
        if actions[0].button(_("Uit archief halen"), key="case_unarchive"):
            store.set_archived(case.id, False, author=state.author())
            st.rerun()
    elif actions[0].button(_("Archiveren"), key="case_archive"):
        store.set_archived(case.id, True, author=state.author())
        st.rerun()

    from mapping.formats.exchange import dump_case
    from views.exports import granted

    actions[1].download_button(
        _("Exporteren (JSON)"),
        granted(lambda guarded: dump_case(guarded.load(case.id)), "JSON"),
        file_name=f"{case.code}.json",
        mime="application/json",
        key="case_export_json",
        on_click="ignore",
    )
    with actions[2].popover(_("Verwijderen")):
        st.warning(
            _(
                "Dit verwijdert de casus met alle kaarten, balans, plan en momentopnamen. Dit kan niet ongedaan worden gemaakt."
            )
        )
        confirm = st.text_input(_("Typ de casuscode om te bevestigen"), key="case_delete_confirm")
        if st.button(
            _("Definitief verwijderen"),
            type="primary",
            key="case_delete",
            disabled=confirm.strip() != case.code,
        ):
            store.delete_case(case.id)
            state.open_case(None)
            st.rerun()

    with st.expander(_("Historie van wijzigingen")):
        changes = store.history(case.id, limit=50)
        if not changes:
            st.caption(_("Nog geen wijzigingen."))
        for change in changes:
            st.markdown(
                f"`r{change.revision}` {_md(change.at[:16].replace('T', ' '))} · {_md(change.author or '—')} · {_md(change.summary)}"
            )
