"""How the comparison crosses from the engine's process to the app's: pickled, quickly and without what the app holds.

Pickled as it is, the model of 10 x 1,000 sentences took 107 ms to write and 90 ms to read, for two
reasons this module removes:
- frozen dataclasses with slots (Change, Segment, Member, ...) pickle through dataclasses' own
  __getstate__, which asks dataclasses.fields() for every object: here they are rebuilt by their
  constructor from their fields' values (40 and 44 ms);
- the articles' texts, sentences and paragraphs (3 of the 4.8 MB) are already in the app: the engine's
  process was forked from it after the versions were segmented (`segment` keeps its results), so an
  article whose text and sentences are the very objects the app holds is sent by its version number,
  and the app puts its own back in (the same objects its first screen shows).
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import operator
import pickle
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core import Source
    from reader.model import Article

HELD = ("text", "segments", "paragraphs")  # what an article shares with the app's own reading of the version


def send(value: object, stream: IO[bytes], sources: Sequence[Source] = ()) -> None:
    """Pickle `value` into `stream`; articles of `sources` (as the app segmented them) go by number."""
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _Reducers(sources)
    pickler.dump(value)


def receive(stream: IO[bytes], sources: Sequence[Source] = ()) -> Any:
    """Read what `send` wrote, the articles sent by number made from `sources`."""
    return _Receiver(stream, sources).load()


def pickled(value: object, sources: Sequence[Source] = ()) -> bytes:
    """`value` as `send` sends it."""
    buffer = io.BytesIO()
    send(value, buffer, sources)
    return buffer.getvalue()


class _Reducers(dict):
    """copyreg's reducers, one for articles, and one made on first need for each frozen dataclass with slots."""

    def __init__(self, sources: Sequence[Source]) -> None:
        super().__init__(copyreg.dispatch_table)
        self.sources = sources

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        from reader.model import Article

        reducer = self._article if cls is Article else _by_constructor(cls) or _usual
        self[cls] = reducer
        return reducer

    def _article(self, article: Article) -> Any:
        from reader.core import segment

        i = article.index
        if 0 <= i < len(self.sources) and article.text is self.sources[i].text:
            held = segment(article.text)
            if article.segments is held.segments and article.paragraphs is held.paragraphs:
                rest = {f.name: getattr(article, f.name) for f in dataclasses.fields(article) if f.name not in HELD}
                return _held_article, (i, rest)
        return _usual(article)


def _held_article(i: int, rest: dict[str, Any]) -> Article:
    """Stands in the pickle for an article the app holds; `receive` reads it as the app's own."""
    raise pickle.UnpicklingError(f"article {i} is the app's own: read this with transfer.receive")


class _Receiver(pickle.Unpickler):
    def __init__(self, stream: IO[bytes], sources: Sequence[Source]) -> None:
        super().__init__(stream)
        self.sources = sources

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _held_article.__name__:
            return self._held_article
        return super().find_class(module, name)

    def _held_article(self, i: int, rest: dict[str, Any]) -> Article:
        from reader.core import segment
        from reader.model import Article

        text = self.sources[i].text
        held = segment(text)  # the app's own (kept since it segmented the version, or made again alike)
        return Article(text=text, segments=held.segments, paragraphs=held.paragraphs, **rest)


def _usual(obj: Any) -> Any:
    return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)


def _by_constructor(cls: type) -> Callable[[Any], Any] | None:
    """A reducer that rebuilds an instance by calling the class with its fields' values, for frozen dataclasses
    with slots (None for other classes, or when the constructor would not take back what the fields hold)."""
    params = vars(cls).get("__dataclass_params__")  # set on each dataclass by its decorator
    if not (dataclasses.is_dataclass(cls) and "__slots__" in vars(cls) and params is not None and params.frozen):
        return None
    fields = dataclasses.fields(cls)
    if any(not f.init for f in fields) or hasattr(cls, "__post_init__"):
        return None
    names = [f.name for f in fields]
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda obj: (cls, (one(obj),))
    get = operator.attrgetter(*names)
    return lambda obj: (cls, get(obj))
