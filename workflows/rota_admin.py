"""Admin of the news rota: the entries (listed by week, filtered by tổ, the current week marked)
and "Tạo lịch luân phiên", which gives N weeks to the school's tổ in turn.

Imported by ``workflows/wagtail_hooks.py`` (Wagtail only imports that module). Saving goes
through ``workflows.rota`` (``create_entry``, ``update_entry``, ``generate_rota``)."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

import vntext
from schools.scoping import SchoolScopedAdminForm, SchoolScopedSnippetViewSet
from schools.selectors import schools_for_user

from .models import RotaEntry
from .rota import (
    MAX_GENERATED_WEEKS,
    WEEK,
    create_entry,
    generate_rota,
    monday_of,
    team_sections,
    team_sections_for_user,
    update_entry,
    validate_entry,
    week_label,
)

ADD_PERMISSION = "workflows.add_rotaentry"


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- entries ----------------------------------------------------------------------------------


class RotaEntryForm(SchoolScopedAdminForm):
    """The tổ chooser offers the actor's schools' tổ only; an entry stays in its school."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        team = self.fields.get("team")
        if team is not None and self.for_user is not None:
            team.queryset = team_sections_for_user(self.for_user)
        school = self.fields.get("school")
        if school is not None and self.instance.pk is not None:
            school.disabled = True
            school.widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        school = cleaned.get("school") or getattr(self.instance, "school", None)
        if school is not None:
            try:
                validate_entry(
                    school=school,
                    week_start=cleaned.get("week_start"),
                    team=cleaned.get("team"),
                    exclude_pk=self.instance.pk,
                )
            except ValidationError as error:
                _apply_errors(self, error)
        return cleaned


class RotaCreateView(snippet_views.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        self.has_content_changes = True
        return create_entry(
            school=data["school"],
            week_start=data["week_start"],
            team=data["team"],
            theme=data["theme"],
            notes=data.get("notes", ""),
            actor=self.request.user,
        )


class RotaEditView(snippet_views.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        self.has_content_changes = self.form.has_changed()
        return update_entry(
            entry=self.form.instance,
            week_start=data["week_start"],
            team=data["team"],
            theme=data["theme"],
            notes=data.get("notes", ""),
            actor=self.request.user,
        )


class RotaIndexView(snippet_views.IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(ADD_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Generate the rota"), url=reverse("workflows_rota_generate"), icon_name="date"
                )
            )
        return buttons


class WeekColumn(Column):
    """ "08/12 – 14/12/2026", and "(this week)" on the current week's entries."""

    def get_value(self, instance):
        label = week_label(instance.week_start)
        if instance.week_start == monday_of(timezone.localdate()):
            label = _("%(week)s (this week)") % {"week": label}
        return label


class RotaFilterSet(WagtailFilterSet):
    UPCOMING, PAST = "upcoming", "past"
    team = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Team (tổ)"),
        queryset=lambda request: team_sections_for_user(request.user),
    )
    period = django_filters.ChoiceFilter(
        label=gettext_lazy("Which weeks"),
        choices=[
            (UPCOMING, gettext_lazy("This week and later")),
            (PAST, gettext_lazy("Past weeks")),
        ],
        method="filter_period",
    )

    class Meta:
        model = RotaEntry
        fields = ["team", "period"]

    def filter_period(self, queryset, name, value):
        this_week = monday_of(timezone.localdate())
        if value == self.UPCOMING:
            return queryset.filter(week_start__gte=this_week)
        if value == self.PAST:
            return queryset.filter(week_start__lt=this_week)
        return queryset


class RotaEntryViewSet(SchoolScopedSnippetViewSet):
    model = RotaEntry
    icon = "date"
    menu_label = gettext_lazy("News rota")
    add_to_admin_menu = True
    menu_order = 240
    list_display = [
        WeekColumn("week", label=gettext_lazy("Week (Monday – Sunday)"), sort_key="week_start"),
        "team",
        "theme",
        "reminded_at",
    ]
    filterset_class = RotaFilterSet
    search_fields = ["theme", "notes"]
    search_backend_name = None  # plain database search: no index for a handful of rows
    ordering = ["week_start", "team__path"]
    copy_view_enabled = False
    index_view_class = RotaIndexView
    add_view_class = RotaCreateView
    edit_view_class = RotaEditView
    edit_handler = ObjectList(
        [
            FieldPanel("school"),
            FieldRowPanel(
                [FieldPanel("week_start"), FieldPanel("team", widget=forms.Select)],
            ),
            FieldPanel("theme"),
            FieldPanel("notes"),
        ],
        base_form_class=RotaEntryForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("team")


register_snippet(RotaEntryViewSet)


# --- "Tạo lịch luân phiên" ------------------------------------------------------------------


class RotaGenerateForm(forms.Form):
    school = forms.ModelChoiceField(label=gettext_lazy("School"), queryset=None)
    start = forms.DateField(
        label=gettext_lazy("First week (a Monday)"),
        widget=AdminDateInput,
    )
    weeks = forms.IntegerField(
        label=gettext_lazy("Number of weeks"), min_value=1, max_value=MAX_GENERATED_WEEKS
    )
    themes = forms.CharField(
        label=gettext_lazy("Themes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One theme per line: the first week gets the first theme, the next week the next "
            "one, and so on; when the list ends it starts again from the top."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        schools = schools_for_user(user)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.get()
            self.fields["school"].widget = forms.HiddenInput()
        self.fields["start"].initial = monday_of(timezone.localdate()) + WEEK
        self.fields["weeks"].initial = 8

    def clean_themes(self) -> list[str]:
        lines = vntext.to_unicode(self.cleaned_data["themes"]).splitlines()
        return [theme for theme in (vntext.normalize(line) for line in lines) if theme]


def generate_view(request):
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied
    form = RotaGenerateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = generate_rota(
                school=data["school"],
                start=data["start"],
                weeks=data["weeks"],
                themes=data["themes"],
                actor=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            skipped = data["weeks"] - len(created)
            if not created:
                message = ngettext(
                    "Nothing added: the week already has an entry.",
                    "Nothing added: all %(count)s weeks already have an entry.",
                    skipped,
                ) % {"count": skipped}
                messages.warning(request, message)
                return redirect(reverse("wagtailsnippets_workflows_rotaentry:list"))
            message = ngettext(
                "%(count)s week added to the rota.",
                "%(count)s weeks added to the rota.",
                len(created),
            ) % {"count": len(created)}
            if skipped:
                message += " " + ngettext(
                    "%(count)s week already had an entry and was left as it is.",
                    "%(count)s weeks already had an entry and were left as they are.",
                    skipped,
                ) % {"count": skipped}
            messages.success(request, message)
            return redirect(reverse("wagtailsnippets_workflows_rotaentry:list"))
    schools = list(schools_for_user(request.user)[:2])
    teams = list(team_sections(school=schools[0])) if len(schools) == 1 else []
    return TemplateResponse(request, "workflows/rota/generate.html", {"form": form, "teams": teams})


@hooks.register("register_admin_urls")
def register_rota_urls():
    return [path("luan-phien/tao/", generate_view, name="workflows_rota_generate")]
