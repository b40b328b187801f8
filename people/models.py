"""Staff of a school and the units (``SectionPage``s) they belong to.

Circular 37 asks for the leaders' names, positions, phones and official e-mails; personal-data
law asks for no more than needed. So the e-mail and the phone each have a public switch (off by
default) and nothing else personal is stored. Public reads are in ``selectors.py``.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

import vntext


class StaffMemberQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)

    def active(self):
        return self.filter(is_active=True)


class StaffMember(index.Indexed, ClusterableModel):
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="staff_members",
        verbose_name=_("school"),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    photo = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("photo"),
    )  # fmt: skip
    positions = models.CharField(
        _("positions"), max_length=255, blank=True, help_text=_("For example Hiệu trưởng.")
    )
    units = ParentalManyToManyField(
        "sections.SectionPage", blank=True, related_name="staff_members", verbose_name=_("units"),
    )  # fmt: skip
    subjects = models.CharField(_("subjects taught"), max_length=255, blank=True)
    qualification = models.CharField(_("qualification"), max_length=255, blank=True)
    official_email = models.EmailField(_("official e-mail"), blank=True)
    email_is_public = models.BooleanField(_("show the e-mail on the website"), default=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_is_public = models.BooleanField(_("show the phone on the website"), default=False)
    is_on_editorial_board = models.BooleanField(_("member of the editorial board"), default=False)
    board_role = models.CharField(
        _("role on the editorial board"), max_length=100, blank=True,
        help_text=_("For example Trưởng ban."),
    )  # fmt: skip
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="staff_profiles", verbose_name=_("user account"),
    )  # fmt: skip
    is_active = models.BooleanField(_("shown on the website"), default=True)

    objects = StaffMemberQuerySet.as_manager()

    panels = [
        FieldPanel("school"),
        FieldRowPanel([FieldPanel("full_name"), FieldPanel("positions")]),
        FieldPanel("photo"),
        FieldPanel("units", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("subjects"), FieldPanel("qualification")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("official_email"), FieldPanel("email_is_public")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_is_public")]),
            ],
            heading=_("Contact"),
        ),
        FieldRowPanel([FieldPanel("is_on_editorial_board"), FieldPanel("board_role")]),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("full_name", boost=3),
        index.AutocompleteField("full_name"),
        index.SearchField("positions"),
        index.FilterField("school"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["sort_order", "full_name"]
        indexes = [models.Index(fields=["school", "is_active"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = vntext.normalize(self.full_name)
        super().save(*args, **kwargs)

    def unit_list(self) -> str:
        return ", ".join(unit.title for unit in self.units.all())

    unit_list.short_description = _("units")

    @property
    def public_email(self) -> str:
        return self.official_email if self.email_is_public else ""

    @property
    def public_phone(self) -> str:
        return self.phone if self.phone_is_public else ""
