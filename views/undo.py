"""Undo and redo of the changes made on a map, each as a new revision (#15.5).

Every change a user makes through the store while on a map page (Genogram,
Ecogram, Netwerkkaart, Overleg) -- add, remove, connect, edit, move -- is
remembered per browser session and case as a :class:`Step`: the revision the
change left, the case's content before it and the change's line in the
history. "Ongedaan maken" writes that content back with
:meth:`mapping.storage.store.Store.replace_case` (network, positions, balance and
plan; the case record stays), as a new revision named
``"ongedaan gemaakt: <the change>"``; "Opnieuw" writes the undone state back
as ``"opnieuw: <the change>"``. So the history shows both, and a colleague's
session sees them as changes like any other::

    book = {}
    stacks = stacks_of(case.id, book)
    record(store, case.id, lambda: store.save(case.id, person), stacks)
    undo(store, case.id, stacks)   # the person is gone, in a new revision
    redo(store, case.id, stacks)   # and back, in the next one

An undo or redo only runs on the revision it expects: when a colleague
changed the case in between, it is refused (:class:`StaleRevision`) and the
stacks are emptied, rather than overwriting their work. A change this
session makes elsewhere (the plan, the balance, a snapshot restored) empties
them too: undoing past it would take it back unasked. The stacks hold at
most :data:`DEPTH` steps.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import streamlit as st

from mapping.core.errors import StaleRevision
from mapping.core.model import CaseData
from mapping.storage.store import Store
from views import case_cache

KEY = "casemap_undo"  # {case_id: Stacks} of this browser session
DEPTH = 20
#: The pages (their Dutch titles, as :func:`views.state.part` names them) whose changes are recorded.
MAP_PAGES = frozenset({"Genogram", "Ecogram", "Netwerkkaart", "Overleg"})
#: Store methods whose changes are recorded there.
RECORDED = frozenset({"save", "save_many", "delete", "set_position", "clear_positions"})
UNDONE, REDONE = "ongedaan gemaakt", "opnieuw"

T = TypeVar("T")


@dataclass(frozen=True)
class Step:
    """One change that can be taken back: the revision it left and what was there before."""

    revision: int  # the case's revision right after the change (or its undo)
    before: CaseData  # the case's content the change replaced
    summary: str  # the change as the history names it ("persoon toegevoegd: Jan")


@dataclass
class Stacks:
    """The undo and redo steps of one case in one browser session, newest last."""

    undo: list[Step] = field(default_factory=list)
    redo: list[Step] = field(default_factory=list)

    def clear(self) -> None:
        self.undo.clear()
        self.redo.clear()

    def next_undo(self) -> str:
        """The summary of what "Ongedaan maken" takes back ('' when nothing)."""
        return self.undo[-1].summary if self.undo else ""

    def next_redo(self) -> str:
        """The summary of what "Opnieuw" does again ('' when nothing)."""
        return self.redo[-1].summary if self.redo else ""


def stacks_of(case_id: str, book: dict | None = None) -> Stacks:
    """The stacks of ``case_id``: in ``book``, or in this browser session's state."""
    if book is None:
        book = st.session_state.setdefault(KEY, {})
    return book.setdefault(case_id, Stacks())


def forget(case_id: str) -> None:
    """Empty the stacks of ``case_id`` in this session (a change they cannot step over)."""
    found = st.session_state.get(KEY, {}).get(case_id)
    if found is not None:
        found.clear()


def record(store: Store, case_id: str, change: Callable[[], T], stacks: Stacks) -> T:
    """Run ``change`` (one store call on ``case_id``) and remember how to take it back.

    A change that changed nothing (a save of the same values) is not
    remembered. When the revision moved by more than one (a colleague saved
    at the same moment) the steps can no longer be told apart: the stacks
    are emptied. A new change empties the redo stack, as in any editor.
    """
    # the content as the page just loaded it, unless the revision moved since (views.case_cache)
    before = case_cache.load(store, case_id)
    result = change()
    after = store.revision(case_id)
    if after == before.case.revision:
        return result
    if after != before.case.revision + 1:
        stacks.clear()
        return result
    lines = store.history(case_id, limit=1)
    summary = lines[0].summary if lines else ""
    stacks.undo.append(Step(after, before, summary))
    del stacks.undo[:-DEPTH]
    stacks.redo.clear()
    return result


@contextmanager
def _replaying(store: Any):
    """Mark ``store`` while an undo or redo writes, so it is not recorded as a new change."""
    store.replaying = True
    try:
        yield
    finally:
        store.replaying = False


def _refused(current: int, expected: int) -> StaleRevision:
    return StaleRevision(
        "Ongedaan maken of opnieuw doen kan niet meer: een collega heeft deze casus "
        "intussen gewijzigd (revisie {current}, uw laatste wijziging was revisie "
        "{expected}). Er is niets overschreven; bekijk de kaart en pas zo nodig zelf aan.",
        current=current,
        expected=expected,
    )


def _step(store: Store, case_id: str, stacks: Stacks, undoing: bool, author: str) -> int | None:
    source, target = (stacks.undo, stacks.redo) if undoing else (stacks.redo, stacks.undo)
    if not source:
        return None
    step = source[-1]
    current = store.load(case_id)
    if current.case.revision != step.revision:
        stacks.clear()
        raise _refused(current.case.revision, step.revision)
    verb = UNDONE if undoing else REDONE
    with _replaying(store):
        revision = store.replace_case(
            case_id,
            step.before,
            expected_revision=step.revision,
            author=author,
            summary=f"{verb}: {step.summary}",
        )
    source.pop()
    target.append(Step(revision, current, step.summary))
    del target[:-DEPTH]
    if source:  # the case is now as that step left it, at this new revision
        source[-1] = replace(source[-1], revision=revision)
    return revision


def undo(store: Store, case_id: str, stacks: Stacks, *, author: str = "") -> int | None:
    """Take the last recorded change back as a new revision; None when there is none.

    Raises :class:`StaleRevision` (and empties the stacks) when the case is no
    longer at the revision that change left.
    """
    return _step(store, case_id, stacks, True, author)


def redo(store: Store, case_id: str, stacks: Stacks, *, author: str = "") -> int | None:
    """Do the last undone change again as a new revision; None when there is none."""
    return _step(store, case_id, stacks, False, author)


__all__ = [
    "DEPTH",
    "MAP_PAGES",
    "RECORDED",
    "Stacks",
    "Step",
    "forget",
    "record",
    "redo",
    "stacks_of",
    "undo",
]
