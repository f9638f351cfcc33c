"""The cases page: list, search, create, open, rename, archive, delete with confirmation."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapping.storage.store import Store
from views.state import OPEN_CASE


def shown(at) -> str:
    """All markdown on the page, without the escapes user text gets."""
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def button(at, key):
    return next(b for b in at.button if b.key == key)


def test_lists_and_searches(page_app):
    at = page_app("cases", open_demo=False)
    at.run()
    assert not at.exception
    assert "DEMO-001" in shown(at)
    at.text_input(key="cases_search").input("bestaat niet").run()
    assert "DEMO-001" not in shown(at)
    assert any("Geen casussen gevonden" in i.value for i in at.info)
    at.text_input(key="cases_search").input("jansen").run()
    assert "DEMO-001" in shown(at)


def test_create_and_open_a_case(page_app):
    at = page_app("cases", open_demo=False)
    at.run()
    form_inputs = [t for t in at.text_input if t.key is None or "new_case" in str(t.id)]
    code, title = form_inputs[0], form_inputs[1]
    code.input("WT-2026-014")
    title.input("Gezin K.")
    next(b for b in at.button if "Casus aanmaken" in b.label).click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        created = store.get_case("WT-2026-014")
    assert created.title == "Gezin K."
    assert at.session_state[OPEN_CASE] == created.id


def test_create_without_code_is_refused(page_app):
    at = page_app("cases", open_demo=False)
    at.run()
    next(b for b in at.button if "Casus aanmaken" in b.label).click().run()
    assert not at.exception
    assert any("casuscode" in e.value for e in at.error)
    with Store(at.db_path) as store:
        assert len(store.list_cases()) == 1


def test_duplicate_code_is_refused_with_a_message(page_app):
    at = page_app("cases", open_demo=False)
    at.run()
    inputs = [t for t in at.text_input if t.key is None or "new_case" in str(t.id)]
    inputs[0].input("DEMO-001")
    inputs[1].input("Nog een")
    next(b for b in at.button if "Casus aanmaken" in b.label).click().run()
    assert not at.exception
    assert at.error


def test_open_rename_archive_and_delete(page_app):
    at = page_app("cases", open_demo=False)
    at.run()
    case_id = at.case_id
    button(at, f"open_{case_id}").click().run()
    assert at.session_state[OPEN_CASE] == case_id
    title = next(t for t in at.text_input if t.value == "Gezin Jansen-de Boer (fictief)")
    title.input("Gezin J. (fictief)")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        assert store.get_case(case_id).title == "Gezin J. (fictief)"
        assert any(
            "Gezin J." in c.summary or "titel" in c.summary.lower() for c in store.history(case_id)
        )

    button(at, "case_archive").click().run()
    with Store(at.db_path) as store:
        assert store.get_case(case_id).archived
        assert store.list_cases() == []

    # deleting needs the code typed in
    assert button(at, "case_delete").disabled
    at.text_input(key="case_delete_confirm").input("DEMO-001").run()
    button(at, "case_delete").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        assert store.list_cases(include_archived=True) == []
    assert at.session_state[OPEN_CASE] is None


def test_stale_edit_is_refused(page_app):
    at = page_app("cases")
    at.run()
    with Store(at.db_path) as store:  # a colleague changes the case meanwhile
        store.update_case(at.case_id, title="Door collega gewijzigd", author="collega")
    title = next(t for t in at.text_input if t.value == "Gezin Jansen-de Boer (fictief)")
    title.input("Mijn wijziging")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    assert any("gewijzigd" in e.value for e in at.error)
    with Store(at.db_path) as store:
        assert store.get_case(at.case_id).title == "Door collega gewijzigd"


def test_a_family_tree_upload_says_what_it_left_out_before_and_after_import(page_app):
    content = (
        b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        b"0 @I1@ INDI\n1 NAME Jan /Jansen/\n1 SEX M\n1 FAMC @F9@\n"
        b"0 @I2@ INDI\n1 NAME Els /*Bold*/\n1 SEX F\n0 TRLR\n"
    )
    at = page_app("cases", open_demo=False)
    at.run()
    at.file_uploader(key="cases_upload").set_value(("deel.ged", content, "text/plain")).run()
    assert not at.exception, at.exception
    assert any("F9" in w.value for w in at.warning)
    button(at, "cases_do_import").click().run()
    assert not at.exception, at.exception
    flashed = [i.value for i in at.info]
    assert any("2 personen" in line for line in flashed), flashed
    assert any("F9" in line for line in flashed), flashed
    with Store(at.db_path) as store:
        case = next(c for c in store.list_cases() if c.title == "deel")
        names = sorted(e.name for e in store.load(case.id).entities)
    assert names == ["Els *Bold*", "Jan Jansen"]


def test_a_gedzip_upload_becomes_a_case(page_app):
    import io
    import zipfile
    from pathlib import Path

    tree = (Path(__file__).parent / "data" / "gedcom" / "harry_potter.ged").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gedcom.ged", tree)
        archive.writestr("media/foto.jpg", b"\xff\xd8 geen echte foto")
    at = page_app("cases", open_demo=False)
    at.run()
    at.file_uploader(key="cases_upload").set_value(
        ("potter.gdz", buffer.getvalue(), "application/zip")
    ).run()
    assert not at.exception, at.exception
    assert any("GEDZIP" in w.value for w in at.warning)  # the photo stays out, and it is said
    button(at, "cases_do_import").click().run()
    assert not at.exception, at.exception
    with Store(at.db_path) as store:
        case = next(c for c in store.list_cases() if c.title == "potter")
        assert sum(e.is_person for e in store.load(case.id).entities) == 23


# ----------------------------------------------------------------- network files
NETWORK = Path(__file__).resolve().parent / "data" / "network"


def upload_to_cases(at, path: Path) -> None:
    at.file_uploader(key="cases_upload").set_value((path.name, path.read_bytes(), "text/plain"))
    at.run()
    assert not at.exception, at.exception


def all_cases(at) -> list:
    with Store(at.db_path) as store:
        return store.list_cases()


def case_count(at) -> int:
    return len(all_cases(at))


def test_cases_page_imports_a_gml_and_refuses_garbage(page_app):
    at = page_app("cases", open_demo=False)
    at.run()
    upload_to_cases(at, NETWORK / "karate.gml")
    assert not at.error
    button(at, "cases_do_import").click().run()
    assert not at.exception, at.exception
    flashed = " ".join(i.value for i in at.info)
    assert "34 personen" in flashed
    assert any(c.code.startswith("GML-") for c in all_cases(at))
    before = case_count(at)
    upload_to_cases(at, NETWORK / "hostile" / "garbage.gml")
    assert any("binaire gegevens" in e.value for e in at.error)
    assert not any(b.key == "cases_do_import" for b in at.button)
    assert case_count(at) == before


def test_a_network_file_is_read_once_and_its_size_shown_before_import(page_app, monkeypatch):
    """The page reruns on every click; a network file (up to 20 MB) is read once per file."""
    import mapping.formats.netfiles as netfiles

    reads = []
    real = netfiles.read_import_file

    def counted(*args, **kwargs):
        reads.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr("mapping.formats.netfiles.read_import_file", counted)
    at = page_app("cases", open_demo=False)
    at.run()
    upload_to_cases(at, NETWORK / "lesmis.gml")
    assert any(
        "77 personen, 0 systemen en 254 relaties in het bestand." in c.value for c in at.caption
    )
    at.run()
    at.run()
    assert reads == ["lesmis.gml"]
    upload_to_cases(at, NETWORK / "hostile" / "garbage.gml")
    at.run()
    assert reads == ["lesmis.gml", "garbage.gml"]  # a refused file is not read again either
    assert any("binaire gegevens" in e.value for e in at.error)


def test_the_demo_button_brings_the_demo_kaart_once(page_app):
    """The demo case's systems are linked to the demo sociale kaart: the button fills an
    empty kaart with it, and a second demo leaves the kaart (now the team's) as it is."""
    from mapping.services import sociale_kaart

    at = page_app("cases", open_demo=False)
    at.run()
    with Store(at.db_path) as store:
        assert sociale_kaart.organisations(store, include_removed=True) == []
    button(at, "cases_demo").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        kaart = sociale_kaart.organisations(store)
        opened = store.load(at.session_state[OPEN_CASE])
        ids = {org.id for org in kaart}
        sociale_kaart.remove(store, kaart[0].id, author="test")
    assert len(kaart) >= 30
    linked = {e.kaart_id for e in opened.entities if e.kaart_id}
    assert linked and linked <= ids  # every link of the demo finds its organisation
    button(at, "cases_demo").click().run()
    assert not at.exception
    with Store(at.db_path) as store:
        assert len(sociale_kaart.organisations(store)) == len(kaart) - 1


def test_a_database_busy_too_long_shows_a_message_not_a_traceback(page_app, monkeypatch):
    """Opening a case writes an access-log line; when other processes keep one SQLite
    file busy past the busy timeout, the page says so in Dutch (no traceback), and shows
    the case again once the database is free."""
    import sqlite3

    from mapping.storage import store as store_module

    at = page_app("genogram")
    if str(at.db_path).startswith("postgresql"):
        pytest.skip("a SQLite file's lock")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    other = sqlite3.connect(at.db_path)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        at.run()
    finally:
        other.rollback()
        other.close()
    assert not at.exception, at.exception
    assert any("bezet" in e.value for e in at.error), [e.value for e in at.error]
    at.run()
    assert not at.exception and not at.error
