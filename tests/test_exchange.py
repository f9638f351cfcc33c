"""The JSON case exchange: exact round trip, and thorough refusal of bad files."""

from __future__ import annotations

import json

import pytest

from mapping.core.codec import from_record, from_row, to_record, to_row
from mapping.core.errors import InvalidInput
from mapping.core.model import (
    Action,
    Case,
    CaseData,
    Entity,
    Factor,
    Goal,
    Monitoring,
    Position,
    Relation,
)
from mapping.core.vocabulary import (
    BirthStatus,
    Condition,
    EntityKind,
    FactorLevel,
    FactorSide,
    FactorSource,
    Flow,
    Frequency,
    GoalStatus,
    GoalTerm,
    Lens,
    LifeDomain,
    Phase,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    SystemKind,
)
from mapping.formats.exchange import FORMAT, MAX_BYTES, VERSION, check_case, dump_case, load_case


def make_rich_case() -> CaseData:
    """A small case that sets every field to something other than its default."""
    case = Case(
        id="c-rich",
        code="WT-2026-014",
        title='Gezin "K." <test> & co',
        casemanager="Anna de Vries",
        phase=Phase.EXECUTION,
        consent=True,
        consent_date="2026-03-01",
        scope_note="Delen met huisarts;\nniet met school.",
        created="2026-02-01",
        archived=False,
        revision=7,
    )
    entities = [
        Entity(
            id="p1",
            name="Sanne Jansen",
            sex=Sex.FEMALE,
            birth="1984-05",
            index_person=True,
            household=True,
            occupation="kapster",
            conditions=(Condition.PSYCHIATRIC, Condition.CHRONIC_ILLNESS),
            annotation="burn-out 2024",
            role="moeder",
            note="Wil graag 'zelf' regie.",
        ),
        Entity(
            id="p2",
            name="Ömer Çelik",
            sex=Sex.MALE,
            birth="1950",
            death="2019-11-02",
            deceased=True,
            role="opa",
        ),
        Entity(id="p3", name="Baby", sex=Sex.UNKNOWN, birth_status=BirthStatus.PREGNANCY),
        Entity(id="p4", name="Kim", sex=Sex.OTHER, birth="2010", household=True),
        Entity(
            id="s1",
            name="Basisschool De Linde",
            kind=EntityKind.SYSTEM,
            system_kind=SystemKind.SCHOOL,
            custom_kind="brede school",
            role="school",
        ),
        Entity(id="s2", name="Buurtclub", kind=EntityKind.SYSTEM, system_kind=None),
    ]
    relations = [
        Relation(
            id="r1",
            kind=RelationKind.PARTNERSHIP,
            source="p2",
            target="p1",
            subtype="divorced",
            start="2005",
            end="2012-06",
            label="ex",
        ),
        Relation(
            id="r2", kind=RelationKind.PARENT_CHILD, source="p1", target="p4", subtype="foster"
        ),
        Relation(
            id="r3",
            kind=RelationKind.CONNECTION,
            source="p4",
            target="s1",
            subtype="stressful",
            flow=Flow.BOTH,
            note="veel verzuim",
        ),
        Relation(
            id="r4",
            kind=RelationKind.SUPPORT,
            source="p1",
            target="p2",
            subtype="ambivalent",
            support=(SupportType.EMOTIONAL, SupportType.BURDEN),
            reciprocal=True,
            frequency=Frequency.WEEKLY,
            sector=Sector.FRIENDS,
            ring=Ring.MIDDLE,
        ),
        Relation(
            id="r5", kind=RelationKind.EMOTIONAL, source="p1", target="p4", subtype="conflict"
        ),
    ]
    positions = [
        Position(lens=Lens.GENOGRAM, entity_id="p1", x=0.1 + 0.2, y=-12.5),
        Position(lens=Lens.SOCIOGRAM, entity_id="p2", x=1e-7, y=123456.789, view="p1"),
    ]
    factors = [
        Factor(
            id="f1",
            side=FactorSide.DRAAGLAST,
            description="Schulden bij de energieleverancier",
            level=FactorLevel.MESO,
            domain=LifeDomain.FINANCES,
            weight=5,
            source=FactorSource.PROFESSIONAL,
            entity_ids=("p1", "s1"),
            relation_ids=("r3",),
            order=2,
        ),
        Factor(id="f2", side=FactorSide.DRAAGKRACHT, description="Steun van opa", order=1),
    ]
    goals = [
        Goal(
            id="g1",
            title="Rust in de financiën",
            owner_id="p1",
            owner_text="Sanne",
            term=GoalTerm.LONG,
            domain=LifeDomain.FINANCES,
            result="Geen nieuwe schulden",
            status=GoalStatus.IN_PROGRESS,
            factor_ids=("f1",),
            start="2026-03",
            evaluation_dates=("2026-06-01", "2026-09"),
            expected_change="Minder stress",
            order=1,
        ),
        Goal(id="g2", title="Aanmelden schuldhulp", parent_id="g1"),
    ]
    actions = [
        Action(
            id="a1",
            goal_id="g2",
            what="Aanmelden bij schuldhulp",
            actor_id="p1",
            where="gemeente",
            when="voor 1 april",
            how="samen met casemanager",
            aim="overzicht",
            hours=1.5,
            done=True,
        ),
        Action(id="a2", goal_id="g1", what="Budgetcoaching", actor_text="buurtvrouw"),
    ]
    monitoring = [
        Monitoring(id="m1", goal_id="g1", date="2026-04-01", score=4, note="begin"),
        Monitoring(id="m2", goal_id="g1", date="2026-06", score=5, scale="1-5"),
    ]
    return CaseData(case, entities, relations, positions, factors, goals, actions, monitoring)


