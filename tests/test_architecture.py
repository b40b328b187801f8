"""Architecture rules that keep the code base in shape."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_vntext_never_imports_django():
    offenders = []
    for path in (ROOT / "vntext").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in {"django", "wagtail"}]
    assert not offenders, offenders
    code = "import sys, vntext; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_no_naive_datetime_now_in_our_code():
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "var" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        naive = ("datetime." + "now()", "datetime." + "utcnow()")
        if any(call in text for call in naive):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


def test_every_school_owned_snippet_uses_the_scoped_viewset():
    from django.apps import apps
    from wagtail.snippets.models import get_snippet_models

    from schools.models import School, SchoolGroup, SectionGroup
    from schools.scoping import SchoolScopedSnippetViewSet
    from search.models import SearchEntry, SearchQuery
    from workflows.models import Notification, ReviewTask, RoleApprovalTask

    # No admin screen of their own: managed by create_school and the "Phân công" screen;
    # notifications are read only by their recipient (workflows.views, tested there); workflow
    # tasks are built by workflows.services and follow the school's editorial policy; the
    # search index is written by search.indexing only, and search terms are read through the
    # school-scoped report (search.admin_views, tested there).
    internal = {SchoolGroup, SectionGroup, Notification, RoleApprovalTask, ReviewTask,
                SearchEntry, SearchQuery}  # fmt: skip

    school_owned = [
        model
        for model in apps.get_models()
        if model not in internal
        and any(
            getattr(f, "related_model", None) is School and f.name == "school"
            for f in model._meta.fields
        )
    ]
    assert school_owned, "expected school-owned models"
    snippets = set(get_snippet_models())
    for model in school_owned:
        assert model in snippets, f"{model.__name__} has no admin screen confined to the school"
        assert isinstance(model.snippet_viewset, SchoolScopedSnippetViewSet), model.__name__
