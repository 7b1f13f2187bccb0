"""Filling a page's main form the way a browser would, with hostile text in every text field.

The form is read from the rendered page: text inputs and text areas get the text, the other inputs
a plausible value for their type, selects their first choice; hidden fields keep their value.
"""

import datetime as dt
from html.parser import HTMLParser

from django.utils import timezone

CHROME_ACTIONS = ("/accounts/logout/", "/i18n/", "/search/")
TEXT_TYPES = {"text", "search", "textarea", "tel", None}


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": attrs, "fields": []})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            self.forms[-1]["fields"].append(attrs)
        elif tag == "textarea" and attrs.get("name"):
            self.forms[-1]["fields"].append({**attrs, "type": "textarea"})
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self.forms[-1]["fields"].append({**attrs, "type": "select", "options": []})
        elif tag == "option" and self._select:
            self.forms[-1]["fields"][-1]["options"].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def main_form(html: str, *, containing: str = "") -> dict:
    """The page's POST form with the most fields (or the one with a field named `containing`),
    the site header's forms left out."""
    parser = _Forms()
    parser.feed(html)
    forms = [
        form
        for form in parser.forms
        if form["attrs"].get("method", "get").lower() == "post"
        and not form["attrs"].get("action", "").startswith(CHROME_ACTIONS)
        and (not containing or any(f["name"] == containing for f in form["fields"]))
    ]
    assert forms, "no form on the page"
    return max(forms, key=lambda form: len(form["fields"]))


def fill(form: dict, text: str, *, overrides: dict | None = None) -> dict:
    """POST data for `form` with `text` in every text field; `overrides` win (a callable one is
    given the text)."""
    now = timezone.localtime() - dt.timedelta(days=1)
    data: dict = {}
    for field in form["fields"]:
        name, kind = field["name"], field.get("type")
        if name == "csrfmiddlewaretoken":
            continue
        if kind in TEXT_TYPES or kind == "textarea":
            data[name] = text
        elif kind == "hidden":
            data[name] = field.get("value", "")
        elif kind == "number":
            data[name] = field.get("value") or str(max(int(float(field.get("min") or 1)), 1))
        elif kind == "date":
            data[name] = field.get("value") or now.date().isoformat()
        elif kind == "datetime-local":
            data[name] = field.get("value") or now.strftime("%Y-%m-%dT%H:%M")
        elif kind == "email":
            data[name] = "someone@example.cn"
        elif kind == "url":
            data[name] = "https://example.cn/"
        elif kind == "select":
            choices = [value for value in field["options"] if value]
            if choices:
                data[name] = choices[0]
        elif kind in ("checkbox", "radio") and "checked" in field:
            data[name] = field.get("value", "on")
        elif kind == "radio":
            data.setdefault(name, field.get("value"))
    for name, value in (overrides or {}).items():
        data[name] = value(text) if callable(value) else value
    return data
