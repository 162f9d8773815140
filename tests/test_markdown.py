"""The one Markdown renderer must never let executable content through."""

import re
from html.parser import HTMLParser

import pytest

from rmn_portal.markdown import render_markdown
from rmn_portal.security import ALLOWED_TAGS, sanitize_html

XSS_VECTORS = [
    # script tags, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    # event handlers
    '<img src=x onerror="alert(1)">',
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    "<svg/onload=alert(1)>",
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    # javascript: links with entity, whitespace and case tricks
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](jav&#x09;ascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "[x](javascript&colon;alert(1))",
    "<javascript:alert(1)>",
    # data: URLs
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    # SVG and MathML
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # style attributes and style tags
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>*{background:url(javascript:alert(1))}</style>",
    '<div style="width:expression(alert(1))">x</div>',
    # frames, objects, forms, meta refresh, base
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    # attribute breaking inside Markdown links and titles
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    '[x](https://ok.example" onmouseover="alert(1))',
    "<img src=`x` onerror=`alert(1)`>",
    # comments and CDATA
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
]
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class ExecutableContent(HTMLParser):
    """Parses HTML the way a browser would and collects anything that could run:
    elements outside the allowlist, event handlers, style, unsafe URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "src", "action", "formaction"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "xlink:href"):
                url = re.sub(r"[\x00-\x20]", "", value or "").lower()
                if ":" in url.split("/")[0] and not url.startswith(SAFE_SCHEMES):
                    self.found.append(f"{tag}[{name}={value}]")

    def handle_comment(self, data):
        self.found.append("<!-- comment -->")


def executable_parts(html: str) -> list[str]:
    parser = ExecutableContent()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("source", XSS_VECTORS)
def test_nothing_executable_survives(source):
    html = str(render_markdown(source))
    assert executable_parts(html) == [], html


@pytest.mark.parametrize("source", XSS_VECTORS)
def test_the_sanitiser_alone_also_strips_raw_html_attacks(source):
    html = sanitize_html(source)
    assert executable_parts(html) == [], html


def test_ordinary_markdown_renders():
    html = str(render_markdown(
        "# Title\n\nSome **bold** and *italic* text with a [link](https://example.org).\n\n"
        "- one\n- two\n\n> quoted\n\n`code`"))
    assert "<h2>Title</h2>" in html  # headings start below the page's own h1
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<ul>" in html and "<blockquote>" in html and "<code>code</code>" in html


def test_links_get_safe_rel_and_only_allowed_schemes():
    html = str(render_markdown("[a](https://example.org) [b](mailto:x@example.org) "
                               "[c](ftp://example.org) https://bare.example.org"))
    assert html.count("<a ") == html.count('rel="nofollow noopener noreferrer ugc"') >= 3
    assert 'href="ftp:' not in html
    assert 'href="https://bare.example.org"' in html


def test_raw_html_is_shown_as_text_not_markup():
    html = str(render_markdown("Use <b>bold</b> & <i>care</i>"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&amp;" in html


def test_empty_input():
    assert str(render_markdown(None)) == ""
    assert str(render_markdown("")) == ""