def document(data: CaseData | None = None) -> dict:
    return json.loads(dump_case(data or make_rich_case()))


def refused(doc_or_text, *fragments: str) -> InvalidInput:
    text = doc_or_text if isinstance(doc_or_text, str | bytes) else json.dumps(doc_or_text)
    with pytest.raises(InvalidInput) as info:
        load_case(text)
    err = info.value
    assert err.nl and err.en
    for fragment in fragments:
        assert fragment in err.nl, (fragment, err.nl)
    return err


# ---------------------------------------------------------------- round trip
def test_round_trip_of_a_rich_case_is_exact():
    data = make_rich_case()
    text = dump_case(data)
    again = load_case(text)
    assert again == data
    assert dump_case(again) == text
    # enums come back as enum members, tuples as tuples
    assert again.entities[0].sex is Sex.FEMALE
    assert again.entities[0].conditions == (Condition.PSYCHIATRIC, Condition.CHRONIC_ILLNESS)
    assert again.relations[3].ring is Ring.MIDDLE
    assert again.positions[0].x == 0.1 + 0.2


def test_round_trip_of_bytes_and_the_demo_case(demo_data):
    assert load_case(dump_case(demo_data).encode("utf-8")) == demo_data


def test_round_trip_of_training_cases():
    from mapping.services.training import TRAINING_CASES, load_training_case

    for training in TRAINING_CASES:
        data = load_training_case(training.key)
        assert load_case(dump_case(data)) == data


def test_document_is_versioned_and_readable():
    doc = document()
    assert doc["format"] == FORMAT == "casemap-case"
    assert doc["version"] == VERSION == 1
    assert list(doc) == [
        "format",
        "version",
        "case",
        "entities",
        "relations",
        "positions",
        "factors",
        "goals",
        "actions",
        "monitoring",
    ]
    assert doc["entities"][0]["sex"] == "f"
    assert doc["relations"][3]["support"] == ["emotional", "burden"]
    assert doc["entities"][5]["system_kind"] is None
    assert "Ömer" in dump_case(make_rich_case())  # UTF-8, not \u escapes


def test_missing_optional_lists_and_fields_take_defaults():
    doc = {
        "format": FORMAT,
        "version": 1,
        "case": {"id": "c", "code": "X", "title": "T"},
        "entities": [{"id": "p", "name": "Piet"}],
    }
    data = load_case(json.dumps(doc))
    assert data.entities == [Entity(id="p", name="Piet")]
    assert data.relations == [] and data.goals == []


