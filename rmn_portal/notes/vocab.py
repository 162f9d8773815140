"""The fixed vocabularies of a note, their labels, and how each value coarsens.

Values are stored as these strings; labels are translated when shown. Some
values exist only as coarser replacements a reviewer may choose when a
combination of fields is rare (a wider age band, a larger region): the
author's form offers the fine values (`*_CHOICES`), never the coarse ones.
"""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class NeedCategory(StrEnum):
    LEGAL_AID = "legal-aid"
    ACCESS_TO_TERRITORY = "access-to-territory"
    ACCOMMODATION = "accommodation"
    HEALTH = "health"
    MENTAL_HEALTH = "mental-health"
    SAFETY = "safety"
    DOCUMENTS = "documents"
    LIVELIHOODS = "livelihoods"
    EDUCATION = "education"
    FAMILY = "family"
    INTEGRATION = "integration"
    OTHER = "other"


class PopulationGroup(StrEnum):
    LESBIAN = "lesbian"
    GAY = "gay"
    BISEXUAL = "bisexual"
    TRANS = "trans"
    INTERSEX = "intersex"
    QUEER_OTHER = "queer-other"
    NOT_STATED = "not-stated"


class AgeBand(StrEnum):
    UNDER_18 = "under-18"
    FROM_18_TO_24 = "18-24"
    FROM_25_TO_34 = "25-34"
    FROM_35_TO_49 = "35-49"
    FROM_50 = "50-plus"
    UNKNOWN = "unknown"
    # Coarser bands, offered to reviewers only.
    FROM_18_TO_34 = "18-34"
    FROM_35 = "35-plus"


class OriginRegion(StrEnum):
    NORTH_AFRICA = "north-africa"
    WEST_CENTRAL_AFRICA = "west-central-africa"
    EAST_SOUTHERN_AFRICA = "east-southern-africa"
    MIDDLE_EAST = "middle-east"
    SOUTH_ASIA = "south-asia"
    CENTRAL_ASIA = "central-asia"
    EAST_ASIA_PACIFIC = "east-asia-pacific"
    EASTERN_EUROPE = "eastern-europe"
    OTHER_EUROPE = "other-europe"
    LATIN_AMERICA = "latin-america"
    NORTH_AMERICA = "north-america"
    NOT_STATED = "not-stated"
    # Continents, offered to reviewers only.
    AFRICA = "africa"
    ASIA = "asia"
    EUROPE = "europe"
    AMERICAS = "americas"


class Region(StrEnum):
    """Where the need arose: regions of the Western Balkans, never towns or
    centres. The anonymiser maps precise places to these same regions."""

    BELGRADE = "belgrade"
    VOJVODINA = "vojvodina"
    SUMADIJA_WESTERN_SERBIA = "sumadija-western-serbia"
    SOUTHERN_EASTERN_SERBIA = "southern-eastern-serbia"
    KOSOVO = "kosovo"
    BIH_FEDERATION = "bih-federation"
    REPUBLIKA_SRPSKA = "republika-srpska"
    BRCKO = "brcko"
    MONTENEGRO_COASTAL = "montenegro-coastal"
    MONTENEGRO_CENTRAL_NORTH = "montenegro-central-north"
    SKOPJE = "skopje"
    NORTH_MACEDONIA_OTHER = "north-macedonia-other"
    TIRANA = "tirana"
    ALBANIA_OTHER = "albania-other"
    BORDER_AREA = "border-area"
    # Larger regions, offered to reviewers only.
    SERBIA = "serbia"
    BOSNIA_HERZEGOVINA = "bosnia-herzegovina"
    MONTENEGRO = "montenegro"
    NORTH_MACEDONIA = "north-macedonia"
    ALBANIA = "albania"
    WESTERN_BALKANS = "western-balkans"


