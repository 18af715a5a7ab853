"""Reading a PDF's text and type back quickly, with pdfium (pdfplumber stays where a test needs the layout)."""

from __future__ import annotations

import ctypes
import math
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium


def pdf_text(source: Path | bytes) -> list[str]:
    """Each page's text in the order it was drawn; a line that breaks after a hyphen ("loss-" / "prevention"),
    which pdfium marks U+FFFE, joins up again as the word it was."""
    document = pypdfium2.PdfDocument(source)
    try:
        return [page.get_textpage().get_text_range().replace("\ufffe", "-") for page in document]
    finally:
        document.close()


def pdf_words(source: Path | bytes) -> str:
    """The whole text as one run of words (lines and pages joined), for looking up sentences that may wrap."""
    return " ".join(" ".join(pdf_text(source)).split())


def type_sizes(path: Path) -> set[float]:
    """The size in points of every printed character: its font size times the vertical scale of the character's
    matrix (pdfplumber's figure, read many times faster)."""
    sizes = set()
    matrix = pdfium.FS_MATRIX()
    document = pypdfium2.PdfDocument(path)
    try:
        for page in document:
            text = page.get_textpage()
            for n in range(text.count_chars()):
                if text.get_text_range(n, 1).strip():
                    pdfium.FPDFText_GetMatrix(text, n, ctypes.byref(matrix))
                    sizes.add(round(pdfium.FPDFText_GetFontSize(text, n) * math.hypot(matrix.c, matrix.d), 2))
    finally:
        document.close()
    return sizes


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()