# ---------------------------------------------------------------- refusals
def test_refuses_bad_json_and_non_objects():
    refused("{not json", "geen geldig JSON", "regel 1")
    refused("", "leeg")
    refused("[1, 2]", "JSON-object")
    refused('"text"', "JSON-object")
    refused(b"\xff\xfe\x00garbage", "UTF-8")
    refused('{"format": "casemap-case", "version": 1, "case": NaN}', "NaN")
    refused("[" * 100_000 + "]" * 100_000)


def test_refuses_wrong_format_and_version():
    doc = document()
    refused({**doc, "format": "something-else"}, "format")
    refused({k: v for k, v in doc.items() if k != "format"}, "format")
    refused({**doc, "version": 2}, "nieuwere", "versie 2")
    refused({**doc, "version": 0}, "formaatversie 0")
    refused({**doc, "version": "1"}, "versienummer")
    refused({**doc, "version": True}, "versienummer")


def test_refuses_oversized_input_before_parsing():
    big = b" " * (MAX_BYTES + 1)
    err = refused(big, "20 MB")
    assert "20 MB" in err.en
    refused(" " * (MAX_BYTES + 1), "20 MB")


def test_refuses_missing_and_wrongly_typed_fields():
    doc = document()
    refused({k: v for k, v in doc.items() if k != "case"}, "'case'")
    bad = document()
    del bad["entities"][0]["name"]
    err = refused(bad, "'name'", "ontbreekt", "entities[0]")
    assert "missing" in err.en
    bad = document()
    bad["entities"][1]["deceased"] = "yes"
    refused(bad, "'deceased'", "true of false")
    bad = document()
    bad["factors"][0]["weight"] = 2.5
    refused(bad, "'weight'", "geheel getal")
    bad = document()
    bad["positions"][0]["x"] = "left"
    refused(bad, "'x'", "getal")
    bad = document()
    bad["relations"][3]["support"] = "emotional"
    refused(bad, "'support'", "lijst")
    bad = document()
    bad["entities"] = {"p1": {}}
    refused(bad, "'entities'", "lijst")
    bad = document()
    bad["goals"][0] = "g1"
    refused(bad, "goals[0]", "object")
    bad = document()
    bad["entities"][0]["name"] = None
    refused(bad, "'name'", "null")


def test_refuses_unknown_vocabulary_values():
    bad = document()
    bad["entities"][0]["sex"] = "q"
    err = refused(bad, "'sex'", "'q'", "toegestaan")
    assert "allowed" in err.en
    bad = document()
    bad["relations"][0]["kind"] = "friendship"
    refused(bad, "'kind'")
    bad = document()
    bad["relations"][3]["ring"] = "4"
    refused(bad, "'ring'")
    bad = document()
    bad["entities"][0]["conditions"] = ["addiction", "vampire"]
    refused(bad, "'conditions'", "vampire")
    bad = document()
    bad["relations"][0]["subtype"] = "conflict"  # an emotional subtype on a partnership
    refused(bad, "subtype", "conflict")


def test_refuses_invalid_partial_dates():
    for value in ("mei 1984", "1984-13", "1984-02-30", "84", "1984/05/01"):
        bad = document()
        bad["entities"][0]["birth"] = value
        refused(bad, "'birth'", "JJJJ")
    bad = document()
    bad["goals"][0]["evaluation_dates"] = ["2026-06-01", "volgende week"]
    refused(bad, "'evaluation_dates'")
    bad = document()
    bad["monitoring"][0]["date"] = "gisteren"
    refused(bad, "'date'")


def test_refuses_duplicate_ids():
    bad = document()
    bad["entities"].append(dict(bad["entities"][0]))
    refused(bad, "Dubbele id 'p1'")
    bad = document()
    bad["goals"][1]["id"] = "g1"
    refused(bad, "Dubbele id 'g1'")
    bad = document()
    bad["positions"].append(dict(bad["positions"][0]))
    refused(bad, "Dubbele positie")
    bad = document()
    bad["relations"][0]["id"] = ""
    refused(bad, "geen id")


