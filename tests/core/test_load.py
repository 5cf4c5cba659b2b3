"""Loading real inputs: encodings, Markdown and HTML, directories, stdin, story.toml."""

from __future__ import annotations

import codecs
import io
import sys

import pytest

from reader.core.input.encoding import decode
from reader.core.input.formats import format_of, markdown_to_text
from reader.core.input.load import InputError, expand_paths, load_sources, load_story, read_source

FRENCH = "Le café « Müller » coûte 5 € — dit-il, “vraiment”. Naïve façade, déjà vu, c’est l’été.\n"
GERMAN = "Der Bürgermeister sagte, die Straße sei gesperrt. Größe: 5 °C. Ça va, Señor.\n"
POLISH = "Prezydent powiedział, że rozmowy będą kontynuowane w środę. Wymiana jeńców się odbyła.\n"
RUSSIAN = "Президент заявил, что переговоры продолжатся в среду. Обмен пленными состоялся.\n"

ENCODINGS = [  # (name, bytes, expected text, encoding shown in the column header)
    ("utf-8", FRENCH.encode("utf-8"), FRENCH, "utf-8"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + FRENCH.encode("utf-8"), FRENCH, "utf-8 (BOM)"),
    ("utf-16 LE with BOM", FRENCH.encode("utf-16"), FRENCH, "utf-16 (BOM)"),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), RUSSIAN, "utf-16 (BOM)"),
    ("windows-1252", FRENCH.encode("cp1252"), FRENCH, "windows-1252"),
    ("latin-1", GERMAN.encode("latin-1"), GERMAN, "windows-1252"),  # the same letters; cp1252 is its superset
    ("windows-1250", POLISH.encode("cp1250"), POLISH, "windows-1250"),
    ("windows-1251", RUSSIAN.encode("cp1251"), RUSSIAN, "windows-1251"),
    ("CRLF line ends", b"One line.\r\nTwo lines.\rThree.", "One line.\nTwo lines.\nThree.", "utf-8"),
]


