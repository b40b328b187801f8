from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficialDocsConfig(AppConfig):
    """Official documents registry ("Công văn - Văn bản")."""

    name = "official_docs"
    verbose_name = _("Official documents")
    default_auto_field = "django.db.models.BigAutoField"
