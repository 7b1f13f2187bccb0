"""What a strict content-security policy refuses in HTML: inline scripts (a <script> without
src that the browser would run), event-handler attributes (onclick=…), style attributes and
<style> blocks. Shared by the template scan and the URL walk."""

import re

_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_DATA_SCRIPT = re.compile(r"""\btype\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)


def inline_code(html: str) -> list[str]:
    """The kinds of inline code found in `html`: "script", "handler", "style"."""
    found = []
    for match in _SCRIPT_TAG.finditer(html):
        attributes = match.group(1)
        if "src=" not in attributes.lower() and not _DATA_SCRIPT.search(attributes):
            found.append("script")
            break
    if _HANDLER.search(html):
        found.append("handler")
    if _STYLE.search(html):
        found.append("style")
    return found
