"""Certificates as PDF, drawn with fpdf2 (pure Python) and a bundled subset
of DejaVu Sans, so names such as Đurđević, Krasniqi or Јовановић print on any
machine without system fonts. Characters outside the font print as "?"
rather than as invisible boxes."""

from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF

from .certificates import display_code
from .models import Certificate

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
ACCENT = (91, 42, 134)  # the portal's accent colour
INK = (27, 27, 31)


@cache
def _covered() -> frozenset[int]:
    with TTFont(str(BOLD)) as bold, TTFont(str(REGULAR)) as regular:
        return frozenset(bold.getBestCmap()) & frozenset(regular.getBestCmap())


def printable(text: str) -> str:
    covered = _covered()
    return "".join(char if ord(char) in covered or char == "\n" else "?" for char in text)


def hours_text(minutes: int) -> str:
    hours = minutes / 60
    return f"{hours:.1f}".rstrip("0").rstrip(".") if hours % 1 else f"{int(hours)}"


def render(certificate: Certificate, verify_url: str, organiser: str) -> bytes:
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_title(printable(_("Certificate: %(title)s", title=certificate.programme_title)))
    pdf.set_author(printable(current_app.config["NETWORK_NAME"]))
    pdf.set_creator("RMN Portal")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(REGULAR))
    pdf.add_font("DejaVu", "B", str(BOLD))
    pdf.add_page()
    width = pdf.w - 40

    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)

    def line(text: str, size: float, *, bold: bool = False, colour=INK, gap: float = 4):
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.set_x(20)
        pdf.multi_cell(width, size * 0.5, printable(text), align="C")
        pdf.ln(gap)

    pdf.set_y(28)
    line(current_app.config["NETWORK_NAME"], 14, colour=ACCENT, gap=6)
    line(_("Certificate of completion"), 30, bold=True, colour=ACCENT, gap=10)
    line(_("This certifies that"), 13)
    line(certificate.holder_name, 26, bold=True, gap=6)
    line(_("has completed the training"), 13)
    line(certificate.programme_title, 20, bold=True, gap=6)
    first, last = format_date(certificate.first_day, "long"), format_date(certificate.last_day,
                                                                          "long")
    dates = first if first == last else _("%(first)s to %(last)s", first=first, last=last)
    line(_("%(dates)s · %(hours)s hours · organised by %(organiser)s", dates=dates,
           hours=hours_text(certificate.minutes), organiser=organiser), 12, gap=14)

    pdf.set_y(pdf.h - 48)
    line(_("Verification code: %(code)s", code=display_code(certificate.code)), 12, bold=True,
         gap=2)
    line(_("Check this certificate at %(url)s", url=verify_url), 10, gap=2)
    line(_("Issued on %(day)s", day=format_date(certificate.issued_at, "long")), 10)
    return bytes(pdf.output())
