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


class Hint(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


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
            hint = Hint(binding.key, app.get_key_display(binding), binding.description, enabled)
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
        line = Text()
        zones: list[tuple[int, int, Hint]] = []
        for sep in ("  ", " "):  # two spaces between hints when they all fit, else one
            line, zones = Text(), []
            for hint in shown:
                part = self._hint_text(hint, key_style, text_style)
                start = line.cell_len + (len(sep) if line else 0)
                if start + part.cell_len > room:
                    break
                if line:
                    line.append(sep)
                line.append_text(part)
                zones.append((start, line.cell_len, hint))
            if len(zones) == len(shown):
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
