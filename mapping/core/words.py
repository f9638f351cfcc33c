"""Words from other programs' files read as casemap's vocabulary: a sector from "Mother" or "colleague".

Pure functions over :mod:`mapping.core.vocabulary`; the file readers
(:mod:`mapping.formats.graphml`) and the netwerkkaart (a member's role as a
sector) use the same words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mapping.core.vocabulary import TERMS, Sector, SystemKind

_PROFESSIONAL_PHRASES = ("social worker", "case manager", "maatschappelijk werk", "wijkteam")
SECTOR_WORDS: dict[Sector, tuple[str, ...]] = {
    Sector.HOUSEHOLD: (
        "household", "huishouden", "huisgeno", "gezin", "family", "familie", "relative", "kin",
        "partner", "spouse", "husband", "wife", "parent", "mother", "father", "moeder", "vader",
        "ouder", "child", "son", "daughter", "kind", "zoon", "dochter", "sibling", "brother",
        "sister", "broer", "zus", "grand", "opa", "oma", "oom", "tante", "uncle", "aunt",
        "cousin", "neef", "nicht",
    ),
    Sector.FRIENDS: ("friend", "vriend", "kennis", "acquaint", "peer", "buddy", "maatje"),
    Sector.NEIGHBOURS: ("neighbo", "buur", "buren"),
    Sector.PROFESSIONALS: (
        "professional", "hulpverlen", "doctor", "arts", "huisarts", "gp", "nurse", "verpleeg", "therap",
        "psycholog", "psychiat", "coach", "agency", "instantie", "service", "dienst", "care",
        "zorg", "police", "politie", "counsel",
    ),
    Sector.WORK_SCHOOL: (
        "work", "werk", "job", "colleague", "collega", "coworker", "manager", "boss", "school",
        "class", "teacher", "leraar", "docent", "study", "studie", "club", "vereniging", "sport",
        "church", "kerk", "moskee", "mosque", "team", "volunteer", "vrijwillig",
    ),
}  # fmt: skip


def word_tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", str(text).casefold())


def words_match(text: str, words: tuple[str, ...]) -> bool:
    low = str(text).casefold()
    tokens = word_tokens(low)
    for word in words:
        if " " in word:
            if word in low:
                return True
        elif any(token.startswith(word) for token in tokens):
            return True
    return False


def sector_of_value(value, extra: Mapping[str, Sector] | None = None) -> Sector | None:
    """The sector a foreign attribute value names, or None.

    >>> sector_of_value("Mother"), sector_of_value("social worker"), sector_of_value("colleague")
    (<Sector.HOUSEHOLD: 'household'>, <Sector.PROFESSIONALS: 'professionals'>, <Sector.WORK_SCHOOL: 'work_school'>)
    """
    if value is None or isinstance(value, bool) or str(value).strip() == "":
        return None
    text = str(value).strip()
    folded = text.casefold()
    for word, sector in (extra or {}).items():
        if folded == str(word).casefold():
            return Sector(sector)
    for sector in Sector:
        if folded in (sector.value, TERMS[sector].nl.casefold(), TERMS[sector].en.casefold()):
            return sector
    for kind in SystemKind:
        if kind is not SystemKind.OTHER and folded in (
            TERMS[kind].nl.casefold(),
            TERMS[kind].en.casefold(),
        ):
            return Sector(TERMS[kind].style["sector"])
    if any(phrase in folded for phrase in _PROFESSIONAL_PHRASES):
        return Sector.PROFESSIONALS
    for sector, words in SECTOR_WORDS.items():
        if words_match(text, words):
            return sector
    return None
