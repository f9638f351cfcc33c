"""Every vocabulary of casemap as data: a ``StrEnum`` plus one table of terms.

A :class:`Term` holds the Dutch and English label, a legend text and, where
the value is drawn, its drawing style. Forms, the legend and the renderer all
read the same table, so a new relation kind is one entry here.

>>> label(Sex.FEMALE)
'vrouw'
>>> label(Sex.FEMALE, "en")
'female'
>>> EmotionalKind("conflict") is EmotionalKind.CONFLICT
True
>>> term(ConnectionStrength.STRESSFUL).style["line"]
'zigzag'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: labels, legend text and drawing style."""

    nl: str
    en: str
    legend_nl: str = ""
    legend_en: str = ""
    style: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def label(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl

    def legend(self, lang: str = "nl") -> str:
        text = self.legend_en if lang == "en" else self.legend_nl
        return text or self.label(lang)


class Vocab(StrEnum):
    """Base of every vocabulary: a str enum that is never equal to another vocabulary's member.

    Plain ``StrEnum`` members of different enums with the same value (the
    life domain 'justice' and the system kind 'justice') compare equal and
    would overwrite each other as keys of :data:`TERMS`; these do not, while
    still comparing equal to the plain string stored in the database.

    >>> SystemKind.POLICE_JUSTICE == LifeDomain.JUSTICE, LifeDomain.JUSTICE == "justice"
    (False, True)
    """

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Vocab) and type(other) is not type(self):
            return False
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__


def _t(nl: str, en: str, legend_nl: str = "", legend_en: str = "", **style: Any) -> Term:
    return Term(nl, en, legend_nl, legend_en, MappingProxyType(style))


# --------------------------------------------------------------------------
# The case
# --------------------------------------------------------------------------
class Phase(Vocab):
    """Phases of outreaching 'actief casemanagement'."""

    INTRODUCTION = "introductie"
    CONTACT = "contact"
    EXECUTION = "uitvoering"
    CLOSING = "afsluiting"
    COORDINATION = "zorgcoordinatie"


class Lens(Vocab):
    GENOGRAM = "genogram"
    ECOGRAM = "ecogram"
    SOCIOGRAM = "sociogram"


# --------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------
class EntityKind(Vocab):
    PERSON = "person"
    SYSTEM = "system"


class Sex(Vocab):
    MALE = "m"
    FEMALE = "f"
    OTHER = "x"
    UNKNOWN = "u"


class BirthStatus(Vocab):
    """Whether a person was born; the genogram draws the others differently."""

    BORN = "born"
    PREGNANCY = "pregnancy"
    MISCARRIAGE = "miscarriage"
    ABORTION = "abortion"
    STILLBIRTH = "stillbirth"


class Condition(Vocab):
    """Short annotations shown under a genogram symbol."""

    ADDICTION = "addiction"
    PSYCHIATRIC = "psychiatric"
    CHRONIC_ILLNESS = "chronic"
    DISABILITY = "disability"
    DEMENTIA = "dementia"
    DETENTION = "detention"


class DateQualifier(Vocab):
    """How an inexact date is meant: the date (``birth``/``death``) is its first year.

    A between-date keeps its last year in the qualifier itself, after a slash
    ('between/1845'): see :func:`mapping.core.model.date_words`.
    """

    ABOUT = "about"
    BEFORE = "before"
    AFTER = "after"
    BETWEEN = "between"


class SystemKind(Vocab):
    """Kinds of systems around a family (ecogram), with a colour and an icon."""

    SCHOOL = "school"
    DAYCARE = "kinderopvang"
    WORK = "work"
    GP = "gp"
    HOSPITAL = "hospital"
    MENTAL_HEALTH = "ggz"
    YOUTH_CARE = "jeugdzorg"
    WIJKTEAM = "wijkteam"
    SOCIAL_SERVICES = "social_services"
    DEBT_COUNSELLING = "debt"
    POLICE_JUSTICE = "justice"
    HOUSING = "housing"
    RELIGION = "religion"
    SPORTS = "sports"
    LEISURE = "leisure"
    EXTENDED_FAMILY = "extended_family"
    FRIENDS = "friends"
    NEIGHBOURS = "neighbours"
    OTHER = "other"


