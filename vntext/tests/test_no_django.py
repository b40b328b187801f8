import pathlib
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).resolve().parents[1]


def test_importing_vntext_never_imports_django():
    code = (
        "import sys, vntext, vntext.cli, vntext.docx, vntext.html; "
        "vntext.to_unicode('Tr\\xadêng'); vntext.convert_html('<p>x</p>'); "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    out = subprocess.run(  # noqa: S603 - runs this Python
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent
    )
    assert out.stdout.strip() == "[]"


def test_no_django_in_sources():
    for path in PACKAGE.rglob("*.py"):
        if path.name == pathlib.Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
