"""Public URLs of reader submissions (``workflows.public_views``).

Included at the root of ``school_site/urls.py`` (before Wagtail's catch-all).
"""

from django.urls import path

from . import public_views

urlpatterns = [
    path("gui-bai/", public_views.submit_view, name="workflows_submit"),
    path("gui-bai/da-gui/", public_views.submit_done, name="workflows_submit_done"),
]
