"""Details are facts: which facts a version inserts, alters or lacks, and on which layer each change lies.

Every row of the issue's hand-read list is a row here (English, German, French).
"""

from __future__ import annotations

import pytest

from reader.core import compare_texts
from reader.core.text.normalize import tokenize
from reader.core.text.values import value_tokens
from reader.model.comparison import CATEGORIES, Comparison


def values(text: str) -> list[str]:
    return [t.key for t in value_tokens(text, tokenize(text)) if t.is_number]


SAME_VALUE = [
    ("thousands separator", "1000", "1,000"),
    ("number in words", "one thousand", "1,000"),
    ("space between groups", "1 000", "1000"),
    ("money, scale letter", "$5m", "$5 million"),
    ("time, dotted", "3 am", "3 a.m."),
    ("time, clock", "3 am", "03:00"),
    ("afternoon", "3 pm", "15:00"),
    ("date, day first or month first", "22 May 2006", "May 22nd, 2006"),
    ("ordinal", "the 22nd", "the 22"),
    ("percent sign and word", "5%", "5 percent"),
    ("per cent", "5 per cent", "5%"),
    ("round figures", "hundreds of thousands", "hundreds of thousands"),
    ("de thousands", "1.000 Gefangene", "tausend Gefangene"),
    ("de date", "am 22. Mai 2006", "22 May 2006"),
    ("de time", "um 15.30 Uhr", "15:30"),
    ("de percent", "5 Prozent", "5%"),
    ("de money", "5 Millionen Euro", "fünf Millionen Euro"),
    ("fr date", "le 22 mai 2006", "22 May 2006"),
    ("fr thousand", "mille personnes", "1000 personnes"),
    ("fr money", "5 millions d'euros", "5 000 000 euros"),
    ("fr time", "à 15 h 30", "15:30"),
    ("fr time glued", "15h30", "15:30"),
    ("date in digits, day first", "22/05/2006", "22 May 2006"),
    ("date in digits, month first", "05/22/2006", "22 May 2006"),
    ("date in digits, year first", "2006-05-22", "22 May 2006"),
    ("de date in digits", "22.05.2006", "22. Mai 2006"),
    ("fr percent", "5 pour cent", "5 %"),
]


@pytest.mark.parametrize(("name", "a", "b"), SAME_VALUE, ids=[r[0] for r in SAME_VALUE])
def test_same_value_across_formats(name: str, a: str, b: str) -> None:
    assert values(a) == values(b) != []


DIFFERENT_VALUE = [
    ("another number", "1000", "1001"),
    ("morning and afternoon", "3 am", "3 pm"),
    ("another day", "22 May 2006", "23 May 2006"),
    ("million and billion", "$5m", "$5bn"),
    ("another currency", "$5", "€5"),
    ("de another month", "22. Mai 2006", "22. Juni 2006"),
    ("day and month both 12 or under: no date read", "05/06/2006", "6 May 2006"),
]


@pytest.mark.parametrize(("name", "a", "b"), DIFFERENT_VALUE, ids=[r[0] for r in DIFFERENT_VALUE])
def test_different_values_stay_apart(name: str, a: str, b: str) -> None:
    assert values(a) != values(b)


def _facts(comparison: Comparison) -> set[tuple[str, str, int, str]]:
    """(role, category, article, text) of every detail."""
    return {(d.fact_role, d.category, d.article, d.text) for d in comparison.details}


