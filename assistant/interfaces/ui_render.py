"""HTML for the chat UI. Everything that comes from a document or a model is escaped here, so a
document holding <script> shows as text; only the markup this module writes is live."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import partial

from assistant.answering.statements import split_sentences
from assistant.types import Answer, Citation, Sources
from vectorstore.tokens import tokenize

escape = partial(html.escape, quote=False)  # text nodes; attribute values use html.escape itself
_MARKER = re.compile(r"\[(\d+)\]")

HEAD = """<script>
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="#src-"]');
  if (!link) return;
  event.preventDefault();
  const target = document.getElementById(link.getAttribute('href').slice(1));
  if (!target) return;
  target.open = true;
  target.scrollIntoView({behavior: 'smooth', block: 'center'});
  target.classList.add('flash');
  setTimeout(() => target.classList.remove('flash'), 1500);
}, true);
</script>"""

CSS = """
.source { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 6px 10px; margin: 6px 0; }
.source summary { cursor: pointer; font-weight: 600; }
.source .meta { color: var(--body-text-color-subdued); font-size: 0.85em;
  margin: 4px 0; word-break: break-all; }
.source .passage { white-space: pre-wrap; font-size: 0.92em; }
.source mark { background: #fff3a3; color: inherit; }
.source.flash { outline: 3px solid #f5a524; }
a.cite { font-weight: 600; text-decoration: none; }
.warning { color: #b45309; }
"""


def answer_html(text: str, answer: Answer | None = None) -> str:
    """The answer as chat markup: [n] become links that open source n; warnings are marked."""
    escaped = escape(text)
    linked = _MARKER.sub(lambda m: f'<a class="cite" href="#src-{m.group(1)}">[{m.group(1)}]</a>', escaped)
    if answer is None or not answer.warnings:
        return linked
    items = "".join(f"<li>{escape(w)}</li>" for w in answer.warnings)
    return f'{linked}<div class="warning">⚠ Figures not found in the cited sources:<ul>{items}</ul></div>'


def _highlight(passage: str, claims: list[str]) -> str:
    """The passage, escaped, with the sentence that best supports each claim marked."""
    sentences = split_sentences(passage)
    marked: set[str] = set()
    for claim in claims:
        words = set(tokenize(claim))
        best = max(sentences, key=lambda s: len(words & set(tokenize(s))), default=None)
        if best and words & set(tokenize(best)):
            marked.add(best)
    out = escape(passage)
    for sentence in sorted(marked, key=len, reverse=True):
        safe = escape(sentence)
        out = out.replace(safe, f"<mark>{safe}</mark>", 1)
    return out


def _claims_for(answer: Answer, n: int) -> list[str]:
    return [_MARKER.sub("", s) for s in split_sentences(answer.text) if f"[{n}]" in s]


def _where(citation: Citation) -> str:
    page = f" · page {citation.page}" if citation.page else ""
    if citation.source.startswith(("http://", "https://")):
        link = html.escape(citation.source, quote=True)
        return f'<a href="{link}" target="_blank" rel="noopener noreferrer">{link}</a>{page}'
    return f"{escape(citation.source)}{page}"


def _blocks(citations: list[Citation], claims: Callable[[int], list[str]]) -> str:
    blocks = []
    for i, c in enumerate(citations):
        meta = " · ".join(x for x in (c.section, c.period, c.date or "undated", c.kind) if x)
        blocks.append(
            f'<details class="source" id="src-{c.n}"{" open" if i == 0 else ""}>'
            f"<summary>[{c.n}] {escape(c.title or 'Untitled')}</summary>"
            f'<div class="meta">{escape(meta)} · relevance {c.score:.2f}<br>{_where(c)}</div>'
            f'<div class="passage">{_highlight(c.text, claims(c.n))}</div></details>'
        )
    return "".join(blocks)


def sources_html(answer: Answer | None) -> str:
    """The sources panel: one collapsible passage per citation, the first one open."""
    if answer is None:
        return "<p>Sources for the answer appear here.</p>"
    if answer.refused or not answer.citations:
        return "<p>No sources for this answer.</p>"
    return _blocks(answer.citations, lambda n: _claims_for(answer, n))


def evidence_html(sources: Sources) -> str:
    """The sources panel before the answer is written: every passage the model reads, its best
    sentence for the question marked."""
    return _blocks(sources.passages, lambda n: [sources.evidence[n]] if n in sources.evidence else [])
