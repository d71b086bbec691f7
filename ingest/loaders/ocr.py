"""Text for scanned PDF pages: the page's images read by Tesseract (Debian's `tesseract-ocr`).

A scanned WARN notice or an old report has no text layer; its pages are pictures of text. Each
image on such a page goes through Tesseract with a time limit per page. Tesseract is a program
installed beside the project (`make run` and `make test` install it); without it a scanned PDF is
refused with a reason that says so.
"""

from __future__ import annotations

from ingest.errors import LoadError


def available() -> bool:
    import shutil

    return shutil.which("tesseract") is not None


def read_page(page, number: int, seconds: float) -> str:
    """The text Tesseract reads in the page's images ('' when it reads none)."""
    import pytesseract

    texts = []
    try:
        images = list(page.images)
    except Exception:  # noqa: BLE001 - pypdf raises many types on images it cannot decode
        return ""
    for image in images:
        try:
            texts.append(pytesseract.image_to_string(image.image, timeout=seconds))
        except RuntimeError as error:  # pytesseract's time-out
            raise LoadError(f"OCR of page {number} took over {seconds:g} s") from error
        except (pytesseract.TesseractError, OSError, ValueError):
            continue  # an image Tesseract cannot read: the page may still have others
    return "\n".join(t.strip() for t in texts if t.strip())
