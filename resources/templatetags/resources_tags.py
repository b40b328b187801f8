"""``{% team_resources page %}``: the newest public resources of a subject team (a ``SectionPage``)."""

from django import template

from ..selectors import first_pdf as pick_first_pdf
from ..selectors import list_team_resources

register = template.Library()


@register.inclusion_tag("resources/includes/team_resources.html", takes_context=True)
def team_resources(context, team, limit=5):
    school = getattr(context.get("request"), "school", None)
    resources = list_team_resources(school=school, team=team, limit=limit) if school else []
    return {"resources": resources, "team": team}


@register.filter
def first_pdf(resource):
    """The first PDF among the (prefetched) files of ``resource``, or ``None``."""
    return pick_first_pdf(resource.files.all())
