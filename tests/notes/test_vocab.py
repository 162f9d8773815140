"""The fixed vocabularies are exactly the ones the issue and the anonymiser use."""

from rmn_portal.notes import vocab

ISSUE_CATEGORIES = [
    "Legal aid and asylum procedure", "Access to territory and pushbacks", "Safe accommodation",
    "Health, including HIV/PrEP and gender-affirming care",
    "Mental health and psychosocial support", "Safety, violence and harassment", "Documents",
    "Livelihoods and employment", "Education and language", "Family and community",
    "Integration", "Other"]
ISSUE_GROUPS = ["Lesbian", "Gay", "Bisexual", "Trans", "Intersex", "Queer / other",
                "Not stated"]
ISSUE_AGES = ["Under 18", "18–24", "25–34", "35–49", "50+", "Unknown"]
BALKAN_REGIONS = [
    "Belgrade region", "Vojvodina", "Šumadija and Western Serbia", "Southern and Eastern Serbia",
    "Kosovo", "Bosnia and Herzegovina – Federation", "Republika Srpska", "Brčko District",
    "Montenegro – coastal", "Montenegro – central and northern",
    "North Macedonia – Skopje region", "North Macedonia – other regions",
    "Albania – Tirana region", "Albania – other regions", "border area"]


def labels(values):
    return [vocab.label(value) for value in values]


def test_author_lists_are_the_issue_lists(app):
    with app.test_request_context():
        assert labels(vocab.CATEGORY_CHOICES) == ISSUE_CATEGORIES
        assert labels(vocab.GROUP_CHOICES) == ISSUE_GROUPS
        assert labels(vocab.AGE_CHOICES) == ISSUE_AGES
        assert labels(vocab.REGION_CHOICES) == BALKAN_REGIONS


def test_regions_of_the_anonymiser_are_regions_of_the_form(app):
    """Every region the anonymiser maps a place to is one the author can choose."""
    from importlib import resources

    places = resources.files("rmn_portal.notes.anonymise").joinpath("data/places.tsv")
    mapped = {line.split("\t")[1].strip() for line in places.read_text("utf-8").splitlines()
              if line.strip() and not line.startswith("#") and "\t" in line}
    with app.test_request_context():
        assert mapped <= set(BALKAN_REGIONS), mapped - set(BALKAN_REGIONS)


def test_every_value_coarsens_to_a_withheld_value():
    for value in [*vocab.AGE_CHOICES, *vocab.ORIGIN_CHOICES, *vocab.REGION_CHOICES]:
        chain = vocab.coarser_values(value)
        assert not chain or chain[-1] in (vocab.AgeBand.UNKNOWN, vocab.OriginRegion.NOT_STATED,
                                          vocab.Region.WESTERN_BALKANS)
