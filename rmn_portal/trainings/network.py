"""The training dashboard of the network: its figures, computed once per
year and cached (rmn_portal.cache).

The figures are the same for every signed-in reader (the page is for all of
them and filters nothing by reader), so the cache key is the year alone. What
is cached are counts before suppression, keyed by competency id and country
code; competency names, translated labels and small-cell suppression are
applied on every request, so the cache holds no language and a renamed or
retired competency shows at once.
"""

from flask_babel import gettext as _

from .. import cache, stats
from . import assessments, figures
from .assessments import NeedSummary
from .models import Competency, Enrolment, EnrolmentStatus

NAMESPACE = "trainings"  # bumped by every committed change to training records (__init__.py)


def dashboard(year: int, competencies: list[Competency]) -> dict:
    """The template context of the dashboard for `year`, on the competencies shown."""
    counts = cache.get_or_compute("trainings.network", [year], lambda: _count(year),
                                  namespaces=[NAMESPACE])
    quarters = figures.Period.year(year).quarters
    countries = {row[0] for row in counts["countries"]["rows"]}
    return {
        "quarters": [figures.quarter_label(q) for q in quarters],
        "by_quarter": stats.suppress_series(counts["people"]["quarters"],
                                            total=counts["people"]["total"]),
        "certificates": stats.suppress_series(counts["certificates"]),
        "by_country": figures.table_from_counts(
            counts["countries"], "countries", _("People trained by country"), _("Country"),
            figures.country_rows_for(countries), quarters, with_hours=True),
        "by_competency": figures.table_from_counts(
            counts["competencies"], "competencies", _("People trained by competency"),
            _("Competency"), [(c.id, c.name) for c in competencies], quarters),
        "needs": {competency_id: NeedSummary(*summary)
                  for competency_id, *summary in counts["needs"]},
        "trained_orgs": dict(counts["trained_orgs"]),
        "gains": assessments.gains_from(competencies, counts["gains"]),
    }


def _count(year: int) -> dict:
    """Everything the dashboard shows for `year`, before suppression, as JSON."""
    facts = figures.collect(figures.Period.year(year))
    people = figures.people_counts(facts, lambda _mark: [])
    trained_orgs: dict[int, set[int]] = {}
    for mark in facts.marks:
        for competency_id in facts.competencies.get(mark.programme_id, []):
            trained_orgs.setdefault(competency_id, set()).add(mark.org_id)
    return {
        "people": {"quarters": people["quarters"], "total": people["total"]},
        "certificates": [sum(1 for c in facts.certificates if c[2] == q)
                         for q in facts.period.quarters],
        "countries": figures.people_counts(facts, lambda mark: [mark.country]),
        "competencies": figures.people_counts(facts, figures.competency_keys(facts)),
        "needs": [[competency_id, summary.organisations, summary.average, summary.high]
                  for competency_id, summary in assessments.needs_summary(year).items()],
        "trained_orgs": [[competency_id, len(orgs)] for competency_id, orgs in
                         trained_orgs.items()],
        "gains": assessments.gain_figures_where(Enrolment.status == EnrolmentStatus.APPROVED),
    }
