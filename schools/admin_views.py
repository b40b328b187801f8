"""Admin view "Phân công" (``/admin/phan-cong/``): the school's sections × its staff, with who
answers for which section. For the head, deputy and system administrator of a school; a
superuser first chooses the school. Saving goes through ``assignments.assign_sections``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from .assignments import AssignmentError, assign_sections
from .selectors import assignment_matrix, schools_for_assignment

SCHOOL_PARAM = "truong"


def _chosen_school(request, schools: list):
    """The school asked for (``?truong=``), or the only one; another school answers 404."""
    value = request.POST.get(SCHOOL_PARAM) or request.GET.get(SCHOOL_PARAM)
    if not value:
        return schools[0] if len(schools) == 1 else None
    for school in schools:
        if str(school.pk) == value:
            return school
    raise Http404


def _parse(post) -> dict[str, list[str]]:
    """``section`` lists the rows shown; each ticked box sends ``assign=<section>:<user>``."""
    assignments: dict[str, list[str]] = {value: [] for value in post.getlist("section")}
    for value in post.getlist("assign"):
        section_id, _, user_id = value.partition(":")
        if section_id not in assignments:
            raise AssignmentError(gettext("The assignment form was not understood."))
        assignments[section_id].append(user_id)
    return assignments


def assignments_view(request):
    schools = list(schools_for_assignment(request.user).select_related("site"))
    if not schools:
        # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
        return TemplateResponse(request, "schools/admin/assignments_forbidden.html", status=403)
    school = _chosen_school(request, schools)
    if school is None:
        return TemplateResponse(
            request, "schools/admin/assignments_choose.html", {"schools": schools}
        )
    url = f"{reverse('schools_assignments')}?{SCHOOL_PARAM}={school.pk}"
    if request.method == "POST":
        try:
            changed = assign_sections(
                school=school, actor=request.user, assignments=_parse(request.POST)
            )
        except AssignmentError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(url)
        if changed:
            messages.success(
                request,
                ngettext(
                    "Assignment saved for %(count)s section.",
                    "Assignment saved for %(count)s sections.",
                    len(changed),
                )
                % {"count": len(changed)},
            )
        else:
            messages.info(request, gettext("Nothing was changed."))
        return redirect(url)
    rows, columns = assignment_matrix(school)
    return TemplateResponse(
        request,
        "schools/admin/assignments.html",
        {
            "school": school,
            "rows": rows,
            "columns": columns,
            "several_schools": len(schools) > 1,
            "school_param": SCHOOL_PARAM,
        },
    )
