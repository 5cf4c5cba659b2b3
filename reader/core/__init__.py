"""The engine: versions of one story in, one `Comparison` out.

`compare_versions` is the pipeline's one entry point (load -> segment -> align -> compare); the
command line and the app both call it. Everything else in this package is a stage.
It is imported on first use, so `import reader.core.load` (which the app needs to show
the versions' headers at once) does not pull in the engine's numerical libraries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .load import Source
    from .model import Comparison


def compare_versions(
    versions: Sequence[str] | Sequence[Source],
    base: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Comparison:
    """Compare the versions: paths (files, folders, `-` for standard input, URLs) to load,
    or sources already loaded. `base` is the version the others are compared with (0-based);
    `progress` is told each stage's name as it starts."""
    from .compare import build
    from .load import Source, load_sources

    if all(isinstance(v, Source) for v in versions):
        return build([v for v in versions if isinstance(v, Source)], base, progress)
    return build(load_sources([str(v) for v in versions], progress), base, progress)
