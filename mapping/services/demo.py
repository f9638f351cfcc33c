"""The demo and training case: a fictional family, rich enough for every lens.

Gezin Jansen-de Boer is invented; no name belongs to a real person. Three
generations (22 people) with a divorce and a remarriage on both sides, a
deceased grandfather, a foster child, identical twins and a pregnancy; eleven
systems around the family; friends and a neighbour; emotional relations;
the mother's and the eldest son's netwerkkaart; a balance and a plan.

>>> data = demo_case()
>>> sum(e.is_person for e in data.entities), sum(not e.is_person for e in data.entities)
(22, 11)
>>> data.index_person().name
'Sanne Jansen'
"""

from __future__ import annotations

from mapping.core.model import Action, Case, CaseData, Entity, Factor, Goal, Monitoring, Relation
from mapping.core.vocabulary import (
    BirthStatus,
    ChildLink,
    Condition,
    ConnectionStrength,
    EmotionalKind,
    EntityKind,
    FactorLevel,
    FactorSide,
    FactorSource,
    Flow,
    Frequency,
    GoalStatus,
    GoalTerm,
    LifeDomain,
    PartnershipStatus,
    Phase,
    RelationKind,
    Ring,
    Sector,
    Sex,
    SupportType,
    SystemKind,
    TwinKind,
    Valence,
)

DEMO_CODE = "DEMO-001"

M, F = Sex.MALE, Sex.FEMALE


def _person(pid, name, sex, birth="", role="", **kw) -> Entity:
    return Entity(id=pid, name=name, sex=sex, birth=birth, role=role, **kw)


def _system(sid, name, kind, note="") -> Entity:
    return Entity(id=sid, name=name, kind=EntityKind.SYSTEM, system_kind=kind, note=note, role=name)


def _people() -> list[Entity]:
    return [
        # generation 1: grandparents
        _person(
            "henk",
            "Henk Jansen",
            M,
            "1948",
            "opa (mz)",
            death="2019",
            deceased=True,
            occupation="havenarbeider",
        ),
        _person(
            "riet",
            "Riet Jansen",
            F,
            "1950",
            "oma (mz)",
            conditions=(Condition.CHRONIC_ILLNESS,),
            annotation="COPD",
        ),
        _person(
            "kees",
            "Kees Bakker",
            M,
            "1952",
            "opa (vz)",
            conditions=(Condition.ADDICTION,),
            annotation="alcohol",
        ),
        _person("ans", "Ans Bakker", F, "1954", "oma (vz)"),
        # generation 2
        _person(
            "peter",
            "Peter Jansen",
            M,
            "1979",
            "oom",
            conditions=(Condition.ADDICTION,),
            occupation="werkloos",
        ),
        _person("fatima", "Fatima Jansen", F, "1981", "tante", occupation="verpleegkundige"),
        _person(
            "sanne",
            "Sanne Jansen",
            F,
            "1984",
            "moeder",
            index_person=True,
            household=True,
            occupation="caissière",
            conditions=(Condition.PSYCHIATRIC,),
            annotation="depressieve klachten",
        ),
        _person("mark", "Mark Bakker", M, "1982", "vader", occupation="vrachtwagenchauffeur"),
        _person(
            "rick",
            "Rick de Boer",
            M,
            "1980",
            "stiefvader",
            household=True,
            occupation="werkzoekend",
        ),
        _person("ilse", "Ilse Bakker", F, "1987", "stiefmoeder", occupation="kapster"),
        # generation 3
        _person("sara", "Sara Jansen", F, "2010", "nicht"),
        _person(
            "daan",
            "Daan Bakker",
            M,
            "2008",
            "zoon",
            household=True,
            occupation="vmbo 4",
            annotation="politiecontact 2025",
        ),
        _person("lotte", "Lotte Bakker", F, "2012", "dochter 1", household=True),
        _person("noor", "Noor Bakker", F, "2012", "dochter 2", household=True),
        _person(
            "jayden",
            "Jayden Smit",
            M,
            "2013",
            "pleegzoon",
            household=True,
            annotation="trauma, sinds 2021 in huis",
        ),
        _person("finn", "Finn de Boer", M, "2020", "halfbroer", household=True),
        _person(
            "baby",
            "zwangerschap",
            Sex.UNKNOWN,
            "2026",
            "zwangerschap",
            birth_status=BirthStatus.PREGNANCY,
            household=True,
        ),
        _person("mila", "Mila Bakker", F, "2021", "halfzus"),
        # informal network
        _person("els", "Els Visser", F, "1958", "buurvrouw", occupation="gepensioneerd"),
        _person("mirjam", "Mirjam de Groot", F, "1985", "vriendin"),
        _person("karin", "Karin Mulder", F, "1976", "collega"),
        _person("ahmed", "Ahmed El Amrani", M, "1990", "voetbaltrainer"),
    ]


