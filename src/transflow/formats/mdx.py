"""MDX: Markdown with JSX. Its code lines (imports and exports, JSX components standing alone,
Hugo shortcodes, Liquid tags) are not text: they stay in the skeleton; the rest is Markdown."""

from __future__ import annotations

from dataclasses import replace

from ..model import Document
from .common import Format, Segmentation
from .markdown import FORMAT as MARKDOWN
from .markdown import segment_markdown

CODE_LINES = (
    r"^(?:import|export)\s.*$",  # import X from "y"; export const meta = {...}
    r"^<[A-Z][\w.]*(?:\s[^<>]*)?/?>$",  # <FAIcon icon="x" />, <Tabs>
    r"^</[A-Z][\w.]*>$",  # </Tabs>
    r"^\{\{[<%].*[>%]\}\}$",  # Hugo shortcodes {{< ref >}} {{% note %}}
    r"^\{%.*%\}$",  # Liquid {% include x.html %}
    r"^\{/\*.*\*/\}$",  # MDX comments {/* ... */}
)


def segment_mdx(text: str, path: str, segmentation: Segmentation) -> Document:
    with_code = replace(segmentation, skip=(*CODE_LINES, *segmentation.skip))
    return segment_markdown(text, path, with_code, name="mdx")


FORMAT = Format("mdx", segment_mdx, MARKDOWN.restore, MARKDOWN.localize)
