"""The model: what every face reads. One immutable `Comparison` of N versions, with its claims,
changes, facts and citations; offsets are characters into each article's own text, everywhere.

`visible` (control characters made harmless for a terminal), `quoted` (words between one pair of
quotation marks) and `InputError` (bad input, told in one line) are shared by every face too.
Paragraph links are imported on first use, as the paragraph view is.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reader.model.comparison import (
    CATEGORIES,
    CATEGORY_TABLE,
    LAYERS,
    ROLE_LABELS,
    ROLES,
    STATUS_LABELS,
    STATUSES,
    Article,
    Category,
    Change,
    Citation,
    Claim,
    Comparison,
    Fact,
    Mark,
    Member,
    Move,
    Paragraph,
    Segment,
    Span,
)
from reader.model.errors import InputError
from reader.model.quoting import quoted, unquoted
from reader.model.visible import visible

if TYPE_CHECKING:
    from reader.model.paragraphs import ParagraphLink, paragraph_links, paragraph_rows, paragraphs_of

_LAZY = {
    name: "reader.model.paragraphs" for name in ("ParagraphLink", "paragraph_links", "paragraph_rows", "paragraphs_of")
}

__all__ = [
    "CATEGORIES",
    "CATEGORY_TABLE",
    "LAYERS",
    "ROLES",
    "ROLE_LABELS",
    "STATUSES",
    "STATUS_LABELS",
    "Article",
    "Category",
    "Change",
    "Citation",
    "Claim",
    "Comparison",
    "Fact",
    "InputError",
    "Mark",
    "Member",
    "Move",
    "Paragraph",
    "ParagraphLink",
    "Segment",
    "Span",
    "paragraph_links",
    "paragraph_rows",
    "paragraphs_of",
    "quoted",
    "unquoted",
    "visible",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'reader.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