# (name, base sentence, version sentence, expected facts as (role, category, article, text),
#  expected layers of the version's changes)
EDITS = [
    ("case is cosmetic", "Talks resumed in Kyiv today.", "Talks Resumed in Kyiv today.", set(), set()),
    ("a typo fixed", "The facory was closed by the city.", "The factory was closed by the city.", set(), {"cosmetic"}),
    ("its and it's", "The city said it's budget was cut.", "The city said its budget was cut.", set(), {"cosmetic"}),
    ("an ordinal written another way", "It opened on May 22nd 2006.", "It opened on May 22, 2006.", set(), set()),
    (
        "an acronym spelled out",
        "The VC firm Sequoia paid.",
        "The Venture Capitalist firm Sequoia paid.",
        set(),
        {"wording"},
    ),
    ("a plain word swapped", "Fans filled the stadium.", "Fans filled the venue.", set(), {"wording"}),
    ("the same name", "The inquiry heard Trevor Hicks.", "The inquiry heard Trevor Hicks again.", set(), {"wording"}),
    (
        "figures a rewrite adds are inserted, not altered against a clause",
        "The report found it was difficult for the families to contemplate, the inquiry heard.",
        "The report found they could have saved 41 of the 96 lives lost, the inquiry heard.",
        {("inserted", "number", 1, "41"), ("inserted", "number", 1, "96 lives")},
        {"fact"},
    ),
    (
        "an ordinary word opening a sentence is no name",
        "However, the plan failed.",
        "But the plan failed.",
        set(),
        {"wording"},
    ),
    ("money written another way", "The club paid $5m for him.", "The club paid $5 million for him.", set(), set()),
    (
        "a time written another way",
        "The raid began at 3 am on Monday.",
        "The raid began at 3 a.m. on Monday.",
        set(),
        set(),
    ),
    (
        "a date written another way",
        "It opened on May 22nd 2006 in Leeds.",
        "It opened on 22 May 2006 in Leeds.",
        set(),
        set(),
    ),
    (
        "an altered number",
        "Moscow sent its list of 1,000 prisoners.",
        "Moscow sent its list of 1,500 prisoners.",
        {("altered", "number", 1, "1,500 prisoners")},
        {"fact"},
    ),
    (
        "what a number counts, altered",
        "Kyiv holds 1,000 Russian prisoners.",
        "Kyiv holds 1,000 Ukrainian soldiers.",
        {("altered", "number", 1, "1,000 Ukrainian soldiers")},
        {"fact"},
    ),
    (
        "a head count and an age are two slots",
        "The tribe of Gad was counted: the men numbered 45,600 in all when the census of the whole camp was done.",
        "The tribe of Gad was counted: every man aged 20 years and older who was able to go to war was listed.",
        {("lacking", "number", 0, "45,600"), ("inserted", "number", 1, "20 years")},
        {"fact"},
    ),
    ("a small number's noun reworded", "The two nations met.", "The two sides met.", set(), {"wording"}),
    (
        "an altered source",
        "The memo was leaked, according to Reuters.",
        "The memo was leaked, according to the Associated Press.",
        {("altered", "source", 1, "according to the Associated Press")},
        {"fact"},
    ),
    (
        "a source's name and who they are",
        "The plan, as outlined by Russian officials, stands.",
        "The plan, as outlined by analysts, stands.",
        {("altered", "source", 1, "outlined by analysts")},
        {"fact"},
    ),
    (
        "an attribution in two steps: the first is the slot, the second inserted",
        "The list is under scrutiny, but analysts suggest caution.",
        "The list is under scrutiny, according to leaked memos obtained by Bloomberg.",
        {("altered", "source", 1, "according to leaked memos"), ("inserted", "source", 1, "obtained by Bloomberg")},
        {"fact"},
    ),
    (
        "a speaker named after the verb",
        "‘We are ready,’ said a senior diplomat.",
        "‘We are ready,’ said Foreign Minister Kuleba.",
        {("altered", "quote", 1, "‘We are ready,’"), ("altered", "source", 1, "said Foreign Minister Kuleba")},
        {"fact"},
    ),
    (
        "what follows 'said' is no speaker unless it ends in a noun or a name",
        "The envoy arrived, said the talks would go on.",
        "The envoy arrived, said the talks would go on and on.",
        set(),
        {"wording"},
    ),
    (
        "a pronoun's source in a document's place",
        "The deal holds, according to official transcripts.",
        "The deal holds, he noted.",
        {("altered", "source", 1, "he noted")},
        {"fact"},
    ),
    ("a name told as a pronoun", "“We are ready,” Peskov said.", "“We are ready,” he said.", set(), {"wording"}),
    (
        "a pronoun that says nothing",
        "The official said he was ready.",
        "The official said she was ready.",
        set(),
        {"wording"},
    ),
    (
        "an inserted source",
        "Moscow sent its list on Monday.",
        "Moscow sent its list on Monday, according to Interfax.",
        {("inserted", "source", 1, "according to Interfax")},
        {"fact"},
    ),
    (
        "a lacking date, shown on the base",
        "Moscow sent its list to Kyiv on Monday.",
        "Moscow sent its list to Kyiv.",
        {("lacking", "date", 0, "Monday")},
        set(),
    ),
    (
        "a reworded quotation",
        "He asked them “to remove or alter comments unfavourable to” the firm.",
        "He asked them “to remove or change negative comments about” the firm.",
        {
            (
                "altered",
                "quote",
                1,
                "“to remove or change negative comments about”",
            )
        },
        {"fact"},
    ),
    (
        "a quotation given another speaker",
        "“We are ready to talk,” Peskov said.",
        "“We are ready to talk,” Lavrov said.",
        {("altered", "quote", 1, "“We are ready to talk,”"), ("altered", "source", 1, "Lavrov said")},
        {"fact"},
    ),
    ("de number in words", "Kiew erhielt 1.000 Gefangene.", "Kiew erhielt tausend Gefangene.", set(), set()),
    (
        "de altered date",
        "Die Liste kam am 22. Mai 2006 an.",
        "Die Liste kam am 23. Mai 2006 an.",
        {("altered", "date", 1, "23. Mai 2006")},
        {"fact"},
    ),
    (
        "de what a number counts, altered",
        "In Kiew sitzen 1.000 Gefangene.",
        "In Kiew sitzen 1.000 Soldaten.",
        {("altered", "number", 1, "1.000 Soldaten")},
        {"fact"},
    ),
    (
        "de a name told as a pronoun",
        "„Wir sind bereit“, sagte Peskow.",
        "„Wir sind bereit“, sagte er.",
        set(),
        {"wording"},
    ),
    (
        "de a speaker named after the verb",
        "„Wir sind bereit“, sagte ein hoher Diplomat.",
        "„Wir sind bereit“, sagte Außenminister Kuleba.",
        {("altered", "quote", 1, "„Wir sind bereit“"), ("altered", "source", 1, "sagte Außenminister Kuleba")},
        {"fact"},
    ),
    (
        "de altered source",
        "Die Liste kam an, laut Interfax.",
        "Die Liste kam an, laut Reuters.",
        {("altered", "source", 1, "laut Reuters")},
        {"fact"},
    ),
    (
        "de a typo fixed",
        "Die Stadt schloss die Fabirk am Montag.",
        "Die Stadt schloss die Fabrik am Montag.",
        set(),
        {"cosmetic"},
    ),
    ("de case is cosmetic", "Die Gespräche begannen in Kiew.", "Die Gespräche Begannen in Kiew.", set(), set()),
    (
        "de the same name",
        "Der Bericht nannte Trevor Hicks.",
        "Der Bericht nannte Trevor Hicks erneut.",
        set(),
        {"wording"},
    ),
    ("de a time written another way", "Der Angriff begann um 3 Uhr.", "Der Angriff begann um 03:00 Uhr.", set(), set()),
    ("de a date in digits", "Die Liste kam am 22. Mai 2006 an.", "Die Liste kam am 22.05.2006 an.", set(), set()),
    (
        "de a reworded quotation",
        "Er bat sie, „Kommentare zu entfernen oder zu ändern“, hieß es.",
        "Er bat sie, „Kommentare zu löschen oder umzuschreiben“, hieß es.",
        {("altered", "quote", 1, "„Kommentare zu löschen oder umzuschreiben“")},
        {"fact"},
    ),
    (
        "de a quotation given another speaker",
        "„Wir sind bereit“, sagte Peskow.",
        "„Wir sind bereit“, sagte Lawrow.",
        {("altered", "quote", 1, "„Wir sind bereit“"), ("altered", "source", 1, "sagte Lawrow")},
        {"fact"},
    ),
    ("fr percent", "Les prix ont monté de 5 pour cent.", "Les prix ont monté de 5 %.", set(), set()),
    ("fr a typo fixed", "La ville a fermé l'usnie lundi.", "La ville a fermé l'usine lundi.", set(), {"cosmetic"}),
    ("fr a plain word swapped", "Les fans ont rempli le stade.", "Les fans ont rempli la salle.", set(), {"wording"}),
    (
        "fr a time written another way",
        "L'attaque a commencé à 3 h lundi.",
        "L'attaque a commencé à 03:00 lundi.",
        set(),
        set(),
    ),
    (
        "fr a date in digits",
        "Il est arrivé le 22 mai 2006 à Leeds.",
        "Il est arrivé le 22/05/2006 à Leeds.",
        set(),
        set(),
    ),
    ("fr money", "Le club a payé 5 millions d'euros.", "Le club a payé 5 000 000 euros.", set(), set()),
    (
        "fr a reworded quotation",
        "Il leur a demandé « de retirer ou modifier les commentaires ».",
        "Il leur a demandé « de supprimer ou réécrire les commentaires ».",
        {("altered", "quote", 1, "« de supprimer ou réécrire les commentaires »")},
        {"fact"},
    ),
    (
        "fr a quotation given another speaker",
        "« Nous sommes prêts », a dit Peskov.",
        "« Nous sommes prêts », a dit Lavrov.",
        {("altered", "quote", 1, "« Nous sommes prêts »"), ("altered", "source", 1, "dit Lavrov")},
        {"fact"},
    ),
    (
        "fr figures a rewrite adds are inserted",
        "Ils ont pu sauver une famille, a dit l'enquête.",
        "Ils auraient pu sauver 41 des 96 vies perdues, a dit l'enquête.",
        {("inserted", "number", 1, "41"), ("inserted", "number", 1, "96 vies")},
        {"fact"},
    ),
    (
        "fr altered date",
        "La liste est arrivée le 22 mai 2006.",
        "La liste est arrivée le 23 mai 2006.",
        {("altered", "date", 1, "23 mai 2006")},
        {"fact"},
    ),
    (
        "fr what a number counts, altered",
        "Kiev détient 1 000 prisonniers russes.",
        "Kiev détient 1 000 soldats ukrainiens.",
        {("altered", "number", 1, "1 000 soldats")},
        {"fact"},
    ),
    (
        "fr a pronoun's source in a document's place",
        "La liste est arrivée, selon les transcriptions officielles.",
        "La liste est arrivée, dit-il.",
        {("altered", "source", 1, "dit-il")},
        {"fact"},
    ),
    (
        "fr inserted source",
        "La liste est arrivée lundi.",
        "La liste est arrivée lundi, selon Interfax.",
        {("inserted", "source", 1, "selon Interfax")},
        {"fact"},
    ),
]
CONTEXT = "Kyiv and Moscow spoke. Reuters, Lavrov, Sequoia and Peskov were named. Leeds is a city.\n"


