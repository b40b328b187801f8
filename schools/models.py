"""Tenancy: a School is bound one-to-one to a Wagtail Site, a Collection and its role groups."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Collection, Site

from textinput.forms import VietnameseTextAdminForm

from .plan import ROLES

hex_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits.")
)


class SchoolQuerySet(models.QuerySet):
    def for_user(self, user) -> SchoolQuerySet:
        """Schools whose staff ``user`` is: all of them for a superuser."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(role_groups__group__user=user).distinct()


class School(models.Model):
    site = models.OneToOneField(
        Site, on_delete=models.PROTECT, related_name="school", verbose_name=_("site")
    )
    collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="school", verbose_name=_("collection")
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    governing_body = models.CharField(
        _("governing body"),
        max_length=255,
        blank=True,
        help_text=_("The authority the school reports to, e.g. Phòng GD&ĐT huyện Sơn Tịnh."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    responsible_person = models.CharField(
        _("person responsible for content"),
        max_length=255,
        blank=True,
        help_text=_("Name and position, shown in the footer as the law requires."),
    )
    licence_info = models.CharField(
        _("licence information"),
        max_length=255,
        blank=True,
        help_text=_("Licence or decision number for the portal, if any."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    zalo_url = models.URLField(_("Zalo page"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#0b5394", validators=[hex_colour_validator]
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        _("largest upload (MB)"),
        default=20,
        help_text=_("The largest document or resource file staff may upload."),
    )
    grades = models.CharField(
        _("grades taught"),
        max_length=50,
        default="6,7,8,9",
        validators=[
            RegexValidator(
                r"^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$",
                _("Enter grades as numbers separated by commas, e.g. 6,7,8,9."),
            )
        ],
        help_text=_("Offered when filing teaching resources, e.g. 6,7,8,9."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SchoolQuerySet.as_manager()
    base_form_class = VietnameseTextAdminForm

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("governing_body")],
            heading=_("Identity"),
        ),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("responsible_person"),
                FieldPanel("licence_info"),
            ],
            heading=_("Contact block (footer)"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("zalo_url"), FieldPanel("youtube_url")],
            heading=_("Social networks"),
        ),
        FieldPanel("brand_colour"),
        FieldPanel("max_upload_mb"),
        FieldPanel("grades"),
    ]

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def hostname(self) -> str:
        return self.site.hostname

    @property
    def grade_list(self) -> list[int]:
        return [int(g) for g in self.grades.replace(" ", "").split(",") if g]

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    def group_for(self, role_code: str) -> Group:
        return self.role_groups.select_related("group").get(role=role_code).group

    def staff_users(self):
        """Active and inactive users who hold any role in this school."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(groups__school_role__school=self).distinct()


class SchoolGroup(models.Model):
    """Marks an auth Group as one role of one school. Wagtail groups are global; this scopes them."""

    ROLE_CHOICES = [(role.code, role.name) for role in ROLES]

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="role_groups", verbose_name=_("school")
    )
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="school_role", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=32, choices=ROLE_CHOICES)

    class Meta:
        verbose_name = _("school role group")
        verbose_name_plural = _("school role groups")
        constraints = [
            models.UniqueConstraint(fields=["school", "role"], name="unique_role_per_school")
        ]

    def __str__(self) -> str:
        return self.group.name


class SectionGroup(models.Model):
    """The group through which the people responsible for one section (the plan's assignment
    table, ``SectionPage.responsible_people``) may add and edit pages below it.

    One per section that has responsible people; its members and page permissions are kept in
    step by ``schools.assignments.sync_section_groups``. It is not a role, so the groups screen
    does not list it."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="section_groups", verbose_name=_("school")
    )
    section = models.OneToOneField(
        "sections.SectionPage",
        on_delete=models.CASCADE,
        related_name="section_group",
        verbose_name=_("section"),
    )
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="section_assignment", verbose_name=_("group")
    )

    class Meta:
        verbose_name = _("section group")
        verbose_name_plural = _("section groups")

    def __str__(self) -> str:
        return self.group.name
