"""``{% unit_documents page %}``: the newest public documents of a unit (a ``SectionPage``)."""

from django import template

from ..selectors import list_unit_documents

register = template.Library()


@register.inclusion_tag("official_docs/includes/unit_documents.html", takes_context=True)
def unit_documents(context, unit, limit=5):
    school = getattr(context.get("request"), "school", None)
    documents = list_unit_documents(school=school, unit=unit, limit=limit) if school else []
    return {"documents": documents, "unit": unit}