def _systems() -> list[Entity]:
    return [
        _system("basisschool", "Basisschool De Regenboog", SystemKind.SCHOOL),
        _system("vmbo", "Stedelijk College (vmbo)", SystemKind.SCHOOL),
        _system("huisarts", "Huisartsenpraktijk Van Dam", SystemKind.GP),
        _system("ggz", "GGZ Midden", SystemKind.MENTAL_HEALTH),
        _system("jeugdzorg", "Pleegzorg Regio", SystemKind.YOUTH_CARE),
        _system("wijkteam", "Wijkteam Noord", SystemKind.WIJKTEAM, note="casemanager M. de Wit"),
        _system("schuldhulp", "Schuldhulpverlening Stad", SystemKind.DEBT_COUNSELLING),
        _system("woningcorp", "Woonstichting Thuis", SystemKind.HOUSING),
        _system("politie", "Politie / Halt", SystemKind.POLICE_JUSTICE),
        _system("voetbal", "VV Oostkant", SystemKind.SPORTS),
        _system("supermarkt", "Supermarkt (werk Sanne)", SystemKind.WORK),
    ]


def _rel(rid, kind, source, target, subtype="", **kw) -> Relation:
    return Relation(id=rid, kind=kind, source=source, target=target, subtype=subtype, **kw)


def _family() -> list[Relation]:
    P, C = RelationKind.PARTNERSHIP, RelationKind.PARENT_CHILD
    rels = [
        _rel("u-henk-riet", P, "henk", "riet", PartnershipStatus.WIDOWED, start="1975", end="2019"),
        _rel("u-kees-ans", P, "kees", "ans", PartnershipStatus.DIVORCED, start="1978", end="1995"),
        _rel("u-peter-fatima", P, "peter", "fatima", PartnershipStatus.MARRIED, start="2007"),
        _rel(
            "u-mark-sanne", P, "mark", "sanne", PartnershipStatus.DIVORCED, start="2007", end="2016"
        ),
        _rel("u-rick-sanne", P, "rick", "sanne", PartnershipStatus.COHABITING, start="2018"),
        _rel("u-mark-ilse", P, "mark", "ilse", PartnershipStatus.MARRIED, start="2019"),
    ]
    children = [
        (("henk", "riet"), "peter", ChildLink.BIOLOGICAL),
        (("henk", "riet"), "sanne", ChildLink.BIOLOGICAL),
        (("kees", "ans"), "mark", ChildLink.BIOLOGICAL),
        (("peter", "fatima"), "sara", ChildLink.BIOLOGICAL),
        (("mark", "sanne"), "daan", ChildLink.BIOLOGICAL),
        (("mark", "sanne"), "lotte", ChildLink.BIOLOGICAL),
        (("mark", "sanne"), "noor", ChildLink.BIOLOGICAL),
        (("rick", "sanne"), "jayden", ChildLink.FOSTER),
        (("rick", "sanne"), "finn", ChildLink.BIOLOGICAL),
        (("rick", "sanne"), "baby", ChildLink.BIOLOGICAL),
        (("mark", "ilse"), "mila", ChildLink.BIOLOGICAL),
    ]
    for parents, child, link in children:
        for parent in parents:
            start = "2021" if link is ChildLink.FOSTER else ""
            rels.append(_rel(f"c-{parent}-{child}", C, parent, child, link, start=start))
    rels.append(_rel("t-lotte-noor", RelationKind.TWIN, "lotte", "noor", TwinKind.IDENTICAL))
    return rels


