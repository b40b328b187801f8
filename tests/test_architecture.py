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
