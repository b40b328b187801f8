from wagtail.models import Site

from .selectors import get_school_for_site


class CurrentSchoolMiddleware:
    """Sets ``request.school`` from the host name (Wagtail's Site; unknown hosts get the default
    site's school, never another school's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.school = get_school_for_site(Site.find_for_request(request))
        return self.get_response(request)