class Urgency(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"


class Response(StrEnum):
    """Recommended responses: what the network, institutions or donors should do."""

    LEGAL_SUPPORT = "legal-support"
    SAFE_HOUSING = "safe-housing"
    MEDICAL_CARE = "medical-care"
    PSYCHOSOCIAL = "psychosocial"
    PROTECTION = "protection"
    DOCUMENTS_SUPPORT = "documents-support"
    LIVELIHOOD_SUPPORT = "livelihood-support"
    LANGUAGE_EDUCATION = "language-education"
    PEER_SUPPORT = "peer-support"
    ADVOCACY = "advocacy"
    STAFF_TRAINING = "staff-training"
    MONITORING = "monitoring"


LABELS = {
    NeedCategory.LEGAL_AID: _l("Legal aid and asylum procedure"),
    NeedCategory.ACCESS_TO_TERRITORY: _l("Access to territory and pushbacks"),
    NeedCategory.ACCOMMODATION: _l("Safe accommodation"),
    NeedCategory.HEALTH: _l("Health, including HIV/PrEP and gender-affirming care"),
    NeedCategory.MENTAL_HEALTH: _l("Mental health and psychosocial support"),
    NeedCategory.SAFETY: _l("Safety, violence and harassment"),
    NeedCategory.DOCUMENTS: _l("Documents"),
    NeedCategory.LIVELIHOODS: _l("Livelihoods and employment"),
    NeedCategory.EDUCATION: _l("Education and language"),
    NeedCategory.FAMILY: _l("Family and community"),
    NeedCategory.INTEGRATION: _l("Integration"),
    NeedCategory.OTHER: _l("Other"),
    PopulationGroup.LESBIAN: _l("Lesbian"),
    PopulationGroup.GAY: _l("Gay"),
    PopulationGroup.BISEXUAL: _l("Bisexual"),
    PopulationGroup.TRANS: _l("Trans"),
    PopulationGroup.INTERSEX: _l("Intersex"),
    PopulationGroup.QUEER_OTHER: _l("Queer / other"),
    PopulationGroup.NOT_STATED: _l("Not stated"),
    AgeBand.UNDER_18: _l("Under 18"),
    AgeBand.FROM_18_TO_24: "18–24",
    AgeBand.FROM_25_TO_34: "25–34",
    AgeBand.FROM_35_TO_49: "35–49",
    AgeBand.FROM_50: "50+",
    AgeBand.UNKNOWN: _l("Unknown"),
    AgeBand.FROM_18_TO_34: "18–34",
    AgeBand.FROM_35: "35+",
    OriginRegion.NORTH_AFRICA: _l("North Africa"),
    OriginRegion.WEST_CENTRAL_AFRICA: _l("West and Central Africa"),
    OriginRegion.EAST_SOUTHERN_AFRICA: _l("East and Southern Africa"),
    OriginRegion.MIDDLE_EAST: _l("Middle East"),
    OriginRegion.SOUTH_ASIA: _l("South Asia"),
    OriginRegion.CENTRAL_ASIA: _l("Central Asia"),
    OriginRegion.EAST_ASIA_PACIFIC: _l("East Asia and the Pacific"),
    OriginRegion.EASTERN_EUROPE: _l("Eastern Europe and the Caucasus"),
    OriginRegion.OTHER_EUROPE: _l("Other European countries"),
    OriginRegion.LATIN_AMERICA: _l("Latin America and the Caribbean"),
    OriginRegion.NORTH_AMERICA: _l("North America"),
    OriginRegion.NOT_STATED: _l("Not stated"),
    OriginRegion.AFRICA: _l("Africa"),
    OriginRegion.ASIA: _l("Asia and the Middle East"),
    OriginRegion.EUROPE: _l("Europe"),
    OriginRegion.AMERICAS: _l("The Americas"),
    # The Western Balkans regions keep the exact names the anonymiser uses.
    Region.BELGRADE: _l("Belgrade region"),
    Region.VOJVODINA: _l("Vojvodina"),
    Region.SUMADIJA_WESTERN_SERBIA: _l("Šumadija and Western Serbia"),
    Region.SOUTHERN_EASTERN_SERBIA: _l("Southern and Eastern Serbia"),
    Region.KOSOVO: _l("Kosovo"),
    Region.BIH_FEDERATION: _l("Bosnia and Herzegovina – Federation"),
    Region.REPUBLIKA_SRPSKA: _l("Republika Srpska"),
    Region.BRCKO: _l("Brčko District"),
    Region.MONTENEGRO_COASTAL: _l("Montenegro – coastal"),
    Region.MONTENEGRO_CENTRAL_NORTH: _l("Montenegro – central and northern"),
    Region.SKOPJE: _l("North Macedonia – Skopje region"),
    Region.NORTH_MACEDONIA_OTHER: _l("North Macedonia – other regions"),
    Region.TIRANA: _l("Albania – Tirana region"),
    Region.ALBANIA_OTHER: _l("Albania – other regions"),
    Region.BORDER_AREA: _l("border area"),
    Region.SERBIA: _l("Serbia (region not specified)"),
    Region.BOSNIA_HERZEGOVINA: _l("Bosnia and Herzegovina (region not specified)"),
    Region.MONTENEGRO: _l("Montenegro (region not specified)"),
    Region.NORTH_MACEDONIA: _l("North Macedonia (region not specified)"),
    Region.ALBANIA: _l("Albania (region not specified)"),
    Region.WESTERN_BALKANS: _l("Western Balkans (region not specified)"),
    Urgency.ROUTINE: _l("Routine"),
    Urgency.URGENT: _l("Urgent: within days"),
    Urgency.EMERGENCY: _l("Emergency: immediate risk"),
    Response.LEGAL_SUPPORT: _l("Legal counselling or representation"),
    Response.SAFE_HOUSING: _l("Safe housing or shelter"),
    Response.MEDICAL_CARE: _l("Referral to medical care"),
    Response.PSYCHOSOCIAL: _l("Psychosocial support"),
    Response.PROTECTION: _l("Protection or relocation for safety"),
    Response.DOCUMENTS_SUPPORT: _l("Help with documents"),
    Response.LIVELIHOOD_SUPPORT: _l("Livelihood or employment support"),
    Response.LANGUAGE_EDUCATION: _l("Language classes or education"),
    Response.PEER_SUPPORT: _l("Community or peer support"),
    Response.ADVOCACY: _l("Advocacy with the authorities"),
    Response.STAFF_TRAINING: _l("Training for staff of institutions"),
    Response.MONITORING: _l("Further monitoring or research"),
}

# The values an author chooses from, in the order the form shows them.
CATEGORY_CHOICES = tuple(NeedCategory)
GROUP_CHOICES = tuple(PopulationGroup)
AGE_CHOICES = (AgeBand.UNDER_18, AgeBand.FROM_18_TO_24, AgeBand.FROM_25_TO_34,
               AgeBand.FROM_35_TO_49, AgeBand.FROM_50, AgeBand.UNKNOWN)
ORIGIN_CHOICES = tuple(OriginRegion)[:12]
REGION_CHOICES = tuple(Region)[:15]
URGENCY_CHOICES = tuple(Urgency)
RESPONSE_CHOICES = tuple(Response)

# Each value's next coarser value; the last step of every chain is "unknown"
# or "not stated", which withholds the field altogether.
COARSER: dict[StrEnum, StrEnum] = {
    AgeBand.UNDER_18: AgeBand.UNKNOWN,
    AgeBand.FROM_18_TO_24: AgeBand.FROM_18_TO_34,
    AgeBand.FROM_25_TO_34: AgeBand.FROM_18_TO_34,
    AgeBand.FROM_35_TO_49: AgeBand.FROM_35,
    AgeBand.FROM_50: AgeBand.FROM_35,
    AgeBand.FROM_18_TO_34: AgeBand.UNKNOWN,
    AgeBand.FROM_35: AgeBand.UNKNOWN,
    OriginRegion.NORTH_AFRICA: OriginRegion.AFRICA,
    OriginRegion.WEST_CENTRAL_AFRICA: OriginRegion.AFRICA,
    OriginRegion.EAST_SOUTHERN_AFRICA: OriginRegion.AFRICA,
    OriginRegion.MIDDLE_EAST: OriginRegion.ASIA,
    OriginRegion.SOUTH_ASIA: OriginRegion.ASIA,
    OriginRegion.CENTRAL_ASIA: OriginRegion.ASIA,
    OriginRegion.EAST_ASIA_PACIFIC: OriginRegion.ASIA,
    OriginRegion.EASTERN_EUROPE: OriginRegion.EUROPE,
    OriginRegion.OTHER_EUROPE: OriginRegion.EUROPE,
    OriginRegion.LATIN_AMERICA: OriginRegion.AMERICAS,
    OriginRegion.NORTH_AMERICA: OriginRegion.AMERICAS,
    OriginRegion.AFRICA: OriginRegion.NOT_STATED,
    OriginRegion.ASIA: OriginRegion.NOT_STATED,
    OriginRegion.EUROPE: OriginRegion.NOT_STATED,
    OriginRegion.AMERICAS: OriginRegion.NOT_STATED,
    Region.BELGRADE: Region.SERBIA,
    Region.VOJVODINA: Region.SERBIA,
    Region.SUMADIJA_WESTERN_SERBIA: Region.SERBIA,
    Region.SOUTHERN_EASTERN_SERBIA: Region.SERBIA,
    Region.KOSOVO: Region.WESTERN_BALKANS,
    Region.BIH_FEDERATION: Region.BOSNIA_HERZEGOVINA,
    Region.REPUBLIKA_SRPSKA: Region.BOSNIA_HERZEGOVINA,
    Region.BRCKO: Region.BOSNIA_HERZEGOVINA,
    Region.MONTENEGRO_COASTAL: Region.MONTENEGRO,
    Region.MONTENEGRO_CENTRAL_NORTH: Region.MONTENEGRO,
    Region.SKOPJE: Region.NORTH_MACEDONIA,
    Region.NORTH_MACEDONIA_OTHER: Region.NORTH_MACEDONIA,
    Region.TIRANA: Region.ALBANIA,
    Region.ALBANIA_OTHER: Region.ALBANIA,
    Region.BORDER_AREA: Region.WESTERN_BALKANS,
    Region.SERBIA: Region.WESTERN_BALKANS,
    Region.BOSNIA_HERZEGOVINA: Region.WESTERN_BALKANS,
    Region.MONTENEGRO: Region.WESTERN_BALKANS,
    Region.NORTH_MACEDONIA: Region.WESTERN_BALKANS,
    Region.ALBANIA: Region.WESTERN_BALKANS,
}


def label(value) -> str:
    """The reader's-language label of a stored value ('' for None)."""
    if value is None:
        return ""
    return str(LABELS[value])


def coarser_values(value) -> list:
    """Every coarser replacement of `value`, nearest first."""
    chain = []
    while value in COARSER:
        value = COARSER[value]
        chain.append(value)
    return chain


def choices(values) -> list[tuple[str, str]]:
    """(value, label) pairs for a form field; labels resolve at render time."""
    return [(value.value, LABELS[value]) for value in values]
