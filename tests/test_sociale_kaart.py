"""The team's sociale kaart (mapping.services.sociale_kaart, mapping.storage.kaart).

Organisations in and out, the CSV both ways (also the hostile ones: wrong
columns, encodings, formulas), who may change it, the access-log lines, the
overview across cases without names, and the command line.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from mapping.access import log, users
from mapping.access.guard import AccessDenied, GuardedStore, Principal
from mapping.access.users import Role
from mapping.core.errors import InvalidInput, NotFound
from mapping.core.model import Action, Entity, Goal
from mapping.core.vocabulary import EntityKind, SystemKind
from mapping.formats.exchange import dump_case, load_case
from mapping.services import kaart_commands
from mapping.services import sociale_kaart as sk
from mapping.services.demo import data_file, demo_case
from mapping.services.sociale_kaart import Organisation
from mapping.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO_CSV = ROOT / "data" / "sociale-kaart.csv"

HEADER = "naam;soort;aanbod;voor_wie;gebied;contact;verwijzen;wachttijd_weken;gecontroleerd_op\n"


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return (header + "".join(r + "\n" for r in rows)).encode(encoding)


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def team(tmp_path):
    """A team database; ``team.as_(email)`` is that user's guarded store."""

    class Team:
        path = tmp_path / "team.db"

        def as_(self, email: str | None) -> GuardedStore:
            s = GuardedStore(self.path, Principal.command_line())
            if email:
                s.principal = Principal.of(s.db, users.get_user(s.db, email), session="t")
            return s

    t = Team()
    with t.as_(None) as s:
        users.add_team(s.db, "Noord", policy="team")
        users.add_team(s.db, "Zuid", policy="team")
        users.add_user(s.db, "anna@org.nl", name="Anna", teams=["Noord"])
        users.add_user(s.db, "lies@org.nl", name="Lies", role=Role.TEAMLEIDER, teams=["Noord"])
        users.add_user(s.db, "zoe@org.nl", name="Zoë", teams=["Zuid"])
        users.add_user(s.db, "beheer@org.nl", role=Role.BEHEERDER)
        users.add_user(s.db, "stu@org.nl", role=Role.STUDENT, teams=["Noord"])
    return t


# --------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------
def test_save_find_get_and_a_readable_id(store):
    org = sk.save_org(
        store,
        Organisation(
            name="  Schuldhulpverlening Stad ", kind="schuldhulpverlening", offer="Budget"
        ),
        author="Lies",
    )
    assert org.id == "schuldhulpverlening-stad"
    assert org.name == "Schuldhulpverlening Stad" and org.kind == "debt"
    sk.save_org(store, Organisation(name="GGZ Midden", kind="ggz"), author="Lies")
    assert [o.name for o in sk.find(store, "STAD")] == ["Schuldhulpverlening Stad"]
    assert [o.name for o in sk.find(store, "")] == ["GGZ Midden", "Schuldhulpverlening Stad"]
    # a name that starts with the text comes first
    sk.save_org(store, Organisation(name="Stadsbank", kind="debt"), author="Lies")
    assert [o.name for o in sk.find(store, "stad")][0] == "Stadsbank"
    changed = sk.save_org(store, Organisation(**{**org.__dict__, "waiting_weeks": 6}), author="X")
    assert sk.get(store, org.id).waiting_weeks == 6 and changed.id == org.id


def test_a_second_organisation_with_the_same_name_is_refused(store):
    sk.save_org(store, Organisation(name="Wijkteam Noord", kind="wijkteam"), author="L")
    with pytest.raises(InvalidInput, match="al een organisatie"):
        sk.save_org(store, Organisation(name="wijkteam  noord", kind="wijkteam"), author="L")
    assert len(sk.organisations(store)) == 1


