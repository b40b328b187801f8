"""Filters of the plain-text e-mails to calendar subscribers (``schedules/email/*.txt``)."""

from django import template

register = template.Library()


@register.filter
def continued(text: str, indent: str = "    ") -> str:
    """``text`` with its second and later lines indented, under the bullet of a list item."""
    return "\n".join(str(text).splitlines()).replace("\n", "\n" + indent)
