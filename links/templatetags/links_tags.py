from django import template

from links.selectors import list_footer_links

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The current school's footer links (one query)."""
    school = getattr(context.get("request"), "school", None)
    return list_footer_links(school=school) if school else []
