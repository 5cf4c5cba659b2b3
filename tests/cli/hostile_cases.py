"""The hostile-input table: every way a user, a file, a server or a terminal can go wrong, one row each.

A row names the files it needs, the command line, and what must happen: the exit status and, for
a refusal, words of the one-line message. The runner (test_hostile_suite.py) adds what holds for
every row: no traceback, no internal error, no control character on standard error, every input
byte-for-byte unchanged (checksums before and after), no stray file left, and an end within 30 s.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.cli.conftest import FIRST, SECOND

A, B = FIRST, SECOND
ESC = "\x1b"

Setup = Callable[[Path], None]
Content = str | bytes | Callable[[], str | bytes]  # a callable for the big ones: made when the row runs
Check = Callable[["Outcome", Path], None]


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Case:
    category: str
    name: str
    argv: tuple[str, ...]
    code: int
    message: str = ""  # words the one line on standard error must hold (for exit status 2)
    files: dict[str, Content] = field(default_factory=dict)
    setup: Setup | None = None
    fmt: str | None = "json"  # appended as --format FMT; None for the app or argv that says it all
    stdin: bytes | None = None  # piped in (in-process)
    stdin_stays_open: bool = False  # in-process: stdin is a real pipe whose writer never closes it
    shell: str = ""  # run as a real process with these redirections (bash syntax)
    user: str | None = None  # "unprivileged": file modes bind (root runs it without its override capabilities)
    patch: dict[str, object] = field(default_factory=dict)  # "module:NAME" -> value, in-process only
    writes: tuple[str, ...] = ()  # files the command may create or replace
    check: Check | None = None
    said: str = ""  # for exit status 0: words of the one note or warning on standard error (else it is empty)

    @property
    def id(self) -> str:
        return f"{self.category}: {self.name}"

    @property
    def in_process(self) -> bool:
        return not self.shell and self.user is None


def two(**extra: Content) -> dict[str, Content]:
    """The two good versions, plus whatever the row adds."""
    return {"1.txt": A, "2.txt": B, **extra}


def symlink(name: str, target: str) -> Setup:
    return lambda d: (d / name).symlink_to(target)


def hardlink(name: str, target: str) -> Setup:
    return lambda d: os.link(d / target, d / name)


def fifo(name: str) -> Setup:
    return lambda d: os.mkfifo(d / name)


def chmod(name: str, mode: int) -> Setup:
    return lambda d: os.chmod(d / name, mode)


def folder(name: str, **files: str | bytes) -> Setup:
    def make(d: Path) -> None:
        (d / name).mkdir()
        for n, content in files.items():
            (d / name / n).write_bytes(content.encode() if isinstance(content, str) else content)

    return make


def steps(*setups: Setup) -> Setup:
    def run_all(d: Path) -> None:
        for s in setups:
            s(d)

    return run_all


def sparse(name: str, size: int) -> Setup:
    def make(d: Path) -> None:
        with (d / name).open("wb") as f:
            f.truncate(size)

    return make


def report(check: Callable[[dict], bool], what: str) -> Check:
    """The JSON report parses and `check` holds on it."""

    def run_check(result: Outcome, _d: Path) -> None:
        data = json.loads(result.out)
        assert check(data), what

    return run_check


def encoding_is(index: int, name: str) -> Check:
    return report(lambda d: d["articles"][index]["encoding"] == name, f"version {index + 1} is read as {name}")


def text_holds(index: int, *words: str) -> Check:
    return report(lambda d: all(w in d["articles"][index]["text"] for w in words), f"version {index + 1} holds {words}")


def file_holds(name: str, *words: str) -> Check:
    def run_check(_result: Outcome, d: Path) -> None:
        text = (d / name).read_text(encoding="utf-8")
        assert all(w in text for w in words), (name, words)

    return run_check


def nested(depth: int) -> str:
    return "x = " + "[" * depth + "]" * depth + "\n"


def many_sentences(n: int, version: int) -> str:
    return " ".join(f"Kalo {10 + (i % 80) + (version if i % 10 == 3 else 0)} mira." for i in range(n))


def divs(n: int) -> str:
    return "<html><body>" + "".join(f"<div>w{i}</div>" for i in range(n)) + "</body></html>"


def page(body: str, head: str = '<meta charset="utf-8"><title>Talks</title>') -> str:
    return f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"


ARTICLE = "".join(
    f"<p>{s}</p>"
    for s in (
        "Negotiators met on Tuesday in Geneva for a third round of talks, officials said.",
        "The delegations agreed to exchange 12 prisoners each, according to the ministry.",
        "A further meeting is planned for next month in the same city.",
    )
)
LONG_NAME = "v" * 300 + ".txt"
MIXED = "Russia’s envoy met “officials” in Genève on Tuesday.".encode() + b" Talks \xff\xfe resumed \x80. "
MIXED += "It was the third round — officials said.".encode()

CASES: list[Case] = [
    # ---- paths -------------------------------------------------------------------------------
    Case("paths", "missing file", ("1.txt", "nope.txt"), 2, "nope.txt: no such file or directory", two()),
    Case("paths", "missing single path", ("nope.txt",), 2, "nope.txt: no such file or directory"),
    Case("paths", "empty string path", ("1.txt", ""), 2, "no such file or directory", two()),
    Case("paths", "file used as a folder", ("1.txt", "2.txt/x"), 2, "2.txt/x: no such file or directory", two()),
    Case("paths", "trailing slash on a file", ("1.txt", "2.txt/"), 2, "no such file or directory", two()),
    Case(
        "paths",
        "symlink loop",
        ("1.txt", "loop-a"),
        2,
        "loop-a: a loop of symbolic links",
        two(),
        steps(symlink("loop-a", "loop-b"), symlink("loop-b", "loop-a")),
    ),
    Case(
        "paths",
        "symlink to itself",
        ("1.txt", "self"),
        2,
        "self: a loop of symbolic links",
        two(),
        symlink("self", "self"),
    ),
    Case(
        "paths",
        "symlink loop inside a story folder",
        ("story",),
        0,
        "",
        {},
        steps(folder("story", **{"1.txt": A, "2.txt": B}), symlink("story/3.txt", "3.txt")),
    ),
    Case(
        "paths",
        "dangling symlink",
        ("1.txt", "dangling"),
        2,
        "dangling: no such file or directory",
        two(),
        symlink("dangling", "gone.txt"),
    ),
    Case("paths", "file name too long", ("1.txt", LONG_NAME), 2, "file name too long", two()),
    Case("paths", "folder name too long", ("1.txt", "x" * 300 + "/2.txt"), 2, "file name too long", two()),
    Case("paths", "path longer than PATH_MAX", ("1.txt", "a/" * 2100 + "x"), 2, "", two()),
    Case("paths", "/dev/null", ("1.txt", "/dev/null"), 2, "/dev/null: not a regular file", two()),
    Case("paths", "/dev/zero", ("1.txt", "/dev/zero"), 2, "/dev/zero: not a regular file", two()),
    Case("paths", "a FIFO does not hang", ("1.txt", "pipe"), 2, "pipe: not a regular file", two(), fifo("pipe")),
    Case(
        "paths",
        "a FIFO in a story folder",
        ("story",),
        2,
        "no text, Markdown or HTML files",
        {},
        steps(folder("story"), fifo("story/1.txt"), fifo("story/2.txt")),
    ),
    Case("paths", "/proc/self/mem", ("1.txt", "/proc/self/mem"), 2, "/proc/self/mem: cannot read", two()),
    Case(
        "paths", "empty folder", ("story",), 2, "no text, Markdown or HTML files in this directory", {}, folder("story")
    ),
    Case(
        "paths",
        "folder of pictures",
        ("story",),
        2,
        "no text, Markdown or HTML files",
        {},
        folder("story", **{"a.png": b"\x89PNG\r\n", ".hidden.txt": A}),
    ),
    Case("paths", "one version only", ("1.txt",), 2, "need at least two versions", two()),
    Case(
        "paths",
        "folder with one version",
        ("story",),
        2,
        "need at least two versions",
        {},
        folder("story", **{"1.txt": A}),
    ),
    Case("paths", "same file twice", ("1.txt", "1.txt"), 2, "1.txt: given twice", two()),
    Case(
        "paths",
        "same file by a hard link",
        ("1.txt", "hard.txt"),
        2,
        "hard.txt: given twice (the same file as 1.txt)",
        two(),
        hardlink("hard.txt", "1.txt"),
    ),
    Case(
        "paths",
        "same file by a symlink",
        ("1.txt", "soft.txt"),
        2,
        "soft.txt: given twice (the same file as 1.txt)",
        two(),
        symlink("soft.txt", "1.txt"),
    ),
    Case("paths", "same file by ./ and ..", ("1.txt", "sub/../1.txt"), 2, "given twice", two(), folder("sub")),
    Case(
        "paths",
        "a file and its folder",
        ("story", "story/1.txt"),
        2,
        "given twice",
        {},
        folder("story", **{"1.txt": A, "2.txt": B}),
    ),
    Case(
        "paths",
        "hard link inside the folder",
        ("story",),
        2,
        "given twice",
        {},
        steps(folder("story", **{"1.txt": A, "2.txt": B}), lambda d: os.link(d / "story/1.txt", d / "story/3.txt")),
    ),
    Case("paths", "stdin named twice", ("-", "-"), 2, "-: standard input is named twice", stdin=A.encode()),
    Case(
        "paths",
        "stdin is the same file as an input",
        ("-", "1.txt"),
        2,
        "1.txt: given twice (the same file as standard input)",
        two(),
        shell="< 1.txt",
    ),
    Case("paths", "file:// URL", ("1.txt", "file:///etc/passwd"), 2, "only http and https URLs can be fetched", two()),
    Case("paths", "ftp URL", ("1.txt", "ftp://example.org/a.txt"), 2, "only http and https URLs can be fetched", two()),
    Case(
        "paths",
        "unreadable file",
        ("1.txt", "2.txt"),
        2,
        "2.txt: permission denied",
        two(),
        chmod("2.txt", 0),
        user="unprivileged",
    ),
    Case(
        "paths",
        "unreadable folder",
        ("story",),
        2,
        "story: permission denied",
        {},
        steps(folder("story", **{"1.txt": A, "2.txt": B}), chmod("story", 0o311)),
        user="unprivileged",
    ),
    Case(
        "paths",
        "folder that cannot be entered",
        ("1.txt", "story/2.txt"),
        2,
        "story/2.txt: permission denied",
        two(),
        steps(folder("story", **{"2.txt": B}), chmod("story", 0o600)),
        user="unprivileged",
    ),
    Case(
        "paths",
        "unreadable story.toml",
        ("story",),
        2,
        "story.toml: cannot read",
        {},
        steps(folder("story", **{"1.txt": A, "2.txt": B, "story.toml": 'title = "x"\n'}), chmod("story/story.toml", 0)),
        user="unprivileged",
    ),
    Case("paths", "relative path through ..", ("sub/../1.txt", "2.txt"), 0, "", two(), folder("sub")),
    # ---- names -------------------------------------------------------------------------------
    *[
        Case(
            "names",
            label,
            (name, "2.txt"),
            0,
            "",
            {name: A, "2.txt": B},
            check=report(lambda d, name=name: d["articles"][0]["path"] == name, "the path is kept as given"),
        )
        for label, name in [
            ("escape sequence in a name", f"1-{ESC}[2J{ESC}]0;pwned{ESC}\\.txt"),
            ("markup in a name", "1-[bold]x[red on blue].txt"),
            ("link and action markup in a name", "1-[link=file:x][@click=app.quit]x.txt"),
            ("bidi override in a name", "1-\u202etxt.exe.txt"),
            ("newline in a name", "1-two\nlines.txt"),
            ("bell and backspace in a name", "1-\x07\x08.txt"),
            ("C1 control in a name", "1-\x9b2J.txt"),
            ("leading dash behind ./", "./-rf.txt"),
            ("spaces and quotes", "1 'quoted' \"name\".txt"),
            ("printf and format fields", "1-%s%n{0}$HOME.txt"),
            ("emoji and CJK", "1-新闻🗞️.txt"),
            ("a name of 250 characters", "v" * 246 + ".txt"),
            ("a file named story.toml given itself", "story.toml"),
        ]
    ],
    Case(
        "names",
        "missing file with an escape in its name",
        ("1.txt", f"no{ESC}[31mpe.txt"),
        2,
        "no␛[31mpe.txt: no such file or directory",
        two(),
    ),
    Case(
        "names", "missing file with a newline in its name", ("1.txt", "no\npe.txt"), 2, "no pe.txt: no such file", two()
    ),
    Case(
        "names",
        "name that is not UTF-8",
        ("1.txt", os.fsdecode(b"bad-\xff\xfe.txt")),
        2,
        "no such file or directory",
        two(),
    ),
    Case(
        "names",
        "existing file whose name is not UTF-8",
        (os.fsdecode(b"1-\xff.txt"), "2.txt"),
        0,
        "",
        {os.fsdecode(b"1-\xff.txt"): A, "2.txt": B},
    ),
    # ---- sizes -------------------------------------------------------------------------------
    Case("sizes", "empty file", ("1.txt", "empty.txt"), 2, "empty.txt: the file is empty", two(**{"empty.txt": ""})),
    Case(
        "sizes",
        "white space only",
        ("1.txt", "blank.txt"),
        2,
        "blank.txt: holds only white space",
        two(**{"blank.txt": " \n\t\r\n  \u3000"}),
    ),
    Case("sizes", "a single character", ("1.txt", "x.txt"), 0, "", two(**{"x.txt": "x"})),
    Case(
        "sizes",
        "file over 20 MB (sparse) refused before reading",
        ("1.txt", "huge.txt"),
        2,
        "huge.txt: too large (64 MB; the limit is 20 MB)",
        two(),
        sparse("huge.txt", 64 * 1024 * 1024),
    ),
    Case(
        "sizes",
        "stdin over 20 MB",
        ("1.txt", "-"),
        2,
        "-: too large (over 20 MB)",
        two(),
        stdin=b"word " * (4 * 1024 * 1024 + 10),
    ),
    Case(
        "sizes",
        "text over 1,000,000 characters",
        ("1.txt", "long.txt"),
        2,
        "too long to compare (1,000,001 characters of text; the limit is 1,000,000)",
        two(**{"long.txt": lambda: "A" * 1_000_001}),
    ),
    Case(
        "sizes",
        "over 30,000 sentences",
        ("1.txt", "many.txt"),
        2,
        "too long to compare (30,001 sentences; the limit is 30,000 per version)",
        two(**{"many.txt": lambda: many_sentences(30_001, 1)}),
    ),
    Case(
        "sizes",
        "two versions at the sentence limit",
        ("a.txt", "b.txt"),
        0,
        "",
        {"a.txt": lambda: many_sentences(30_000, 0), "b.txt": lambda: many_sentences(30_000, 1)},
    ),
    Case(
        "sizes",
        "one line of 900,000 characters",
        ("1.txt", "line.txt"),
        0,
        "",
        two(**{"line.txt": lambda: ("word " * 180_000).strip()}),
    ),
    Case(
        "sizes",
        "a sentence that is one blob of wiki markup, 180,000 characters without a space",
        ("1.txt", "blob.txt"),
        0,
        "",
        two(**{"blob.txt": lambda: "Intro line here. " + "ab|" * 60_000 + " end."}),
    ),
    Case(
        "sizes",
        "no sentence punctuation at all",
        ("1.txt", "flat.txt"),
        0,
        "",
        two(**{"flat.txt": "words without end " * 2000}),
    ),
    Case(
        "sizes",
        "HTML of 145,000 small divs refused before extraction",
        ("1.txt", "divs.html"),
        2,
        "too much markup to extract the article (145,002 elements; the limit is 40,000)",
        two(**{"divs.html": lambda: divs(145_000)}),
    ),
    Case(
        "sizes",
        "19 MB of markup around an article refused before extraction",
        ("1.txt", "big.html"),
        2,
        "MB of markup besides scripts and styles; the limit is 2 MB)",
        two(**{"big.html": lambda: page(ARTICLE + "<p>" + "word " * 3_900_000 + "</p>")}),
    ),
    Case(
        "sizes",
        "HTML just under the element limit",
        ("1.txt", "near.html"),
        0,
        "",
        two(**{"near.html": lambda: page(ARTICLE + "<i>a</i>" * 39_000)}),
    ),
    Case(
        "sizes",
        "18 MB of script around an article is set aside",
        ("1.txt", "scripted.html"),
        0,
        "",
        two(
            **{
                "scripted.html": lambda: page(
                    ARTICLE, head="<title>T</title><script>" + "var a=1;" * 2_300_000 + "</script>"
                )
            }
        ),
    ),
    Case(
        "sizes",
        "51 versions",
        ("story",),
        2,
        "too many versions to compare (51; the limit is 50)",
        {},
        folder("story", **{f"{i:02d}.txt": f"Version {i} says {i} boats came." for i in range(51)}),
    ),
    Case(
        "sizes",
        "50 short versions",
        ("story",),
        0,
        "",
        {},
        folder("story", **{f"{i:02d}.txt": f"Version {i} says {i} boats came." for i in range(50)}),
    ),
    Case(
        "sizes",
        "too many versions for their length",
        ("story",),
        2,
        "too much to compare at once: 12 versions of 24,000 sentences in all; the limit is 250,000",
        {},
        folder("story", **{f"{i:02d}.txt": many_sentences(2_000, i) for i in range(12)}),
    ),
    # ---- encodings ---------------------------------------------------------------------------
    Case(
        "encodings",
        "UTF-8 with three bad bytes stays UTF-8",
        ("1.txt", "mixed.txt"),
        0,
        "",
        two(**{"mixed.txt": MIXED}),
        check=encoding_is(1, "utf-8 (3 bad bytes replaced)"),
    ),
    Case(
        "encodings",
        "the good characters of mixed UTF-8 survive",
        ("1.txt", "mixed.txt"),
        0,
        "",
        two(**{"mixed.txt": MIXED}),
        check=text_holds(1, "Russia’s", "Genève", "\ufffd\ufffd", "—"),
    ),
    Case(
        "encodings",
        "one bad byte",
        ("1.txt", "one.txt"),
        0,
        "",
        two(**{"one.txt": "Genève’s talks — “yes”. ".encode() + b"\xc3(."}),
        check=encoding_is(1, "utf-8 (1 bad byte replaced)"),
    ),
    Case(
        "encodings",
        "overlong and surrogate UTF-8 in UTF-8 text",
        ("1.txt", "over.txt"),
        0,
        "",
        two(**{"over.txt": "Zürich’s “mayor” said — ok; über alles. ".encode() * 3 + b"\xc0\xaf \xed\xa0\x80."}),
        check=report(lambda d: d["articles"][1]["encoding"].startswith("utf-8 ("), "mostly UTF-8"),
    ),
    Case(
        "encodings",
        "Latin-1",
        ("1.txt", "latin.txt"),
        0,
        "",
        two(**{"latin.txt": "Négociateurs à Genève: café, naïve, façade. Élu.".encode("latin-1")}),
        check=text_holds(1, "Genève", "façade"),
    ),
    Case(
        "encodings",
        "Windows-1252 quotes",
        ("1.txt", "cp.txt"),
        0,
        "",
        two(
            **{
                "cp.txt": (
                    "Russia’s “envoy” said the talks in Genève would resume “soon” — officials agreed. " * 3
                ).encode("cp1252")
            }
        ),
        check=text_holds(1, "Russia’s", "“envoy”"),
    ),
    Case(
        "encodings",
        "UTF-16 with BOM",
        ("1.txt", "u16.txt"),
        0,
        "",
        two(**{"u16.txt": B.encode("utf-16")}),
        check=encoding_is(1, "utf-16 (BOM)"),
    ),
    Case(
        "encodings",
        "UTF-32 with BOM",
        ("1.txt", "u32.txt"),
        0,
        "",
        two(**{"u32.txt": B.encode("utf-32")}),
        check=encoding_is(1, "utf-32 (BOM)"),
    ),
    Case(
        "encodings",
        "UTF-8 with BOM",
        ("1.txt", "bom.txt"),
        0,
        "",
        two(**{"bom.txt": B.encode("utf-8-sig")}),
        check=encoding_is(1, "utf-8 (BOM)"),
    ),
    Case(
        "encodings",
        "UTF-16 BOM on odd bytes",
        ("1.txt", "bad16.txt"),
        2,
        "starts with a utf-16 byte-order mark",
        two(**{"bad16.txt": b"\xff\xfe" + b"\x00\xd8a"}),
    ),
    Case(
        "encodings",
        "UTF-16 without BOM (NUL bytes)",
        ("1.txt", "nobom.txt"),
        2,
        "looks like a binary file",
        two(**{"nobom.txt": B.encode("utf-16-le")}),
    ),
    Case(
        "encodings",
        "a PNG",
        ("1.txt", "pic.txt"),
        2,
        "looks like a binary file",
        two(**{"pic.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4}),
    ),
    Case(
        "encodings",
        "random bytes",
        ("1.txt", "noise.txt"),
        2,
        "",
        two(**{"noise.txt": bytes((i * 7919) % 256 for i in range(5000))}),
    ),
    Case(
        "encodings",
        "control characters throughout",
        ("1.txt", "ctl.txt"),
        2,
        "looks like a binary file",
        two(**{"ctl.txt": "\x01\x02\x03 ab" * 300}),
    ),
    Case(
        "encodings",
        "CRLF and lone CR",
        ("1.txt", "crlf.txt"),
        0,
        "",
        two(**{"crlf.txt": B.replace("\n", "\r\n").replace("month.", "month.\rAnd more.")}),
        check=report(lambda d: "\r" not in d["articles"][1]["text"], "no CR in the text"),
    ),
    Case(
        "encodings",
        "Shift-JIS",
        ("1.txt", "sjis.txt"),
        0,
        "",
        two(**{"sjis.txt": "東京で会談が再開された。捕虜十二人が交換される。".encode("shift_jis")}),
    ),
    Case(
        "encodings",
        "terminal escapes in the text stay data",
        ("1.txt", "esc.txt"),
        0,
        "",
        two(**{"esc.txt": B + f"Alert {ESC}[31mred{ESC}[0m and {ESC}]0;title{ESC}\\ here. Bell \x07 too."}),
    ),
    Case(
        "encodings",
        "HTML declaring an unknown charset",
        ("1.txt", "bogus.html"),
        0,
        "",
        two(**{"bogus.html": page(ARTICLE, head='<meta charset="x-bogus-42"><title>T</title>')}),
    ),
    Case(
        "encodings",
        "HTML declaring Latin-1 but UTF-8 inside",
        ("1.txt", "liar.html"),
        0,
        "",
        two(**{"liar.html": page(ARTICLE.replace("Geneva", "Genève"), head='<meta charset="iso-8859-1">')}),
    ),
    Case(
        "encodings",
        "HTML declaring UTF-16 without being it",
        ("1.txt", "u16meta.html"),
        0,
        "",
        two(**{"u16meta.html": page(ARTICLE, head='<meta charset="utf-16"><title>Talks</title>')}),
        check=text_holds(1, "12 prisoners"),
    ),
    # ---- HTML --------------------------------------------------------------------------------
    Case(
        "html",
        "an &#27; reference does not lose the article",
        ("1.txt", "ref.html"),
        0,
        "",
        two(**{"ref.html": page(ARTICLE.replace("third round", "third &#27;[31m round"))}),
        check=text_holds(1, "third ␛[31m round", "12 prisoners"),
    ),
    Case(
        "html",
        "references to NUL, surrogates and beyond Unicode",
        ("1.txt", "refs.html"),
        0,
        "",
        two(**{"refs.html": page(ARTICLE.replace("third", "&#0; &#xD800; &#1114112; &#99999999999999999999; third"))}),
        check=text_holds(1, "third round"),
    ),
    Case(
        "html",
        "raw escape and bell in a page",
        ("1.txt", "raw.html"),
        0,
        "",
        two(**{"raw.html": page(ARTICLE.replace("third", f"{ESC}[2J\x07 third"))}),
        check=text_holds(1, "␛[2J␇ third"),
    ),
    Case(
        "html",
        "no article text",
        ("1.txt", "nav.html"),
        2,
        "no article text found in this HTML page",
        two(**{"nav.html": "<html><head><title></title></head><body><div> </div></body></html>"}),
    ),
    Case(
        "html",
        "only scripts",
        ("1.txt", "js.html"),
        2,
        "no article text",
        two(**{"js.html": "<html><body><script>document.write('x')</script></body></html>"}),
    ),
    Case(
        "html",
        "an unclosed script swallows the page",
        ("1.txt", "open.html"),
        2,
        "no article text",
        two(**{"open.html": "<html><body><script>var a = 1;" + ARTICLE}),
    ),
    Case(
        "html",
        "an unclosed comment",
        ("1.txt", "comment.html"),
        2,
        "no article text",
        two(**{"comment.html": "<html><body><!-- " + ARTICLE}),
    ),
    Case(
        "html",
        "nested 100,000 deep",
        ("1.txt", "deep.html"),
        2,
        "too much markup",
        two(**{"deep.html": lambda: "<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000}),
    ),
    Case(
        "html",
        "nested 5,000 deep",
        ("1.txt", "deep5k.html"),
        2,
        "",
        two(**{"deep5k.html": "<html><body>" + "<div>" * 5_000 + "deep words." + "</div>" * 5_000}),
    ),
    Case(
        "html",
        "entity expansion (billion laughs)",
        ("1.txt", "lol.html"),
        2,
        "no article text",
        two(
            **{
                "lol.html": '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                + "".join(
                    f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True)
                )
                + "]><html><body><article>"
                + ARTICLE
                + "<p>&i;</p></article></body></html>"
            }
        ),
    ),
    Case(
        "html",
        "an attribute of 1 MB",
        ("1.txt", "attr.html"),
        0,
        "",
        two(
            **{
                "attr.html": lambda: page(
                    f"<p title='{'x' * 1_000_000}'>Officials met in Geneva on Tuesday.</p>" + ARTICLE
                )
            }
        ),
    ),
    Case(
        "html",
        "markup in the title and text",
        ("1.txt", "markup.html"),
        0,
        "",
        two(
            **{
                "markup.html": page(
                    "<p>[bold]Officials[/bold] met [link=https://evil.example]here[/link] [/].</p>" + ARTICLE,
                    head="<title>[blink]x[/blink]</title>",
                )
            }
        ),
        check=text_holds(1, "[bold]Officials[/bold]"),
    ),
    Case(
        "html",
        "malformed tags",
        ("1.txt", "bad.html"),
        0,
        "",
        two(
            **{
                "bad.html": "<html><body><article><p>Officials <b>met <i>in</b> Geneva</i> on <<Tuesday>>.</p>"
                + ARTICLE
                + "</div></span></html></html>"
            }
        ),
    ),
    Case(
        "html",
        "a frameset",
        ("1.txt", "frames.html"),
        2,
        "no article text",
        two(**{"frames.html": "<html><frameset><frame src='a.html'></frameset></html>"}),
    ),
    Case(
        "html",
        "plain text with an .html name",
        ("1.txt", "plain.html"),
        2,
        "no article text",
        two(**{"plain.html": "Officials met in Geneva on Tuesday. Talks resumed after a long pause, they said."}),
    ),
    Case(
        "html",
        "XHTML with an XML declaration",
        ("1.txt", "x.xhtml"),
        0,
        "",
        two(
            **{
                "x.xhtml": '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
                + "<article>"
                + ARTICLE
                + "</article></body></html>"
            }
        ),
    ),
    Case(
        "html",
        "binary posing as HTML",
        ("1.txt", "fake.html"),
        2,
        "looks like a binary file",
        two(**{"fake.html": b"<html>" + b"\x00\x01\x02" * 100}),
    ),
    Case(
        "html",
        "a page that is all white space between tags",
        ("1.txt", "ws.html"),
        2,
        "",
        two(**{"ws.html": "<html>" + " \n" * 10_000 + "</html>"}),
    ),
    # ---- Markdown ----------------------------------------------------------------------------
    Case(
        "markdown",
        "over 200,000 characters refused before parsing",
        ("1.txt", "long.md"),
        2,
        "too long to read as Markdown (200,001 characters; the limit is 200,000)",
        two(**{"long.md": lambda: "word " * 40_000 + "x"}),
    ),
    Case(
        "markdown",
        "50,000 unclosed brackets",
        ("1.txt", "brackets.md"),
        0,
        "",
        two(**{"brackets.md": "Officials met. " + "[" * 50_000}),
    ),
    Case(
        "markdown",
        "quotes nested 50,000 deep",
        ("1.txt", "quotes.md"),
        2,
        "quotes.md: no text in it",
        two(**{"quotes.md": "> " * 50_000 + "x"}),
    ),
    Case(
        "markdown",
        "a list nested 400 deep",
        ("1.txt", "list.md"),
        0,
        "",
        two(**{"list.md": "".join("  " * i + f"- item {i}\n" for i in range(400))}),
    ),
    Case(
        "markdown",
        "emphasis marks by the thousand",
        ("1.txt", "emph.md"),
        0,
        "",
        # 20,000 one-word phrases took facts.novel_content 14 s of CPU while it was quadratic
        # (33,000, near the Markdown limit: about 40 s)
        two(**{"emph.md": "Officials met. " + "*a _b " * 33_000}),
    ),
    Case(
        "sizes",
        "quotations by the thousand in one sentence",
        ("1.txt", "quotes.txt"),
        0,
        "",
        # each quotation looked for its words among all the sentence's tokens and its speaker among all
        # its sources: 8,000 took 17 s of CPU, 16,000 over a minute
        two(**{"quotes.txt": " ".join(f"\u201cword{i} here\u201d said Peskov" for i in range(16_000)) + "."}),
    ),
    Case(
        "sizes",
        "sources by the thousand in one sentence",
        ("1.txt", "sources.txt"),
        0,
        "",
        two(**{"sources.txt": " ".join(f"according to Agency{i}," for i in range(12_000)) + " it rained."}),
    ),
    Case(
        "markdown",
        "markup and escapes in Markdown",
        ("1.txt", "m.md"),
        0,
        "",
        two(**{"m.md": f"# [red]Notes[/red]\n\nThe [bold]minister[/] said {ESC}[2J [x](javascript:alert(1)).\n"}),
        check=text_holds(1, "[red]Notes[/red]", "[bold]minister[/]"),
    ),
    Case(
        "markdown",
        "only an HTML block",
        ("1.txt", "block.md"),
        2,
        "block.md: no text in it",
        two(**{"block.md": "<div>\n<script>alert(1)</script>\n</div>\n"}),
    ),
    # ---- story.toml --------------------------------------------------------------------------
    *[
        Case(
            "story.toml",
            label,
            ("story",),
            2,
            message,
            {},
            folder("story", **{"1.txt": A, "2.txt": B, "story.toml": toml}),
        )
        for label, toml, message in [
            ("not TOML", "title = \n", "story.toml: not valid TOML"),
            ("arrays nested 100,000 deep", nested(100_000), "not valid TOML (nested too deeply)"),
            ("inline tables nested 60,000 deep", "x = " + "{a=" * 60_000 + "1" + "}" * 60_000, "not valid TOML"),
            ("dotted keys 50,000 long", ".".join(["k"] * 50_000) + " = 1\n", "a key of more than 32 dotted parts"),
            ("unknown key", 'titel = "x"\n', "unknown key 'titel'"),
            ("order is not a list", 'order = "1.txt"\n', "order must be a list of file names"),
            ("order names a missing file", 'order = ["9.txt"]\n', "'9.txt' is not a version in this folder"),
            ("order names a file twice", 'order = ["1.txt", "1.txt"]\n', "order names a file twice"),
            ("order names a path outside", 'order = ["../1.txt"]\n', "is not a version in this folder"),
            ("versions is not a table", "versions = 3\n", "versions must be a table"),
            ("a version is not a table", '[versions]\n"1.txt" = 3\n', "versions.1.txt must be a table"),
            ("a version with a typo", '[versions."1.txt"]\noutlett = "x"\n', "unknown key 'outlett'"),
            ("title is an array", "title = [1, 2]\n", "title must be a string"),
            ("not UTF-8", 'title = "Gen\xe8ve"\n'.encode("latin-1"), "story.toml: not UTF-8 text"),
            ("over 256 KB", "# " + "x" * 300_000 + "\n", "too large for a metadata file (over 256 KB)"),
            ("binary", b"\x00\x01\x02\x03", "not valid TOML"),
        ]
    ],
    Case(
        "story.toml",
        "a directory named story.toml",
        ("story",),
        0,
        "",
        {},
        steps(folder("story", **{"1.txt": A, "2.txt": B}), folder("story/story.toml")),
    ),
    Case(
        "story.toml",
        "a symlink loop named story.toml",
        ("story",),
        0,
        "",
        {},
        steps(folder("story", **{"1.txt": A, "2.txt": B}), symlink("story/story.toml", "story.toml")),
    ),
    Case(
        "story.toml",
        "a FIFO named story.toml does not hang",
        ("story",),
        0,
        "",
        {},
        steps(folder("story", **{"1.txt": A, "2.txt": B}), fifo("story/story.toml")),
    ),
    Case(
        "story.toml",
        "markup and escapes in titles stay text",
        ("story",),
        0,
        "",
        {},
        folder(
            "story",
            **{
                "1.txt": A,
                "2.txt": B,
                "story.toml": 'title = "[bold]x[/bold] \\u001b[2J"\n[versions."1.txt"]\noutlet = "[/]\\u009b"\n',
            },
        ),
        fmt="markdown",
        check=lambda r, d: (
            None
            if ESC not in r.out and "\x9b" not in r.out
            else (_ for _ in ()).throw(AssertionError("a control character reached the report"))
        ),
    ),
    # ---- outputs and standard streams ----------------------------------------------------------
    Case("outputs", "-o over an input", ("1.txt", "2.txt", "-o", "2.txt"), 2, "2.txt: is one of the inputs", two()),
    Case(
        "outputs",
        "-o over a hard link to an input",
        ("1.txt", "2.txt", "-o", "hard.txt"),
        2,
        "hard.txt: is one of the inputs (2.txt)",
        two(),
        hardlink("hard.txt", "2.txt"),
    ),
    Case(
        "outputs",
        "-o over a symlink to an input",
        ("1.txt", "2.txt", "-o", "soft.txt"),
        2,
        "soft.txt: is one of the inputs (1.txt)",
        two(),
        symlink("soft.txt", "1.txt"),
    ),
    Case(
        "outputs",
        "-o over the folder's story.toml",
        ("story", "-o", "story/story.toml"),
        2,
        "story/story.toml: is one of the inputs",
        {},
        folder("story", **{"1.txt": A, "2.txt": B, "story.toml": 'title = "Talks"\n'}),
    ),
    Case(
        "outputs",
        "-o over a file of the input folder",
        ("story", "-o", "story/1.txt"),
        2,
        "is one of the inputs",
        {},
        folder("story", **{"1.txt": A, "2.txt": B}),
    ),
    Case(
        "outputs",
        "-o over the file piped in as -",
        ("-", "2.txt", "-o", "piped.txt"),
        2,
        "piped.txt: is one of the inputs (standard input)",
        two(**{"piped.txt": A}),
        shell="< piped.txt",
    ),
    Case(
        "outputs",
        "standard output appended to an input",
        ("1.txt", "2.txt"),
        2,
        "standard output is 1.txt, an input",
        two(),
        shell=">> 1.txt",
    ),
    Case(
        "outputs", "-o is a directory", ("1.txt", "2.txt", "-o", "out"), 2, "out: is a directory", two(), folder("out")
    ),
    Case(
        "outputs",
        "-o in a missing folder",
        ("1.txt", "2.txt", "-o", "no/such/r.json"),
        2,
        "no/such/r.json: cannot write",
        two(),
    ),
    Case("outputs", "-o name too long", ("1.txt", "2.txt", "-o", "r" * 300), 2, "cannot write", two()),
    Case(
        "outputs",
        "-o a FIFO does not hang",
        ("1.txt", "2.txt", "-o", "pipe"),
        2,
        "pipe: not a regular file",
        two(),
        fifo("pipe"),
    ),
    Case("outputs", "-o /dev/full", ("1.txt", "2.txt", "-o", "/dev/full"), 2, "/dev/full: cannot write", two()),
    Case("outputs", "-o /dev/null", ("1.txt", "2.txt", "-o", "/dev/null"), 0, "", two()),
    Case(
        "outputs",
        "-o in a folder that may not be written",
        ("1.txt", "2.txt", "-o", "locked/r.json"),
        2,
        "locked/r.json: cannot write",
        two(),
        steps(folder("locked"), chmod("locked", 0o555)),
        user="unprivileged",
    ),
    Case(
        "outputs",
        "a failed write keeps the older report whole",
        ("1.txt", "2.txt", "-o", "locked/r.json"),
        2,
        "cannot write",
        two(),
        steps(folder("locked", **{"r.json": "older report"}), chmod("locked", 0o555)),
        user="unprivileged",
    ),
    Case(
        "outputs",
        "-o replaces an older report",
        ("1.txt", "2.txt", "-o", "r.json"),
        0,
        "",
        two(**{"r.json": "older"}),
        writes=("r.json",),
        check=file_holds("r.json", '"schema"'),
    ),
    Case(
        "outputs",
        "-o through a symlink writes the file it names",
        ("1.txt", "2.txt", "-o", "link.md"),
        0,
        "",
        two(**{"real.md": "older"}),
        symlink("link.md", "real.md"),
        fmt="markdown",
        writes=("real.md",),
        check=file_holds("real.md", "Talks"),
    ),
    Case(
        "outputs",
        "-o with an escape in its name",
        ("1.txt", "2.txt", "-o", f"r{ESC}[2J.html"),
        0,
        "",
        two(),
        fmt="html",
        writes=(f"r{ESC}[2J.html",),
    ),
    Case(
        "outputs",
        "standard output is /dev/full",
        ("1.txt", "2.txt"),
        2,
        "standard output: cannot write",
        two(),
        shell="> /dev/full",
    ),
    Case("outputs", "standard output closed", ("1.txt", "2.txt"), 2, "standard output is closed", two(), shell=">&-"),
    Case("outputs", "standard error closed, bad input", ("1.txt", "nope.txt"), 2, "", two(), shell="2>&-"),
    Case("outputs", "standard error closed, good input", ("1.txt", "2.txt"), 0, "", two(), shell="2>&-"),
    Case("outputs", "standard input closed", ("1.txt", "-"), 2, "", two(), shell="<&-"),
    Case("outputs", "the reader of standard output goes away", ("1.txt", "2.txt"), 0, "", two(), shell="| head -c 10"),
    Case(
        "outputs",
        "standard input that never ends",
        ("1.txt", "-"),
        2,
        "-: standard input did not end within 1 seconds",
        two(),
        stdin=b"Some words. ",
        stdin_stays_open=True,
        patch={"reader.core.input.load:STDIN_DEADLINE_S": 1.0},
    ),
    # ---- command line ------------------------------------------------------------------------
    Case("command line", "no arguments", (), 2, "the following arguments are required: PATH", fmt=None),
    Case(
        "command line", "unknown option", ("1.txt", "2.txt", "--colour"), 2, "unrecognized arguments: --colour", two()
    ),
    Case(
        "command line",
        "unknown format",
        ("1.txt", "2.txt", "--format", "pdf"),
        2,
        "invalid choice: 'pdf'",
        two(),
        fmt=None,
    ),
    Case("command line", "--base 0", ("1.txt", "2.txt", "--base", "0"), 2, "--base 0: there are 2 versions", two()),
    Case(
        "command line",
        "--base beyond the versions",
        ("1.txt", "2.txt", "--base", "3"),
        2,
        "--base 3: there are 2",
        two(),
    ),
    Case(
        "command line", "--base negative", ("1.txt", "2.txt", "--base=-1"), 2, "--base -1: there are 2 versions", two()
    ),
    Case(
        "command line", "--base not a number", ("1.txt", "2.txt", "--base", "two"), 2, "invalid int value: 'two'", two()
    ),
    Case("command line", "--base huge", ("1.txt", "2.txt", "--base", "9" * 5000), 2, "", two()),
    Case("command line", "-o without a file", ("1.txt", "2.txt", "-o"), 2, "expected one argument", two()),
    Case("command line", "-o empty", ("1.txt", "2.txt", "-o", ""), 2, "cannot write", two()),
    Case(
        "command line",
        "--format twice, last wins",
        ("1.txt", "2.txt", "--format", "html", "--format", "json"),
        0,
        "",
        two(),
        fmt=None,
    ),
    Case(
        "command line",
        "a thousand missing paths",
        tuple(f"m{i}.txt" for i in range(1000)),
        2,
        "m0.txt: no such file or directory",
    ),
    Case("command line", "a path after --", ("--format", "json", "1.txt", "--", "2.txt"), 0, "", two(), fmt=None),
    Case(
        "command line",
        "an option-looking file after --",
        ("--format", "json", "1.txt", "--", "--base"),
        2,
        "--base: no such file",
        two(),
        fmt=None,
    ),
    Case("command line", "--help", ("--help",), 0, "", fmt=None),
    Case(
        "command line",
        "escape sequences in an option value",
        ("1.txt", "2.txt", "--format", f"{ESC}[2J"),
        2,
        "invalid choice",
        two(),
        fmt=None,
    ),
    Case(
        "command line",
        "the app with no terminal at all",
        ("1.txt", "2.txt"),
        2,
        "the app needs a terminal",
        two(),
        fmt=None,
        shell="< /dev/null > out.txt 2> err.txt",
        writes=("out.txt", "err.txt"),
        check=file_holds("err.txt", "add --format json, markdown or html"),
    ),
    Case(
        "command line",
        "the app with output to a file",
        ("1.txt", "2.txt"),
        2,
        "add --format",
        two(),
        fmt=None,
        shell="> out.txt",
        writes=("out.txt",),
    ),
    Case(
        "command line",
        "the app with piped text and no terminal",
        ("-", "2.txt"),
        2,
        "the app needs a terminal",
        two(),
        fmt=None,
        shell="< 1.txt > out.txt",
        writes=("out.txt",),
    ),
    Case(
        "command line", "an unknown theme in report mode is ignored", ("1.txt", "2.txt", "--theme", "[/]"), 0, "", two()
    ),
    # ---- URLs (a local server that misbehaves, see hostile_server.py) ---------------------------
    Case("urls", "two good pages", ("{url}/one.html", "{url}/two.html"), 0, "", check=text_holds(1, "15 prisoners")),
    Case(
        "urls",
        "a garbage status line",
        ("{url}/one.html", "{url}/garbage-status"),
        2,
        "the server's answer is not HTTP",
    ),
    Case("urls", "no status line at all", ("{url}/one.html", "{url}/not-http"), 2, "the server's answer is not HTTP"),
    Case(
        "urls",
        "closed without answering",
        ("{url}/one.html", "{url}/close-at-once"),
        2,
        "the server closed the connection without answering",
    ),
    Case("urls", "150 headers", ("{url}/one.html", "{url}/headers-150"), 2, "the server's answer is malformed"),
    Case("urls", "a 70 KB header line", ("{url}/one.html", "{url}/header-70k"), 2, "a header line is too long"),
    Case(
        "urls",
        "status 999 with an escape",
        ("{url}/one.html", "{url}/status-999"),
        2,
        "the server answered 999 Weird␛[2J",
    ),
    Case("urls", "404", ("{url}/one.html", "{url}/missing"), 2, "the server answered 404 Not Found"),
    Case("urls", "500", ("{url}/one.html", "{url}/broken"), 2, "the server answered 500 Internal Server Error"),
    Case("urls", "an empty page", ("{url}/one.html", "{url}/empty"), 2, "/empty: the file is empty"),
    Case("urls", "a picture", ("{url}/one.html", "{url}/png"), 2, "looks like a binary file"),
    Case("urls", "gzip nobody asked for", ("{url}/one.html", "{url}/gzip-unasked"), 2, "binary"),
    Case(
        "urls",
        "a Content-Length of 99 GB",
        ("{url}/one.html", "{url}/huge-length"),
        2,
        "too large (95367 MB; the limit is 20 MB)",
    ),
    Case("urls", "a Content-Length that is not a number", ("{url}/one.html", "{url}/bad-length"), 0, ""),
    Case("urls", "a negative Content-Length", ("{url}/one.html", "{url}/negative-length"), 0, ""),
    Case(
        "urls",
        "an endless body",
        ("{url}/one.html", "{url}/endless"),
        2,
        "too large (over 1 MB)",
        patch={"reader.core.input.load:MAX_BYTES": 1_048_576},
    ),
    Case(
        "urls",
        "two bytes a second, with a length",
        ("{url}/trickle-length", "{url}/one.html"),
        2,
        "the page did not arrive within 1.5 seconds",
        patch={"reader.core.input.fetch:TOTAL_TIMEOUT_S": 1.5},
    ),
    Case(
        "urls",
        "two bytes a second, without a length",
        ("{url}/trickle-no-length", "{url}/one.html"),
        2,
        "the page did not arrive within 1.5 seconds",
        patch={"reader.core.input.fetch:TOTAL_TIMEOUT_S": 1.5},
    ),
    Case(
        "urls",
        "headers a byte at a time",
        ("{url}/trickle-headers", "{url}/one.html"),
        2,
        "the page did not arrive within 1.5 seconds",
        patch={"reader.core.input.fetch:TOTAL_TIMEOUT_S": 1.5},
    ),
    Case(
        "urls",
        "a server that never answers",
        ("{url}/silent", "{url}/one.html"),
        2,
        "no answer within 0.5 seconds",
        patch={"reader.core.input.fetch:READ_TIMEOUT_S": 0.5},
    ),
    Case(
        "urls",
        "all URLs of a command share one deadline",
        ("{url}/one.html", "{url}/trickle-no-length"),
        2,
        "did not arrive within",
        patch={"reader.core.input.load:URLS_DEADLINE_S": 1.0},
    ),
    Case(
        "urls",
        "a body cut short",
        ("{url}/one.html", "{url}/cut"),
        2,
        "the connection closed before the whole page arrived",
    ),
    Case(
        "urls",
        "a chunked body cut short",
        ("{url}/one.html", "{url}/cut-chunked"),
        2,
        "the connection closed before the whole page arrived",
    ),
    Case(
        "urls",
        "a redirect to file://",
        ("{url}/one.html", "{url}/to-file"),
        2,
        "redirected to a file: address; only http and https are fetched",
    ),
    Case("urls", "a redirect to ftp://", ("{url}/one.html", "{url}/to-ftp"), 2, "redirected to a ftp: address"),
    Case(
        "urls",
        "a redirect to javascript:",
        ("{url}/one.html", "{url}/to-javascript"),
        2,
        "redirected to a javascript: address",
    ),
    Case(
        "urls",
        "a redirect without a Location",
        ("{url}/one.html", "{url}/to-nowhere"),
        2,
        "the server answered 302 without saying where to go",
    ),
    Case("urls", "a redirect loop", ("{url}/one.html", "{url}/loop"), 2, "too many redirects (the limit is 5)"),
    Case(
        "urls",
        "a redirect that is followed",
        ("{url}/one.html", "{url}/to-two"),
        0,
        "",
        check=text_holds(1, "15 prisoners"),
    ),
    Case("urls", "a redirect with a space", ("{url}/one.html", "{url}/to-space"), 0, ""),
    Case("urls", "a redirect to a broken host", ("{url}/one.html", "{url}/to-bad-host"), 2, "not a valid URL"),
    Case(
        "urls",
        "an &#27; in a fetched page",
        ("{url}/one.html", "{url}/ref-escape"),
        0,
        "",
        check=text_holds(1, "third ␛[31m round"),
    ),
    Case(
        "urls",
        "mixed UTF-8 in a fetched page",
        ("{url}/one.html", "{url}/mixed-utf8"),
        0,
        "",
        check=encoding_is(1, "utf-8 (1 bad byte replaced)"),
    ),
    Case(
        "urls",
        "Latin-1 without a declaration",
        ("{url}/one.html", "{url}/latin1-undeclared"),
        0,
        "",
        check=text_holds(1, "Genève"),
    ),
    Case("urls", "a bogus meta charset", ("{url}/one.html", "{url}/meta-bogus-charset"), 0, ""),
    Case(
        "urls",
        "a server declaring UTF-16 for a UTF-8 page",
        ("{url}/one.html", "{url}/declared-utf16"),
        0,
        "",
        check=text_holds(1, "15 prisoners"),
    ),
    Case(
        "urls",
        "a URL with a space",
        ("{url}/one.html", "http://exa mple.org/x"),
        2,
        "not a valid URL (it holds a space or a control character)",
    ),
    Case("urls", "a URL with an escape", ("{url}/one.html", f"http://x.org/{ESC}[2J"), 2, "not a valid URL"),
    Case("urls", "a URL with a tab", ("{url}/one.html", "http://x.org/\tx"), 2, "not a valid URL"),
    Case("urls", "an unclosed IPv6 bracket", ("{url}/one.html", "http://[::1"), 2, "not a valid URL"),
    Case("urls", "no host", ("{url}/one.html", "http://"), 2, "not a valid URL (no host name)"),
    Case("urls", "a port out of range", ("{url}/one.html", "http://127.0.0.1:99999/"), 2, "not a valid URL"),
    Case("urls", "a port that is not a number", ("{url}/one.html", "http://127.0.0.1:http/"), 2, "not a valid URL"),
    Case("urls", "nobody listening", ("{url}/one.html", "http://127.0.0.1:1/"), 2, "cannot fetch"),
    Case(
        "urls",
        "TLS to a plain server",
        ("{tls}/one.html", "{url}/one.html"),
        2,
        "cannot connect within 1 seconds",
        patch={"reader.core.input.fetch:CONNECT_TIMEOUT_S": 1.0},
    ),
    Case("urls", "the same URL twice", ("{url}/one.html", "{url}/one.html"), 2, "given twice"),
    Case("urls", "a non-ASCII path", ("{url}/one.html", "{url}/ünïcode path"), 2, "not a valid URL"),
    Case("urls", "a non-ASCII path, percent-free", ("{url}/one.html", "{url}/ünïcode"), 2, "the server answered 404"),
]

# ---- issue 19 (branch serve): report outputs, digit strings, saved pages, the browser mode -----------
DIGITS = "7" * 5000


def digits_text(version: int) -> str:
    return f"The count was {DIGITS} people. It rose to {','.join(['100'] * 3000)} by noon. Version {version}."


def saved_page(version: int) -> str:
    """A page saved as one file (15 MB): inline styles and scripts, and its picture as a base64 data: URI."""
    picture = "iVBORw0KGgo" + "QUJDRA" * 1_200_000  # 7.2 MB of base64
    style = "<style>" + ".x{color:red}" * 100_000 + "</style>"
    script = "<script>" + "var a=1;" * 500_000 + "</script>"
    body = ARTICLE.replace("third", "third" if version == 1 else "fourth")
    return page(
        f'{body}<img alt="" src="data:image/png;base64,{picture}">{script}', head=f"<title>Talks</title>{style}"
    )


def utf7_page() -> bytes:
    return page(ARTICLE.replace("round of", "round +2AA- of"), '<meta charset="utf-7"><title>Talks</title>').encode()


KEPT = "state/reader/pairs"  # the folder of kept corrections (the runner's XDG_STATE_HOME is state/)
PAIRS = '{"schema": "reader.pairs/1", "versions": [], "corrections": []}\n'
STORY = {"1.txt": A, "2.txt": B}


SERVE_CASES: list[Case] = [
    *[
        Case("browser mode", name, ("--serve", "--port", "1", *argv, "1.txt", "2.txt"), 2, words, two(), fmt=None)
        for name, argv, words in [
            ("a theme that does not exist", ("--theme", "nonesuch"), "--theme nonesuch: no such theme"),
            ("a theme named with markup", ("--theme", "[@click=app.quit]"), "no such theme"),
            ("a base out of range", ("--base", "9"), "--base 9: there are 2 versions (choose 1 to 2)"),
            ("a report file", ("-o", "r.json"), "--serve opens the app in a browser: leave out -o"),
            ("an indent", ("--indent", "2"), "leave out --indent"),
            ("a host that is no address", ("--host", "no.such.host.invalid"), "not an address of this machine"),
            ("a host with an escape", ("--host", f"x{ESC}[2J"), "not an address of this machine"),
            ("a pairs file that is not one", ("--corrections", "2.txt"), "--corrections"),
        ]
    ],
    Case(
        "sizes",
        "a 15 MB page saved with its picture inline opens",
        ("1.html", "2.html"),
        0,
        "",
        {"1.html": lambda: saved_page(1), "2.html": lambda: saved_page(2)},
        check=text_holds(1, "fourth round of talks", "12 prisoners"),
    ),
    Case(
        "sizes",
        "a long attribute payload hides no text after it",
        ("1.txt", "p.html"),
        0,
        "",
        two(**{"p.html": page(f'<div data-state="{"x" * 10_000}"></div>' + ARTICLE)}),
        check=text_holds(1, "12 prisoners", "next month"),
    ),
    Case(
        "encodings",
        "a UTF-7 page with +2AA- (a lone surrogate) is read to its end",
        ("1.txt", "u7.html"),
        0,
        "",
        two(**{"u7.html": utf7_page}),
        check=text_holds(1, "round \ufffd of talks", "12 prisoners", "next month"),
    ),
    Case(
        "outputs",
        "-o onto the --corrections file",
        ("1.txt", "2.txt", "--corrections", "mine.json", "-o", "mine.json"),
        2,
        "mine.json: is one of the inputs",
        two(**{"mine.json": PAIRS}),
    ),
    Case(
        "outputs",
        "-o onto the --corrections file by another name",
        ("1.txt", "2.txt", "--corrections", "mine.json", "-o", "sub/../mine.json"),
        2,
        "is one of the inputs (mine.json)",
        two(**{"mine.json": PAIRS}),
        folder("sub"),
    ),
    Case(
        "outputs",
        "-o onto config.toml",
        ("1.txt", "2.txt", "-o", "config/reader/config.toml"),
        2,
        "config/reader/config.toml: is one of the inputs",
        two(),
        steps(folder("config"), folder("config/reader", **{"config.toml": "base = 1\n"})),
    ),
    Case(
        "outputs",
        "-o over a read-only file",
        ("1.txt", "2.txt", "-o", "r.json"),
        2,
        "r.json: read-only; refusing to replace it",
        two(**{"r.json": "older"}),
        chmod("r.json", 0o444),
        user="unprivileged",
    ),
    Case(
        "outputs",
        "-o through a symlink to a read-only file",
        ("1.txt", "2.txt", "-o", "link.json"),
        2,
        "link.json: read-only",
        two(**{"r.json": "older"}),
        steps(chmod("r.json", 0o444), symlink("link.json", "r.json")),
        user="unprivileged",
    ),
    Case(
        "outputs",
        "-o into the story folder",
        ("story", "-o", "story/report.html"),
        2,
        "story/report.html: is in story, a folder read as versions",
        {},
        folder("story", **STORY),
        fmt="html",
    ),
    Case(
        "outputs",
        "-o into the story folder through a symlinked folder",
        ("story", "-o", "link/report.md"),
        2,
        "link/report.md: is in story, a folder read as versions",
        {},
        steps(folder("story", **STORY), symlink("link", "story")),
        fmt="markdown",
    ),
    Case(
        "outputs",
        "-o into a symlinked story folder",
        ("link", "-o", "story/report.txt"),
        2,
        "is in link, a folder read as versions",
        {},
        steps(folder("story", **STORY), symlink("link", "story")),
        fmt="markdown",
    ),
    Case(
        "outputs",
        "-o into the folder of kept corrections",
        ("1.txt", "2.txt", "-o", f"{KEPT}/0123456789abcdef0123.json"),
        2,
        "is in the folder of kept corrections",
        two(),
        steps(folder("state"), folder("state/reader"), folder(KEPT)),
    ),
    Case(
        "outputs",
        "-o into the folder of kept corrections under a name it does not read",
        ("1.txt", "2.txt", "-o", f"{KEPT}/report.json"),
        0,
        "",
        two(),
        steps(folder("state"), folder("state/reader"), folder(KEPT)),
        writes=(f"{KEPT}/report.json",),
    ),
    Case(
        "outputs",
        "--export-corrections into the folder of kept corrections",
        ("1.txt", "2.txt", "--export-corrections", f"{KEPT}/abcdefabcdefabcdefab.json"),
        2,
        "is in the folder of kept corrections",
        two(),
        steps(folder("state"), folder("state/reader"), folder(KEPT)),
        fmt=None,
    ),
    Case(
        "outputs",
        "a JSON report into the story folder is written (never read as a version)",
        ("story", "-o", "story/report.json"),
        0,
        "",
        {},
        folder("story", **STORY),
        writes=("story/report.json",),
    ),
    Case(
        "outputs",
        "-o beside the story folder is written",
        ("story", "-o", "report.json"),
        0,
        "",
        {},
        folder("story", **STORY),
        writes=("report.json",),
        check=file_holds("report.json", '"schema"'),
    ),
    *[
        Case(
            "numbers",
            f"5,000 digits in a {fmt} report",
            ("1.txt", "2.txt"),
            0,
            "",
            {"1.txt": digits_text(1), "2.txt": digits_text(2)},
            fmt=fmt,
        )
        for fmt in ("json", "markdown", "html")
    ],
]
CASES += SERVE_CASES

# ---- the user's own files: kept corrections, --corrections, config.toml (issue 19) -------------------------
# The runner points XDG_STATE_HOME and XDG_CONFIG_HOME into the row's folder: `state/` and `config/`.

PAIRS_DIR = "state/reader/pairs"


def _kept_name(d: Path) -> str:
    """The state file's name for the rows' two versions (1.txt, 2.txt), as the reader names it."""
    from reader.core import load_sources
    from reader.core.corrections.apply import version_hash
    from reader.core.corrections.store import set_key

    sources = load_sources([str(d / "1.txt"), str(d / "2.txt")])
    return f"{PAIRS_DIR}/{set_key([version_hash(s) for s in sources])}.json"  # type: ignore[arg-type]


def kept(make: Callable[[Path, str], None]) -> Setup:
    """Make the state file of the rows' two versions with `make(folder, its relative name)`."""

    def run(d: Path) -> None:
        (d / PAIRS_DIR).mkdir(parents=True, exist_ok=True)
        make(d, _kept_name(d))

    return run


