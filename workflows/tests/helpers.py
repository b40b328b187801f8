"""Test helpers: submit a Wagtail admin form the way a browser would."""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse


class _FormParser(HTMLParser):
    """Collects the successful controls of the form whose id is ``form_id``."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None
        self._select_value = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select and ("selected" in a or self._select_value is None):
            self._select_value = (a.get("value", ""), "selected" in a)
            if "selected" in a:
                self.data.append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.data.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = [v for k, v in self.data if k == self._select]
            if not chosen and self._select_value is not None:
                self.data.append((self._select, self._select_value[0]))
            self._select = None


def form_data(html: str, form_id: str = "page-edit-form", **overrides) -> dict:
    parser = _FormParser(form_id)
    parser.feed(html)
    data: dict = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    data = {k: v if len(v) > 1 else v[0] for k, v in data.items()}
    # StreamFields are built by the admin's JavaScript; an empty one posts a zero count.
    data.setdefault("body-count", "0")
    data.update(overrides)
    return data


def add_page(client, parent, model_path: str, **fields):
    """GET the admin add form for ``model_path`` ("app.model") under ``parent``, fill
    ``fields`` and POST it as is; returns the response."""
    app, model = model_path.split(".")
    url = reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, form_data(page.content.decode(), **fields))


def edit_page(client, page, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return client.post(url, form_data(response.content.decode(), **fields))
