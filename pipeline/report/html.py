"""The brief as one self-contained HTML file: no request leaves it (no font, script, stylesheet or
image from elsewhere), so it works opened from a USB stick, and it prints to A4.

Every document string is escaped (Jinja's autoescape, and markupsafe for the highlighted text),
and a Content-Security-Policy allows only the file's own style and script, by their hashes: an
injected tag or `javascript:` link would show as text, and could not run if it ever got through."""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources

import jinja2
from markupsafe import Markup, escape

from pipeline.report.brief import Brief, Highlight

TEMPLATES = "templates"


def _asset(name: str) -> str:
    return resources.files("pipeline.report").joinpath(TEMPLATES, name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.report", TEMPLATES),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["marked"] = marked_text
    return env


def content_security_policy(style: str, script: str) -> str:
    return (f"default-src 'none'; style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def render_html(brief: Brief) -> str:
    style, script = _asset("brief.css"), _asset("brief.js")
    template = _environment().get_template("brief.html.j2")
    return template.render(brief=brief, ui=brief.ui, style=Markup(style), script=Markup(script),
                           csp=content_security_policy(style, script), item_count=brief.item_count())


def marked_text(text: str, highlights: list[Highlight]) -> Markup:
    """The text with every item wrapped in <mark>. Items may nest or cross (an issuer is also an
    entity; a target may hold a date), so the text is cut at every item boundary and each piece is
    wrapped in one mark per item covering it, outermost the longest; an item's first piece carries
    its id, every piece its key, so a highlight is found from its row and a row from its highlight."""
    if not highlights:
        return escape(text)
    bounds = sorted({0, len(text), *(h.start for h in highlights), *(h.end for h in highlights)})
    starting: dict[int, list[Highlight]] = {}
    for h in highlights:
        starting.setdefault(h.start, []).append(h)
    active: list[Highlight] = []
    opened: set[str] = set()
    out: list[str] = []
    for start, end in zip(bounds, bounds[1:]):
        active = [h for h in active if h.end > start] + starting.get(start, [])
        piece = escape(text[start:end])
        for h in sorted(active, key=lambda h: (h.end - h.start, h.key)):   # innermost first
            first = h.key not in opened
            opened.add(h.key)
            anchor = f' id="{h.key}"' if first else ""
            piece = Markup(f'<mark class="hl {h.kind}" data-key="{h.key}"{anchor} title="{escape(h.label)}">'
                           f"{piece}</mark>")
        out.append(piece)
    return Markup("").join(out)