@pytest.mark.parametrize(("name", "base", "version", "facts", "layers"), EDITS, ids=[r[0] for r in EDITS])
def test_fact_layer(name: str, base: str, version: str, facts: set, layers: set) -> None:
    """Each hand-read case: the facts a fact-checker expects, and no others; the layer of each change."""
    comparison = compare_texts([CONTEXT + base, CONTEXT + version])
    assert _facts(comparison) == facts
    assert {c.layer for c in comparison.changes if c.article == 1} == layers
    altered = any(f[0] == "altered" for f in facts)
    assert {c.status for c in comparison.claims if len(c.articles) == 2} <= {"same", "reworded", "altered"}
    assert any(c.status == "altered" for c in comparison.claims) == altered


def test_case_change_is_on_the_cosmetic_layer() -> None:
    comparison = compare_texts(["Talks resumed in Kyiv.", "Talks Resumed in Kyiv."])
    assert comparison.changes == () and comparison.details == ()
    marks = comparison.marks(1, 0)
    assert [(m.layer, m.kind, comparison.articles[1].text[m.start : m.end]) for m in marks] == [
        ("cosmetic", "restyled", "Resumed")
    ]


def test_words_a_version_drops_are_marked_on_the_base() -> None:
    comparison = compare_texts(["The two texts differ much more than that.", "The two texts differ more than that."])
    base_marks = comparison.marks(0, 0)
    assert [(m.kind, comparison.articles[0].text[m.start : m.end]) for m in base_marks] == [("dropped", "much")]
    assert comparison.marks(1, 0) == ()


