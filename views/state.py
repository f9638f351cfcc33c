"""The session-state keys of casemap, in one place, with names.

Pages never spell ``st.session_state["..."]`` themselves: they call these
functions, so the open case, the selection and the language mean the same
thing on every page.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import streamlit as st

from mapping.access import GuardedStore, Principal
from mapping.storage.backends import is_postgres

LANG = "casemap_lang"
OPEN_CASE = "casemap_case_id"
SELECTED = "casemap_selected"  # {"kind": "entity"|"relation", "id": ...}
AUTHOR = "casemap_author"
MEETING = "casemap_meeting"  # dict of meeting aids: large font, hide notes, highlight
PSEUDONYMS = "casemap_pseudonyms"  # whether meeting mode shows pseudonyms (there only)
PSEUDONYM_CODES = "casemap_pseudonym_codes"  # {case id: the code pseudonymised screens show}


def db_path() -> Path | str:
    """The database this app run uses: ``$CASEMAP_DB`` or ``data/casemap.db``.

    A ``postgresql://`` URL stays a str (a Path would fold its ``//``).
    """
    named = os.environ.get("CASEMAP_DB") or ""
    if is_postgres(named):
        return named
    return Path(named or Path(__file__).resolve().parent.parent / "data" / "casemap.db")


SEEN = "casemap_seen_revisions"  # {case_id: the revision this session last showed}

#: Store methods that change a case; the session remembers the revision they leave.
_MUTATORS = (
    "update_case",
    "set_archived",
    "replace_case",
    "save",
    "save_many",
    "delete",
    "set_position",
    "clear_positions",
)


class SessionStore(GuardedStore):
    """The store as the signed-in user may use it, remembering the revisions its saves left.

    Every read and change passes the access check and leaves a line in the
    access log (:class:`mapping.access.GuardedStore`).

    Together with :func:`seen_revision` this makes a save based on what the
    user saw on screen: when a colleague changed the case in between, the
    save is refused (StaleRevision) instead of overwriting their work, while
    this session's own successive saves never trip over each other.

    On a map page its changes are also recorded for "Ongedaan maken" and
    "Opnieuw" (:mod:`views.undo`); a change elsewhere empties those stacks.
    """

    replaying = False  # set by views.undo while an undo or redo writes
    changing = False  # inside one of the methods below (save calls save_many: one change)


def _remembering(name: str):
    method = getattr(GuardedStore, name)

    def wrapper(self, case_id, *args, **kwargs):
        from views import undo

        def change():
            return method(self, case_id, *args, **kwargs)

        if self.changing:  # the outer call records and remembers
            return change()
        self.changing = True
        try:
            if self.replaying:  # an undo or redo itself
                result = change()
            elif name in undo.RECORDED and part() in undo.MAP_PAGES:
                result = undo.record(self, case_id, change, undo.stacks_of(case_id))
            else:
                result = change()
                undo.forget(case_id)  # undoing past this change would take it back unasked
        finally:
            self.changing = False
        remember_revision(case_id, self.revision(case_id))
        return result

    wrapper.__name__ = name
    wrapper.__doc__ = method.__doc__
    return wrapper


for _name in _MUTATORS:
    setattr(SessionStore, _name, _remembering(_name))


def store() -> GuardedStore:
    """The store for this script run, as this session's user may use it.

    Opened per run (sqlite connections are not shared across threads); the
    page being shown is the 'part' of its access-log lines.
    """
    return SessionStore(db_path(), principal(), part=part(), seen=_seen())


PRINCIPAL = "casemap_principal"  # set by the sign-in gate on every run
PART = "casemap_part"  # the page being shown, for the access log
LOGGED = "casemap_logged"  # the access log's memory of this session's views


def session_id() -> str:
    """Streamlit's id of this browser session (in every access-log line)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else ""


DEPLOYMENT = "casemap_deployment"  # the mode this app runs in, set by the gate on every run


def principal() -> Principal:
    """Who acts in this session: the signed-in user (team mode) or this laptop's user.

    Fails closed: in team mode, without a signed-in user, nobody (no rights at all).
    """
    found = st.session_state.get(PRINCIPAL)
    deployment = st.session_state.get(DEPLOYMENT)
    if deployment is not None and deployment.team:
        if found is None or not found.signed_in:
            return Principal("onbekend", "onbekend", session=session_id())
        return found
    if found is None or (found.everything and found.name != author()):
        found = Principal.personal(author(), session_id())
        st.session_state[PRINCIPAL] = found
    return found


