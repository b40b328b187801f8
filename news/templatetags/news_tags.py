from django import template

from news.selectors import list_urgent_announcements

register = template.Library()


@register.inclusion_tag("components/urgent_banner.html", takes_context=True)
def urgent_banner(context):
    """Urgent announcements of the current school, shown on every page until they expire."""
    school = getattr(context.get("request"), "school", None)
    return {
        "announcements": list_urgent_announcements(root=school.site.root_page) if school else []
    }