@pytest.mark.parametrize(("name", "data", "text", "shown"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_encodings(name, data, text, shown):
    assert decode(data, name) == (text, shown)


def test_encoding_reaches_the_source(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes(FRENCH.encode("cp1252"))
    src = read_source(str(p))
    assert (src.text, src.encoding, src.source_format) == (FRENCH, "windows-1252", "text")


FORMATS = [  # (name, content type, first text, expected)
    ("a.html", None, "", "html"),
    ("a.HTM", None, "", "html"),
    ("notes.md", None, "", "markdown"),
    ("a.markdown", None, "", "markdown"),
    ("a.txt", None, "<html><body>", "text"),  # a .txt is text, whatever it holds
    ("-", None, "<!DOCTYPE html>\n<html>", "html"),
    ("-", None, "  <!-- saved -->\n<html lang=en>", "html"),
    ("-", None, "Plain words <b>here</b>.", "text"),
    ("https://x.org/story", "text/html", "", "html"),
    ("https://x.org/story", "text/plain", "", "text"),
    ("https://x.org/story.md?raw=1", "text/plain", "", "markdown"),
]


@pytest.mark.parametrize(("name", "ctype", "start", "expected"), FORMATS)
def test_format_of(name, ctype, start, expected):
    assert format_of(name, start, ctype) == expected


def test_markdown_keeps_headings_and_paragraphs_drops_markup():
    md = """# Talks *resume* in Geneva

Negotiators met on **Tuesday**, [officials](https://x.org) said.
The `talks` continue.

- Twelve prisoners were exchanged.
- ![a photo of the hall](hall.jpg) was released.

> "We are hopeful," she said.

<script>alert(1)</script>

Literal \\[bold\\] and \\*stars\\* stay.
"""
    assert markdown_to_text(md) == (
        "Talks resume in Geneva\n\n"
        "Negotiators met on Tuesday, officials said. The talks continue.\n\n"
        "Twelve prisoners were exchanged.\n\n"
        "a photo of the hall was released.\n\n"
        '"We are hopeful," she said.\n\n'
        "Literal [bold] and *stars* stay."
    )


PAGE = """<!doctype html><html><head><meta charset="windows-1252">
<title>Talks resume | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"><meta name="date" content="2024-05-02">
<script>document.write("tracking")</script><style>body{color:red}</style></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="ad">Buy now! Cheap flights to anywhere.</div>
<article><h1>Talks resume in Geneva</h1>
<p>Negotiators met on Tuesday in Geneva for a third round of talks, officials said in a café.</p>
<p>The delegations agreed to exchange 12 prisoners each, according to a statement from the ministry.</p>
<p>A further meeting is planned for next month, but no date has been fixed yet.</p>
</article><footer>© 2024 Daily Planet. All rights reserved. Privacy policy.</footer></body></html>
"""


def test_html_page_gives_the_article_only(tmp_path):
    p = tmp_path / "page.html"
    p.write_bytes(PAGE.encode("cp1252"))
    src = read_source(str(p))
    assert src.source_format == "html"
    assert src.encoding == "windows-1252"  # as the page declares
    assert src.text.split("\n\n") == [
        "Talks resume in Geneva",
        "Negotiators met on Tuesday in Geneva for a third round of talks, officials said in a café.",
        "The delegations agreed to exchange 12 prisoners each, according to a statement from the ministry.",
        "A further meeting is planned for next month, but no date has been fixed yet.",
    ]
    for noise in ("Home", "Buy now", "tracking", "color:red", "rights reserved"):
        assert noise not in src.text
    assert (src.title, src.outlet, src.date) == ("Talks resume in Geneva", "Daily Planet", "2024-05-02")


def test_directory_takes_text_markdown_and_html_in_natural_name_order(tmp_path):
    for name in ("10-late.txt", "2-early.md", "3-page.html", "notes.pdf", ".hidden.txt", "1-first"):
        (tmp_path / name).write_text("x")
    assert [p.rsplit("/", 1)[-1] for p in expand_paths([str(tmp_path)])] == [
        "1-first",
        "2-early.md",
        "3-page.html",
        "10-late.txt",
    ]


def test_mixed_inputs_on_one_command_line(tmp_path, monkeypatch):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("First version. It is short.")
    (folder / "b.md").write_text("# Second\n\nSecond *version*. It is short.")
    page = tmp_path / "c.html"
    page.write_text(PAGE)
    monkeypatch.setattr(
        sys, "stdin", type("In", (), {"buffer": io.BytesIO(b"Pasted version. Short."), "isatty": lambda self: False})()
    )
    sources = load_sources([str(folder), str(page), "-"])
    assert [s.source_format for s in sources] == ["text", "markdown", "html", "text"]
    assert sources[1].text == "Second\n\nSecond version. It is short."
    assert sources[3].path == "-" and sources[3].text == "Pasted version. Short."


def test_story_metadata_orders_and_labels_versions(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Version {name}. Some text.")
    (tmp_path / "story.toml").write_text(
        'title = "Prisoner exchange"\norder = ["c.txt", "a.txt"]\n'
        '[versions."c.txt"]\ntitle = "Plan finalised"\noutlet = "TASS"\ndate = 2024-05-19\n'
    )
    story = load_story([str(tmp_path)])
    assert story.title == "Prisoner exchange"
    assert [s.path.rsplit("/", 1)[-1] for s in story.sources] == ["c.txt", "a.txt", "b.txt"]
    assert (story.sources[0].title, story.sources[0].outlet, story.sources[0].date) == (
        "Plan finalised",
        "TASS",
        "2024-05-19",
    )
    assert story.sources[1].outlet == ""


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("order = 3\n", "order must be a list of file names"),
        ('order = ["a.txt", "a.txt"]\n', "order names a file twice"),
        ('colour = "red"\n', "unknown key 'colour'"),
        ('[versions]\n"a.txt" = 1\n', "versions.a.txt must be a table"),
        ('[versions."a.txt"]\ntitle = ["x"]\n', "versions.a.txt.title must be a string"),
    ],
)
def test_story_metadata_mistakes(tmp_path, toml, message):
    (tmp_path / "a.txt").write_text("A version. Text.")
    (tmp_path / "b.txt").write_text("B version. Text.")
    (tmp_path / "story.toml").write_text(toml)
    with pytest.raises(InputError, match=message):
        load_story([str(tmp_path)])