def kept_text(text: str | bytes) -> Setup:
    return kept(lambda d, name: (d / name).write_bytes(text.encode() if isinstance(text, str) else text))


def in_state(name: str, setup: Setup) -> Setup:
    return steps(
        folder("state"), folder("state/reader"), folder(PAIRS_DIR), lambda d: setup(d / PAIRS_DIR) if name else None
    )


def pairs_doc(*entries: object, schema: str = "reader.pairs/1") -> str:
    return json.dumps({"schema": schema, "versions": [], "corrections": list(entries)})


def stale(n: int) -> str:
    return pairs_doc(
        *({"kind": "unpair", "sentence": {"version": "0" * 16, "index": i, "text": f"gone {i}"}} for i in range(n))
    )


BAD_INDEX = {"kind": "unpair", "sentence": {"version": "0" * 16, "index": "4", "text": "x"}}
HUGE_INDEX = pairs_doc().replace(
    "[]}", '[{"kind": "unpair", "sentence": {"version": "a", "text": "x", "index": ' + "7" * 5000 + "}}]}"
)
DEEP_JSON = "[" * 100_000 + "]" * 100_000
CONFIG = "config/reader/config.toml"


def config(setup: Setup) -> Setup:
    return steps(folder("config"), folder("config/reader"), setup)


