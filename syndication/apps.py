from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    """What other sites and machines read: RSS/Atom feeds, sitemap.xml, robots.txt, page
    metadata (Open Graph, Twitter Card, JSON-LD, Dublin Core) and share links."""

    name = "syndication"
    verbose_name = _("Feeds and metadata")
    default_auto_field = "django.db.models.BigAutoField"