@pytest.mark.parametrize(
    ("section", "index", "key", "value", "fragment"),
    [
        ("relations", 0, "target", "ghost", "'ghost'"),
        ("relations", 0, "source", "ghost", "'ghost'"),
        ("relations", 0, "target", "p2", "twee verschillende"),
        ("positions", 0, "entity_id", "ghost", "'ghost'"),
        ("factors", 0, "entity_ids", ["p1", "ghost"], "'ghost'"),
        ("factors", 0, "relation_ids", ["r9"], "relatie 'r9'"),
        ("goals", 0, "owner_id", "ghost", "'ghost'"),
        ("goals", 1, "parent_id", "g9", "doel 'g9'"),
        ("goals", 0, "factor_ids", ["f9"], "factor 'f9'"),
        ("goals", 0, "parent_id", "g2", "eigen subdoel"),
        ("actions", 0, "goal_id", "g9", "doel 'g9'"),
        ("actions", 0, "goal_id", "", "hoort bij een doel"),
        ("actions", 0, "actor_id", "ghost", "'ghost'"),
        ("monitoring", 0, "goal_id", "g9", "doel 'g9'"),
    ],
)
def test_refuses_links_to_missing_records(section, index, key, value, fragment):
    bad = document()
    bad[section][index][key] = value
    refused(bad, fragment)


def test_check_case_accepts_a_consistent_case_and_reports_in_both_languages():
    check_case(make_rich_case())
    data = make_rich_case()
    data.relations.append(Relation(id="rx", kind=RelationKind.TWIN, source="p1", target="nobody"))
    with pytest.raises(InvalidInput) as info:
        check_case(data)
    assert "nobody" in info.value.message("nl") and "nobody" in info.value.message("en")
    assert "bevat geen" in info.value.message("nl")
    assert "holds no" in info.value.message("en")


# ---------------------------------------------------------------- codec
def test_codec_records_and_rows():
    entity = make_rich_case().entities[0]
    assert from_record(Entity, to_record(entity)) == entity
    row = to_row(entity)
    assert row["conditions"] == '["psychiatric", "chronic"]'
    assert row["index_person"] is True
    assert from_row(Entity, {**row, "index_person": 1, "deceased": 0, "case_id": "c"}) == entity
    action = make_rich_case().actions[1]
    assert from_row(Action, {**to_row(action), "hours": 0}).hours == 0.0
    assert from_record(Entity, {"id": "s", "name": "S", "system_kind": ""}).system_kind is None


def test_codec_messages_name_the_field_in_both_languages():
    with pytest.raises(InvalidInput) as info:
        from_record(Goal, {"id": "g", "title": "T", "term": "someday"})
    assert "'term'" in info.value.nl and "doel g" in info.value.nl
    assert "'term'" in info.value.en and "goal g" in info.value.en
    with pytest.raises(InvalidInput) as info:
        from_record(Monitoring, {"id": "m", "goal_id": "g", "date": "2026", "score": True})
    assert "'score'" in info.value.nl and "whole number" in info.value.en


def test_a_case_file_with_impossible_dates_imports_with_the_dates_set_aside():
    """A backup from before the date rules (or a typo) loses the date, kept in the
    person's note, not the whole case; every other rule stays strict."""
    import dataclasses

    from mapping.formats.importers import read_case_file
    from mapping.services.demo import demo_case

    data = demo_case()
    first = data.entities[0]
    data.entities[0] = dataclasses.replace(first, birth="2105", note="")
    data.case = dataclasses.replace(data.case, consent=True, consent_date="2999-01-01")
    notices: list = []
    read = read_case_file("backup.json", dump_case(data).encode("utf-8"), notices=notices)
    person = next(e for e in read.entities if e.id == first.id)
    assert person.birth == "" and "2105" in person.note
    assert read.case.consent_date == "" and read.case.consent
    assert len(notices) == 1
    assert "2105" in notices[0].nl and "2999-01-01" in notices[0].nl
    assert "2105" in notices[0].en and "consent" in notices[0].en
    # the rest of the case is as it was
    assert len(read.entities) == len(data.entities) and read.relations == data.relations

    data.entities[0] = dataclasses.replace(first, name="x" * 5000)
    with pytest.raises(InvalidInput):
        read_case_file("backup.json", dump_case(data).encode("utf-8"), notices=[])


# ---------------------------------------------------------------- the training part
def _with_training(training) -> str:
    document = json.loads(dump_case(make_rich_case()))
    document["training"] = training
    return json.dumps(document, ensure_ascii=False)


