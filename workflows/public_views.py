"""The public "Gửi bài" pages: ``/gui-bai/`` (the form) and ``/gui-bai/da-gui/`` (thanks).

The school is ``request.school`` (404 without one). A post is refused, with the sender's text
kept, a Vietnamese message and a new check question, when the honeypot is filled, the
challenge fails (``public_forms``), a file is not accepted, or the client address has used its
allowance: ``PORTAL_SUBMISSIONS_PER_HOUR`` accepted submissions per hour, and five times as many
posts of any outcome.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from school_site.ratelimit import hit, hits
from schools.selectors import school_or_404

from .public_forms import SubmissionForm
from .submissions import create_submission, inbox_section

WINDOW = 60 * 60  # seconds
ATTEMPTS_PER_SUBMISSION = 5


def _render(request, form, *, status=200):
    return TemplateResponse(request, "workflows/submit.html", {"form": form}, status=status)


def _refuse(request, form, message: str, *, status: int):
    form.prepare_redisplay()
    form.add_error(None, message)
    return _render(request, form, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def submit_view(request):
    """``/gui-bai/``: the form; a valid post becomes a draft and goes on to the thanks page."""
    school = school_or_404(request)
    if inbox_section(school=school) is None:
        raise Http404
    if request.method != "POST":
        return _render(request, SubmissionForm(school=school))

    per_hour = settings.PORTAL_SUBMISSIONS_PER_HOUR
    attempts = hit(request, scope="workflows:submit:attempts", window=WINDOW)
    too_many = _("You have sent many articles in a short time. Please try again in an hour.")
    if attempts > per_hour * ATTEMPTS_PER_SUBMISSION:
        # The files are not even looked at; the text is kept.
        return _refuse(request, SubmissionForm(request.POST, school=school), too_many, status=429)

    form = SubmissionForm(request.POST, request.FILES, school=school)
    if not form.is_valid():
        return _render(request, form.prepare_redisplay(), status=400)
    if hits(request, scope="workflows:submit:accepted") >= per_hour:
        return _refuse(request, form, too_many, status=429)
    try:
        create_submission(school=school, **form.submission_data())
    except ValidationError as error:
        return _refuse(request, form, " ".join(error.messages), status=400)
    hit(request, scope="workflows:submit:accepted", window=WINDOW)
    return redirect("workflows_submit_done")


def submit_done(request):
    """``/gui-bai/da-gui/``: thanks, and what happens next."""
    school_or_404(request)
    return TemplateResponse(request, "workflows/submit_done.html", {})
