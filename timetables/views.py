"""Public timetable page ``/thoi-khoa-bieu/``: pick a class (``?lop=``) or a teacher (``?gv=``)
and see the week of the version in force today. Reads go through ``selectors``."""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from . import selectors


def _school(request):
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    return school


def timetable(request):
    school = _school(request)
    today = timezone.localdate()
    version = selectors.timetable_in_force(school=school, on=today)
    lessons = selectors.lessons_of(version)
    classes = selectors.class_names(lessons)
    teachers = selectors.teacher_names(lessons)
    class_name = request.GET.get("lop", "").strip()[:20]
    teacher = request.GET.get("gv", "").strip()[:100]
    class_name = class_name if class_name in classes else ""
    teacher = teacher if teacher in teachers and not class_name else ""
    week = None
    if class_name or teacher:
        week = selectors.week(lessons, class_name=class_name, teacher=teacher)
    return TemplateResponse(
        request,
        "timetables/timetable.html",
        {
            "version": version,
            "classes": classes,
            "teachers": teachers,
            "class_name": class_name,
            "teacher": teacher,
            "week": week,
            "today": selectors.weekday_of(today),
            "asked": bool(request.GET.get("lop") or request.GET.get("gv")),
        },
    )