GOOD_TRAINING = {
    "key": "dementie",
    "title": {"nl": "Meneer Hoekstra", "en": "Mr Hoekstra"},
    "description": {"nl": "Gerrit woont alleen.", "en": "Gerrit lives alone."},
    "later": "a key a later version may add: passed over",
}


def test_training_part_is_read_with_its_case():
    from mapping.formats.exchange import load_training

    data, training = load_training(_with_training(GOOD_TRAINING))
    assert data == make_rich_case()
    assert training.key == "dementie"
    assert (training.title("nl"), training.title("en")) == ("Meneer Hoekstra", "Mr Hoekstra")
    assert training.description("en") == "Gerrit lives alone."


def test_training_part_is_backward_compatible():
    """A case reader passes over it (an older casemap too), and a plain case has none."""
    from mapping.formats.exchange import load_training

    assert load_case(_with_training(GOOD_TRAINING)) == make_rich_case()
    assert load_training(dump_case(make_rich_case())) == (make_rich_case(), None)
    # dump_case never writes it: an exported case stays exactly what it was
    assert "training" not in json.loads(dump_case(make_rich_case()))


def test_training_part_without_english_shows_the_dutch():
    from mapping.formats.exchange import load_training

    part = {"key": "x1", "title": {"nl": "Titel"}, "description": {"nl": "Tekst", "en": " "}}
    _data, training = load_training(_with_training(part))
    assert training.title("en") == "Titel" and training.description("en") == "Tekst"


@pytest.mark.parametrize(
    ("part", "says"),
    [
        ("dementie", "moet een object zijn"),
        ({**GOOD_TRAINING, "key": "../etc"}, "'key'"),
        ({**GOOD_TRAINING, "key": "Hoofd Letters"}, "'key'"),
        ({**GOOD_TRAINING, "key": 7}, "'key'"),
        ({k: v for k, v in GOOD_TRAINING.items() if k != "title"}, "'title'"),
        ({**GOOD_TRAINING, "title": "Meneer Hoekstra"}, "'title'"),
        ({**GOOD_TRAINING, "title": {"en": "Mr Hoekstra"}}, "'title'"),
        ({**GOOD_TRAINING, "description": {"nl": "  "}}, "'description'"),
        ({**GOOD_TRAINING, "description": {"nl": "Tekst", "en": ["x"]}}, "'description.en'"),
        ({**GOOD_TRAINING, "title": {"nl": "x" * 201}}, "langer dan 200"),
        ({**GOOD_TRAINING, "description": {"nl": "x" * 20_001}}, "langer dan 20000"),
    ],
)
def test_bad_training_part_is_refused(part, says):
    from mapping.formats.exchange import load_training

    with pytest.raises(InvalidInput) as info:
        load_training(_with_training(part))
    assert says in info.value.nl and info.value.en != info.value.nl


def test_training_questions_are_read_in_both_languages():
    from mapping.formats.exchange import load_training

    part = {**GOOD_TRAINING, "questions": {"nl": ["Wie helpt?", "Wat nu?"], "en": ["Who helps?"]}}
    _data, training = load_training(_with_training(part))
    assert training.questions("nl") == ("Wie helpt?", "Wat nu?")
    assert training.questions("en") == ("Who helps?",)
    part = {**GOOD_TRAINING, "questions": {"nl": ["Wie helpt?"]}}
    assert load_training(_with_training(part))[1].questions("en") == ("Wie helpt?",)
    part = {k: v for k, v in GOOD_TRAINING.items() if k != "questions"}
    assert load_training(_with_training(part))[1].questions("nl") == ()


@pytest.mark.parametrize(
    "questions",
    [
        ["Wie helpt?"],
        {"nl": "Wie helpt?"},
        {"nl": ["Wie helpt?", "  "]},
        {"nl": ["Wie helpt?", 3]},
        {"nl": ["?"] * 21},
        {"nl": ["x" * 1001]},
        {"nl": ["Wie helpt?"], "en": "Who helps?"},
    ],
)
def test_bad_training_questions_are_refused(questions):
    from mapping.formats.exchange import load_training

    with pytest.raises(InvalidInput) as info:
        load_training(_with_training({**GOOD_TRAINING, "questions": questions}))
    assert "'questions'" in info.value.nl and "at most 20 questions" in info.value.en
