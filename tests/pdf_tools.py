"""Read generated PDFs back with poppler-utils: the text, and the fonts embedded."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def _run(tool: str, body: bytes, *, after: tuple[str, ...] = ()) -> str:
    if not shutil.which(tool):
        pytest.fail("poppler-utils is missing: run scripts/setup.sh")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(body)
        result = subprocess.run([tool, str(path), *after], capture_output=True, check=True)
    return result.stdout.decode()


def pdf_text(body: bytes) -> str:
    """The PDF's text, as `pdftotext` extracts it."""
    return _run("pdftotext", body, after=("-",))


def pdf_fonts(body: bytes) -> str:
    """The table `pdffonts` prints: one line per font, with whether it is embedded."""
    return _run("pdffonts", body)
