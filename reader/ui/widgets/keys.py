"""KeyBar: the key hints at the bottom, drawn as one line of text.

Textual's Footer mounts a widget per key and rebuilds them all whenever the
bindings change, which happens several times while the app starts (about a third
of the start-up time on the corpus). This bar draws the same hints in one render
and only repaints when the bindings change; clicking a hint presses its key.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

KEPT_ACTIONS = frozenset({"help", "quit"})  # how a new user learns the rest, and how to leave: shown at any width


class Hint(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool
    action: str = ""


def kept_hints(widths: list[int], kept: list[bool], room: int, sep: int) -> list[int]:
    """Which hints fit in `room` cells, in their order: the ones marked `kept` first, then the others
    from the left while there is room, so a narrow bar drops the less important keys, never help or quit."""
    used = sum(w for w, k in zip(widths, kept, strict=True) if k) + sep * max(sum(kept) - 1, 0)
    chosen = {i for i, k in enumerate(kept) if k}
    for i, (w, k) in enumerate(zip(widths, kept, strict=True)):
        if k:
            continue
        extra = w + (sep if chosen else 0)
        if used + extra > room:
            break
        chosen.add(i)
        used += extra
    return sorted(chosen)


class KeyBar(Widget):
    """The shown bindings of the focused widget and its ancestors, then the palette key at the right."""

    COMPONENT_CLASSES = {"keybar--key", "keybar--description"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._zones: list[tuple[int, int, Hint]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        self.refresh()

    def hints(self) -> tuple[list[Hint], Hint | None]:
        """(hints in binding order, one per action; the command palette hint, if any)."""
        app = self.app
        shown: list[Hint] = []
        actions: set[str] = set()
        palette: Hint | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            hint = Hint(binding.key, app.get_key_display(binding), binding.description, enabled, binding.action)
            if binding.key == app.COMMAND_PALETTE_BINDING:
                palette = hint if app.ENABLE_COMMAND_PALETTE else None
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                shown.append(hint)
        return shown, palette

    def render(self) -> Text:
        shown, palette = self.hints()
        width = self.size.width
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        text_style = self.get_component_rich_style("keybar--description", partial=True)
        right = self._hint_text(palette, key_style, text_style) if palette else Text()
        room = width - right.cell_len - 1
        parts = [self._hint_text(hint, key_style, text_style) for hint in shown]
        line = Text()
        zones: list[tuple[int, int, Hint]] = []
        for sep in ("  ", " "):  # two spaces between hints when they all fit, else one
            kept = kept_hints([p.cell_len for p in parts], [h.action in KEPT_ACTIONS for h in shown], room, len(sep))
            line, zones = Text(), []
            for i in kept:
                start = line.cell_len + (len(sep) if line else 0)
                if line:
                    line.append(sep)
                line.append_text(parts[i])
                zones.append((start, line.cell_len, shown[i]))
            if len(kept) == len(shown):
                break
        if palette:
            line.append(" " * max(width - line.cell_len - right.cell_len, 1))
            zones.append((line.cell_len, line.cell_len + right.cell_len, palette))
            line.append_text(right)
        self._zones = zones
        line.no_wrap = True
        return line

    @staticmethod
    def _hint_text(hint: Hint, key_style: Style, text_style: Style) -> Text:
        dim = Style(dim=True) if not hint.enabled else Style()
        out = Text(hint.display, key_style + dim)
        if hint.description:
            out.append(" " + hint.description, text_style + dim)
        return out

    def on_click(self, event: events.Click) -> None:
        for start, end, hint in self._zones:
            if start <= event.x < end:
                if hint.enabled:
                    self.app.simulate_key(hint.key)
                else:
                    self.app.bell()
                return