def set_principal(who: Principal | None) -> None:
    if who is None:
        st.session_state.pop(PRINCIPAL, None)
    else:
        st.session_state[PRINCIPAL] = who


def part() -> str:
    return st.session_state.get(PART, "")


def set_part(name: str) -> None:
    st.session_state[PART] = name


def _seen() -> dict:
    return st.session_state.setdefault(LOGGED, {})


def logged_views() -> dict:
    """This session's memory of what the access log already has (for the sign-in gate)."""
    return _seen()


def remember_revision(case_id: str, revision: int) -> None:
    st.session_state.setdefault(SEEN, {})[case_id] = revision


def seen_revision(case_id: str, current: int) -> int:
    """The revision the user last saw of this case; records ``current`` for the next run.

    Pages pass the result as ``expected_revision``: if someone else saved in
    between, the user's save is refused rather than silently overwriting.
    """
    seen = st.session_state.setdefault(SEEN, {})
    previous = seen.get(case_id, current)
    seen[case_id] = current
    return previous


def shown_revision(case_id: str | None) -> int | None:
    """The revision of ``case_id`` this session last showed (or saved), None if never."""
    return st.session_state.get(SEEN, {}).get(case_id) if case_id else None


def current_lang() -> str:
    return st.session_state.get(LANG, "nl")


def set_lang(lang: str) -> None:
    st.session_state[LANG] = lang


def open_case_id() -> str | None:
    return st.session_state.get(OPEN_CASE)


def open_case(case_id: str | None) -> None:
    st.session_state[OPEN_CASE] = case_id
    st.session_state.pop(SELECTED, None)


def selection() -> dict | None:
    return st.session_state.get(SELECTED)


def select(kind: str | None, item_id: str | None = None) -> None:
    if kind is None:
        st.session_state.pop(SELECTED, None)
    else:
        st.session_state[SELECTED] = {"kind": kind, "id": item_id}


def author() -> str:
    """The name in the history: the signed-in user in team mode, else the typed name.

    In personal mode a new session (a reload, the next day) starts with the
    name this laptop's user typed last (:func:`remembered_author`).
    """
    found = st.session_state.get(PRINCIPAL)
    if found is not None and found.signed_in:
        return found.name
    if AUTHOR not in st.session_state and not _team():
        st.session_state[AUTHOR] = remembered_author()
    return st.session_state.get(AUTHOR, "")


def set_author(name: str) -> None:
    """The typed name for this session, and (personal mode only) for the next ones."""
    st.session_state[AUTHOR] = name
    if not _team():
        remember_author(name)


def _team() -> bool:
    deployment = st.session_state.get(DEPLOYMENT)
    return bool(deployment is not None and deployment.team)


def settings_path() -> Path:
    """The personal settings beside the database: ``casemap.instellingen.json`` for ``casemap.db``.

    Personal mode only (one laptop); team mode keeps nothing of the sort: its
    names come from the sign-in.
    """
    db = db_path()
    if isinstance(db, str):  # a PostgreSQL server: the settings stay on this machine
        return Path(__file__).resolve().parent.parent / "data" / "casemap.instellingen.json"
    return db.with_name(f"{db.stem}.instellingen.json")


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return str(os.getuid()) if hasattr(os, "getuid") else "gebruiker"


def remembered_author() -> str:
    """The name this laptop's user typed last ('' when none, or the file is unreadable)."""
    import json

    try:
        settings = json.loads(settings_path().read_text(encoding="utf-8"))
        name = settings.get("authors", {}).get(_os_user(), "")
    except (OSError, ValueError, AttributeError):
        return ""
    return name if isinstance(name, str) else ""


def remember_author(name: str) -> None:
    """Keep ``name`` for this laptop's user in the settings file (owner-only, written whole).

    A file that cannot be written costs only the remembering: the name still
    holds for this session.
    """
    import json
    import tempfile

    path = settings_path()
    try:
        settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(settings, dict):
            settings = {}
    except (OSError, ValueError):
        settings = {}
    authors = settings.setdefault("authors", {})
    if not isinstance(authors, dict):
        authors = settings["authors"] = {}
    if authors.get(_os_user()) == name:
        return
    authors[_os_user()] = name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".instellingen-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:  # mkstemp: mode 0600
            json.dump(settings, out, ensure_ascii=False, indent=1)
        os.replace(temporary, path)
    except OSError:
        return


