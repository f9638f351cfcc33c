"""What every page shares: the sidebar (language, author) and the case header."""

from __future__ import annotations

import html
import re

import streamlit as st
from streamlit.errors import StreamlitAPIException

from mapping.core.codec import MAX_NAME
from mapping.core.errors import CasemapError
from mapping.core.vocabulary import label
from views import case_cache, state
from views.i18n import _


def sidebar(team: bool = False) -> None:
    """Language choice and, in personal mode, the name that goes into history and captions.

    In team mode the signed-in identity is the author: there is no name to type.
    """
    with st.sidebar:
        choice = st.radio(
            _("Taal"),
            ["nl", "en"],
            index=0 if state.current_lang() == "nl" else 1,
            format_func=lambda code: {"nl": "Nederlands", "en": "English"}[code],
            horizontal=True,
            key="casemap_lang_choice",
        )
        if choice != state.current_lang():
            state.set_lang(choice)
            st.rerun()
        if team:
            return
        # the name goes into the history and the caption of every export: a name's length
        name = st.text_input(
            _("Uw naam (voor de historie)"),
            value=state.author(),
            max_chars=MAX_NAME,
            key="casemap_author_input",
        )
        if name[:MAX_NAME] != state.author():
            state.set_author(name[:MAX_NAME])


def database_ready() -> bool:
    """Open the database once per run; when it cannot be used, say so instead of a traceback."""
    try:
        state.store().close()
    except CasemapError as err:
        st.title("casemap")
        show_error(err)
        return False
    return True


#: The query parameter that names the open case: a link to a case's page, kept over F5.
CASE_PARAM = "casus"
#: The same in an English link (``?case=CODE``): followed, then written as ``?casus=``.
CASE_PARAM_EN = "case"
URL_CASE = "casemap_url_case"  # the address's case this session followed or set last


def case_from_url() -> None:
    """Open the case the address names (``?casus=CODE`` or ``?case=CODE``), if this user may open it.

    Only an address this session has not followed yet counts (a new tab, F5, a
    link from a colleague); after that the header keeps the address in step
    with the case the user opens. The access module decides and logs; a case
    the user may not open gets the same message as one that does not exist.
    """
    wanted = st.query_params.get(CASE_PARAM)
    if not wanted and st.query_params.get(CASE_PARAM_EN):
        wanted = st.query_params.pop(CASE_PARAM_EN)
    if not wanted or wanted == st.session_state.get(URL_CASE):
        return
    st.session_state[URL_CASE] = wanted
    try:
        with state.store() as store:
            case = store.get_case(wanted)
    except CasemapError as err:
        st.query_params.pop(CASE_PARAM, None)
        state.open_case(None)
        show_error(err)
        return
    if case.id != state.open_case_id():
        state.open_case(case.id)


def _address_names(code: str | None) -> None:
    """Keep ``?casus=`` equal to the open case (so F5 and a copied link open it again)."""
    if code is None:
        st.query_params.pop(CASE_PARAM, None)
    elif st.query_params.get(CASE_PARAM) != code:
        st.query_params[CASE_PARAM] = code
    st.session_state[URL_CASE] = code


def case_header() -> None:
    """Code, title, phase and consent of the open case, shown on every page."""
    case_id = state.open_case_id()
    if not case_id:
        _address_names(None)
        st.caption(_("Geen casus geopend."))
        return
    try:
        with state.store() as store:
            case = store.get_case(case_id)
    except CasemapError as err:
        state.open_case(None)
        _address_names(None)
        show_error(err)
        return
    # on the projector with pseudonyms the address bar must not show the case code either
    projected = state.part() == "Overleg" and state.meeting_pseudonyms()
    _address_names(None if projected else case.code)
    lang = state.current_lang()
    consent = (
        _("toestemming vastgelegd") + (f" ({case.consent_date})" if case.consent_date else "")
        if case.consent
        else _("geen toestemmingsverklaring")
    )
    icon = ":material/verified:" if case.consent else ":material/warning:"
    archived = f" · {_('gearchiveerd')}" if case.archived else ""
    st.markdown(
        f"**{md_escape(case.code)}** · {md_escape(case.title)} · "
        f"{md_escape(label(case.phase, lang))} · {icon} {md_escape(consent)}{md_escape(archived)}"
    )


def require_case():
    """The open case's data, or a message with a link to the cases page and a stop.

    ``data.case.revision`` is the revision the user last saw, so passing it
    as ``expected_revision`` refuses a save when a colleague changed the case
    in between (see :func:`views.state.seen_revision`).
    """
    case_id = state.open_case_id()
    if not case_id:
        st.info(_("Open eerst een casus op de pagina Casussen."))
        try:
            st.page_link("views/cases.py", label=_("Naar Casussen"), icon=":material/folder_open:")
        except StreamlitAPIException:
            pass  # the page runs on its own (a test), outside the app's navigation
        st.stop()
    try:
        with state.store() as store:
            data = case_cache.load(store, case_id)  # checked and logged; reused while unchanged
    except CasemapError as err:
        show_error(err)
        st.stop()
    seen = state.seen_revision(case_id, data.case.revision)
    if seen != data.case.revision:
        st.warning(
            _(
                "Deze casus is intussen door iemand anders gewijzigd. U ziet nu de nieuwste versie; controleer uw wijziging en sla opnieuw op."
            )
        )
        # a save in this run was based on what the user saw before: let the store refuse it
        data.case.revision = seen
    return data


def show_error(err: CasemapError) -> None:
    """The error's message in the user's language, shown literally.

    Messages quote what the user typed ("'[klik](http://...)' is geen geldige
    datum"), and st.error renders markdown, so the text is escaped.
    """
    st.error(md_escape(err.message(state.current_lang())))


def _escape(text: str) -> str:
    return html.escape(str(text), quote=True)


def md_escape(text: str) -> str:
    """User text made safe inside markdown: no HTML and no markdown formatting.

    Markdown characters get a backslash first; then only ``& < >`` become
    entities (quotes stay quotes, so "collega's" reads as written). A web or
    mail address stays text, not a link: Streamlit's markdown links any
    ``http://``, ``www.`` or ``x@y.z`` it finds in the text, escapes or not,
    so an invisible word joiner (U+2060) goes after its ``:``, ``www`` or ``@``.

    >>> md_escape("**vet** $x$ <b>")
    '\\\\*\\\\*vet\\\\*\\\\* \\\\$x\\\\$ &lt;b&gt;'
    """
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|~:$])", r"\\\1", str(text))
    escaped = _AUTOLINK.sub(lambda m: m.group(0) + "\u2060", escaped)
    return html.escape(escaped, quote=False)


#: Where Streamlit's markdown would start a link by itself (after escaping).
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])\\:(?=//)|\bwww(?=\\\.)|@")


def show_svg(svg: str) -> None:
    """Show a rendered SVG (escaped by the renderer) as an image scaled to the page width.

    ``st.html`` strips inline SVG, so the SVG goes in as an image.
    """
    st.image(svg, width="stretch")


def show_log(lines, *, with_case: bool = False) -> None:
    """Access-log lines as a table, newest first (the case column where several cases show)."""
    st.dataframe(
        [
            {
                _("Tijdstip (UTC)"): line.at[:19].replace("T", " "),
                _("Gebruiker"): line.user,
                _("Rol"): line.role,
                **({_("Casus"): line.case_code} if with_case else {}),
                _("Handeling"): line.action,
                _("Onderdeel"): line.part,
                _("Uitkomst"): line.outcome,
                _("Toelichting"): line.detail,
            }
            for line in lines
        ],
        hide_index=True,
        width="stretch",
    )
