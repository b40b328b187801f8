"""``{% this_week_entries %}``: today's and the coming days' work of this week (home page)."""

from django import template

from ..selectors import upcoming_this_week

register = template.Library()


@register.inclusion_tag("schedules/includes/this_week.html", takes_context=True)
def this_week_entries(context, limit=8):
    school = getattr(context.get("request"), "school", None)
    entries = upcoming_this_week(school=school) if school else []
    return {"entries": entries[:limit], "more": len(entries) > limit}
