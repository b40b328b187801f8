from django import template

from links.selectors import LOGO_FILTER, list_footer_links, list_link_groups

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The current school's footer links (one query)."""
    school = getattr(context.get("request"), "school", None)
    return list_footer_links(school=school) if school else []


@register.inclusion_tag("links/includes/school_links.html", takes_context=True)
def school_links(context):
    """``{% school_links %}``: the current school's links grouped by category, with logos.
    Broken links stay listed but are marked, since a site may be down only for a while."""
    school = getattr(context.get("request"), "school", None)
    groups = list_link_groups(school=school) if school else []
    return {"groups": groups, "logo_filter": LOGO_FILTER}