def _emotional() -> list[Relation]:
    E = RelationKind.EMOTIONAL
    return [
        _rel("e-sanne-riet", E, "sanne", "riet", EmotionalKind.CLOSE),
        _rel("e-lotte-noor", E, "lotte", "noor", EmotionalKind.VERY_CLOSE),
        _rel(
            "e-sanne-mark",
            E,
            "sanne",
            "mark",
            EmotionalKind.CONFLICT,
            note="ruzie over omgangsregeling",
        ),
        _rel("e-rick-daan", E, "rick", "daan", EmotionalKind.CONFLICT, note="escaleert sinds 2024"),
        _rel("e-daan-mark", E, "daan", "mark", EmotionalKind.DISTANT),
        _rel("e-peter-henk", E, "peter", "henk", EmotionalKind.CUTOFF, start="2010"),
        _rel("e-sanne-ilse", E, "sanne", "ilse", EmotionalKind.HOSTILE),
        _rel("e-riet-peter", E, "riet", "peter", EmotionalKind.CLOSE_HOSTILE),
        _rel("e-kees-mark", E, "kees", "mark", EmotionalKind.ABUSE, note="in jeugd Mark"),
    ]


def _connections() -> list[Relation]:
    K = RelationKind.CONNECTION
    S = ConnectionStrength
    return [
        _rel("k-sanne-huisarts", K, "sanne", "huisarts", S.MODERATE, flow=Flow.TO_FAMILY),
        _rel("k-sanne-ggz", K, "sanne", "ggz", S.WEAK, flow=Flow.TO_FAMILY, label="wachtlijst"),
        _rel(
            "k-sanne-schuldhulp",
            K,
            "sanne",
            "schuldhulp",
            S.STRESSFUL,
            flow=Flow.TO_FAMILY,
            label="schuld € 12.000",
        ),
        _rel(
            "k-sanne-woningcorp",
            K,
            "sanne",
            "woningcorp",
            S.STRESSFUL,
            flow=Flow.FROM_FAMILY,
            label="huurachterstand",
        ),
        _rel(
            "k-sanne-wijkteam", K, "sanne", "wijkteam", S.STRONG, flow=Flow.BOTH, label="wekelijks"
        ),
        _rel(
            "k-sanne-supermarkt",
            K,
            "sanne",
            "supermarkt",
            S.MODERATE,
            flow=Flow.FROM_FAMILY,
            label="20 u/week",
        ),
        _rel("k-daan-vmbo", K, "daan", "vmbo", S.STRESSFUL, flow=Flow.BOTH, label="verzuim"),
        _rel(
            "k-daan-voetbal",
            K,
            "daan",
            "voetbal",
            S.STRONG,
            flow=Flow.TO_FAMILY,
            label="3x per week",
        ),
        _rel("k-daan-politie", K, "daan", "politie", S.WEAK, flow=Flow.TO_FAMILY, label="Halt"),
        _rel("k-lotte-basisschool", K, "lotte", "basisschool", S.STRONG, flow=Flow.TO_FAMILY),
        _rel("k-noor-basisschool", K, "noor", "basisschool", S.STRONG, flow=Flow.TO_FAMILY),
        _rel("k-jayden-basisschool", K, "jayden", "basisschool", S.MODERATE, flow=Flow.BOTH),
        _rel("k-jayden-jeugdzorg", K, "jayden", "jeugdzorg", S.MODERATE, flow=Flow.TO_FAMILY),
        _rel("k-rick-wijkteam", K, "rick", "wijkteam", S.WEAK, flow=Flow.TO_FAMILY),
    ]


