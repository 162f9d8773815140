"""Downloads of a statement: Markdown and DOCX, with the list of signatories.

The document speaks the language of the text it carries (Serbian and its
neighbours get Serbian Latin headings, every other language English), so a
Serbian statement is not exported with English headings.
"""

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from docx import Document
from docx.shared import Pt
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from markdown_it import MarkdownIt

from .models import Signature, Statement, StatementStatus, StatementText

_parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
SERBIAN_FAMILY = {"sr", "bs", "hr", "cnr"}


@dataclass(frozen=True)
class ExportContext:
    statement: Statement
    text: StatementText
    signatures: list[Signature]
    permalink: str
    fingerprint: str  # SHA-256 of the frozen texts, or "" while drafting
    exported_at: datetime


def document_locale(text: StatementText) -> str:
    return "sr_Latn" if text.language in SERBIAN_FAMILY else "en"


def _date_line(ctx: ExportContext) -> str:
    statement = ctx.statement
    if statement.published_at:
        return _("Published on %(date)s", date=format_date(statement.published_at, "long"))
    if statement.status is StatementStatus.OPEN and statement.deadline:
        return _("Open for signature until %(date)s",
                 date=format_date(statement.deadline, "long"))
    return _("Draft of %(date)s", date=format_date(ctx.exported_at, "long"))


def _signatory_line(signature: Signature) -> str:
    line = f"{signature.org.name} ({signature.org.country_name})"
    person = ", ".join(part for part in (signature.signatory_name, signature.signatory_title)
                       if part)
    return f"{line} — {person}" if person else line


def _footer_lines(ctx: ExportContext) -> list[str]:
    lines = [_("Permalink: %(url)s", url=ctx.permalink)]
    if ctx.fingerprint:
        lines.append(_("Text fingerprint (SHA-256): %(hash)s", hash=ctx.fingerprint))
    return lines


def markdown_export(ctx: ExportContext) -> str:
    with force_locale(document_locale(ctx.text)):
        parts = [f"# {ctx.text.title}", "", f"*{_date_line(ctx)}*", "", ctx.text.body.strip(), ""]
        if ctx.signatures:
            parts += [f"## {_('Signatories')}", ""]
            parts += [f"- {_escape_markdown(_signatory_line(s))}" for s in ctx.signatures]
            parts.append("")
        parts += ["---", ""] + [f"{line}  " for line in _footer_lines(ctx)]
    return "\n".join(parts).rstrip() + "\n"


def _escape_markdown(text: str) -> str:
    # Organisation names are data, not markup.
    return "".join("\\" + char if char in "\\`*_[]<>#" else char for char in text)


def docx_export(ctx: ExportContext) -> bytes:
    document = Document()
    document.core_properties.title = ctx.text.title
    document.core_properties.language = ctx.text.language
    with force_locale(document_locale(ctx.text)):
        document.add_heading(ctx.text.title, level=0)
        document.add_paragraph().add_run(_date_line(ctx)).italic = True
        _add_markdown(document, ctx.text.body)
        if ctx.signatures:
            document.add_heading(_("Signatories"), level=1)
            for signature in ctx.signatures:
                document.add_paragraph(_signatory_line(signature), style="List Bullet")
        for line in _footer_lines(ctx):
            paragraph = document.add_paragraph()
            paragraph.add_run(line).font.size = Pt(8)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Markdown to Word, for the block and inline elements statements use ---------------------

def _add_markdown(document, source: str) -> None:
    tokens = _parser.parse(source)
    lists: list[str] = []  # "List Bullet" / "List Number" for each open list
    in_quote = 0
    for index, token in enumerate(tokens):
        if token.type == "bullet_list_open":
            lists.append("List Bullet")
        elif token.type == "ordered_list_open":
            lists.append("List Number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "blockquote_open":
            in_quote += 1
        elif token.type == "blockquote_close":
            in_quote -= 1
        elif token.type == "heading_open":
            level = min(int(token.tag[1]) + 1, 4)
            _add_inline(document.add_heading(level=level), tokens[index + 1])
        elif token.type == "paragraph_open":
            style = lists[-1] if lists else ("Quote" if in_quote else None)
            _add_inline(document.add_paragraph(style=style), tokens[index + 1])
        elif token.type in ("fence", "code_block"):
            run = document.add_paragraph().add_run(token.content.rstrip("\n"))
            run.font.name = "Courier New"
        elif token.type == "tr_open":
            cells = []
            for cell in tokens[index + 1:]:
                if cell.type == "tr_close":
                    break
                if cell.type == "inline":
                    cells.append(cell.content)
            document.add_paragraph(" | ".join(cells))


def _add_inline(paragraph, inline) -> None:
    bold = italic = strike = False
    href = None
    for child in inline.children or []:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind in ("s_open", "s_close"):
            strike = kind == "s_open"
        elif kind == "link_open":
            href = child.attrGet("href")
        elif kind == "link_close":
            if href:
                paragraph.add_run(f" ({href})")
            href = None
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind in ("text", "code_inline", "image"):
            run = paragraph.add_run(child.content)
            run.bold, run.italic, run.font.strike = bold or None, italic or None, strike or None
            if kind == "code_inline":
                run.font.name = "Courier New"
