"""Read a case file of any supported kind, chosen by its extension.

One dispatcher for the cases page and the CLI: ``.json`` (casemap's own
exchange format), ``.ged`` (GEDCOM 5.5.1 / 7.0) and ``.graphml``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from mapping.core.codec import (
    MAX_NAME,
    MAX_TEXT,
    NAME_FIELDS,
    case_with_texts,
    date_problems,
    without_bidi,
)
from mapping.core.errors import InvalidInput
from mapping.core.i18n import Message
from mapping.core.model import CaseData, Entity
from mapping.formats.notices import ImportNotice

MAX_BYTES = 50 * 1024 * 1024


def read_case_file(
    name: str, content: bytes, *, ego: str | None = None, notices: list | None = None
) -> CaseData:
    """Parse ``content`` (the bytes of a file called ``name``) into a CaseData.

    Raises InvalidInput for an unknown extension, an empty or oversized file
    and for anything the format's reader refuses; nothing is written. What a
    reader left out of a file from another program (a GraphML value that does
    not fit its type, a GEDCOM link to a record the file does not hold) is
    appended to ``notices`` as :class:`ImportNotice`.
    """
    suffix = Path(name).suffix.lower()
    if not content:
        raise InvalidInput("Het bestand is leeg.")
    if len(content) > MAX_BYTES:
        raise InvalidInput(
            "Het bestand is groter dan 50 MB en wordt niet gelezen.",
        )
    if suffix == ".json":
        from mapping.formats.exchange import check_case, load_case

        # casemap's own file is checked strictly, but a date that cannot be right
        # (a backup from before the date rules, a typo) costs the user the date,
        # kept in the note, not the whole case
        data = _dates_set_aside(load_case(content, strict=False), notices)
        check_case(data)
        return data
    if suffix in GEDCOM_SUFFIXES:
        from mapping.formats.gedcom import read_gedcom

        content = gedcom_bytes(name, content, notices)
        return tidy(read_gedcom(content, title=Path(name).stem, notices=notices), notices)
    if suffix in (".graphml", ".xml"):
        from mapping.formats.graphml import read_graphml

        return tidy(read_graphml(content, ego=ego, notices=notices), notices)
    raise InvalidInput(
        "Onbekend bestandstype '{suffix}'. Kies een .json-, .ged-, .gdz- of .graphml-bestand.",
        suffix=suffix,
    )


#: File names that hold a family tree: GEDCOM text, or GEDCOM 7's zip (GEDZIP).
GEDCOM_SUFFIXES = (".ged", ".gedcom", ".gdz")


def gedcom_bytes(name: str, content: bytes, notices: list | None = None) -> bytes:
    """The GEDCOM text of a family-tree file: the file itself, or from a GEDZIP its gedcom.ged.

    A GEDZIP (GEDCOM 7) is a zip with ``gedcom.ged`` at its root and the
    photos and documents beside it. Only the family tree is read; the media
    stay out (said in a notice). A zip that would unpack to more than 50 MB,
    or holds no gedcom.ged, is refused; nothing is unpacked to disk.
    """
    if Path(name).suffix.lower() != ".gdz":
        return content
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInput(
            "Dit .gdz-bestand is geen leesbaar GEDZIP-archief (zip).",
        ) from None
    tree = next((i for i in entries if i.filename == "gedcom.ged"), None)
    if tree is None:
        raise InvalidInput(
            "Het GEDZIP-archief bevat geen gedcom.ged.",
        )
    try:
        with archive.open(tree) as member:  # read no further than the limit, whatever it says
            text = member.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
        raise InvalidInput(
            "De stamboom in het GEDZIP-archief kan niet worden uitgepakt.",
        ) from None
    if len(text) > MAX_BYTES:
        raise InvalidInput(
            "De stamboom in het GEDZIP-archief is groter dan 50 MB en wordt niet gelezen.",
        )
    media = len(entries) - 1
    if media and notices is not None:
        notices.append(
            ImportNotice(
                "{media} foto('s) en document(en) uit het GEDZIP-archief zijn niet overgenomen; "
                "alleen de stamboom.",
                media=media,
            )
        )
    return text


def _tidy_text(name: str, text: str) -> str:
    text = "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch != "\x7f"))
    text = without_bidi(text)
    if name in NAME_FIELDS and len(text) > MAX_NAME:
        text = text[: MAX_NAME - 1] + "\u2026"
    return text


def tidy(data: CaseData, notices: list | None = None) -> CaseData:
    """Another program's file made fit for casemap's value rules.

    GEDCOM and GraphML files come from other programs: invisible control
    characters and bidi overrides are dropped and a name longer than the
    store allows is shortened with an ellipsis, instead of refusing a whole
    family tree for one stray byte. A date that cannot be right (born in
    2105, died before birth: :func:`~mapping.core.codec.date_problems`) is taken
    out of the person and kept in the note, with an :class:`ImportNotice`
    in ``notices``, as for casemap's own JSON.
    """
    return _dates_set_aside(case_with_texts(data, _tidy_text), notices)


def _dates_set_aside(data: CaseData, notices: list | None) -> CaseData:
    """``data`` without the dates that cannot be right (:func:`~mapping.core.codec.date_problems`):
    a person's go to their note, a consent date in the future is left out; one
    :class:`ImportNotice` in ``notices`` says which."""
    entities, moved = [], []
    for entity in data.entities:
        problems = date_problems(entity)
        if problems:
            entity = _dates_to_note(entity, problems)
            moved += problems
        entities.append(entity)
    case = data.case
    problems = date_problems(case)
    if problems:
        case = dataclasses.replace(case, **{name: "" for name, _problem in problems})
        moved += problems
    if moved and notices is not None:
        notices.append(_dates_notice(moved))
    return dataclasses.replace(data, case=case, entities=entities) if moved else data


def _dates_to_note(entity: Entity, problems: list[tuple[str, Message]]) -> Entity:
    """``entity`` without the dates of ``problems``; the note says what the file held.

    The note is data, written in Dutch as the case is."""
    lines = "\n".join(f"Uit het bestand, niet overgenomen: {problem}" for _f, problem in problems)
    note = f"{entity.note}\n{lines}" if entity.note else lines
    changes = {name: "" for name, _problem in problems}
    if "death" in changes:
        changes["deceased"] = True  # the file says the person died, only not when
    return dataclasses.replace(
        entity, **changes, note=note if len(note) <= MAX_TEXT else entity.note
    )


def _dates_notice(problems: list[tuple[str, Message]]) -> ImportNotice:
    shown = Message.join(" ", [problem for _f, problem in problems[:3]])
    more = len(problems) - 3
    if more > 0:
        shown = Message("{problems} En nog {more}.", problems=shown, more=more)
    in_notes = sum(1 for field, _problem in problems if field != "consent_date")
    if in_notes == 1:
        return ImportNotice(
            "Niet overgenomen omdat het niet kan kloppen: {problems} De datum staat in de "
            "notitie van de persoon. Controleer dit in het programma waar het bestand vandaan komt.",
            problems=shown,
        )
    if in_notes:
        return ImportNotice(
            "Niet overgenomen omdat het niet kan kloppen: {problems} Elke datum staat in de "
            "notitie van de persoon. Controleer dit in het programma waar het bestand vandaan komt.",
            problems=shown,
        )
    return ImportNotice(
        "Niet overgenomen omdat het niet kan kloppen: {problems} "
        "Controleer dit in het programma waar het bestand vandaan komt.",
        problems=shown,
    )


def family_to_add(tree: CaseData, into: CaseData) -> list:
    """The people and family lines of ``tree`` as new records for the case ``into``.

    A second family tree added to a case must never overwrite the people of
    the first: an id that is already taken in ``into`` gets a fresh one (and
    the lines follow it). The case keeps its own index person; the tree's
    index person is only kept when the case has none yet.
    """
    from mapping.core.model import new_id
    from mapping.core.vocabulary import FAMILY_KINDS as family

    taken = {e.id for e in into.entities} | {r.id for r in into.relations}
    has_index = into.index_person() is not None
    ids: dict[str, str] = {}
    people = []
    for person in (e for e in tree.entities if e.is_person):
        ids[person.id] = new_id() if person.id in taken else person.id
        index = person.index_person and not has_index
        people.append(dataclasses.replace(person, id=ids[person.id], index_person=index))
    lines = [
        dataclasses.replace(
            r,
            id=new_id() if r.id in taken else r.id,
            source=ids[r.source],
            target=ids[r.target],
        )
        for r in tree.relations
        if r.kind in family and r.source in ids and r.target in ids
    ]
    return [*people, *lines]
