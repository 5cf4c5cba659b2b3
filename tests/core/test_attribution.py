"""Attribution as news writes it: who each sentence cites, and with what words (reader/core/claims/attribution.py).

Table-driven: (name, sentence, expected citations as (words, who)). The sentence follows a first
paragraph, so that it is no headline, and is compared with itself, as the source-cases scorer does.
"""

from __future__ import annotations

import pytest

from reader.core import compare_texts

LEAD = "The meeting ended late on Monday evening in the capital.\n\n"

CASES = [
    ("X said", "Peskov said the list was ready.", [("Peskov said", "peskov")]),
    ("said X, after a quotation", "“The list is ready,” said Peskov.", [("said Peskov", "peskov")]),
    (
        "a title and initials",
        "“It is done,” said Rep. G.K. Butterfield.",
        [("said Rep. G.K. Butterfield", "g k butterfield")],
    ),
    ("Mr. X said", "“It will be first-order business,” Mr. Podesta said.", [("Mr. Podesta said", "podesta")]),
    (
        "X, a Y of Z, said: the source is X, not Z",
        "Joel Glazer, joint owner of Manchester United, said the club was grateful.",
        [("Joel Glazer, joint owner of Manchester United, said", "joel glazer")],
    ),
    (
        "X, his brother, said",
        "Avie Glazer, his brother, said the family was proud.",
        [("Avie Glazer, his brother, said", "avie glazer")],
    ),
    (
        "a role, then the name in apposition",
        "The Kremlin's press secretary, Dmitry Peskov, confirmed that the list was sent.",
        [("Dmitry Peskov, confirmed", "dmitry peskov")],
    ),
    (
        "whose title, then the name, no commas: the name is who",
        "This, confirmed by Russian President Vladimir Putin’s press secretary Dmitry Peskov, came late.",
        [("confirmed by Russian President Vladimir Putin’s press secretary Dmitry Peskov", "dmitry peskov")],
    ),
    (
        "a title before the name",
        "Russian President Vladimir Putin said the talks would go on.",
        [("Russian President Vladimir Putin said", "vladimir putin")],
    ),
    (
        "whose, a title, then the name",
        "Ukraine’s Defense Minister Rustem Muradov has confirmed that the plan is ready.",
        [("Ukraine’s Defense Minister Rustem Muradov has confirmed", "rustem muradov")],
    ),
    (
        "a name of two words is no title",
        "Goldman Sachs said rates would rise.",
        [("Goldman Sachs said", "goldman sachs")],
    ),
    (
        "an outlet's name keeps its common words",
        "The New York Times reported that the talks failed.",
        [("The New York Times reported", "new york times")],
    ),
    (
        "a name with an initial",
        "Marc H. Morial told reporters he would stay.",
        [("Marc H. Morial told", "marc h morial")],
    ),
    ("X told Y that", "Sir Alex Ferguson told reporters he would stay.", [("Sir Alex Ferguson told", "alex ferguson")]),
    (
        "according to X",
        "The bones were found, according to Leicester University.",
        [("according to Leicester University", "leicester university")],
    ),
    (
        "X revealed that",
        "René Meulensteen revealed that the manager had decided.",
        [("René Meulensteen revealed", "rené meulensteen")],
    ),
    ("X added, after a quotation", "“He was a great man,” Ferguson added.", [("Ferguson added", "ferguson")]),
    ("X noted that", "The bank noted that rates would rise.", [("The bank noted", "bank")]),
    (
        "a verb after a modal is no one who tells",
        "Now we can begin asking questions that were once philosophy, said Steve Ramirez, a colleague at MIT.",
        [("said Steve Ramirez", "steve ramirez")],
    ),
    ("a modal between who and the verb", "Officials will say more on Friday.", [("Officials will say", "officials")]),
    ("X wrote", "“It was a mistake,” Clinton wrote in 2003.", [("Clinton wrote", "clinton")]),
    ("a noun phrase says", "Police say the man was armed.", [("Police say", "police")]),
    ("adverbs and auxiliaries between", "Cruz has long said that he qualifies.", [("Cruz has long said", "cruz")]),
    (
        "a role before the name",
        "The bones are old, said the human bones expert Jo Appleby.",
        [("said the human bones expert Jo Appleby", "jo appleby")],
    ),
    (
        "X ... and said",
        "Donald Trump, her opponent, bemoaned the unrest and said drugs were a factor.",
        [("Donald Trump, her opponent, bemoaned the unrest and said", "donald trump")],
    ),
    ("a share of those asked", "However, 63 percent said Clinton was justified.", [("63 percent said", "63%")]),
    (
        "is saying: not passive",
        "The White House is saying that the report is false.",
        [("The White House is saying", "white house")],
    ),
    ("added: and what follows", "The governor added: It is typical of her.", [("The governor added", "governor")]),
    (
        "published: the thing is the report",
        "The Times published portions of the returns.",
        [("The Times published", "times")],
    ),
    (
        "a noun phrase after the verb, after a quotation",
        "“It was a disjointed point,” said one Democratic source on the panel.",
        [("said one Democratic source on the panel", "democratic source on the panel")],
    ),
    (
        "a speech nobody's names no one new",
        "“We are waiting,” Peskov stated, according to the report.",
        [("Peskov stated", "peskov")],
    ),
    (
        "a report by X: X is who",
        "The list was sent, according to a new report by Politico.",
        [("according to a new report by Politico", "politico")],
    ),
    (
        "a statement of X: X is who",
        "The list was sent, according to a Kremlin statement.",
        [("according to a Kremlin statement", "kremlin")],
    ),
    ("X's statement: X is who", "Peskov’s statement said the list was sent.", [("Peskov’s statement said", "peskov")]),
    (
        "tweets saying: whose they are",
        "Donald Trump unleashed a series of tweets early Friday saying that Clinton had lied.",
        [("Donald Trump unleashed a series of tweets early Friday saying", "donald trump")],
    ),
    (
        "a name and the noun it describes",
        "The plan is final, according to a Facebook post published on May 19.",
        [("according to a Facebook post", "facebook post")],
    ),
    (
        "whose, then who, before 'and said'",
        "Keith Scott's relatives watched the videos on Thursday and said they were unclear.",
        [("Keith Scott's relatives watched the videos on Thursday and said", "keith scott's relatives")],
    ),
    (
        "says X set in the sentence, after names in a list",
        "There are rivals, be it Kickstarter or Seedrs, but, unlike rivals, says Ringelmann, anyone can start.",
        [("says Ringelmann", "ringelmann")],
    ),
    (
        "a circumstance, then who ..., saying",
        "In a speech earlier in the day, Donald Trump attacked Clinton for her votes, saying, “She is trigger-happy.”",
        [("Donald Trump attacked Clinton for her votes, saying", "donald trump")],
    ),
    (
        "a count of people ..., arguing",
        "In a column, two Democratic speechwriters implored her to use it, arguing that it agitated Trump.",
        [("two Democratic speechwriters implored her to use it, arguing", "2 democratic speechwriters")],
    ),
    # no citations
    ("an adverb is no one", "An earlier article, had however suggested that the blog was at fault.", []),
    ("by a year: when, not who", "The talks would have to be concluded by 2009, he said.", []),
    ("a thing to be shown", "Volkswagen will reveal the new model next week.", []),
    ("a cue's first word alone", "Schafft es Martin Schulz nach Berlin ins Kanzleramt?", []),
    ("a demonstrative and a thing", "This swap revealed that dialogue is possible.", []),
    ("a speech nobody's as subject", "The statement noted that the test was a violation.", []),
    ("a participle after a noun", "The plan comes from a paper published shortly before the speech.", []),
    ("claimed the throne", "Richard III claimed the throne in 1483.", []),
    ("told his staff of his decision", "Ferguson told his staff of his decision on Wednesday.", []),
    ("told his staff to", "Ferguson told his staff and players to stay calm.", []),
    ("warned X to", "China warned North Korea to refrain from further tests.", []),
    ("a name after the verb is what is said", "Trump said Clinton had lied.", [("Trump said", "trump")]),
    (
        "told CNN: who tells, not who is told",
        "Putney later told CNN that the video was unclear.",
        [("Putney later told", "putney")],
    ),
    (
        "according to ..., then a name",
        "According to exit polls, Mitt Romney had a lead.",
        [("According to exit polls", "exit polls")],
    ),
    ("a noun, not a verb", "Editor's note: the piece was updated.", []),
    ("a noun after a noun", "It needs records, databases and intelligence reports.", []),
    ("said in a statement", "“We are ready,” Smith said in a statement.", [("Smith said", "smith")]),
]


