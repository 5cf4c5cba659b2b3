"""Every bad input: one line on stderr naming the problem, exit status 2, nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.input import load


def _one_line_error(result, expected: str) -> None:
    assert result.code == 2, result.err
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("reader: "), result.err
    assert expected in result.err, result.err


def test_missing_path(run, story):
    _one_line_error(run(story[0], "nope.txt", "--format", "json"), "nope.txt: no such file or directory")


def test_missing_single_path_says_missing_not_too_few(run):
    _one_line_error(run("nope.txt", "--format", "json"), "nope.txt: no such file or directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; the simulated test below covers it")
def test_unreadable_file(run, story):
    story[1].chmod(0)
    _one_line_error(run(*story, "--format", "json"), "permission denied")


def test_unreadable_file_simulated(run, story, monkeypatch):
    real = Path.open

    def deny(self: Path, *args, **kwargs):
        if self.name == story[1].name:
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    _one_line_error(run(*story, "--format", "json"), f"{story[1]}: permission denied")


def test_not_a_regular_file(run, story):
    _one_line_error(run(story[0], "/dev/null", "--format", "json"), "/dev/null: not a regular file")


def test_directory_without_usable_files(run, tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text("A hidden note. It is not a version.")
    _one_line_error(run(tmp_path, "--format", "json"), "no text, Markdown or HTML files in this directory")


def test_empty_file(run, story, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _one_line_error(run(story[0], empty, "--format", "json"), "empty.txt: the file is empty")


def test_whitespace_only_file(run, story, tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n  \r\n")
    _one_line_error(run(story[0], blank, "--format", "json"), "blank.txt: holds only white space")


def test_binary_file(run, story, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(1, 32)) * 200 + b"\xff\xfe\x00\x01" * 100)
    _one_line_error(run(story[0], binary, "--format", "json"), "image.txt: looks like a binary file")


def test_file_with_nul_bytes(run, story, tmp_path):
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"An ordinary sentence.\x00 Then a NUL byte in the middle.")
    _one_line_error(run(story[0], nul, "--format", "json"), "nul.txt: looks like a binary file (it holds NUL")


def test_control_heavy_text_is_binary(run, story, tmp_path):
    noise = tmp_path / "noise.txt"
    noise.write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08 words" * 300)
    _one_line_error(run(story[0], noise, "--format", "json"), "noise.txt: looks like a binary file, not text")


def test_no_known_encoding(run, story, tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_bytes(bytes(range(0x80, 0x100)) * 10)
    _one_line_error(run(story[0], odd, "--format", "json"), "odd.txt: not text in any encoding the reader recognises")


def test_bad_utf16(run, story, tmp_path):
    bad = tmp_path / "bad16.txt"
    bad.write_bytes(b"\xff\xfe" + "Hello there.".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    _one_line_error(run(story[0], bad, "--format", "json"), "byte-order mark but is not utf-16 text")


def test_single_version(run, story):
    _one_line_error(run(story[0], "--format", "json"), "need at least two versions to compare")


def test_single_version_directory(run, tmp_path):
    (tmp_path / "only.txt").write_text("Only one version. Nothing to compare.")
    _one_line_error(run(tmp_path, "--format", "json"), "need at least two versions")


def test_same_file_twice(run, story):
    _one_line_error(run(story[0], story[0], "--format", "json"), "given twice")


def test_same_file_under_two_names(run, story, monkeypatch):
    monkeypatch.chdir(story[0].parent)
    _one_line_error(
        run("1-first.txt", "./1-first.txt", "--format", "json"),
        "./1-first.txt: given twice (the same file as 1-first.txt)",
    )


def test_file_and_its_directory(run, story):
    _one_line_error(run(story[0].parent, story[0], "--format", "json"), "given twice")


def test_stdin_twice(run):
    _one_line_error(run("-", "-", "--format", "json", stdin=b"Some text."), "standard input is named twice")


def test_huge_file_is_refused_before_reading(run, story, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    _one_line_error(run(story[0], huge, "--format", "json"), "huge.txt: too large (50 MB; the limit is 20")


def test_huge_stdin_is_refused(run, story, monkeypatch):
    monkeypatch.setattr(load, "MAX_BYTES", 1000)
    _one_line_error(run(story[0], "-", "--format", "json", stdin=b"x. " * 1000), "-: too large")


def test_other_url_schemes(run, story):
    _one_line_error(
        run(story[0], "ftp://example.org/a.txt", "--format", "json"),
        "ftp://example.org/a.txt: only http and https URLs can be fetched",
    )
    _one_line_error(run(story[0], "file:///etc/passwd", "--format", "json"), "only http and https")


def test_base_out_of_range(run, story):
    _one_line_error(run(*story, "--base", "3", "--format", "json"), "--base 3: there are 2 versions")


def test_unknown_format(run, story):
    _one_line_error(run(*story, "--format", "pdf"), "invalid choice: 'pdf'")


def test_output_over_an_input_is_refused(run, story):
    before = story[1].read_bytes()
    _one_line_error(run(*story, "--format", "markdown", "-o", story[1]), "is one of the inputs; refusing")
    assert story[1].read_bytes() == before


def test_output_over_a_file_of_an_input_directory_is_refused(run, story):
    before = story[0].read_bytes()
    _one_line_error(run(story[0].parent, "--format", "html", "-o", story[0]), "is one of the inputs")
    assert story[0].read_bytes() == before


def test_output_is_a_directory(run, story, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _one_line_error(run(*story, "--format", "json", "-o", out), "is a directory")


def test_hostile_file_name_cannot_reach_the_terminal(run, story):
    result = run(story[0], "evil\x1b]0;pwned\x07.txt", "--format", "json")
    _one_line_error(result, "no such file")
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "␛]0;pwned␇.txt" in result.err


def test_bad_story_metadata(run, story):
    (story[0].parent / "story.toml").write_text('title = "unterminated\n')
    _one_line_error(run(story[0].parent, "--format", "json"), "story.toml: not valid TOML")


def test_metadata_naming_a_missing_version(run, story):
    (story[0].parent / "story.toml").write_text('order = ["9-missing.txt"]\n')
    _one_line_error(run(story[0].parent, "--format", "json"), "'9-missing.txt' is not a version in this")


def test_metadata_with_a_typo(run, story):
    (story[0].parent / "story.toml").write_text('[versions."1-first.txt"]\noutlett = "TASS"\n')
    _one_line_error(run(story[0].parent, "--format", "json"), "unknown key 'outlett'")


def test_html_page_without_article(run, story, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var a = 1;</script></head><body><nav></nav></body></html>")
    _one_line_error(run(story[0], page, "--format", "json"), "empty.html: no article text found")


def test_real_process_prints_no_traceback(story, tmp_path):
    """The installed entry point, as a user runs it: no Python traceback whatever the input."""
    binary = tmp_path / "blob.bin.txt"
    binary.write_bytes(os.urandom(4096) + b"\x00")
    done = subprocess.run(
        [sys.executable, "-m", "reader", str(story[0]), str(binary), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("reader: ") and done.stdout == ""


def test_reader_that_stops_early_is_no_error():
    """`reader ... | head`: a closed pipe ends the report quietly (the corpus's JSON outgrows a pipe buffer)."""
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "prisoner-exchange"
    command = [sys.executable, "-m", "reader", str(corpus), "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read()
    assert proc.returncode == 0 and err == b""


# Hard but valid input: exit 0, and a comparison whose offsets hold.


def _compared(run, *texts: str, tmp_path: Path) -> dict:
    paths = []
    for i, text in enumerate(texts):
        p = tmp_path / f"v{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    result = run(*paths, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    for art in data["articles"]:
        for seg in art["segments"]:
            assert art["text"][seg["start"] : seg["end"]] == seg["text"]
    return data


def test_text_without_sentence_punctuation(run, tmp_path):
    words = " ".join(f"word{i}" for i in range(400))
    data = _compared(run, words, words.replace("word7 ", "other "), tmp_path=tmp_path)
    assert data["articles"][0]["segments"]


def test_very_long_lines(run, tmp_path):
    line = "This clause runs on and on, " * 8000 + "and ends here."
    _compared(run, line, line.replace("ends here", "stops there"), tmp_path=tmp_path)


def test_cjk_rtl_emoji_and_combining_marks(run, tmp_path):
    first = (
        "東京で会議が開かれた。交渉は続く。\n\nقال المتحدث إن المحادثات ستستمر. وصل الوفد أمس.\n\n"
        "The team 👩‍👩‍👧 cheered 🎉. Cafe\u0301 owners agreed.\n"
    )
    second = first.replace("続く", "終わった").replace("🎉", "🎊")
    data = _compared(run, first, second, tmp_path=tmp_path)
    assert "👩‍👩‍👧" in data["articles"][0]["text"]