def _network() -> list[Relation]:
    U, A = RelationKind.SUPPORT, RelationKind.ACQUAINTANCE
    ST, V, Fr = SupportType, Valence, Frequency

    def tie(ego, member, sector, ring, valence, support, freq, reciprocal=False, **kw):
        return _rel(
            f"s-{ego}-{member}",
            U,
            ego,
            member,
            valence,
            sector=sector,
            ring=ring,
            support=support,
            frequency=freq,
            reciprocal=reciprocal,
            **kw,
        )

    H, FR, N, W, P = (
        Sector.HOUSEHOLD,
        Sector.FRIENDS,
        Sector.NEIGHBOURS,
        Sector.WORK_SCHOOL,
        Sector.PROFESSIONALS,
    )
    R1, R2, R3 = Ring.CLOSE, Ring.MIDDLE, Ring.FAR
    return [
        # Sanne's netwerkkaart
        tie("sanne", "rick", H, R1, V.SUPPORTIVE, (ST.EMOTIONAL, ST.PRACTICAL), Fr.DAILY, True),
        tie("sanne", "riet", H, R1, V.SUPPORTIVE, (ST.EMOTIONAL, ST.PRACTICAL), Fr.WEEKLY, True),
        tie("sanne", "daan", H, R1, V.AMBIVALENT, (ST.COMPANY, ST.BURDEN), Fr.DAILY),
        tie("sanne", "peter", H, R3, V.BURDENING, (ST.BURDEN,), Fr.MONTHLY),
        tie("sanne", "mark", H, R3, V.BURDENING, (ST.BURDEN,), Fr.MONTHLY),
        tie("sanne", "mirjam", FR, R1, V.SUPPORTIVE, (ST.EMOTIONAL, ST.COMPANY), Fr.WEEKLY, True),
        tie(
            "sanne",
            "els",
            N,
            R2,
            V.SUPPORTIVE,
            (ST.PRACTICAL, ST.COMPANY),
            Fr.WEEKLY,
            label="past op kinderen",
        ),
        tie("sanne", "karin", W, R2, V.SUPPORTIVE, (ST.COMPANY,), Fr.WEEKLY, True),
        tie("sanne", "supermarkt", W, R3, V.AMBIVALENT, (ST.PRACTICAL, ST.BURDEN), Fr.WEEKLY),
        tie(
            "sanne",
            "wijkteam",
            P,
            R1,
            V.SUPPORTIVE,
            (ST.EMOTIONAL, ST.PRACTICAL, ST.INFORMATIONAL),
            Fr.WEEKLY,
        ),
        tie(
            "sanne", "schuldhulp", P, R2, V.SUPPORTIVE, (ST.PRACTICAL, ST.INFORMATIONAL), Fr.MONTHLY
        ),
        tie("sanne", "huisarts", P, R3, V.SUPPORTIVE, (ST.INFORMATIONAL,), Fr.YEARLY),
        tie("sanne", "ggz", P, R3, V.AMBIVALENT, (ST.INFORMATIONAL,), Fr.RARELY),
        # Daan's netwerkkaart
        tie("daan", "sanne", H, R1, V.SUPPORTIVE, (ST.EMOTIONAL, ST.PRACTICAL), Fr.DAILY),
        tie("daan", "rick", H, R2, V.BURDENING, (ST.BURDEN,), Fr.DAILY),
        tie("daan", "riet", H, R2, V.SUPPORTIVE, (ST.EMOTIONAL,), Fr.WEEKLY),
        tie("daan", "ahmed", W, R1, V.SUPPORTIVE, (ST.EMOTIONAL, ST.COMPANY), Fr.WEEKLY, True),
        tie("daan", "vmbo", W, R3, V.AMBIVALENT, (ST.INFORMATIONAL, ST.BURDEN), Fr.DAILY),
        tie("daan", "politie", P, R3, V.BURDENING, (ST.BURDEN,), Fr.RARELY),
        # who knows whom
        _rel("a-rick-riet", A, "rick", "riet"),
        _rel("a-riet-peter", A, "riet", "peter"),
        _rel("a-riet-els", A, "riet", "els"),
        _rel("a-mirjam-karin", A, "mirjam", "karin"),
        _rel("a-rick-mirjam", A, "rick", "mirjam"),
        _rel("a-rick-daan", A, "rick", "daan"),
        _rel("a-wijkteam-schuldhulp", A, "wijkteam", "schuldhulp"),
        _rel("a-wijkteam-ggz", A, "wijkteam", "ggz"),
        _rel("a-huisarts-ggz", A, "huisarts", "ggz"),
        _rel("a-ahmed-vmbo", A, "ahmed", "vmbo"),
    ]


