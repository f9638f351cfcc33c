"""Fictional example cases for students, each with a written case description.

Three kinds of case: a multi-problem family (the demo case), an older person
with dementia and an overloaded caregiver, and a young person leaving care.
A student reads the description, builds the map, and compares it with the
model answer (the case itself) on the compare page.

>>> [c.key for c in TRAINING_CASES]
['gezin', 'dementie', 'jongvolwassene']
>>> data = load_training_case("dementie")
>>> data.index_person().name
'Gerrit Hoekstra'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mapping.core.errors import NotFound
from mapping.core.model import Case, CaseData, Entity, Factor, Goal, Relation
from mapping.core.vocabulary import (
    ChildLink,
    Condition,
    ConnectionStrength,
    EmotionalKind,
    EntityKind,
    FactorLevel,
    FactorSide,
    Flow,
    Frequency,
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
    Valence,
)
from mapping.services.demo import demo_case

M, F = Sex.MALE, Sex.FEMALE
P, C, E, K, S, A = (
    RelationKind.PARTNERSHIP,
    RelationKind.PARENT_CHILD,
    RelationKind.EMOTIONAL,
    RelationKind.CONNECTION,
    RelationKind.SUPPORT,
    RelationKind.ACQUAINTANCE,
)


@dataclass(frozen=True)
class TrainingCase:
    key: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    build: Callable[[], CaseData]

    def title(self, lang: str = "nl") -> str:
        return self.title_en if lang == "en" else self.title_nl

    def description(self, lang: str = "nl") -> str:
        return self.description_en if lang == "en" else self.description_nl


def _system(sid: str, name: str, kind: SystemKind) -> Entity:
    return Entity(id=sid, name=name, kind=EntityKind.SYSTEM, system_kind=kind, role=name)


def _tie(ego, member, sector, ring, valence, support, freq, reciprocal=False) -> Relation:
    return Relation(
        id=f"s-{ego}-{member}",
        kind=S,
        source=ego,
        target=member,
        subtype=valence,
        sector=sector,
        ring=ring,
        support=support,
        frequency=freq,
        reciprocal=reciprocal,
    )


def dementia_case() -> CaseData:
    """Gerrit (84) with beginning dementia; his daughter Anja is overloaded."""
    people = [
        Entity(
            id="gerrit",
            name="Gerrit Hoekstra",
            sex=M,
            birth="1942",
            role="cliënt",
            index_person=True,
            household=True,
            conditions=(Condition.DEMENTIA,),
            occupation="oud-timmerman",
        ),
        Entity(
            id="tine",
            name="Tine Hoekstra",
            sex=F,
            birth="1944",
            death="2022",
            role="partner",
            deceased=True,
        ),
        Entity(
            id="anja",
            name="Anja Veenstra",
            sex=F,
            birth="1968",
            role="dochter",
            occupation="doktersassistente",
            annotation="mantelzorger, overbelast",
        ),
        Entity(id="bert", name="Bert Veenstra", sex=M, birth="1966", role="schoonzoon"),
        Entity(
            id="johan",
            name="Johan Hoekstra",
            sex=M,
            birth="1971",
            role="zoon",
            annotation="woont in Canada",
        ),
        Entity(id="lisa", name="Lisa Veenstra", sex=F, birth="1996", role="kleindochter"),
        Entity(id="tom", name="Tom Veenstra", sex=M, birth="1999", role="kleinzoon"),
        Entity(id="jan", name="Jan de Wit", sex=M, birth="1940", role="buurman"),
    ]
    systems = [
        _system("huisarts", "Huisarts Bakker", SystemKind.GP),
        _system("casemanager", "Casemanager dementie", SystemKind.WIJKTEAM),
        _system("thuiszorg", "Thuiszorg Zorg Dichtbij", SystemKind.HOSPITAL),
        _system("dagbesteding", "Dagbesteding De Linde", SystemKind.LEISURE),
        _system("kerk", "Protestantse gemeente", SystemKind.RELIGION),
        _system("werk-anja", "Werk Anja", SystemKind.WORK),
    ]
    rels = [
        Relation(
            id="u-gerrit-tine",
            kind=P,
            source="gerrit",
            target="tine",
            subtype=PartnershipStatus.WIDOWED,
            start="1965",
            end="2022",
        ),
        Relation(
            id="u-bert-anja",
            kind=P,
            source="bert",
            target="anja",
            subtype=PartnershipStatus.MARRIED,
            start="1994",
        ),
    ]
    for parent in ("gerrit", "tine"):
        for child in ("anja", "johan"):
            rels.append(
                Relation(
                    id=f"c-{parent}-{child}",
                    kind=C,
                    source=parent,
                    target=child,
                    subtype=ChildLink.BIOLOGICAL,
                )
            )
    for parent in ("bert", "anja"):
        for child in ("lisa", "tom"):
            rels.append(
                Relation(
                    id=f"c-{parent}-{child}",
                    kind=C,
                    source=parent,
                    target=child,
                    subtype=ChildLink.BIOLOGICAL,
                )
            )
    rels += [
        Relation(
            id="e-gerrit-anja",
            kind=E,
            source="gerrit",
            target="anja",
            subtype=EmotionalKind.CLOSE_HOSTILE,
        ),
        Relation(
            id="e-anja-johan", kind=E, source="anja", target="johan", subtype=EmotionalKind.DISTANT
        ),
        Relation(
            id="e-gerrit-lisa", kind=E, source="gerrit", target="lisa", subtype=EmotionalKind.CLOSE
        ),
        Relation(
            id="k-gerrit-huisarts",
            kind=K,
            source="gerrit",
            target="huisarts",
            subtype=ConnectionStrength.MODERATE,
            flow=Flow.TO_FAMILY,
        ),
        Relation(
            id="k-gerrit-casemanager",
            kind=K,
            source="gerrit",
            target="casemanager",
            subtype=ConnectionStrength.STRONG,
            flow=Flow.TO_FAMILY,
        ),
        Relation(
            id="k-gerrit-thuiszorg",
            kind=K,
            source="gerrit",
            target="thuiszorg",
            subtype=ConnectionStrength.STRESSFUL,
            flow=Flow.BOTH,
            label="weigert soms",
        ),
        Relation(
            id="k-gerrit-dagbesteding",
            kind=K,
            source="gerrit",
            target="dagbesteding",
            subtype=ConnectionStrength.WEAK,
            flow=Flow.TO_FAMILY,
            label="proefdag",
        ),
        Relation(
            id="k-gerrit-kerk",
            kind=K,
            source="gerrit",
            target="kerk",
            subtype=ConnectionStrength.STRONG,
            flow=Flow.BOTH,
        ),
        Relation(
            id="k-anja-werk",
            kind=K,
            source="anja",
            target="werk-anja",
            subtype=ConnectionStrength.STRESSFUL,
            flow=Flow.FROM_FAMILY,
            label="verzuim dreigt",
        ),
        _tie(
            "gerrit",
            "anja",
            Sector.HOUSEHOLD,
            Ring.CLOSE,
            Valence.AMBIVALENT,
            (SupportType.PRACTICAL, SupportType.EMOTIONAL),
            Frequency.DAILY,
        ),
        _tie(
            "gerrit",
            "lisa",
            Sector.HOUSEHOLD,
            Ring.CLOSE,
            Valence.SUPPORTIVE,
            (SupportType.COMPANY,),
            Frequency.WEEKLY,
            True,
        ),
        _tie(
            "gerrit",
            "johan",
            Sector.HOUSEHOLD,
            Ring.FAR,
            Valence.SUPPORTIVE,
            (SupportType.EMOTIONAL,),
            Frequency.MONTHLY,
        ),
        _tie(
            "gerrit",
            "jan",
            Sector.NEIGHBOURS,
            Ring.MIDDLE,
            Valence.SUPPORTIVE,
            (SupportType.COMPANY, SupportType.PRACTICAL),
            Frequency.WEEKLY,
            True,
        ),
        _tie(
            "gerrit",
            "kerk",
            Sector.WORK_SCHOOL,
            Ring.MIDDLE,
            Valence.SUPPORTIVE,
            (SupportType.COMPANY,),
            Frequency.WEEKLY,
        ),
        _tie(
            "gerrit",
            "casemanager",
            Sector.PROFESSIONALS,
            Ring.MIDDLE,
            Valence.SUPPORTIVE,
            (SupportType.INFORMATIONAL, SupportType.PRACTICAL),
            Frequency.MONTHLY,
        ),
        _tie(
            "gerrit",
            "thuiszorg",
            Sector.PROFESSIONALS,
            Ring.MIDDLE,
            Valence.AMBIVALENT,
            (SupportType.PRACTICAL,),
            Frequency.DAILY,
        ),
        Relation(id="a-anja-lisa", kind=A, source="anja", target="lisa"),
        Relation(id="a-jan-kerk", kind=A, source="jan", target="kerk"),
        Relation(id="a-casemanager-thuiszorg", kind=A, source="casemanager", target="thuiszorg"),
    ]
    factors = [
        Factor(
            "f-kerk",
            FactorSide.DRAAGKRACHT,
            "Gerrit voelt zich thuis in de kerk",
            FactorLevel.MESO,
            LifeDomain.NETWORK,
            3,
            entity_ids=("kerk",),
        ),
        Factor(
            "f-jan",
            FactorSide.DRAAGKRACHT,
            "Buurman Jan komt dagelijks even langs",
            FactorLevel.MESO,
            LifeDomain.NETWORK,
            3,
            entity_ids=("jan",),
        ),
        Factor(
            "f-dementie",
            FactorSide.DRAAGLAST,
            "Toenemende vergeetachtigheid en onrust 's nachts",
            FactorLevel.MICRO,
            LifeDomain.MENTAL_HEALTH,
            4,
            entity_ids=("gerrit",),
        ),
        Factor(
            "f-anja",
            FactorSide.DRAAGLAST,
            "Anja is overbelast als enige mantelzorger",
            FactorLevel.MICRO,
            LifeDomain.RELATIONS,
            5,
            entity_ids=("anja",),
        ),
    ]
    goals = [
        Goal(
            "g-ontlasten",
            "Anja ontlasten",
            owner_id="anja",
            term=GoalTerm.SHORT,
            domain=LifeDomain.NETWORK,
            result="Twee dagdelen per week vrij van zorg",
            factor_ids=("f-anja",),
        ),
        Goal(
            "g-thuis",
            "Gerrit blijft veilig thuis wonen",
            owner_id="gerrit",
            term=GoalTerm.LONG,
            domain=LifeDomain.HOUSING,
            factor_ids=("f-dementie",),
        ),
    ]
    case = Case(
        id="training-dementie",
        code="OEF-DEMENTIE",
        title="Meneer Hoekstra (fictief)",
        casemanager="docent",
        phase=Phase.CONTACT,
        consent=True,
    )
    return CaseData(
        case=case, entities=people + systems, relations=rels, factors=factors, goals=goals
    )


def leaving_care_case() -> CaseData:
    """Yara (18) leaves a residential group and starts living on her own."""
    people = [
        Entity(
            id="yara",
            name="Yara Mensah",
            sex=F,
            birth="2008",
            role="cliënt",
            index_person=True,
            household=True,
            occupation="mbo zorg, jaar 1",
        ),
        Entity(
            id="moeder",
            name="Linda Mensah",
            sex=F,
            birth="1985",
            role="moeder",
            conditions=(Condition.ADDICTION,),
        ),
        Entity(
            id="vader",
            name="Kofi Mensah",
            sex=M,
            birth="1980",
            role="vader",
            annotation="onbekende verblijfplaats",
        ),
        Entity(id="stiefvader", name="Ron Kramer", sex=M, birth="1978", role="stiefvader"),
        Entity(
            id="broer",
            name="Kevin Mensah",
            sex=M,
            birth="2011",
            role="broer",
            annotation="pleeggezin",
        ),
        Entity(id="oma", name="Grace Mensah", sex=F, birth="1958", role="oma (vz)"),
        Entity(id="vriendin", name="Dewi Hartono", sex=F, birth="2008", role="vriendin"),
        Entity(id="vriend", name="Sem Bos", sex=M, birth="2006", role="vriend"),
        Entity(id="mentor", name="Ilona Prins", sex=F, birth="1975", role="oud-groepsleider"),
    ]
    systems = [
        _system("mbo", "ROC zorgopleiding", SystemKind.SCHOOL),
        _system("jeugdzorg", "Jeugdzorg (nazorg 18+)", SystemKind.YOUTH_CARE),
        _system("gemeente", "Gemeente, jongerenloket", SystemKind.SOCIAL_SERVICES),
        _system("woning", "Kamerverhuurder", SystemKind.HOUSING),
        _system("bijbaan", "Bijbaan supermarkt", SystemKind.WORK),
    ]
    rels = [
        Relation(
            id="u-vader-moeder",
            kind=P,
            source="vader",
            target="moeder",
            subtype=PartnershipStatus.DIVORCED,
            start="2007",
            end="2013",
        ),
        Relation(
            id="u-stiefvader-moeder",
            kind=P,
            source="stiefvader",
            target="moeder",
            subtype=PartnershipStatus.COHABITING,
            start="2015",
        ),
    ]
    for parent in ("vader", "moeder"):
        for child in ("yara", "broer"):
            rels.append(
                Relation(
                    id=f"c-{parent}-{child}",
                    kind=C,
                    source=parent,
                    target=child,
                    subtype=ChildLink.BIOLOGICAL,
                )
            )
    rels += [
        Relation(
            id="c-oma-vader", kind=C, source="oma", target="vader", subtype=ChildLink.BIOLOGICAL
        ),
        Relation(
            id="e-yara-moeder",
            kind=E,
            source="yara",
            target="moeder",
            subtype=EmotionalKind.CLOSE_HOSTILE,
        ),
        Relation(
            id="e-yara-stiefvader",
            kind=E,
            source="stiefvader",
            target="yara",
            subtype=EmotionalKind.ABUSE,
        ),
        Relation(
            id="e-yara-vader", kind=E, source="yara", target="vader", subtype=EmotionalKind.CUTOFF
        ),
        Relation(
            id="e-yara-broer",
            kind=E,
            source="yara",
            target="broer",
            subtype=EmotionalKind.VERY_CLOSE,
        ),
        Relation(
            id="k-yara-mbo",
            kind=K,
            source="yara",
            target="mbo",
            subtype=ConnectionStrength.MODERATE,
            flow=Flow.BOTH,
        ),
        Relation(
            id="k-yara-jeugdzorg",
            kind=K,
            source="yara",
            target="jeugdzorg",
            subtype=ConnectionStrength.WEAK,
            flow=Flow.TO_FAMILY,
            label="stopt bij 18",
        ),
        Relation(
            id="k-yara-gemeente",
            kind=K,
            source="yara",
            target="gemeente",
            subtype=ConnectionStrength.STRESSFUL,
            flow=Flow.FROM_FAMILY,
            label="uitkering?",
        ),
        Relation(
            id="k-yara-woning",
            kind=K,
            source="yara",
            target="woning",
            subtype=ConnectionStrength.STRESSFUL,
            flow=Flow.FROM_FAMILY,
        ),
        Relation(
            id="k-yara-bijbaan",
            kind=K,
            source="yara",
            target="bijbaan",
            subtype=ConnectionStrength.MODERATE,
            flow=Flow.BOTH,
        ),
        _tie(
            "yara",
            "broer",
            Sector.HOUSEHOLD,
            Ring.CLOSE,
            Valence.SUPPORTIVE,
            (SupportType.EMOTIONAL,),
            Frequency.MONTHLY,
            True,
        ),
        _tie(
            "yara",
            "oma",
            Sector.HOUSEHOLD,
            Ring.MIDDLE,
            Valence.SUPPORTIVE,
            (SupportType.EMOTIONAL, SupportType.PRACTICAL),
            Frequency.MONTHLY,
        ),
        _tie(
            "yara",
            "moeder",
            Sector.HOUSEHOLD,
            Ring.MIDDLE,
            Valence.BURDENING,
            (SupportType.BURDEN,),
            Frequency.WEEKLY,
        ),
        _tie(
            "yara",
            "vriendin",
            Sector.FRIENDS,
            Ring.CLOSE,
            Valence.SUPPORTIVE,
            (SupportType.EMOTIONAL, SupportType.COMPANY),
            Frequency.DAILY,
            True,
        ),
        _tie(
            "yara",
            "vriend",
            Sector.FRIENDS,
            Ring.MIDDLE,
            Valence.AMBIVALENT,
            (SupportType.COMPANY, SupportType.BURDEN),
            Frequency.WEEKLY,
        ),
        _tie(
            "yara",
            "mentor",
            Sector.PROFESSIONALS,
            Ring.MIDDLE,
            Valence.SUPPORTIVE,
            (SupportType.INFORMATIONAL, SupportType.EMOTIONAL),
            Frequency.MONTHLY,
        ),
        _tie(
            "yara",
            "mbo",
            Sector.WORK_SCHOOL,
            Ring.MIDDLE,
            Valence.SUPPORTIVE,
            (SupportType.INFORMATIONAL,),
            Frequency.DAILY,
        ),
        Relation(id="a-vriendin-vriend", kind=A, source="vriendin", target="vriend"),
        Relation(id="a-oma-broer", kind=A, source="oma", target="broer"),
    ]
    factors = [
        Factor(
            "f-opleiding",
            FactorSide.DRAAGKRACHT,
            "Yara is gemotiveerd voor haar opleiding",
            FactorLevel.MICRO,
            LifeDomain.DAYTIME,
            4,
            entity_ids=("yara", "mbo"),
        ),
        Factor(
            "f-oma",
            FactorSide.DRAAGKRACHT,
            "Oma is een veilige plek",
            FactorLevel.MESO,
            LifeDomain.NETWORK,
            3,
            entity_ids=("oma",),
        ),
        Factor(
            "f-geld",
            FactorSide.DRAAGLAST,
            "Geen vast inkomen na haar 18e",
            FactorLevel.MACRO,
            LifeDomain.FINANCES,
            4,
            entity_ids=("gemeente",),
        ),
        Factor(
            "f-moeder",
            FactorSide.DRAAGLAST,
            "Moeder vraagt geld en aandacht",
            FactorLevel.MICRO,
            LifeDomain.RELATIONS,
            3,
            entity_ids=("moeder",),
        ),
    ]
    goals = [
        Goal(
            "g-inkomen",
            "Een eigen, vast inkomen",
            owner_id="yara",
            term=GoalTerm.SHORT,
            domain=LifeDomain.FINANCES,
            factor_ids=("f-geld",),
        ),
        Goal(
            "g-netwerk",
            "Twee mensen om op terug te vallen",
            owner_id="yara",
            term=GoalTerm.LONG,
            domain=LifeDomain.NETWORK,
        ),
    ]
    case = Case(
        id="training-jong",
        code="OEF-18PLUS",
        title="Yara, 18 jaar (fictief)",
        casemanager="docent",
        phase=Phase.INTRODUCTION,
        consent=True,
    )
    return CaseData(
        case=case, entities=people + systems, relations=rels, factors=factors, goals=goals
    )


TRAINING_CASES = [
    TrainingCase(
        "gezin",
        "Multiprobleemgezin Jansen-de Boer",
        "Multi-problem family Jansen-de Boer",
        "Sanne (42) woont met haar partner Rick, haar zoon Daan (18), de eeneiige tweeling Lotte en "
        "Noor (14), pleegzoon Jayden (13) en hun zoon Finn (6); Sanne is zwanger. Met Daans vader "
        "Mark, die hertrouwde met Ilse, heeft Sanne veel conflict. Sannes vader Henk is in 2019 "
        "overleden; haar moeder Riet helpt twee middagen per week. Er zijn schulden, een "
        "huurachterstand, ruzie tussen Rick en Daan, en Daan kwam met de politie in aanraking. "
        "Buurvrouw Els helpt met de post. Teken het genogram, het ecogram en Sannes netwerkkaart.",
        "Sanne (42) lives with her partner Rick, her son Daan (18), identical twins Lotte and Noor "
        "(14), foster son Jayden (13) and their son Finn (6); Sanne is pregnant. She is in conflict "
        "with Daan's father Mark, who remarried Ilse. Sanne's father Henk died in 2019; her mother "
        "Riet helps two afternoons a week. There are debts, rent arrears, conflict between Rick and "
        "Daan, and Daan has had contact with the police. Neighbour Els helps with the mail. Draw "
        "the genogram, the eco-map and Sanne's sociogram.",
        demo_case,
    ),
    TrainingCase(
        "dementie",
        "Meneer Hoekstra en zijn overbelaste dochter",
        "Mr Hoekstra and his overloaded daughter",
        "Gerrit Hoekstra (84) woont alleen sinds zijn vrouw Tine in 2022 overleed. Hij heeft "
        "beginnende dementie en is 's nachts onrustig. Zijn dochter Anja (58, getrouwd met Bert, "
        "twee volwassen kinderen Lisa en Tom) zorgt dagelijks voor hem en dreigt uit te vallen op "
        "haar werk. Zoon Johan woont in Canada; het contact tussen Anja en Johan is afstandelijk. "
        "Buurman Jan komt dagelijks langs, Gerrit gaat graag naar de kerk. Thuiszorg komt, maar "
        "Gerrit weigert soms; een proefdag dagbesteding is gepland.",
        "Gerrit Hoekstra (84) has lived alone since his wife Tine died in 2022. He has early "
        "dementia and is restless at night. His daughter Anja (58, married to Bert, two adult "
        "children Lisa and Tom) cares for him daily and is close to burning out at work. Son Johan "
        "lives in Canada; Anja and Johan are distant. Neighbour Jan drops by every day and Gerrit "
        "loves his church. Home care comes, but Gerrit sometimes refuses; a trial day at a day "
        "centre is planned.",
        dementia_case,
    ),
    TrainingCase(
        "jongvolwassene",
        "Yara verlaat de jeugdzorg",
        "Yara leaves youth care",
        "Yara (18) verlaat de leefgroep en gaat op kamers. Haar ouders Linda en Kofi scheidden in "
        "2013; met haar vader is het contact verbroken. Moeder Linda woont samen met Ron, die "
        "Yara mishandelde; Linda heeft een verslaving. Haar broer Kevin (15) woont in een "
        "pleeggezin; ze zijn erg hecht. Oma Grace is een veilige plek. Yara volgt een mbo-"
        "opleiding zorg en heeft een bijbaan. De jeugdzorg stopt nu ze 18 is; een uitkering is nog "
        "niet geregeld. Vriendin Dewi ziet ze dagelijks.",
        "Yara (18) leaves her residential group and moves into a rented room. Her parents Linda and "
        "Kofi divorced in 2013; she has cut off contact with her father. Her mother Linda lives with "
        "Ron, who abused Yara; Linda has an addiction. Her brother Kevin (15) lives with a foster "
        "family; they are very close. Grandmother Grace is a safe place. Yara studies care at a "
        "vocational school and has a side job. Youth care ends now she is 18; income support is "
        "not arranged yet. She sees her friend Dewi every day.",
        leaving_care_case,
    ),
]


def load_training_case(key: str) -> CaseData:
    """A fresh copy of the training case with ``key``."""
    for case in TRAINING_CASES:
        if case.key == key:
            return case.build()
    raise NotFound(f"Oefencasus '{key}' bestaat niet.", f"Training case '{key}' does not exist.")