CASES.extend(
    [
        Case(
            "user files",
            "a kept file with an unreadable entry",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=kept_text(pairs_doc(BAD_INDEX)),
            said="1 of 1 corrections unreadable and skipped (entry 1: index '4' is not a sentence number)",
        ),
        Case(
            "user files",
            "a kept file with an index of 5,000 digits",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=kept_text(HUGE_INDEX),
            said="1 of 1 corrections unreadable",
        ),
        Case(
            "user files",
            "a kept file that is not JSON",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=kept_text("{not json"),
            said="kept corrections unreadable, starting without them",
        ),
        Case(
            "user files",
            "a kept file nested 100,000 deep",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=kept_text(DEEP_JSON),
            said="nested too deeply",
        ),
        Case(
            "user files",
            "a kept file of a newer schema",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=kept_text(pairs_doc(schema="reader.pairs/2")),
            said="written as reader.pairs/2, which this reader cannot read",
        ),
        Case(
            "user files",
            "a kept file that is a FIFO",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=kept(lambda d, name: os.mkfifo(d / name)),
            said="not a regular file; the file is left as it is",
        ),
        Case(
            "user files",
            "a kept file linked to /dev/zero",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=kept(lambda d, name: (d / name).symlink_to("/dev/zero")),
            said="not a regular file",
        ),
        Case(
            "user files",
            "a kept file of 3 GB (sparse)",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=kept(lambda d, name: sparse(name, 3_000_000_000)(d)),
            said="too large (over 10 MB)",
        ),
        Case(
            "user files",
            "a state folder nobody may enter",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=steps(in_state("", lambda p: None), chmod(PAIRS_DIR, 0)),
            user="unprivileged",
            said="corrections not kept",
        ),
        Case(
            "user files",
            "stray files in the state folder: FIFOs, 3 GB, nested, 5,000 digits",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=in_state(
                "strays",
                steps(
                    fifo("stray.json"),
                    fifo("0123456789abcdef0123.json"),
                    sparse("fedcba9876543210fedc.json", 3_000_000_000),
                    sparse("huge.json", 3_000_000_000),
                    lambda p: (p / "aaaaaaaaaaaaaaaaaaaa.json").write_text(DEEP_JSON),
                    lambda p: (p / "bbbbbbbbbbbbbbbbbbbb.json").write_text("7" * 5000),
                ),
            ),
        ),
        Case(
            "user files",
            "--corrections a FIFO",
            ("1.txt", "2.txt", "--corrections", "p.json"),
            2,
            "p.json: not a regular file",
            two(),
            fifo("p.json"),
        ),
        Case(
            "user files",
            "--corrections /dev/zero",
            ("1.txt", "2.txt", "--corrections", "/dev/zero"),
            2,
            "--corrections /dev/zero: not a regular file",
            two(),
        ),
        Case(
            "user files",
            "--corrections /dev/urandom",
            ("1.txt", "2.txt", "--corrections", "/dev/urandom"),
            2,
            "not a regular file",
            two(),
        ),
        Case(
            "user files",
            "--corrections nested 100,000 deep",
            ("1.txt", "2.txt", "--corrections", "p.json"),
            2,
            "p.json: not a pairs file that can be read (nested too deeply)",
            two(**{"p.json": DEEP_JSON}),
        ),
        Case(
            "user files",
            "--corrections with an index of 5,000 digits",
            ("1.txt", "2.txt", "--corrections", "p.json"),
            0,
            files=two(**{"p.json": HUGE_INDEX}),
            said="--corrections p.json: 1 of 1 corrections unreadable and skipped",
        ),
        Case(
            "user files",
            "--corrections of a newer schema",
            ("1.txt", "2.txt", "--corrections", "p.json"),
            2,
            "written as reader.pairs/2",
            two(**{"p.json": pairs_doc(schema="reader.pairs/2")}),
        ),
        Case(
            "user files",
            "--corrections nobody may read",
            ("1.txt", "2.txt", "--corrections", "p.json"),
            2,
            "p.json: cannot read (Permission denied)",
            two(**{"p.json": pairs_doc()}),
            chmod("p.json", 0),
            user="unprivileged",
        ),
        Case(
            "user files",
            "--corrections with 2,000 stale corrections",
            ("1.txt", "2.txt", "--corrections", "p.json"),
            0,
            files=two(**{"p.json": stale(2000)}),
            said="dropped 2,000 corrections that no longer fit these texts",
        ),
        Case(
            "user files",
            "config.toml a FIFO",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=config(fifo(CONFIG)),
            said="config.toml: not a regular file; ignored",
        ),
        Case(
            "user files",
            "config.toml linked to /dev/zero",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=config(symlink(CONFIG, "/dev/zero")),
            said="config.toml: not a regular file; ignored",
        ),
        Case(
            "user files",
            "config.toml nested 3,000 deep",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=config(lambda d: (d / CONFIG).write_text(nested(3000))),
            said="config.toml: not valid TOML (nested too deeply); ignored",
        ),
        Case(
            "user files",
            "config.toml with 5,000 digits",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=config(lambda d: (d / CONFIG).write_text("base = " + "7" * 5000)),
            said="a number too long to read",
        ),
        Case(
            "user files",
            "a config folder nobody may enter",
            ("1.txt", "2.txt"),
            0,
            files=two(),
            setup=steps(folder("config"), folder("config/reader"), chmod("config/reader", 0)),
            user="unprivileged",
            said="cannot read (Permission denied); ignored",
        ),
    ]
)