@pytest.mark.parametrize(
    ("org", "words"),
    [
        (Organisation(name="  "), "naam"),
        (Organisation(name="X", kind="bakker"), "onbekende soort 'bakker'"),
        (Organisation(name="X", waiting_weeks=-1), "wachttijd van -1"),
        (Organisation(name="X", waiting_weeks=9999), "wachttijd van 9999"),
        (Organisation(name="X", checked_on="1-3-2026"), "geen datum van controle"),
        (Organisation(name="X", checked_on="2999-01-01"), "toekomst"),
        (Organisation(name="X\x00Y"), "stuurteken"),
        (Organisation(name="X" * 201), "te lang"),
    ],
)
def test_bad_organisations_are_refused_and_nothing_is_stored(store, org, words):
    with pytest.raises(InvalidInput, match=words):
        sk.save_org(store, org, author="L")
    assert sk.organisations(store, include_removed=True) == []


def test_a_removed_organisation_keeps_its_row_and_name_for_linked_cases(store):
    org = sk.save_org(store, Organisation(name="Pleegzorg Regio", kind="jeugdzorg"), author="L")
    case = store.create_case("C-1", "Gezin A.", author="L")
    store.save(
        case.id, Entity("s1", "Pleegzorg Regio", EntityKind.SYSTEM, kaart_id=org.id), author="L"
    )
    assert sk.linked_cases(store, org.id) == 1
    sk.remove(store, org.id, author="L")
    assert sk.organisations(store) == []
    kept = sk.get(store, org.id)
    assert kept.removed and kept.name == "Pleegzorg Regio"
    # the case still links to it, by id, and finds the name
    assert store.load(case.id).entity("s1").kaart_id == org.id
    assert [o.name for o in sk.organisations(store, include_removed=True)] == ["Pleegzorg Regio"]
    # a new organisation may take the name; the removed one cannot come back beside it
    sk.save_org(store, Organisation(name="Pleegzorg Regio", kind="jeugdzorg"), author="L")
    with pytest.raises(InvalidInput, match="al een organisatie"):
        sk.restore(store, org.id, author="L")
    with pytest.raises(NotFound):
        sk.remove(store, "bestaat-niet", author="L")


# --------------------------------------------------------------------------
# CSV in
# --------------------------------------------------------------------------
def test_import_reads_dutch_excel_csv_and_updates_by_name(store):
    data = csv_bytes(
        "Schuldhulp Stad;schuldhulpverlening;Budgetcoaching;Inwoners;Stad;0800-123;Via wijkteam;8;01-03-2026",
        'GGZ Midden;GGZ;"Behandeling; groep";Volwassenen;Regio;;Huisarts;12;2026-02-01',
    )
    result = sk.import_csv(store, data, author="Lies")
    assert result.stored and [o.name for o in result.added] == ["Schuldhulp Stad", "GGZ Midden"]
    shv = sk.get(store, "schuldhulp-stad")
    assert (shv.kind, shv.waiting_weeks, shv.checked_on) == ("debt", 8, "2026-03-01")
    assert sk.get(store, "ggz-midden").offer == "Behandeling; groep"
    # the same file with one waiting time changed: one update, one unchanged, no duplicate
    again = csv_bytes(
        "schuldhulp stad;debt;Budgetcoaching;Inwoners;Stad;0800-123;Via wijkteam;10;2026-03-01",
        'GGZ Midden;GGZ;"Behandeling; groep";Volwassenen;Regio;;Huisarts;12;2026-02-01',
    )
    result = sk.import_csv(store, again, author="Lies")
    assert [(old.waiting_weeks, new.waiting_weeks) for old, new in result.updated] == [(8, 10)]
    assert result.changed_fields(*result.updated[0]) == ["naam", "wachttijd_weken"]
    assert [o.name for o in result.unchanged] == ["GGZ Midden"]
    assert len(sk.organisations(store)) == 2


def test_english_columns_commas_and_a_bom_are_read(store):
    data = "\ufeffname,kind,offer,waiting_weeks\nDebt Help,debt counselling,Advice,3\n".encode()
    result = sk.import_csv(store, data, author="L")
    assert [(o.name, o.kind, o.waiting_weeks) for o in result.added] == [("Debt Help", "debt", 3)]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_accents_survive_every_encoding_excel_writes(store, encoding):
    data = csv_bytes(
        "Stichting Cliëntenraad Zuidwest;overig;Ondersteuning bij één loket;;;;;;",
        encoding=encoding,
    )
    sk.import_csv(store, data, author="L")
    assert [o.name for o in sk.organisations(store)] == ["Stichting Cliëntenraad Zuidwest"]


