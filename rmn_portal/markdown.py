"""The one Markdown renderer for user-written rich text.

markdown-it-py renders CommonMark with raw HTML disabled, then
`security.sanitize_html()` reduces the result to a small allowlist. Templates
mark only this function's output as safe (the `markdown` filter).
"""

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from .security import sanitize_html

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.enable(["table", "strikethrough"])
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _validate_link(url: str) -> bool:
    """Only http, https and mailto links, or plain relative ones; anything that
    looks like another scheme (even an obfuscated one) stays text."""
    lowered = url.strip().lower()
    if lowered.startswith(_SAFE_SCHEMES):
        return True
    head = lowered.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return ":" not in head and "%" not in head


_md.validateLink = _validate_link


def render_markdown(source: str | None) -> Markup:
    if not source:
        return Markup("")
    return Markup(_render(source))  # noqa: S704  # nosec B704 (sanitised by the allowlist in _render)


# Rendering and sanitising cost milliseconds per text (bleach builds its
# linkifier on every call) and depend on the source alone: pages that show the
# same statements, notes or descriptions again reuse the result.
@lru_cache(maxsize=2048)
def _render(source: str) -> str:
    tokens = _md.parse(source)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            # The page owns its <h1>; user headings start one level below.
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        if token.type == "image":
            # No images from Markdown: the CSP blocks remote ones anyway and
            # alt text stays readable.
            token.type = "text"
            token.content = token.content or ""
            token.children = None
    html = _md.renderer.render(tokens, _md.options, {})
    return sanitize_html(html)


def init_app(app) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