def _balance() -> list[Factor]:
    K, L = FactorSide.DRAAGKRACHT, FactorSide.DRAAGLAST
    mi, me, ma = FactorLevel.MICRO, FactorLevel.MESO, FactorLevel.MACRO
    D = LifeDomain
    fam, pro = FactorSource.FAMILY, FactorSource.PROFESSIONAL
    return [
        Factor(
            "f-warm",
            K,
            "Sanne is een betrokken, warme moeder en wil hulp",
            mi,
            D.CHILDREN,
            4,
            fam,
            ("sanne",),
            order=1,
        ),
        Factor(
            "f-oma",
            K,
            "Oma Riet vangt de kinderen twee middagen per week op",
            me,
            D.NETWORK,
            4,
            fam,
            ("riet",),
            order=2,
        ),
        Factor(
            "f-els",
            K,
            "Buurvrouw Els helpt met boodschappen en de post",
            me,
            D.NETWORK,
            3,
            fam,
            ("els",),
            order=3,
        ),
        Factor(
            "f-voetbal",
            K,
            "Daan voetbalt graag en de trainer is een rolmodel",
            mi,
            D.DAYTIME,
            3,
            pro,
            ("daan", "voetbal", "ahmed"),
            order=4,
        ),
        Factor(
            "f-wijkteam",
            K,
            "Wijkteam en schuldhulp zijn betrokken",
            ma,
            D.FINANCES,
            2,
            pro,
            ("wijkteam", "schuldhulp"),
            order=5,
        ),
        Factor(
            "f-schuld",
            L,
            "Schulden van ongeveer € 12.000",
            ma,
            D.FINANCES,
            5,
            pro,
            ("schuldhulp",),
            order=1,
        ),
        Factor(
            "f-huur",
            L,
            "Huurachterstand, dreigende ontruiming",
            ma,
            D.HOUSING,
            4,
            pro,
            ("woningcorp",),
            order=2,
        ),
        Factor(
            "f-ruzie",
            L,
            "Ruzies tussen Rick en Daan",
            mi,
            D.RELATIONS,
            4,
            fam,
            ("rick", "daan"),
            ("e-rick-daan",),
            order=3,
        ),
        Factor(
            "f-somber",
            L,
            "Sanne is somber en moe; wachtlijst GGZ",
            mi,
            D.MENTAL_HEALTH,
            3,
            fam,
            ("sanne", "ggz"),
            order=4,
        ),
        Factor(
            "f-politie",
            L,
            "Daan is met de politie in aanraking gekomen",
            mi,
            D.JUSTICE,
            3,
            pro,
            ("daan", "politie"),
            order=5,
        ),
        Factor(
            "f-pleeg",
            L,
            "Zorg voor pleegzoon Jayden met traumaklachten",
            mi,
            D.CHILDREN,
            3,
            pro,
            ("jayden", "jeugdzorg"),
            order=6,
        ),
        Factor(
            "f-peter",
            L,
            "Verslaving van broer Peter belast de familie",
            me,
            D.ADDICTION,
            2,
            fam,
            ("peter",),
            order=7,
        ),
    ]


