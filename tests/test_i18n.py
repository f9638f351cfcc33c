"""Every Dutch string has its English: the pages' ``_()`` and the domain's message ids.

The interface and the domain are translated through the same catalogs
(``locales/en/LC_MESSAGES/*.po``): a page writes ``_("Casus openen")``; the
domain raises ``InvalidInput("Regel {line}: ...", line=3)``, reports an
``ImportNotice(...)``, builds a ``Message(...)`` part, or marks a table's
text with ``N_(...)``. These tests read the source of ``mapping/`` and
``views/`` and fail when one of those Dutch ids has no English entry.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mapping.core.errors import CasemapError, InvalidInput, NotFound
from mapping.core.i18n import N_, Message, catalog, translate
from mapping.formats.notices import ImportNotice
from views.i18n import _

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ROOT / "views"
MAPPING = ROOT / "mapping"

#: Calls whose first argument is a Dutch message id: the marker, the message
#: part, the notice, and every CasemapError class (found in the source below).
MARKERS = {"N_", "Message", "ImportNotice"}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def error_classes(folders=(MAPPING, VIEWS)) -> set[str]:
    """CasemapError and every class that derives from it, by name, in the source."""
    bases: dict[str, set[str]] = {}
    for folder in folders:
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef):
                    bases[node.name] = {_name(b) for b in node.bases} - {None}
    found = {"CasemapError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def ui_strings() -> dict[str, str]:
    """Literal arguments of ``_()`` calls in views/, with the file they are in."""
    found: dict[str, str] = {}
    for path in VIEWS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = path.name
    return found


def domain_messages(source: str, where: str, callers: set[str]) -> tuple[dict, list]:
    """The Dutch message ids in ``source``, and the calls whose id cannot be in a catalog.

    A message id is the first argument, a string literal, of a call in
    ``callers``. An f-string as the id can never match a catalog entry: those
    are returned as wrong.
    """
    ids: dict[str, str] = {}
    wrong: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _name(node.func) in callers and node.args):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            if first.value:  # the empty Message is the empty text in every language
                ids[first.value] = f"{where}:{node.lineno}"
        elif isinstance(first, ast.JoinedStr):
            wrong.append(f"{where}:{node.lineno}")
    return ids, wrong


def all_domain_messages() -> tuple[dict, list]:
    callers = MARKERS | error_classes()
    ids: dict[str, str] = {}
    wrong: list[str] = []
    for folder in (MAPPING, VIEWS):
        for path in sorted(folder.rglob("*.py")):
            found, bad = domain_messages(
                path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), callers
            )
            ids.update(found)
            wrong += bad
    return ids, wrong


def test_every_ui_string_has_english():
    english = catalog("en")
    missing = {text: page for text, page in ui_strings().items() if text not in english}
    assert not missing, f"no English for: {missing}"


def test_every_domain_message_has_english():
    """Errors, import notices, message parts and N_() texts of mapping/ and views/."""
    english = catalog("en")
    ids, _wrong = all_domain_messages()
    assert len(ids) > 350  # the checker finds the messages (about 400 today)
    missing = {text: where for text, where in ids.items() if text not in english}
    assert not missing, "no English in locales/en/LC_MESSAGES/domain.po for:\n" + "\n".join(
        f"{where}: {text!r}" for text, where in sorted(missing.items(), key=lambda kv: kv[1])
    )


def test_no_message_id_is_an_f_string():
    """``InvalidInput(f"... {x}")`` can never be found in a catalog: use ``"... {x}", x=x``."""
    _ids, wrong = all_domain_messages()
    assert not wrong, f"message ids written as f-strings: {wrong}"


def inline_english_calls() -> list[str]:
    """Calls of an error class or ImportNotice that pass a second positional argument."""
    callers = error_classes() | {"ImportNotice"}
    found = []
    for folder in (MAPPING, VIEWS):
        for path in sorted(folder.rglob("*.py")):
            where = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and _name(node.func) in callers
                    and len(node.args) >= 2
                ):
                    found.append(f"{where}:{node.lineno}")
    return found


def test_no_message_passes_its_english_inline():
    """One way to translate: English belongs in the catalog, never beside the Dutch."""
    assert not inline_english_calls()


def test_an_english_argument_is_refused():
    with pytest.raises(TypeError):
        CasemapError("Iets is mis.", "Something is wrong.")
    with pytest.raises(TypeError):
        ImportNotice("Eén verwijzing overgeslagen.", "One reference skipped.")


def test_english_keeps_the_placeholders_of_the_dutch():
    """A translation that drops or renames a ``{name}`` would fail (or lie) when shown."""
    import string

    english = catalog("en")
    ids, _wrong = all_domain_messages()

    def fields(text: str) -> set[str]:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}

    differ = {
        text: english[text]
        for text in ids
        if text in english and fields(text) != fields(english[text])
    }
    assert not differ, f"placeholders differ: {differ}"


def test_the_domain_catalog_agrees_with_the_pages():
    """One lookup holds every catalog: a domain id a page also uses must mean the same.

    ('overleden' is 'deceased' on the netwerkkaart; a notice that needs 'died'
    says so in a longer id of its own.)
    """
    from babel.messages.pofile import read_po

    folder = ROOT / "locales" / "en" / "LC_MESSAGES"
    with (folder / "domain.po").open("rb") as handle:
        domain = {(m.context, m.id): m.string for m in read_po(handle, locale="en") if m.id}
    differ = []
    for po in sorted(folder.glob("*.po")):
        if po.name == "domain.po":
            continue
        with po.open("rb") as handle:
            for m in read_po(handle, locale="en"):
                key = (m.context, m.id)
                if key in domain and m.string != domain[key]:
                    differ.append((po.name, m.id, m.string, domain[key]))
    assert not differ


def test_the_checker_catches_a_missing_entry():
    """A new error, notice, part or marked text without English is reported."""
    callers = MARKERS | error_classes()
    source = (
        "raise InvalidInput('Dit bericht heeft geen Engels: {x}.', x=1)\n"
        "notices.append(ImportNotice('Ook dit niet.'))\n"
        "TEXTS = {'a': N_('Een tekst in een tabel zonder Engels')}\n"
        "raise AccessDenied(f'Een f-string {x}')\n"
    )
    ids, wrong = domain_messages(source, "nieuw.py", callers)
    english = catalog("en")
    assert {text for text in ids if text not in english} == {
        "Dit bericht heeft geen Engels: {x}.",
        "Ook dit niet.",
        "Een tekst in een tabel zonder Engels",
    }
    assert wrong == ["nieuw.py:4"]
    assert "AccessDenied" in callers and "StoreUnavailable" in callers


def test_a_context_picks_the_translation_for_one_place():
    """The report says 'Sociogram of' where the netwerkkaart page says 'Network map of'."""
    from mapping.services.report import t

    assert translate("Netwerkkaart van {name}", "en") == "Network map of {name}"
    assert translate("Netwerkkaart van {name}", "en", context="report") == "Sociogram of {name}"
    assert t("sociogram_of", "en") == "Sociogram of {name}"
    assert t("case", "en") == "Case"  # no entry in the context: the plain one
    assert t("case", "nl") == "Casus"


def test_translate_falls_back_to_dutch():
    assert translate("Casussen", "nl") == "Casussen"
    assert translate("Casussen", "en") == "Cases"
    assert translate("iets dat niet bestaat", "en") == "iets dat niet bestaat"


def test_an_error_is_translated_where_it_is_shown():
    err = NotFound("Casus '{ref}' bestaat niet (meer).", ref="WT-{1}")
    assert str(err) == err.nl == "Casus 'WT-{1}' bestaat niet (meer)."
    assert err.message("en") == err.en == "Case 'WT-{1}' does not exist (any more)."
    assert err.params == {"ref": "WT-{1}"}


def test_a_message_part_is_translated_with_its_error():
    where = Message("regel {line}", line=7)
    err = InvalidInput("{context}: {where}", context="entities[2]", where=where)
    assert err.message("nl") == "entities[2]: regel 7"
    assert err.message("en") == "entities[2]: line 7"
    notice = ImportNotice(
        Message(
            "{what} ({value}) ligt in de toekomst.", what=Message(N_("Geboortedatum")), value="2105"
        )
    )
    assert notice.message("en") == "Date of birth (2105) lies in the future."
    assert notice.nl == "Geboortedatum (2105) ligt in de toekomst."


def test_errors_survive_pickling():
    import pickle

    err = pickle.loads(
        pickle.dumps(InvalidInput("Regel {line}: onbekende datum '{value}'.", line=3, value="x"))
    )
    assert isinstance(err, InvalidInput)
    assert err.message("en") == "Line 3: unknown date 'x'."


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "Er bestaat al een casus met code 'DEMO-001'."),
        ("en", "A case with code 'DEMO-001' already exists."),
    ],
)
def test_a_page_shows_a_domain_error_in_the_chosen_language(page_app, lang, expected):
    """The store refuses a second DEMO-001 in Dutch ids; the cases page shows it translated."""
    from views.state import LANG

    at = page_app("cases", open_demo=False)
    at.session_state[LANG] = lang
    at.run()
    inputs = [t for t in at.text_input if t.key is None or "new_case" in str(t.id)]
    inputs[0].input("DEMO-001")
    inputs[1].input("Nog een")
    button = _("Casus aanmaken") if lang == "nl" else catalog("en")["Casus aanmaken"]
    next(b for b in at.button if b.label == button).click().run()
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [expected]


def test_the_command_line_says_it_in_dutch(tmp_path, capsys):
    """The CLI prints the Dutch message (then the English from the catalog) and exits 2."""
    from mapping.cli import main

    db, wrong = tmp_path / "cli.db", tmp_path / "wrong.json"
    wrong.write_text('{"format": "iets anders", "version": 1}', encoding="utf-8")
    code = main(["--db", str(db), "import", str(wrong)])
    lines = capsys.readouterr().err.splitlines()
    assert code == 2
    assert lines == [
        "casemap: Dit is geen casemap-casusbestand (format moet 'casemap-case' zijn).",
        "casemap: This is not a casemap case file (format must be 'casemap-case').",
    ]