class Sector(Vocab):
    """Sectors of the netwerkkaart (sociogram)."""

    HOUSEHOLD = "household"
    FRIENDS = "friends"
    NEIGHBOURS = "neighbours"
    WORK_SCHOOL = "work_school"
    PROFESSIONALS = "professionals"


class Ring(Vocab):
    """Rings of closeness in the netwerkkaart; 1 is closest to ego."""

    CLOSE = "1"
    MIDDLE = "2"
    FAR = "3"


# --------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------
class RelationKind(Vocab):
    PARTNERSHIP = "partnership"
    PARENT_CHILD = "parent_child"
    TWIN = "twin"
    EMOTIONAL = "emotional"
    CONNECTION = "connection"
    SUPPORT = "support"
    ACQUAINTANCE = "acquaintance"


#: The relations that make a family tree (what a genogram draws as lines of descent).
FAMILY_KINDS = (RelationKind.PARTNERSHIP, RelationKind.PARENT_CHILD, RelationKind.TWIN)


class PartnershipStatus(Vocab):
    MARRIED = "married"
    COHABITING = "cohabiting"
    ENGAGED = "engaged"
    RELATIONSHIP = "relationship"
    SEPARATED = "separated"
    DIVORCED = "divorced"
    WIDOWED = "widowed"
    #: A couple the source names without saying what they were (a GEDCOM family
    #: with no marriage or other event): drawn as a plain union with a question mark,
    #: never as a status the source does not claim. A couple stored without a
    #: subtype ('', as imports before this value did) is read as this one.
    UNKNOWN = "unknown"


class ChildLink(Vocab):
    BIOLOGICAL = "biological"
    ADOPTED = "adopted"
    FOSTER = "foster"


class TwinKind(Vocab):
    FRATERNAL = "fraternal"
    IDENTICAL = "identical"


class EmotionalKind(Vocab):
    CLOSE = "close"
    VERY_CLOSE = "fused"
    DISTANT = "distant"
    CONFLICT = "conflict"
    HOSTILE = "hostile"
    CLOSE_HOSTILE = "close_hostile"
    CUTOFF = "cutoff"
    ABUSE = "abuse"
    NEGLECT = "neglect"