def test_an_altered_fact_names_its_counterpart() -> None:
    comparison = compare_texts(
        [CONTEXT + "Moscow sent its list of 1,000 prisoners.", CONTEXT + "Moscow sent its list of 1,500 prisoners."]
    )
    (detail,) = comparison.details
    assert (detail.value, detail.against) == ("1500 prisoners", 0)  # the value, and what it counts
    (counterpart,) = detail.counterparts
    assert (counterpart.article, counterpart.text, counterpart.value) == (0, "1,000 prisoners", "1000 prisoners")


def test_quote_integrity_gives_both_speakers() -> None:
    comparison = compare_texts(["“We are ready to talk,” Peskov said.", "“We are ready to talk,” Lavrov said."])
    (quote,) = [d for d in comparison.details if d.category == "quote"]
    assert quote.speaker is not None and quote.speaker.text == "Lavrov"
    assert quote.counterparts[0].speaker is not None and quote.counterparts[0].speaker.text == "Peskov"


def test_sources_per_version() -> None:
    comparison = compare_texts(
        [
            "Moscow sent its list, according to Interfax. Kyiv did not reply.",
            "Moscow sent its list, according to Interfax. Kyiv did not reply, memos obtained by Reuters show.",
        ]
    )
    assert [c.who for c in comparison.sources_of(0)] == ["interfax"]
    assert [c.text for c in comparison.sources_of(1)] == ["according to Interfax", "memos obtained by Reuters"]
    assert comparison.cited_by["reuters"] == (1,)  # only version 2 cites Reuters
    assert comparison.cited_by["interfax"] == (0, 1)


