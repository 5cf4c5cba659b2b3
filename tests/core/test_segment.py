"""Segmentation: headline, paragraphs and sentences, as offsets into the text."""

from __future__ import annotations

import pytest

from reader.core.text.segment import segment

SENTENCES = [
    ("plain", "One thing. Another thing.", ["One thing.", "Another thing."]),
    ("question and exclamation", "Why? Because! Yes.", ["Why?", "Because!", "Yes."]),
    ("abbreviation Mr.", "Mr. Smith spoke. He left.", ["Mr. Smith spoke.", "He left."]),
    ("dotted acronym", "The U.S. Secretary spoke. He left.", ["The U.S. Secretary spoke.", "He left."]),
    ("month abbreviation", "On Jan. 5 they met. Then rain.", ["On Jan. 5 they met.", "Then rain."]),
    ("initials", "J. K. Rowling wrote it. Fans read it.", ["J. K. Rowling wrote it.", "Fans read it."]),
    ("decimal", "It grew 1.5 percent. Then fell.", ["It grew 1.5 percent.", "Then fell."]),
    ("thousands", "They freed 1,000 people. Others wait.", ["They freed 1,000 people.", "Others wait."]),
    ("quote closes", "He said, ‘We wait.’ Then he left.", ["He said, ‘We wait.’", "Then he left."]),
    ("question in quote, attribution", "“Why?” he asked. Nobody knew.", ["“Why?” he asked.", "Nobody knew."]),
    ("lower case after full stop", "See fig. 3 below. Done.", ["See fig. 3 below.", "Done."]),
    ("no punctuation", "no punctuation at all here", ["no punctuation at all here"]),
    ("cyrillic", "Москва отправила список. Киев молчит.", ["Москва отправила список.", "Киев молчит."]),
    ("german", "Die Liste kam am 3. Mai. Kiew schweigt.", ["Die Liste kam am 3. Mai.", "Kiew schweigt."]),
    (
        "glued stop, number",
        "Man muss es erkunden.10.000 Schiffe kommen.",
        ["Man muss es erkunden.", "10.000 Schiffe kommen."],
    ),
    ("glued stop, capital", "Wasser unter der Schale.Und Wasser.", ["Wasser unter der Schale.", "Und Wasser."]),
    ("glued, a domain", "Look at www.Example.com today. Done.", ["Look at www.Example.com today.", "Done."]),
    ("glued, a version", "Use version 2.0.Next comes 3.", ["Use version 2.0.Next comes 3."]),
    (
        "semicolon, clauses",
        "Take this bread to them; and see how they are.",
        ["Take this bread to them;", "and see how they are."],
    ),
    ("semicolon, a list", "They went to Paris, France; and Rome.", ["They went to Paris, France; and Rome."]),
    (
        "semicolon in a quote",
        "‘This is about names; it is about people,’ he said.",
        ["‘This is about names; it is about people,’ he said."],
    ),
    ("semicolon in straight quotes", '"Not names; people," he said.', ['"Not names; people," he said.']),
    (
        "colon after a speaker",
        "Da sprach Gott: Helligkeit soll entstehen!",
        ["Da sprach Gott: Helligkeit soll entstehen!"],
    ),
    (
        "colon after a clause",
        "The ministry made three demands: The first came today.",
        ["The ministry made three demands:", "The first came today."],
    ),
    (
        "german amount",
        "Die Stadt gab 5 Mio. Euro aus. Das ist viel.",
        ["Die Stadt gab 5 Mio. Euro aus.", "Das ist viel."],
    ),
    (
        "question, then lower case",
        "Where is the king? for we saw his star.",
        ["Where is the king?", "for we saw his star."],
    ),
    (
        "question, then a dash",
        "—¿Dónde está? —preguntó él. Nadie sabía.",
        ["—¿Dónde está? —preguntó él.", "Nadie sabía."],
    ),
    (
        "question inside a quotation",
        "He asked: “Where is he? for we saw him.” Done.",
        ["He asked: “Where is he? for we saw him.”", "Done."],
    ),
    ("question in parentheses", "He paid 5 (?) for it. Done.", ["He paid 5 (?) for it.", "Done."]),
    ("cjk", "莫斯科发送了名单。基辅没有回应。", ["莫斯科发送了名单。", "基辅没有回应。"]),
]


@pytest.mark.parametrize(("name", "text", "expected"), SENTENCES, ids=[row[0] for row in SENTENCES])
def test_sentences(name: str, text: str, expected: list[str]) -> None:
    result = segment(text + "\n")
    assert [s.text for s in result.segments] == expected


PARAGRAPHS = [
    ("blank lines", "First one.\n\nSecond one.\n", 2),
    ("one per line", "First one.\nSecond one.\nThird one.\n", 3),
    ("hard wrapped", "This sentence is wrapped by an editor at a fixed width and\ncontinues here.\n", 1),
    ("quotation over lines", "He said: ‘We sent it.\nThey have not.\nWe wait,’ he said.\nNext.\n", 2),
]


@pytest.mark.parametrize(("name", "text", "count"), PARAGRAPHS, ids=[row[0] for row in PARAGRAPHS])
def test_paragraphs(name: str, text: str, count: int) -> None:
    assert len(segment(text).paragraphs) == count


HEADLINES = [
    ("short first line", "Prisoners Freed\nThe swap happened today. More soon.\n", "Prisoners Freed"),
    ("first line is a sentence", "The swap happened today.\nMore soon.\n", ""),
    ("only one line", "A lonely line\n", ""),
    ("repeated below itself", "Russia's Deal\n\nRussia’s Deal\n\nThe swap happened.\n", "Russia's Deal"),
]


@pytest.mark.parametrize(("name", "text", "title"), HEADLINES, ids=[row[0] for row in HEADLINES])
def test_headline(name: str, text: str, title: str) -> None:
    assert segment(text).title == title


def test_repeated_headline_is_one_segment() -> None:
    result = segment("Russia's Deal\n\nRussia’s Deal\n\nThe swap happened.\n")
    assert [s.text for s in result.segments] == ["Russia's Deal", "The swap happened."]


@pytest.mark.parametrize("text", [row[1] for row in SENTENCES + PARAGRAPHS + HEADLINES])
def test_offsets_are_exact(text: str) -> None:
    for seg in segment(text).segments:
        assert text[seg.start : seg.end] == seg.text