def meeting_aids() -> dict:
    """Meeting aids shared by every lens page: large font, hide notes, highlight.

    Pseudonyms are not among them: switched on in meeting mode they stay
    there (:func:`meeting_pseudonyms`); every other page and export has its
    own switch, off until the user turns it on, so a file made after a
    meeting is never pseudonymised (or named) by a switch on another page.
    """
    return st.session_state.setdefault(
        MEETING, {"large_font": False, "hide_notes": False, "highlight": ""}
    )


def text_scale() -> float:
    """The text scale the maps are drawn at now ("Grote letters" on the canvas or not).

    Read when a map is laid out, so the layout makes room for text of that size
    (:func:`mapping.render.svg.text_scale`).
    """
    from mapping.render.svg import text_scale as scale_of

    return scale_of(large_font=bool(meeting_aids().get("large_font")))


def meeting_pseudonyms() -> bool:
    """Whether meeting mode shows pseudonyms (kept while the user visits other pages)."""
    return bool(st.session_state.get(PSEUDONYMS, False))


def set_meeting_pseudonyms(on: bool) -> None:
    st.session_state[PSEUDONYMS] = bool(on)


def pseudonym_code(case_id: str) -> str:
    """The case code a pseudonymised screen of ``case_id`` shows, the same on every run.

    Made for this session (:func:`mapping.services.pseudonym.export_code`), so the
    projector never shows the real code; every file gets a code of its own.
    """
    from mapping.services.pseudonym import export_code

    return st.session_state.setdefault(PSEUDONYM_CODES, {}).setdefault(case_id, export_code())


BADGES = "casemap_badges"  # show draagkracht/draaglast badges on the maps


def show_badges() -> bool:
    """Whether the maps show '+'/'-' badges for linked balance factors (default on)."""
    return bool(st.session_state.setdefault(BADGES, True))


def set_show_badges(shown: bool) -> None:
    st.session_state[BADGES] = bool(shown)


FORMS_OF = "casemap_forms_of"  # {form name: the record its widgets were first filled from}


def form_version(record: object, name: str) -> str:
    """A suffix for an edit form's widget keys: '' until the record changes, then a new one.

    A keyed widget keeps what it holds across runs and ignores a new
    ``value=``, in the browser too (dropping its key does not refill it
    there). So when a colleague changed the record, the form would still
    show the old values and the next save would silently write them back.
    Keys ending in this suffix make new widgets, filled from the stored
    record, whenever it differs from the one the form was first filled from
    in this session (after one's own save as well: it then shows what was
    saved).

        prefix = f"geno_edit_{person.id}" + state.form_version(person, "geno_edit")
    """
    first = st.session_state.setdefault(FORMS_OF, {}).setdefault(
        (name, getattr(record, "id", "")), repr(record)
    )
    if first == repr(record):
        return ""
    return "_" + hashlib.sha1(repr(record).encode()).hexdigest()[:8]


RESETS = "casemap_form_resets"  # {widget key: blank value} to set before the next run's widgets


def forget_form(prefix: str, blanks: dict[str, object]) -> None:
    """Empty a new-item form once it was saved, on the next run.

    New-item forms do not use ``clear_on_submit``: that also empties them
    when the store refused the input, and the user would have to type a whole
    goal again because of one wrong date. They call this after a save with
    the blank value of each field to empty (``{"name": "", "deceased": False}``
    for the widgets ``prefix_name`` and ``prefix_deceased``);
    :func:`apply_form_resets` sets them before the next run draws the form
    (deleting a widget's key would not empty it in the browser). Choice boxes
    that are left out keep their choice.
    """
    pending = st.session_state.setdefault(RESETS, {})
    pending.update({f"{prefix}_{name}": blank for name, blank in blanks.items()})


def apply_form_resets() -> None:
    """Blank the fields :func:`forget_form` named; called at the top of a page's run."""
    for key, blank in st.session_state.pop(RESETS, {}).items():
        st.session_state[key] = blank