def test_an_acronym_opening_a_sentence_is_a_name() -> None:
    comparison = compare_texts(["Moscow sent its list.", "Moscow sent its list. NATO officials have warned of a trap."])
    assert ("inserted", "name", 1, "NATO") in _facts(comparison)


def test_a_sentence_only_one_version_tells_has_its_facts_marked_not_its_words() -> None:
    """A detail is a fact: in a sentence only here, its date and name, never its ordinary words."""
    comparison = compare_texts(
        [
            "Talks were direct.\n\nThe staff went home late.",
            "Talks were frank.\n\nThe staff went home late.\n\nA directive from Kyiv had ordered it on 3 May 2022.",
        ]
    )
    assert [(d.category, d.text) for d in comparison.details] == [("name", "Kyiv"), ("date", "3 May 2022")]
    assert {d.category for d in comparison.details} <= set(CATEGORIES)


def test_detail_offsets_are_exact() -> None:
    base = CONTEXT + "Peskov said Moscow sent its list of 1,000 prisoners to Kyiv on Monday."
    other = base.replace("1,000", "1,500").replace("Monday.", "Monday, according to Interfax.")
    comparison = compare_texts([base, other])
    for d in comparison.details:
        assert comparison.articles[d.article].text[d.start : d.end] == d.text
        for c in d.counterparts:
            assert comparison.articles[c.article].text[c.start : c.end] == c.text
    for ch in comparison.changes + comparison.cosmetic:
        assert comparison.articles[ch.article].text[ch.start : ch.end] == ch.text


