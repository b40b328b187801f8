"""``{% unit_members page %}``: the members of a unit (a ``SectionPage``), public fields only."""

from django import template

from ..selectors import list_unit_members

register = template.Library()


@register.inclusion_tag("people/includes/unit_members.html", takes_context=True)
def unit_members(context, unit):
    request = context.get("request")
    school = getattr(request, "school", None)
    members = list_unit_members(school=school, unit=unit) if school else []
    return {"members": members, "unit": unit, "request": request}