def _plan() -> tuple[list[Goal], list[Action], list[Monitoring]]:
    goals = [
        Goal(
            "g-geld",
            "Rust in de financiën",
            owner_id="sanne",
            term=GoalTerm.LONG,
            domain=LifeDomain.FINANCES,
            result="Over 12 maanden een stabiele schuldregeling",
            status=GoalStatus.IN_PROGRESS,
            factor_ids=("f-schuld", "f-huur"),
            start="2026-03-01",
            evaluation_dates=("2026-06-01", "2026-12-01"),
            expected_change="Geen nieuwe schulden, huur op tijd betaald",
            order=1,
        ),
        Goal(
            "g-post",
            "Alle post wekelijks geopend en geordend",
            owner_id="sanne",
            term=GoalTerm.SHORT,
            domain=LifeDomain.FINANCES,
            result="Een map met overzicht",
            status=GoalStatus.REACHED,
            parent_id="g-geld",
            start="2026-03-01",
            order=1,
        ),
        Goal(
            "g-thuis",
            "Minder ruzie thuis tussen Rick en Daan",
            owner_text="het gezin",
            term=GoalTerm.SHORT,
            domain=LifeDomain.RELATIONS,
            result="Hooguit één flinke ruzie per maand",
            status=GoalStatus.IN_PROGRESS,
            factor_ids=("f-ruzie",),
            start="2026-04-01",
            evaluation_dates=("2026-07-01",),
            order=2,
        ),
        Goal(
            "g-daan",
            "Daan maakt zijn school af",
            owner_id="daan",
            term=GoalTerm.LONG,
            domain=LifeDomain.DAYTIME,
            result="Vmbo-diploma in 2027",
            status=GoalStatus.OPEN,
            factor_ids=("f-politie", "f-voetbal"),
            start="2026-04-01",
            order=3,
        ),
    ]
    actions = [
        Action(
            "a-post",
            "g-post",
            "Samen de post openen en sorteren",
            actor_id="els",
            where="thuis",
            when="elke maandag",
            how="met een ordner per instantie",
            aim="overzicht over de schulden",
            hours=1.0,
            done=True,
        ),
        Action(
            "a-intake",
            "g-geld",
            "Intake en stabilisatie schulden",
            actor_id="schuldhulp",
            where="kantoor schuldhulp",
            when="maart 2026",
            how="budgetbeheer aanvragen",
            aim="schuldregeling",
            hours=6.0,
        ),
        Action(
            "a-huur",
            "g-geld",
            "Betalingsregeling huurachterstand",
            actor_id="woningcorp",
            where="woonstichting",
            when="april 2026",
            how="regeling € 50 per maand",
            aim="ontruiming voorkomen",
            hours=2.0,
        ),
        Action(
            "a-toeslag",
            "g-geld",
            "Toeslagen controleren en aanvragen",
            actor_text="casemanager",
            where="thuis",
            when="maart 2026",
            how="samen online",
            aim="meer inkomen",
            hours=2.0,
            done=True,
        ),
        Action(
            "a-gesprek",
            "g-thuis",
            "Gezinsgesprekken over huisregels",
            actor_id="wijkteam",
            where="thuis",
            when="elke twee weken",
            how="met Rick, Sanne en Daan",
            aim="afspraken die iedereen kent",
            hours=8.0,
        ),
        Action(
            "a-voetbal",
            "g-daan",
            "Extra training en huiswerk bij de club",
            actor_id="ahmed",
            where="VV Oostkant",
            when="di en do",
            how="huiswerkbegeleiding na training",
            aim="structuur en een rolmodel",
            hours=0.0,
        ),
        Action(
            "a-school",
            "g-daan",
            "Verzuimgesprek met mentor",
            actor_id="vmbo",
            where="school",
            when="mei 2026",
            how="met Daan en Sanne",
            aim="terug naar school",
            hours=1.0,
        ),
    ]
    monitoring = [
        Monitoring("m-geld-1", "g-geld", "2026-03-01", 3, "1-10", "Post stapelt zich op"),
        Monitoring("m-geld-2", "g-geld", "2026-06-01", 5, "1-10", "Budgetbeheer loopt"),
        Monitoring("m-geld-3", "g-geld", "2026-09-01", 6, "1-10", "Huur op tijd betaald"),
        Monitoring("m-thuis-1", "g-thuis", "2026-04-01", 3, "1-10", "Dagelijks ruzie"),
        Monitoring("m-thuis-2", "g-thuis", "2026-07-01", 5, "1-10", "Wekelijks ruzie"),
    ]
    return goals, actions, monitoring


def demo_case() -> CaseData:
    """A fresh copy of the fictional demo family Jansen-de Boer."""
    goals, actions, monitoring = _plan()
    case = Case(
        id="demo",
        code=DEMO_CODE,
        title="Gezin Jansen-de Boer (fictief)",
        casemanager="M. de Wit",
        phase=Phase.EXECUTION,
        consent=True,
        consent_date="2026-02-10",
        scope_note="Fictieve oefencasus. Toestemming om te delen met wijkteam, school en schuldhulp.",
        created="2026-02-01",
    )
    return CaseData(
        case=case,
        entities=_people() + _systems(),
        relations=_family() + _emotional() + _connections() + _network(),
        factors=_balance(),
        goals=goals,
        actions=actions,
        monitoring=monitoring,
    )