COMMON = [("the", True), ("they", True), ("und", True), ("les", True), ("history", False), ("checkpoints", False)]


@pytest.mark.parametrize(("word", "common"), COMMON, ids=[r[0] for r in COMMON])
def test_common_words_are_grammar_not_content(word: str, common: bool) -> None:
    from reader.core.text.common import common_word

    assert common_word(word) is common


def test_a_namesake_is_the_same_slot() -> None:
    """A team named only here, beside a team of the other version sharing a word: altered, not inserted."""
    comparison = compare_texts(
        [
            "He played for the Chicago Blackhawks and the Vancouver Canucks.",
            "He played for the Chicago Blackhawks and the Hamilton Canucks.",
        ]
    )
    assert _facts(comparison) == {("altered", "name", 1, "Hamilton Canucks")}
    assert comparison.details[0].counterparts[0].text == "Vancouver Canucks"


GERMAN = (
    "Die Stadt Hamburg liegt an der Elbe. Im Hafen arbeiten viele Menschen aus aller Welt. "
    "Jedes Jahr kommen Millionen Besucher in die Stadt und besuchen die Kirchen, die Brücken und die Museen. "
    "Der Bürgermeister sagte am Montag, die Zahl der Gäste wachse weiter.\n"
)


def test_german_nouns_are_no_names() -> None:
    """In a text that capitalises its nouns, a noun one version drops is no name fact; a figure still is."""
    other = GERMAN.replace("die Kirchen, die Brücken und die Museen", "die Kirchen und die Museen").replace(
        "Millionen Besucher", "zwei Millionen Besucher"
    )
    comparison = compare_texts([GERMAN, other])
    assert not [d for d in comparison.details if d.category == "name"]
    (figure,) = comparison.details  # "Millionen" became "zwei Millionen": a figure altered, with what it counts
    assert (figure.fact_role, figure.category, figure.text, figure.counterparts[0].text) == (
        "altered",
        "number",
        "zwei Millionen Besucher",
        "Millionen Besucher",
    )


def test_in_german_a_number_counts_one_noun() -> None:
    """A text that capitalises its nouns: the capital after a number is the noun it counts, not a name before it."""
    text = GERMAN.replace("Im Hafen arbeiten viele Menschen aus aller Welt.", "Im Hafen arbeiten 250 Menschen täglich.")
    comparison = compare_texts([text, text.replace("250", "300")])
    assert [(d.fact_role, d.text, d.counterparts[0].text) for d in comparison.details] == [
        ("altered", "300 Menschen", "250 Menschen")
    ]


def test_text_between_two_far_sentences_of_one_member_is_no_cosmetic_change():
    """A member made of two sentences far apart: the text between them is not punctuation
    between two equal words (it once became a cosmetic span of the whole text between)."""
    from reader.core.claims.layers import restyled
    from reader.core.text.normalize import tokenize

    mine_text = "Alpha beta. Unrelated words stand here. Gamma delta."
    their_text = "Alpha beta; Gamma delta."
    far = mine_text.index("Gamma")
    mine = tokenize(mine_text, 0, len("Alpha beta.")) + tokenize(mine_text, far, len(mine_text))
    theirs = tokenize(their_text)
    assert [t.key for t in mine] == [t.key for t in theirs]
    assert restyled(mine_text, their_text, mine, theirs, [], 0, 0, 1) == []
    # between neighbouring words, other punctuation is still a cosmetic change
    near = "Alpha beta, Gamma delta."
    spans = restyled(near, their_text, tokenize(near), theirs, [], 0, 0, 1)
    assert [near[c.start : c.end] for c in spans] == [","]
