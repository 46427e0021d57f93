"""The one way the portal makes a PDF: HTML drawn by WeasyPrint with the Noto fonts.

Letters and easy-read documents are written as HTML templates with their language and direction
on the root element (``<html lang dir>``); WeasyPrint shapes Arabic and Gurmukhi and lays out
right-to-left text, and writes a tagged PDF (PDF/UA-1) whose document language is that ``lang``,
so screen readers read it in the right voice. The fonts come from Debian's ``fonts-noto-core``.
"""

from django.template.loader import render_to_string

# The Noto family for each script a family language is written in; Pango picks per character.
FONTS = '"Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans Gurmukhi", sans-serif'
URDU_FONTS = '"Noto Nastaliq Urdu", "Noto Naskh Arabic", "Noto Sans", sans-serif'
# Forms a PDF/UA document can carry; an older WeasyPrint without it still tags the PDF.
VARIANT = "pdf/ua-1"


def fonts_for(language: str) -> str:
    return URDU_FONTS if language == "ur" else FONTS


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF of ``html`` (which sets its own ``lang``, ``dir`` and ``<title>``)."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment, and most requests never draw a PDF

    return HTML(string=html).write_pdf(pdf_variant=VARIANT, pdf_tags=True)


def render_pdf(template: str, context: dict) -> bytes:
    """Render ``template`` (in the language active now) and draw it as a PDF."""
    return html_to_pdf(render_to_string(template, context))