@pytest.mark.parametrize(("name", "sentence", "expected"), CASES, ids=[c[0] for c in CASES])
def test_citations(name: str, sentence: str, expected: list[tuple[str, str]]) -> None:
    comparison = compare_texts([LEAD + sentence, LEAD + sentence])
    assert [(c.text, c.who) for c in comparison.sources_of(0)] == expected


def test_a_quotation_over_several_sentences_cites_nothing_inside() -> None:
    """A verb of saying inside a quotation that an earlier sentence opened is the speaker's words."""
    text = LEAD + "Malala said: “Every girl must go to school. Islam says that every girl has this right.”"
    comparison = compare_texts([text, text])
    assert [c.who for c in comparison.sources_of(0)] == ["malala"]


def test_a_source_replaced_by_a_vaguer_one_is_altered() -> None:
    """ "expert Jo Appleby said" -> "experts say": an altered source, not the same one."""
    base = LEAD + "The bones are those of the king, said the human bones expert Jo Appleby."
    version = LEAD + "The bones are those of the king, experts say."
    comparison = compare_texts([base, version])
    altered = [d for d in comparison.details if d.category == "source" and d.fact_role == "altered"]
    assert [(d.text, [s.text for s in d.counterparts]) for d in altered] == [
        ("experts say", ["said the human bones expert Jo Appleby"])
    ]


def test_a_quotation_over_several_sentences_takes_the_speaker_named_where_it_closes() -> None:
    text = LEAD + "“We are ready. We sent the list,” Peskov said."
    comparison = compare_texts([text, LEAD + "Nothing else."])
    quotes = [d for d in comparison.details if d.category == "quote"]
    assert [(d.text, d.speaker.text if d.speaker else None) for d in quotes] == [("“We are ready.", "Peskov")]