class ConnectionStrength(Vocab):
    """Quality of a connection in the ecogram."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    STRESSFUL = "stressful"


class Flow(Vocab):
    """Direction of energy or resources along a connection."""

    NONE = "none"
    TO_FAMILY = "to_family"
    FROM_FAMILY = "from_family"
    BOTH = "both"


class SupportType(Vocab):
    EMOTIONAL = "emotional"
    PRACTICAL = "practical"
    INFORMATIONAL = "informational"
    COMPANY = "company"
    BURDEN = "burden"


class Valence(Vocab):
    SUPPORTIVE = "supportive"
    AMBIVALENT = "ambivalent"
    BURDENING = "burdening"


class Frequency(Vocab):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"
    RARELY = "rarely"


# --------------------------------------------------------------------------
# Balance and plan
# --------------------------------------------------------------------------
class FactorSide(Vocab):
    DRAAGKRACHT = "draagkracht"
    DRAAGLAST = "draaglast"


class FactorLevel(Vocab):
    MICRO = "micro"
    MESO = "meso"
    MACRO = "macro"


class FactorSource(Vocab):
    FAMILY = "family"
    PROFESSIONAL = "professional"


class LifeDomain(Vocab):
    FINANCES = "finances"
    HOUSING = "housing"
    NETWORK = "network"
    INTEGRATION = "integration"
    SOCIAL = "social"
    DAYTIME = "daytime"
    HOUSEHOLD = "household"
    PERSONAL_CARE = "personal_care"
    CHILDREN = "children"
    RELATIONS = "relations"
    WELLBEING = "wellbeing"
    PHYSICAL_HEALTH = "physical_health"
    MENTAL_HEALTH = "mental_health"
    ADDICTION = "addiction"
    TRAUMA = "trauma"
    JUSTICE = "justice"


class GoalTerm(Vocab):
    SHORT = "short"
    LONG = "long"


class GoalStatus(Vocab):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    REACHED = "reached"
    ADJUSTED = "adjusted"
    STOPPED = "stopped"


class ReferralStatus(Vocab):
    """Where a referral (verwijzing) to an organisation of the sociale kaart stands."""

    REGISTERED = "aangemeld"
    WAITING_LIST = "wachtlijst"
    INTAKE_PLANNED = "intake_gepland"
    ONGOING = "lopend"
    CLOSED = "afgesloten"
    REFUSED = "afgewezen"

    @property
    def is_open(self) -> bool:
        """Still waiting for help to start: aangemeld, wachtlijst or intake gepland.

        >>> ReferralStatus("wachtlijst").is_open, ReferralStatus.ONGOING.is_open
        (True, False)
        """
        return self in OPEN_REFERRALS


#: The referrals still waiting for help to start (the kaart's overview counts these).
OPEN_REFERRALS = frozenset(
    {ReferralStatus.REGISTERED, ReferralStatus.WAITING_LIST, ReferralStatus.INTAKE_PLANNED}
)


# --------------------------------------------------------------------------
# The tables
# --------------------------------------------------------------------------
# The label and legend pairs (nl, en) stay together on their lines:
# fmt: off
TERMS: dict[StrEnum, Term] = {
    Phase.INTRODUCTION: _t("1 Introductie", "1 Introduction"),
    Phase.CONTACT: _t("2 Contact en motivatie", "2 Contact and motivation"),
    Phase.EXECUTION: _t("3 Uitvoering", "3 Execution"),
    Phase.CLOSING: _t("4 Afsluiting en eindevaluatie", "4 Closing and final evaluation"),
    Phase.COORDINATION: _t("5 Zorgcoördinatie", "5 Coordination of care"),
    Lens.GENOGRAM: _t("Genogram", "Genogram"),
    Lens.ECOGRAM: _t("Ecogram", "Eco-map"),
    Lens.SOCIOGRAM: _t("Netwerkkaart", "Sociogram"),
    EntityKind.PERSON: _t("persoon", "person"),
    EntityKind.SYSTEM: _t("systeem / organisatie", "system / organisation"),
    Sex.MALE: _t("man", "male", "Vierkant: man", "Square: male", shape="square"),
    Sex.FEMALE: _t("vrouw", "female", "Cirkel: vrouw", "Circle: female", shape="circle"),
    Sex.OTHER: _t(
        "anders / non-binair", "other / non-binary",
        "Ruit: anders of non-binair", "Diamond: other or non-binary", shape="diamond",
    ),
    Sex.UNKNOWN: _t(
        "onbekend", "unknown",
        "Vierkant met vraagteken: geslacht onbekend", "Square with question mark: sex unknown",
        shape="unknown",
    ),
    BirthStatus.BORN: _t("geboren", "born"),
    BirthStatus.PREGNANCY: _t(
        "zwangerschap", "pregnancy", "Driehoek: zwangerschap", "Triangle: pregnancy",
        shape="triangle",
    ),
    BirthStatus.MISCARRIAGE: _t(
        "miskraam", "miscarriage", "Kleine gevulde cirkel: miskraam",
        "Small filled circle: miscarriage", shape="dot",
    ),
    BirthStatus.ABORTION: _t(
        "abortus", "abortion", "Kruisje: abortus", "Small cross: abortion", shape="x",
    ),
    BirthStatus.STILLBIRTH: _t(
        "doodgeboren", "stillbirth", "Klein symbool met kruis: doodgeboren",
        "Small symbol with cross: stillbirth", shape="small",
    ),
    Condition.ADDICTION: _t(
        "verslaving", "addiction", "Onderste helft gevuld: verslaving",
        "Lower half filled: substance abuse", fill="lower",
    ),
    Condition.PSYCHIATRIC: _t(
        "psychiatrische problemen", "psychiatric illness",
        "Linkerhelft gevuld: psychische problemen", "Left half filled: mental illness",
        fill="left",
    ),
    Condition.CHRONIC_ILLNESS: _t(
        "chronische ziekte", "chronic illness", "Rechterhelft gevuld: lichamelijke ziekte",
        "Right half filled: physical illness", fill="right",
    ),
    Condition.DISABILITY: _t("beperking", "disability", fill="none"),
    Condition.DEMENTIA: _t(
        "dementie", "dementia", "Bovenste helft gevuld: dementie", "Upper half filled: dementia",
        fill="upper",
    ),
    Condition.DETENTION: _t("detentie", "detention", fill="none"),
    SystemKind.SCHOOL: _t("school", "school", color="#4e79a7", icon="🏫", sector="work_school"),
    SystemKind.DAYCARE: _t(
        "kinderopvang", "day care", color="#76b7b2", icon="🧸", sector="work_school"
    ),
    SystemKind.WORK: _t("werk", "work", color="#59a14f", icon="💼", sector="work_school"),
    SystemKind.GP: _t("huisarts", "GP", color="#e15759", icon="⚕", sector="professionals"),
    SystemKind.HOSPITAL: _t(
        "ziekenhuis", "hospital", color="#ff9d9a", icon="🏥", sector="professionals"
    ),
    SystemKind.MENTAL_HEALTH: _t(
        "GGZ", "mental-health care", color="#b07aa1", icon="🧠", sector="professionals"
    ),
    SystemKind.YOUTH_CARE: _t(
        "jeugdzorg", "youth care", color="#f28e2b", icon="🧒", sector="professionals"
    ),
    SystemKind.WIJKTEAM: _t(
        "wijkteam", "neighbourhood team", color="#edc948", icon="🤝", sector="professionals"
    ),
    SystemKind.SOCIAL_SERVICES: _t(
        "gemeente / sociale dienst", "social services", color="#bab0ac", icon="🏛",
        sector="professionals",
    ),
    SystemKind.DEBT_COUNSELLING: _t(
        "schuldhulpverlening", "debt counselling", color="#9c755f", icon="€",
        sector="professionals",
    ),
    SystemKind.POLICE_JUSTICE: _t(
        "politie en justitie", "police and justice", color="#1f3b73", icon="⚖",
        sector="professionals",
    ),
    SystemKind.HOUSING: _t(
        "woningcorporatie", "housing corporation", color="#86bcb6", icon="🏠",
        sector="professionals",
    ),
    SystemKind.RELIGION: _t(
        "kerk / moskee", "church / mosque", color="#d4a6c8", icon="⛪", sector="work_school"
    ),
    SystemKind.SPORTS: _t(
        "sportclub", "sports club", color="#8cd17d", icon="⚽", sector="work_school"
    ),
    SystemKind.LEISURE: _t(
        "vrije tijd / vereniging", "leisure / club", color="#b6992d", icon="🎵",
        sector="work_school",
    ),
    SystemKind.EXTENDED_FAMILY: _t(
        "familie", "extended family", color="#499894", icon="👪", sector="household"
    ),
    SystemKind.FRIENDS: _t("vrienden", "friends", color="#a0cbe8", icon="☺", sector="friends"),
    SystemKind.NEIGHBOURS: _t(
        "buren", "neighbours", color="#f1ce63", icon="🏘", sector="neighbours"
    ),
    SystemKind.OTHER: _t("overig", "other", color="#79706e", icon="●", sector="professionals"),
    Sector.HOUSEHOLD: _t("Huisgenoten en familie", "Household and family", color="#fbe7c6"),
    Sector.FRIENDS: _t("Vrienden en kennissen", "Friends and acquaintances", color="#d7ecf7"),
    Sector.NEIGHBOURS: _t("Buren", "Neighbours", color="#e5f5dc"),
    Sector.WORK_SCHOOL: _t("Werk, school en verenigingen", "Work, school and clubs", color="#f3e1f1"),
    Sector.PROFESSIONALS: _t("Professionele hulp", "Professional help", color="#ececec"),
    Ring.CLOSE: _t("dichtbij", "close", "Binnenste ring: heel belangrijk", "Inner ring: very close"),
    Ring.MIDDLE: _t("middel", "middle", "Middelste ring: belangrijk", "Middle ring: important"),
    DateQualifier.ABOUT: _t("ca.", "about"),
    DateQualifier.BEFORE: _t("vóór", "before"),
    DateQualifier.AFTER: _t("na", "after"),
    DateQualifier.BETWEEN: _t("tussen", "between"),
    Ring.FAR: _t("verder weg", "far", "Buitenste ring: minder dichtbij", "Outer ring: less close"),
    RelationKind.PARTNERSHIP: _t("partnerrelatie", "partnership"),
    RelationKind.PARENT_CHILD: _t("ouder-kind", "parent-child"),
    RelationKind.TWIN: _t("tweeling", "twins"),
    RelationKind.EMOTIONAL: _t("emotionele relatie", "emotional relation"),
    RelationKind.CONNECTION: _t("verbinding met systeem", "connection to system"),
    RelationKind.SUPPORT: _t("netwerkrelatie (steun)", "support tie"),
    RelationKind.ACQUAINTANCE: _t("kennen elkaar", "know each other"),
    PartnershipStatus.MARRIED: _t(
        "getrouwd", "married", "Doorgetrokken lijn: getrouwd", "Solid line: married", line="solid"
    ),
    PartnershipStatus.COHABITING: _t(
        "samenwonend", "living together", "Streepjeslijn: samenwonend",
        "Dashed line: living together", line="dashed",
    ),
    PartnershipStatus.ENGAGED: _t(
        "verloofd", "engaged", "Streepjeslijn: verloofd", "Dashed line: engaged", line="dashed",
        marks="E",
    ),
    PartnershipStatus.RELATIONSHIP: _t(
        "relatie (LAT)", "relationship (not living together)", "Stippellijn: relatie",
        "Dotted line: relationship", line="dotted",
    ),
    PartnershipStatus.SEPARATED: _t(
        "gescheiden van tafel en bed / uit elkaar", "separated",
        "Eén schuine streep: uit elkaar", "One slash: separated", line="solid", slashes=1,
    ),
    PartnershipStatus.DIVORCED: _t(
        "gescheiden", "divorced", "Twee schuine strepen: gescheiden", "Two slashes: divorced",
        line="solid", slashes=2,
    ),
    PartnershipStatus.WIDOWED: _t(
        "weduwe / weduwnaar", "widowed", "Doorgetrokken lijn, partner overleden",
        "Solid line, partner deceased", line="solid",
    ),
    PartnershipStatus.UNKNOWN: _t(
        "relatie (status onbekend)", "relationship (status unknown)",
        "Lijn met vraagteken: relatie, status onbekend",
        "Line with question mark: relationship, status unknown", line="solid", marks="?",
    ),
    ChildLink.BIOLOGICAL: _t(
        "biologisch kind", "biological child", "Doorgetrokken lijn: biologisch kind",
        "Solid line: biological child", line="solid",
    ),
    ChildLink.ADOPTED: _t(
        "geadopteerd kind", "adopted child", "Streepjeslijn: geadopteerd kind",
        "Dashed line: adopted child", line="dashed",
    ),
    ChildLink.FOSTER: _t(
        "pleegkind", "foster child", "Stippellijn: pleegkind", "Dotted line: foster child",
        line="dotted",
    ),
    TwinKind.FRATERNAL: _t(
        "twee-eiige tweeling", "fraternal twins", "Lijnen uit één punt: tweeling",
        "Lines from one point: twins",
    ),
    TwinKind.IDENTICAL: _t(
        "eeneiige tweeling", "identical twins", "Lijnen uit één punt met dwarsbalk: eeneiig",
        "Lines from one point with a bar: identical twins", bar=True,
    ),
    EmotionalKind.CLOSE: _t(
        "hecht", "close", "Twee lijnen: hecht", "Two lines: close", line="double", color="#2e7d32"
    ),
    EmotionalKind.VERY_CLOSE: _t(
        "zeer hecht / versmolten", "very close / fused", "Drie lijnen: versmolten",
        "Three lines: fused", line="triple", color="#2e7d32",
    ),
    EmotionalKind.DISTANT: _t(
        "afstandelijk", "distant", "Stippellijn: afstandelijk", "Dotted line: distant",
        line="dotted", color="#616161",
    ),
    EmotionalKind.CONFLICT: _t(
        "conflict", "conflict", "Zigzaglijn: conflict", "Zig-zag line: conflict",
        line="zigzag", color="#c62828",
    ),
    EmotionalKind.HOSTILE: _t(
        "vijandig", "hostile", "Dubbele zigzag: vijandig", "Double zig-zag: hostile",
        line="double_zigzag", color="#b71c1c",
    ),
    EmotionalKind.CLOSE_HOSTILE: _t(
        "hecht en vijandig", "close-hostile", "Twee lijnen met zigzag: hecht-vijandig",
        "Two lines with zig-zag: close-hostile", line="double_with_zigzag", color="#ad1457",
    ),
    EmotionalKind.CUTOFF: _t(
        "verbroken contact", "cut-off", "Onderbroken lijn: contact verbroken",
        "Broken line: cut-off", line="cutoff", color="#424242",
    ),
    EmotionalKind.ABUSE: _t(
        "mishandeling / misbruik", "abuse", "Zigzag met pijl: mishandeling (richting)",
        "Zig-zag with arrow: abuse (direction)", line="zigzag", color="#6a1b9a", arrow=True,
    ),
    EmotionalKind.NEGLECT: _t(
        "verwaarlozing", "neglect", "Stippellijn met pijl: verwaarlozing",
        "Dotted line with arrow: neglect", line="dotted", color="#6a1b9a", arrow=True,
    ),
    ConnectionStrength.STRONG: _t(
        "sterk", "strong", "Dikke lijn: sterke verbinding", "Thick line: strong connection",
        line="solid", width=4.0,
    ),
    ConnectionStrength.MODERATE: _t(
        "gewoon", "moderate", "Dunne lijn: gewone verbinding", "Thin line: moderate connection",
        line="solid", width=1.8,
    ),
    ConnectionStrength.WEAK: _t(
        "zwak", "weak / tenuous", "Streepjeslijn: zwakke verbinding",
        "Dashed line: weak connection", line="dashed", width=1.5,
    ),
    ConnectionStrength.STRESSFUL: _t(
        "stressvol", "stressful", "Gearceerde zigzag: stressvolle verbinding",
        "Hatched zig-zag: stressful connection", line="zigzag", width=1.8, color="#c62828",
    ),
    Flow.NONE: _t("geen richting", "no direction"),
    Flow.TO_FAMILY: _t("naar het gezin", "towards the family", "Pijl naar binnen", "Arrow inwards"),
    Flow.FROM_FAMILY: _t("vanuit het gezin", "from the family", "Pijl naar buiten", "Arrow outwards"),
    Flow.BOTH: _t("beide kanten", "both ways", "Pijl aan twee kanten", "Arrows both ways"),
    SupportType.EMOTIONAL: _t("emotioneel", "emotional", color="#e15759"),
    SupportType.PRACTICAL: _t("praktisch", "practical", color="#4e79a7"),
    SupportType.INFORMATIONAL: _t("informatie en advies", "informational", color="#59a14f"),
    SupportType.COMPANY: _t("gezelschap", "company", color="#f28e2b"),
    SupportType.BURDEN: _t("belasting", "burden", color="#7f7f7f"),
    Valence.SUPPORTIVE: _t(
        "steunend", "supportive", "Groene lijn: steunend", "Green line: supportive",
        color="#2e7d32", line="solid",
    ),
    Valence.AMBIVALENT: _t(
        "ambivalent", "ambivalent", "Oranje streepjeslijn: ambivalent",
        "Orange dashed line: ambivalent", color="#ef6c00", line="dashed",
    ),
    Valence.BURDENING: _t(
        "belastend", "burdening", "Rode zigzag: belastend", "Red zig-zag: burdening",
        color="#c62828", line="zigzag",
    ),
    Frequency.DAILY: _t("dagelijks", "daily"),
    Frequency.WEEKLY: _t("wekelijks", "weekly"),
    Frequency.MONTHLY: _t("maandelijks", "monthly"),
    Frequency.YEARLY: _t("een paar keer per jaar", "a few times a year"),
    Frequency.RARELY: _t("zelden", "rarely"),
    FactorSide.DRAAGKRACHT: _t(
        "draagkracht", "capacity (draagkracht)", "Beschermende factoren en vaardigheden",
        "Protective factors and skills", color="#2e7d32",
    ),
    FactorSide.DRAAGLAST: _t(
        "draaglast", "load (draaglast)", "Taken en risicofactoren", "Tasks and risk factors",
        color="#c62828",
    ),
    FactorLevel.MICRO: _t("micro (kind, ouder, gezin)", "micro (child, parent, family)"),
    FactorLevel.MESO: _t("meso (sociale omgeving, buurt)", "meso (social family, neighbourhood)"),
    FactorLevel.MACRO: _t(
        "macro (sociaal-economisch, cultureel, maatschappelijk)",
        "macro (socio-economic, cultural, societal)",
    ),
    FactorSource.FAMILY: _t("gezin", "family"),
    FactorSource.PROFESSIONAL: _t("professional", "professional"),
    LifeDomain.FINANCES: _t("financiën", "finances"),
    LifeDomain.HOUSING: _t("huisvesting", "housing"),
    LifeDomain.NETWORK: _t("sociaal netwerk", "social network"),
    LifeDomain.INTEGRATION: _t("maatschappelijke participatie", "integration"),
    LifeDomain.SOCIAL: _t("communicatieve en sociale redzaamheid", "social self-reliance"),
    LifeDomain.DAYTIME: _t("dagbesteding", "daytime activities"),
    LifeDomain.HOUSEHOLD: _t("huishouden", "household"),
    LifeDomain.PERSONAL_CARE: _t("persoonlijke verzorging", "personal care"),
    LifeDomain.CHILDREN: _t("kinderen en opvoeding", "children and parenting"),
    LifeDomain.RELATIONS: _t("relaties", "relations"),
    LifeDomain.WELLBEING: _t("welbevinden", "well-being"),
    LifeDomain.PHYSICAL_HEALTH: _t("lichamelijke gezondheid", "physical health"),
    LifeDomain.MENTAL_HEALTH: _t("geestelijke gezondheid", "mental health"),
    LifeDomain.ADDICTION: _t("verslaving", "addiction"),
    LifeDomain.TRAUMA: _t("trauma", "trauma"),
    LifeDomain.JUSTICE: _t("justitie", "justice"),
    GoalTerm.SHORT: _t("korte termijn", "short term"),
    GoalTerm.LONG: _t("lange termijn", "long term"),
    GoalStatus.OPEN: _t("open", "open", color="#9e9e9e"),
    GoalStatus.IN_PROGRESS: _t("bezig", "in progress", color="#1976d2"),
    GoalStatus.REACHED: _t("bereikt", "reached", color="#2e7d32"),
    GoalStatus.ADJUSTED: _t("bijgesteld", "adjusted", color="#ef6c00"),
    GoalStatus.STOPPED: _t("gestopt", "stopped", color="#616161"),
    ReferralStatus.REGISTERED: _t("aangemeld", "registered"),
    ReferralStatus.WAITING_LIST: _t("wachtlijst", "waiting list"),
    ReferralStatus.INTAKE_PLANNED: _t("intake gepland", "intake planned"),
    ReferralStatus.ONGOING: _t("lopend", "ongoing"),
    ReferralStatus.CLOSED: _t("afgesloten", "closed"),
    ReferralStatus.REFUSED: _t("afgewezen", "refused"),
}
# fmt: on

#: Which enum gives the ``subtype`` of a relation of each kind.
SUBTYPES: dict[RelationKind, type[StrEnum] | None] = {
    RelationKind.PARTNERSHIP: PartnershipStatus,
    RelationKind.PARENT_CHILD: ChildLink,
    RelationKind.TWIN: TwinKind,
    RelationKind.EMOTIONAL: EmotionalKind,
    RelationKind.CONNECTION: ConnectionStrength,
    RelationKind.SUPPORT: Valence,
    RelationKind.ACQUAINTANCE: None,
}

#: Every vocabulary enum, by a stable name (used by forms and the JSON schema).
VOCABULARIES: dict[str, type[StrEnum]] = {
    cls.__name__: cls
    for cls in (
        Phase, Lens, EntityKind, Sex, BirthStatus, Condition, DateQualifier, SystemKind, Sector,
        Ring,
        RelationKind, PartnershipStatus, ChildLink, TwinKind, EmotionalKind,
        ConnectionStrength, Flow, SupportType, Valence, Frequency, FactorSide, FactorLevel,
        FactorSource, LifeDomain, GoalTerm, GoalStatus, ReferralStatus,
    )
}  # fmt: skip


def term(value: StrEnum) -> Term:
    """The :class:`Term` of a vocabulary value (labels, legend, style)."""
    return TERMS[value]


def label(value: StrEnum | None, lang: str = "nl") -> str:
    """The label of a vocabulary value in ``lang`` ('nl' or 'en'); '' for None."""
    if value is None:
        return ""
    return TERMS[value].label(lang)


def options(enum: type[StrEnum], lang: str = "nl") -> dict[str, str]:
    """``{value: label}`` for every member of ``enum``, in declaration order.

    >>> list(options(Ring))
    ['1', '2', '3']
    """
    return {member.value: label(member, lang) for member in enum}


def default_subtype(kind: RelationKind) -> str:
    """The subtype a new relation of ``kind`` gets when none is chosen."""
    enum = SUBTYPES[kind]
    return next(iter(enum)).value if enum else ""


def sector_for_system(kind: SystemKind) -> Sector:
    """The netwerkkaart sector a system of this kind belongs in by default."""
    return Sector(TERMS[kind].style["sector"])