def test_the_preview_stores_nothing(store):
    result = sk.import_csv(store, csv_bytes("A;school;;;;;;;"), author="L", dry_run=True)
    assert [o.name for o in result.added] == ["A"] and not result.stored
    assert sk.organisations(store) == []


#: (file, words of the refusal); a good row is put before the bad ones (line 2)
HOSTILE = {
    "unknown column": (
        b"naam;soort;telefoon\nA;school;06\n",
        "Onbekende kolom(men) in de kopregel: 'telefoon'",
    ),
    "missing kind column": (b"naam;aanbod\nA;iets\n", "De kolom 'soort' ontbreekt"),
    "double column": (b"naam;soort;naam\nA;school;B\n", "twee keer"),
    "only a header": (HEADER.encode(), "geen organisaties"),
    "empty": (b"  \n", "leeg"),
    "a client list": (
        b"voornaam;achternaam;bsn\nSanne;Jansen;123456789\n",
        "Onbekende kolom",
    ),
    "unknown kind": (
        csv_bytes("A;bakkerij;;;;;;;"),
        "Regel 3, kolom 'soort': onbekende soort 'bakkerij'",
    ),
    "bad number": (csv_bytes("A;school;;;;;;ca. 6;"), "Regel 3, kolom 'wachttijd_weken'"),
    "negative number": (csv_bytes("A;school;;;;;;-3;"), "Regel 3, kolom 'wachttijd_weken'"),
    "bad date": (csv_bytes("A;school;;;;;;;31-02-2026"), "Regel 3, kolom 'gecontroleerd_op'"),
    "future date": (csv_bytes("A;school;;;;;;;2999-01-01"), "Regel 3: de datum van controle"),
    "no name": (csv_bytes("A;school;;;;;;;", ";school;;;;;;;"), "Regel 4: de naam ontbreekt"),
    "duplicate names": (
        csv_bytes("Buurthuis;leisure;;;;;;;", "B;school;;;;;;;", "buurthuis ;leisure;;;;;;;"),
        "Regel 5: de naam 'buurthuis' staat ook op regel 3",
    ),
    "too many fields": (
        csv_bytes("A;school;x;y;z;q;r;1;2026-01-01;extra"),
        "Regel 3 heeft 10 velden",
    ),
    "undecodable bytes": (HEADER.encode() + b"A\x81\x8d;school;;;;;;;\n", "geen leesbare tekst"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "onleesbaar teken"),
    "control character": (csv_bytes("A\x1b[31m;school;;;;;;;"), "onleesbaar teken"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_csv_is_refused_whole_and_nothing_half_imported(store, name):
    sk.save_org(store, Organisation(name="Bestaand", kind="gp", waiting_weeks=2), author="L")
    good = "Nieuw;school;;;;;;;\n"
    data, words = HOSTILE[name]
    if data.startswith(HEADER.encode()) and name != "only a header":
        data = data.replace(b"\n", b"\n" + good.encode(), 1)  # a good row before the bad one
    with pytest.raises(InvalidInput) as err:
        sk.import_csv(store, data, author="L")
    assert words in str(err.value)
    assert err.value.message("en") != str(err.value)  # translated where shown
    assert [(o.name, o.waiting_weeks) for o in sk.organisations(store, include_removed=True)] == [
        ("Bestaand", 2)
    ]


def test_a_failure_while_storing_leaves_the_kaart_as_it_was(store, monkeypatch):
    sk.save_org(store, Organisation(name="Bestaand", kind="gp"), author="L")
    original = sk.sql.put
    calls = []

    def put(s, values, *, author):
        calls.append(values["name"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(s, values, author=author)

    monkeypatch.setattr(sk.sql, "put", put)
    with pytest.raises(RuntimeError):
        sk.import_csv(store, csv_bytes("A;school;;;;;;;", "B;school;;;;;;;"), author="L")
    assert [o.name for o in sk.organisations(store)] == ["Bestaand"]


# --------------------------------------------------------------------------
# CSV out
# --------------------------------------------------------------------------
def test_export_protects_formulas_and_round_trips(store):
    sk.save_org(
        store,
        Organisation(
            name="=cmd|' /C calc'!A0",
            kind="other",
            offer="+31 6 1234",
            contact="@team",
            how_to_refer="-via huisarts",
            waiting_weeks=4,
            checked_on="2026-01-05",
        ),
        author="L",
    )
    sk.save_org(store, Organisation(name="Café De Buurt", kind="neighbours"), author="L")
    text = sk.export_csv(store)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == list(sk.CSV_COLUMNS)
    formula = next(r for r in rows if "cmd" in r[0])
    assert formula[0].startswith("'=") and formula[2] == "'+31 6 1234"
    assert formula[5] == "'@team" and formula[6] == "'-via huisarts"
    assert not any(cell and cell[0] in "=+-@" for row in rows for cell in row)
    assert formula[1] == "overig"  # the kind as the ecogram names it
    assert sk.export_bytes(store).startswith(b"\xef\xbb\xbf")
    # read back into an empty kaart: the same organisations, quotes gone
    with Store(":memory:") as other:
        sk.import_csv(other, sk.export_bytes(store), author="L")
        assert [(o.name, o.offer, o.kind) for o in sk.organisations(other)] == [
            (o.name, o.offer, o.kind) for o in sk.organisations(store)
        ]


# --------------------------------------------------------------------------
# Roles and the access log
# --------------------------------------------------------------------------
def _kaart_lines(path):
    with GuardedStore(path, Principal.command_line()) as s:
        return [line for line in log.lines(s.db) if "sociale kaart" in line.detail]


def test_who_may_change_the_kaart_and_every_change_is_logged(team):
    with team.as_("lies@org.nl") as lies:
        assert sk.may_edit(lies)
        org = sk.save_org(lies, Organisation(name="Buurtcentrum", kind="leisure"), author="x")
        sk.import_csv(lies, csv_bytes("Bibliotheek;leisure;;;;;;;"), author="x")
        sk.remove(lies, org.id, author="x")
    with team.as_("beheer@org.nl") as beheer:
        assert sk.may_edit(beheer)
    for email in ("anna@org.nl", "stu@org.nl"):
        with team.as_(email) as reader:
            assert not sk.may_edit(reader)
            assert [o.name for o in sk.organisations(reader)] == ["Bibliotheek"]  # reading is fine
            with pytest.raises(AccessDenied):
                sk.save_org(reader, Organisation(name="Nieuw", kind="school"), author="x")
            with pytest.raises(AccessDenied):
                sk.import_csv(reader, csv_bytes("Nieuw;school;;;;;;;"), author="x")
            with pytest.raises(AccessDenied):
                sk.remove(reader, "bibliotheek", author="x")
    with team.as_(None) as s:
        assert [o.name for o in sk.organisations(s)] == ["Bibliotheek"]
    lines = _kaart_lines(team.path)
    granted = [(line.user, line.detail) for line in reversed(lines) if line.outcome == "ok"]
    assert granted == [
        ("lies@org.nl", "sociale kaart: toegevoegd: Buurtcentrum (buurtcentrum)"),
        ("lies@org.nl", "sociale kaart: CSV: 1 nieuw, 0 bijgewerkt"),
        ("lies@org.nl", "sociale kaart: verwijderd: Buurtcentrum (buurtcentrum)"),
    ]
    refused = [line for line in lines if line.outcome != "ok"]
    assert {line.user for line in refused} == {"anna@org.nl", "stu@org.nl"} and len(refused) == 6
    assert all(line.case_id == "" for line in lines)  # the kaart is no case


# --------------------------------------------------------------------------
# The overview across cases
# --------------------------------------------------------------------------
def _case_with_links(store, code, links, referrals):
    case = store.create_case(code, f"Gezin {code}", author="x")
    for n, org_id in enumerate(links):
        store.save(
            case.id,
            Entity(
                f"s{n}",
                f"Systeem {n}",
                EntityKind.SYSTEM,
                system_kind=SystemKind.OTHER,
                kaart_id=org_id,
            ),
            author="x",
        )
    if referrals:
        store.save(case.id, Goal("g1", "Schulden stabiel"), author="x")
    for n, (org_id, status, days_ago) in enumerate(referrals):
        referred = (
            (date.today() - timedelta(days=days_ago)).isoformat() if days_ago is not None else ""
        )
        store.save(
            case.id,
            Action(
                f"a{n}",
                "g1",
                "Aanmelden",
                referral_org=org_id,
                referral_status=status,
                referred_on=referred,
            ),
            author="x",
        )
    return case


def test_overview_counts_cases_and_the_median_wait_without_names():
    orgs = [
        Organisation(id="shv", name="Schuldhulp", kind="debt"),
        Organisation(id="ggz", name="GGZ", kind="ggz"),
    ]
    systems = [
        {"case_id": "c1", "kaart_id": "shv"},
        {"case_id": "c1", "kaart_id": "shv"},  # two systems of one case: one case
        {"case_id": "c2", "kaart_id": "shv"},
        {"case_id": "c3", "kaart_id": "weg"},  # an id the kaart does not know
    ]
    today = date(2026, 6, 1)
    refs = [
        {
            "case_id": "c1",
            "referral_org": "shv",
            "referral_status": "wachtlijst",
            "referred_on": "2026-05-01",
        },
        {
            "case_id": "c2",
            "referral_org": "shv",
            "referral_status": "aangemeld",
            "referred_on": "2026-05-25",
        },
        {
            "case_id": "c3",
            "referral_org": "shv",
            "referral_status": "intake_gepland",
            "referred_on": "2026-05-11",
        },
        {
            "case_id": "c4",
            "referral_org": "shv",
            "referral_status": "lopend",
            "referred_on": "2025-01-01",
        },
        {
            "case_id": "c5",
            "referral_org": "ggz",
            "referral_status": "afgewezen",
            "referred_on": "2026-01-01",
        },
        {
            "case_id": "c6",
            "referral_org": "ggz",
            "referral_status": "wachtlijst",
            "referred_on": "",
        },
    ]
    rows = {r.org_id: r for r in sk.overview_of(orgs, systems, refs, today)}
    assert (rows["shv"].linked, rows["shv"].waiting, rows["shv"].median_days) == (2, 3, 21.0)
    assert (rows["ggz"].linked, rows["ggz"].waiting, rows["ggz"].median_days) == (0, 1, None)
    assert rows["weg"].unknown and rows["weg"].linked == 1
    assert [r.org_id for r in sk.overview_of(orgs, systems, refs, today)][0] == "shv"
    assert not any(hasattr(r, "case_ids") or hasattr(r, "cases") for r in rows.values())


def test_overview_sees_only_the_cases_the_user_may_open_and_logs_one_line(team):
    with team.as_("lies@org.nl") as lies:
        shv = sk.save_org(lies, Organisation(name="Schuldhulp", kind="debt"), author="x")
    with team.as_("anna@org.nl") as anna:
        _case_with_links(anna, "N-1", [shv.id], [(shv.id, "wachtlijst", 30)])
        _case_with_links(anna, "N-2", [shv.id], [(shv.id, "aangemeld", 10)])
    with team.as_("zoe@org.nl") as zoe:
        _case_with_links(zoe, "Z-1", [shv.id], [(shv.id, "wachtlijst", 100)])
    before = len(_all_lines(team.path))
    with team.as_("lies@org.nl") as lies:  # teamleider of Noord: Noord's two cases
        seen = sk.overview(lies)
    assert (seen.scope, seen.cases) == ("team", 2)
    row = next(r for r in seen.rows if r.org_id == shv.id)
    assert (row.linked, row.waiting, row.median_days) == (2, 2, 20.0)
    lines = _all_lines(team.path)[: len(_all_lines(team.path)) - before]
    assert [(line.user, line.action, line.case_id) for line in lines] == [
        ("lies@org.nl", "bekijken", "")
    ]
    assert "overzicht over 2 casussen" in lines[0].detail
    with team.as_("zoe@org.nl") as zoe:  # a casemanager: the cases she may open
        mine = sk.overview(zoe)
    assert (mine.scope, mine.cases) == ("own", 1)
    assert next(r for r in mine.rows if r.org_id == shv.id).median_days == 100.0
    with team.as_("stu@org.nl") as stu, pytest.raises(AccessDenied):
        sk.overview(stu)


def _all_lines(path):
    with GuardedStore(path, Principal.command_line()) as s:
        return log.lines(s.db)


# --------------------------------------------------------------------------
# The case side: the new fields travel and old files still read
# --------------------------------------------------------------------------
def test_links_travel_in_the_exchange_json_and_old_files_still_read(store):
    data = demo_case()
    data.entities[-1].kaart_id = "supermarkt-stad"
    data.actions[0].referral_org = "schuldhulp"
    data.actions[0].referral_status = "wachtlijst"
    data.actions[0].referred_on = "2026-01-05"
    again = load_case(dump_case(data))
    assert again.entities[-1].kaart_id == "supermarkt-stad"
    assert again.actions[0].referral_status == "wachtlijst"
    case = store.import_case(again, author="x")
    assert store.load(case.id).actions[0].referred_on == "2026-01-05"
    old = json.loads(dump_case(data))
    for item in old["entities"]:
        item.pop("kaart_id")
    for item in old["actions"]:
        for key in ("referral_org", "referral_status", "referred_on", "status_on"):
            item.pop(key)
    assert load_case(json.dumps(old)).actions[0].referral_org == ""
    old["actions"][0]["referral_status"] = "vergeten"
    with pytest.raises(InvalidInput, match="status 'vergeten'"):
        load_case(json.dumps(old))


# --------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------
def _args(**kwargs):
    return argparse.Namespace(author="beheer", dry_run=False, **kwargs)


def test_the_command_line_imports_and_exports(store, tmp_path, capsys):
    source = tmp_path / "kaart.csv"
    source.write_bytes(csv_bytes("Wijkteam Noord;wijkteam;Hulp;;Noord;;;2;2026-01-01"))
    kaart_commands.cmd_kaart_import(_args(file=str(source)), store)
    assert "1 nieuw, 0 bijgewerkt, 0 ongewijzigd." in capsys.readouterr().out
    out = tmp_path / "uit.csv"
    kaart_commands.cmd_kaart_export(_args(output=str(out)), store)
    assert "1 organisaties geschreven" in capsys.readouterr().out
    assert (
        out.read_bytes()
        .decode("utf-8-sig")
        .splitlines()[1]
        .startswith("Wijkteam Noord;wijkteam;Hulp")
    )
    bad = tmp_path / "slecht.csv"
    bad.write_bytes(b"naam;telefoon\nA;1\n")
    with pytest.raises(InvalidInput, match="telefoon"):
        kaart_commands.cmd_kaart_import(_args(file=str(bad)), store)
    with pytest.raises(InvalidInput, match=".csv"):
        kaart_commands.cmd_kaart_export(_args(output=str(tmp_path / "x.txt")), store)


def test_the_command_line_parser_registers_both_commands():
    parser = argparse.ArgumentParser()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--author", default="")
    kaart_commands.register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(["sociale-kaart", "import", "k.csv", "--dry-run"])
    assert args.func is kaart_commands.cmd_kaart_import and args.dry_run
    args = parser.parse_args(["sociale-kaart", "export", "-o", "k.csv"])
    assert args.func is kaart_commands.cmd_kaart_export and args.output == "k.csv"


# --------------------------------------------------------------------------
# The demo kaart
# --------------------------------------------------------------------------
def test_the_demo_kaart_covers_every_system_kind_and_the_demo_case_links_to_it(store):
    rows = sk.read_csv(DEMO_CSV.read_bytes())
    assert len(rows) >= 30
    assert {r.org.kind for r in rows} == {k.value for k in SystemKind}
    sk.import_csv(store, DEMO_CSV.read_bytes(), author="demo")
    ids = {o.id for o in sk.organisations(store)}
    systems = [e for e in demo_case().entities if not e.is_person]
    linked = [e for e in systems if e.kaart_id]
    assert len(linked) >= 8 and {e.kaart_id for e in linked} <= ids
    for entity in linked:
        assert sk.get(store, entity.kaart_id).kind == entity.system_kind.value
    assert data_file("sociale-kaart.csv") == DEMO_CSV


def test_the_demo_loads_its_kaart_only_into_an_empty_one(store, team):
    from mapping.services.demo import load_demo_kaart

    assert load_demo_kaart(store, author="demo") == 42
    assert load_demo_kaart(store, author="demo") == 0  # never twice, never mixed
    assert len(sk.organisations(store)) == 42
    with team.as_("anna@org.nl") as anna:  # a casemanager may not fill the team's kaart
        assert load_demo_kaart(anna, author="demo") == 0
        assert sk.organisations(anna) == []


PUBLIC = ROOT / "tests" / "data"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        # a directory of services in the Open Referral (HSDS) layout: 'name' is known,
        # its other columns are not, and 'soort' is missing
        ("kaart/openreferral_organizations.csv", "'id', 'alternate_name', 'description'"),
        # Gephi's edges table: a network, not a kaart
        ("network/gephi_edges_types.csv", "'id', 'label', 'source'"),
    ],
)
def test_real_public_csv_files_of_another_layout_are_refused_whole(store, path, words):
    with pytest.raises(InvalidInput) as err:
        sk.import_csv(store, (PUBLIC / path).read_bytes(), author="L")
    assert "Onbekende kolom(men) in de kopregel" in str(err.value) and words in str(err.value)
    assert "naam, soort, aanbod" in str(err.value)  # says what the kaart does read
    assert sk.organisations(store, include_removed=True) == []


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_the_kaart_on_both_backends(db_target):
    """The kaart's SQL (mapping.storage.kaart) on SQLite and on PostgreSQL: import, change,
    remove, and the overview's links, all or nothing."""
    with GuardedStore(db_target, Principal.command_line()) as store:
        sk.import_csv(store, DEMO_CSV.read_bytes(), author="demo")
        case = store.import_case(demo_case(), author="t")
        goal = store.load(case.id).goals[0]
        store.save(
            case.id,
            Action(
                "r1",
                goal.id,
                "Aanmelden",
                referral_org="ggz-midden",
                referral_status="wachtlijst",
                referred_on=(date.today() - timedelta(days=14)).isoformat(),
            ),
            author="t",
        )
        org = sk.get(store, "ggz-midden")
        sk.save_org(store, Organisation(**{**org.__dict__, "waiting_weeks": 20}), author="t")
        sk.remove(store, "vv-oostkant", author="t")
        with pytest.raises(InvalidInput):
            sk.import_csv(
                store, csv_bytes("Nieuw;school;;;;;;;", "Kapot;bakkerij;;;;;;;"), author="t"
            )
        assert len(sk.organisations(store)) == 41
        assert sk.get(store, "vv-oostkant").removed
        rows = {r.org_id: r for r in sk.overview(store).rows}
    assert (rows["ggz-midden"].linked, rows["ggz-midden"].waiting) == (1, 1)
    assert rows["ggz-midden"].median_days == 14.0 and rows["ggz-midden"].waiting_weeks == 20
    assert rows["vv-oostkant"].removed and rows["vv-oostkant"].linked == 1


def test_an_import_brings_a_removed_organisation_back_instead_of_doubling_it(store):
    org = sk.save_org(store, Organisation(name="Voedselbank Stad", kind="other"), author="L")
    sk.remove(store, org.id, author="L")
    result = sk.import_csv(store, csv_bytes("voedselbank stad;overig;Pakket;;;;;2;"), author="L")
    assert [result.changed_fields(old, new) for old, new in result.updated] == [
        ["naam", "aanbod", "wachttijd_weken", "teruggezet"]
    ]
    back = sk.get(store, org.id)
    assert not back.removed and back.offer == "Pakket"
    assert len(sk.organisations(store, include_removed=True)) == 1
