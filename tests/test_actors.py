"""framing.actors: alias mentions, target and speaker attribution, actor profiles."""

import csv
import pickle
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Entry, Lexicon, compile_lexicon, find_matches, load_lexicon
from framing.actors import (
    PROFILE_COLUMNS,
    TARGET_RULES,
    actor_profile,
    compile_actors,
    find_mentions,
    rules,
)
from framing.actors.mentions import name_runs
from framing.cli import main
from framing.errors import InputError
from framing.text import QuoteSpan, normalize, quote_spans, sentence_spans

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data" / "actors"
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_edbf8da76c908260.txt"
SEED_002 = SEEDS / "002_23d72b98b34a2c10.txt"

# Measured on tests/data/actors/gold.csv (102 hits, 23 of them in quoted speech), rounded
# down to the nearest 0.05.  Raise them when the rules improve; never lower them silently.
MIN_TARGET_ACCURACY = 0.65
MIN_EXPLICIT_TARGET_ACCURACY = 0.95
MIN_SPEAKER_ACCURACY = 1.00

M, G, US = "Nicolás Maduro", "Juan Guaidó", "United States government"
FANB, OPP = "Bolivarian National Armed Forces", "Venezuelan opposition"


@pytest.fixture(scope="module")
def gold_lexicon():
    """Frozen copy of the venezuela-2019 entries the gold articles hit, with its actors."""
    return load_lexicon(DATA / "terms.yaml")


@pytest.fixture(scope="module")
def lex(gold_lexicon):
    """A small lexicon of loaded terms with the venezuela-2019 actors, for the rule cases."""
    terms = [
        ("dictator", "delegitimizing", -1), ("regime", "delegitimizing", -1),
        ("puppet", "delegitimizing", -1), ("traitor", "delegitimizing", -1),
        ("putschist", "delegitimizing", -1), ("usurper", "delegitimizing", -1),
        ("self-proclaimed", "delegitimizing", -1), ("interim president", "legitimizing", 1),
        ("democratically elected", "legitimizing", 1), ("renegade", "delegitimizing", -1),
        ("unilaterally declared", "delegitimizing", -1), ("Maduro regime", "delegitimizing", -1),
        ("US-backed", "delegitimizing", -1), ("opposition figure", "delegitimizing", -1),
        ("invasion", "conflict", -1), ("coup", "delegitimizing", -1),
        ("fascist", "delegitimizing", -1), ("legitimate president", "legitimizing", 1),
        ("imperialism", "delegitimizing", -1), ("economic war", "conflict", -1),
        ("thug", "dehumanizing", -1), ("free elections", "legitimizing", 1),
        ("humanitarian crisis", "sympathy", -1), ("loyal", "legitimizing", 1),
        ("mercenary", "delegitimizing", -1), ("clown", "dehumanizing", -1),
    ]
    return Lexicon([Entry(t, c, p) for t, c, p in terms], name="rules",
                   actors=gold_lexicon.actors)


def hit_row(matches, text, matched, occurrence=0):
    """The matches row whose hit starts at the ``occurrence``-th ``matched`` in ``text``."""
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(matched, pos + 1)
        assert pos >= 0, f"{matched!r} not in text"
    rows = matches[matches["start"] == pos]
    assert len(rows) == 1, f"no hit at {matched!r} ({pos}): {matches[['matched_text', 'start']].values.tolist()}"
    return rows.iloc[0]


# ---------------------------------------------------------------------------
# Mentions
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Guaido spoke.", [(G, "Guaido")]),                                  # accent-free spelling
    ("GUAIDÓ spoke.", [(G, "GUAIDÓ")]),                                  # case-insensitive
    ("Maduro’s men and Maduro's men.", [(M, "Maduro"), (M, "Maduro")]),  # possessives
    ("Padrino-López and Padrino López.", [("Vladimir Padrino López", "Padrino-López"),
                                          ("Vladimir Padrino López", "Padrino López")]),
    ("President Nicolás Maduro arrived.", [(M, "President Nicolás Maduro")]),  # longest wins
    ("Tell us about the US.", [(US, "US")]),                             # short all-caps alias
    ("Un día the UN met.", [("United Nations", "UN")]),
    ("The U.S. Treasury and the U.S. agreed.", [(US, "U.S. Treasury"), (US, "U.S.")]),
    ("It fell to Maduro. Government aid came.", [(M, "Maduro")]),        # not across a full stop
    ("The Venezuelan opposition met.", [(OPP, "Venezuelan opposition")]),
])
def test_find_mentions_alias_rules(text, expected):
    df = find_mentions(text)
    assert list(zip(df["actor"], df["matched_text"])) == expected
    assert all(text[s:e] == t for s, e, t in zip(df["start"], df["end"], df["matched_text"]))


def test_find_mentions_columns_and_empty():
    df = find_mentions("Nobody here.")
    assert list(df.columns) == ["actor", "start", "end", "matched_text"]
    assert df.empty and df["start"].dtype == "int64"


def test_compile_actors_without_actors_finds_nothing():
    am = compile_actors(Lexicon([Entry("coup", "conflict")]))
    assert am.mentions("Maduro and Guaidó") == []
    assert "0 actors" in repr(am)


def test_compile_actors_is_built_once_per_lexicon(lex):
    assert compile_actors(lex) is compile_actors(lex) is compile_lexicon(lex).actors
    assert compile_actors(lex).attribute("text", [], [], []) == []


# ---------------------------------------------------------------------------
# Targets: one case per rule, and cases that must stay unresolved
# ---------------------------------------------------------------------------

TARGET_CASES = [
    # contains
    ("The Maduro regime fell.", "Maduro regime", M, "contains"),
    # premodifier
    ('The opposition led by self-proclaimed "interim president" Juan Guaido marched.',
     "self-proclaimed", G, "premodifier"),
    ("A group of renegade soldiers fled.", "renegade", FANB, "premodifier"),
    ("The US-backed opposition marched.", "US-backed", OPP, "premodifier"),
    # apposition
    ("The army backed the democratically elected president, Maduro, on Monday.",
     "democratically elected", M, "apposition"),
    ("Nicolás Maduro, the legitimate president, spoke.", "legitimate president", M, "apposition"),
    ("Soldiers led by opposition figure, Juan Guaido, rebelled.", "opposition figure", G, "apposition"),
    # possessive
    ("Maduro's regime arrested him.", "regime", M, "possessive"),
    ("Maduro’s regime arrested him.", "regime", M, "possessive"),
    ("They fear a US invasion.", "invasion", US, "possessive"),
    # predicate
    ("Nicolás Maduro is a dictator.", "dictator", M, "predicate"),
    ("Guaidó was branded a traitor by state media.", "traitor", G, "predicate"),
    ("Cabello called Guaidó a puppet.", "puppet", G, "predicate"),
    ("Russia recognized Maduro as the only legitimate president.", "legitimate president", M, "predicate"),
    ("Cabello, a powerful man in Chavismo, is a thug.", "thug", "Diosdado Cabello", "predicate"),
    ("The military remained loyal to the government.", "loyal", FANB, "predicate"),
    ('Cabello called the opposition "fascists".', "fascists", OPP, "predicate"),
    # led_by
    ("The putschists led by Guaidó were arrested.", "putschists", G, "led_by"),
    ("Guaidó's supporters are putschists.", "putschists", G, "led_by"),
    ("Maduro denounced what he called the economic war waged by Washington.", "economic war", US, "led_by"),
    # pronoun
    ("Guaido urged soldiers to defect. Then he unilaterally declared himself president.",
     "unilaterally declared", G, "pronoun"),
    ('Guaido spoke. The crisis grew after he declared himself "interim president" in January.',
     "interim president", G, "pronoun"),
    ("Guaidó met Pompeo. Officials describe him as a puppet.", "puppet", G, "pronoun"),
    ("Chavismo is strong. Its loyal base votes.", "loyal", "United Socialist Party of Venezuela", "pronoun"),
    ("President Maduro spoke first. Later the president was called a dictator.", "dictator", M, "pronoun"),
    # clause
    ("Speaking on Tuesday, Maduro ordered the military to capture traitors.", "traitors", FANB, "clause"),
    ("Soldiers who are mercenaries fled.", "mercenaries", FANB, "clause"),
]


@pytest.mark.parametrize("text, matched, target, rule", TARGET_CASES)
def test_attribute_target_rules(lex, text, matched, target, rule):
    row = hit_row(find_matches(text, lex), text, matched)
    assert (row["target"], row["target_rule"]) == (target, rule)


@pytest.mark.parametrize("text, matched", [
    ("The humanitarian crisis deepened.", "humanitarian crisis"),          # no actor at all
    ("Padrino said the defectors were mercenaries paid by Colombia.", "mercenaries"),  # slot is no actor
    ("Officials call the government a dictator.", "dictator"),             # 'the government' is no alias
    ("In a statement, the Lima Group denounced the coup.", "coup"),         # the judge is not the target
    ("The European Union, which recognised Guaidó in February, called for free elections.",
     "free elections"),                                                    # Guaidó is in the relative clause
    ("He is a clown.", "clown"),                                           # pronoun with no antecedent
    ('"He is a clown," Maduro said.', "clown"),                           # pronoun in a quote: only the quote
])
def test_attribute_target_stays_unresolved(lex, text, matched):
    row = hit_row(find_matches(text, lex), text, matched)
    assert (row["target"], row["target_rule"]) == ("", "")


def test_attribute_target_first_person_in_quote_is_the_speaker(lex):
    text = '"I am the legitimate president," Maduro said.'
    row = hit_row(find_matches(text, lex), text, "legitimate president")
    assert (row["target"], row["target_rule"], row["speaker"]) == (M, "pronoun", M)


def test_attribute_target_rules_are_documented(lex):
    rules = {c[3] for c in TARGET_CASES}
    assert rules == set(TARGET_RULES)


# ---------------------------------------------------------------------------
# Targets with the built-in lexicons: one or more sentences per rule, and corners
# of the rules (the clause window, clause breaks, title anaphors, possessives)
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def builtin():
    return load_lexicon()


# (text, matched text of the hit, expected target, expected rule); "" "" when no
# rule resolves the target or the labelled noun phrase is no declared actor.
BUILTIN_TARGET_CASES = [
    ("The Maduro regime arrested dozens of protesters.", "Maduro regime", M, "contains"),
    ("Guaidó denounced the Maduro dictatorship.", "Maduro dictatorship", M, "contains"),
    ('The self-proclaimed "interim president" Juan Guaidó spoke in Caracas.', "self-proclaimed", G,
     "premodifier"),
    ('The self-proclaimed "interim president" Juan Guaidó spoke in Caracas.', "interim president", G,
     "premodifier"),
    ("The democratically elected president, Maduro, met the envoys.", "democratically elected", M,
     "apposition"),
    ("They met Maduro, the legitimate president, in Caracas.", "legitimate president", M, "apposition"),
    ("Maduro's regime jailed the protesters.", "regime", M, "possessive"),
    ("Maduro’s dictatorship jailed them.", "dictatorship", M, "possessive"),
    ("The soldiers’ coup failed.", "coup", FANB, "possessive"),
    ("The soldiers' coup failed.", "coup", FANB, "possessive"),
    ("Guaidó is a puppet.", "puppet", G, "predicate"),
    ("Washington is the puppet master, he said.", "puppet master", US, "predicate"),
    ("Maduro was branded a dictator by the envoys.", "dictator", M, "predicate"),
    ("Trump called Maduro a dictator.", "dictator", M, "predicate"),
    ("Maduro described Guaidó as a puppet.", "puppet", G, "predicate"),
    ("Guaidó, recognised as the legitimate president by fifty countries, toured Europe.",
     "legitimate president", G, "predicate"),
    ("Washington backs Guaidó against the Venezuelan government, which it calls a dictatorship.",
     "dictatorship", M, "predicate"),
    ("President Maduro spoke. The president of Colombia is a puppet.", "puppet", "Colombia", "predicate"),
    ("Putschists led by Guaidó stormed the base.", "Putschists", G, "led_by"),
    ("The putschists loyal to Guaidó were arrested.", "putschists", G, "led_by"),
    ("Guaidó's supporters are putschists.", "putschists", G, "led_by"),
    ("Guaidó arrived in Caracas. He is a puppet, the envoy said.", "puppet", G, "pronoun"),
    ("Maduro addressed the crowd. His regime is collapsing.", "regime", M, "pronoun"),
    ("Guaidó vowed to press on. Maduro called him a puppet.", "puppet", G, "pronoun"),
    ("President Maduro spoke on Monday. The president is a dictator, the envoy said.", "dictator", M,
     "pronoun"),
    ("“I am the legitimate president,” Maduro said.", "legitimate president", M, "pronoun"),
    ("In the capital, thugs attacked Guaidó during the rally.", "thugs", G, "clause"),
    ("The regime, Maduro said, is strong.", "regime", M, "clause"),
    ("The US-backed coup failed, Maduro said.", "coup", US, "clause"),
    # the clause window: CLAUSE_WINDOW (8) words away counts, one more does not
    ("Maduro one two three four five six seven the regime.", "regime", M, "clause"),
    ("Maduro one two three four five six seven eight the regime.", "regime", "", ""),
    ("The regime one two three four five six seven eight Guaidó.", "regime", G, "clause"),
    ("The regime one two three four five six seven eight nine Guaidó.", "regime", "", ""),
    # brackets and dashes end a clause
    ("Maduro] the regime [Guaidó.", "regime", "", ""),
    ("Maduro — the regime – Guaidó.", "regime", "", ""),
    # the labelled noun phrase is no actor: the search stops with no target
    ("The defectors were mercenaries.", "mercenaries", "", ""),
    ("Carlos de la Cruz said he is a dictator.", "dictator", "", ""),
    ("Juan Pérez said he is a dictator.", "dictator", "", ""),
    ("Carlos de la Cruz’s regime fell.", "regime", "", ""),
    ("It was a coup staged by Washington.", "coup", "", ""),
    # "president-elect" is no title anaphor; a pronoun with no antecedent of its kind
    ("President Maduro spoke. The president-elect is a puppet.", "puppet", "", ""),
    ("CARACAS (Reuters) - He called the regime a dictatorship.", "dictatorship", "", ""),
    ("Guaidó spoke.\n\nWASHINGTON — They are putschists, he said.", "putschists", "", ""),
    # the victim and the judge are not the target
    ("The coup against the opposition failed.", "coup", "", ""),
    ("The Lima Group condemned the dictatorship.", "dictatorship", "", ""),
]


@pytest.mark.parametrize("text, matched, target, rule", BUILTIN_TARGET_CASES)
def test_attribute_targets_with_builtin_lexicons(builtin, text, matched, target, rule):
    row = hit_row(find_matches(text, builtin), text, matched)
    assert (row["target"], row["target_rule"]) == (target, rule)


def test_attribute_builtin_cases_cover_every_rule():
    assert {c[3] for c in BUILTIN_TARGET_CASES} >= set(TARGET_RULES)


# ---------------------------------------------------------------------------
# Speakers
# ---------------------------------------------------------------------------

SPEAKER_CASES = [
    ('"The coup has failed," Maduro said.', M),                            # after
    ('"The coup has failed," said Maduro.', M),                            # inverted
    ('“The coup has failed,” President Trump told reporters.', "Donald Trump"),
    ('Maduro said: "The coup has failed."', M),                            # before
    ('According to Arreaza, "the coup has failed."', "Jorge Arreaza"),
    ("US officials continue to say that \"a coup is not the answer\" to the crisis.", US),
    ("Maduro's tweet read: \"The putschists will fail.\"", M),              # X's tweet
    ('Arreaza spoke on Monday. "The coup has failed," he said.', "Jorge Arreaza"),  # pronoun
    ('Maduro addressed the troops. "The coup has failed and the putschists will pay!"\n'
     "he tweeted in Spanish.", M),                                         # next line
    ('"We will never accept the coup."\nThose were the words of Delcy Rodríguez on television.',
     "Delcy Rodríguez"),                                                   # next sentence
    ('"The coup failed," Guaidó said. "The putschists are in the government."', G),  # continued
    ('"The coup has failed," said Delsa Solórzano, a deputy.', "Delsa Solórzano"),  # not an actor
    ('"This was a coup and nothing else," El Nacional reports.', "El Nacional"),  # weak cue
    ('Maduro spoke. He ordered the army to "crush the coup against the homeland", El Nacional '
     "reports.", M),                                                       # the subject beats 'reports'
    ('"The coup has failed," he said.', ""),                               # 'he' has no antecedent
    ('A banner reads "No to the coup". Nobody knows who hung it.', ""),    # unattributed
    ('"The coup has failed!"', ""),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_CASES)
def test_attribute_speaker_cues(lex, text, speaker):
    m = find_matches(text, lex)
    quoted = m[m["voice"] == "quoted"]
    assert len(quoted) >= 1, m[["matched_text", "voice"]]
    assert set(quoted["speaker"]) == {speaker}


# Limits of the speaker and name rules: the tail after a speech verb before a quotation
# (at most 60 characters), a possessive name as speaker, a chain of continued quotations,
# a capital after an apostrophe inside a name.
PINNED_CASES = [
    ("Late on Monday night after long talks with ministers and generals at the palace Maduro said in a "
     "televised address from the palace on Monday night “The regime will fall and the people will be free "
     "at last,” and left.", [("regime", "", M)]),
    ("“The regime is finished and everybody in the region knows it,” Lopez Obrador's spokesman said.",
     [("regime", "", "Lopez Obrador")]),
    ("“The regime lies and steals from the people,” Maduro said. “We will win this fight, and we will win "
     "it soon.” “The dictatorship will fall, all of it, very soon indeed.”",
     [("regime", "", M), ("dictatorship", "", M)]),
    ("Yesterday d’Artagnan Silva met Maduro. He is a dictator.", [("dictator", M, "")]),
]


@pytest.mark.parametrize("text, expected", PINNED_CASES)
def test_attribute_pinned_speakers_and_names(builtin, text, expected):
    m = find_matches(text, builtin)
    assert list(zip(m["matched_text"], m["target"], m["speaker"])) == expected


@pytest.mark.parametrize("text, names", [
    ("Carlos de la Cruz met Juan Pérez and The New York Times in Caracas.",
     ["Carlos de la Cruz", "Juan Pérez"]),
    ("Maduro met Ana y María.", ["Ana y María"]),               # without the full stop
    ("President Nicolás Maduro met Delsa Solórzano.", ["Delsa Solórzano"]),  # not over a mention
    ("The National Assembly met on Monday.", []),               # an organization, a day
])
def test_name_runs_people_who_are_not_actors(builtin, text, names):
    am = compile_actors(builtin)
    assert [r[2] for r in name_runs(text, 0, len(text), am.mentions(text))] == names


def test_attribute_speaker_blank_outside_speech(lex):
    text = 'Maduro said the coup failed. He called Guaidó a "puppet".'
    m = find_matches(text, lex)
    assert set(m["speaker"]) == {""}


def test_attribute_returns_one_tuple_per_hit(lex):
    text = '"The coup failed," Maduro said of the putschists led by Guaidó.'
    comp = compile_lexicon(lex)
    hits = comp.scan(text)
    out = comp.actors.attribute(text, hits, sentence_spans(text), quote_spans(text))
    assert len(out) == len(hits) == 2
    assert out[0] == ("", "", M)
    assert out[1] == (G, "led_by", "")


@pytest.mark.parametrize("hits, sentences, quotes, where", [
    ([(17, 25, 0, 0)], [(0, 10**6)], None, "sentence 0"),
    ([(17, 25, 0, 0)], [(0, 27)], [QuoteSpan(8, 99, "quoted", True)], "quotation 0"),
    ([(17, 25, 0, 0)], [(5, 2)], None, "sentence 0"),
    ([(3, 99, 0, 0)], [(0, 27)], None, "hit 0"),
])
def test_attribute_rejects_offsets_outside_the_text(builtin, hits, sentences, quotes, where):
    text = 'Maduro: "he is a dictator,"'
    quotes = quote_spans(text) if quotes is None else quotes
    with pytest.raises(ValueError, match=f"{where} = .* does not fit a text of length 27"):
        compile_actors(builtin).attribute(text, hits, sentences, quotes)


def test_find_matches_without_actors_leaves_columns_blank():
    lex = Lexicon([Entry("dictator", "delegitimizing", -1)])
    m = find_matches("Maduro is a dictator.", lex)
    assert m[["target", "target_rule", "speaker"]].values.tolist() == [["", "", ""]]


# ---------------------------------------------------------------------------
# Seeds (built-in venezuela-2019 lexicon)
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_matches():
    lex = load_lexicon("venezuela-2019")
    return {p: (p.read_text(encoding="utf-8"), find_matches(p.read_text(encoding="utf-8"), lex))
            for p in (SEED_000, SEED_002)}


@pytest.mark.parametrize("seed, matched, target", [
    (SEED_000, "self-proclaimed", G),
    (SEED_000, "interim president", G),
    (SEED_000, "democratically elected", M),
    (SEED_000, "legitimate president", M),
    (SEED_000, "interim leader", G),
    (SEED_002, "renegade", FANB),
    (SEED_002, "opposition figure", G),
    (SEED_002, "unilaterally declared", G),
])
def test_seeds_targets(seed_matches, seed, matched, target):
    text, m = seed_matches[seed]
    assert hit_row(m, text, matched)["target"] == target


@pytest.mark.parametrize("seed", [SEED_000, SEED_002])
def test_seeds_quoted_traitor_speaker_is_maduro(seed_matches, seed):
    text, m = seed_matches[seed]
    quote_start = text.find("If a traitor emerges")
    row = hit_row(m, text, "traitor", text[:quote_start + 10].count("traitor"))
    assert row["voice"] == "quoted"
    assert row["speaker"] == M


def test_seeds_every_quoted_hit_has_a_speaker(seed_matches):
    for text, m in seed_matches.values():
        quoted = m[m["voice"] == "quoted"]
        assert (quoted["speaker"] != "").all(), quoted[["matched_text", "speaker"]]


# ---------------------------------------------------------------------------
# Measured accuracy on the hand-annotated gold set
# ---------------------------------------------------------------------------

def _speaker_ok(got: str, want: str) -> bool:
    """Same words, or one name is the tail of the other ("Maria Zakharova" in a longer title)."""
    g, w = normalize(got).split(), normalize(want).split()
    if not g or not w:
        return g == w
    return g[-len(w):] == w or w[-len(g):] == g


@pytest.fixture(scope="module")
def gold_results(gold_lexicon):
    """``(gold row, matches row)`` pairs, and the gold rows whose hit the matcher no longer makes."""
    rows = list(csv.DictReader((DATA / "gold.csv").open(encoding="utf-8")))
    cache = {}
    out, lost = [], []
    for r in rows:
        if r["file"] not in cache:
            text = (ROOT / r["file"]).read_text(encoding="utf-8")
            cache[r["file"]] = (text, find_matches(text, gold_lexicon))
        text, m = cache[r["file"]]
        pos = -1
        for _ in range(int(r["occurrence"]) + 1):
            pos = text.find(r["matched_text"], pos + 1)
        found = m[m["start"] == pos]
        if len(found) == 1:
            out.append((r, found.iloc[0]))
        else:
            lost.append(r)
    return out, lost, cache


def test_gold_annotates_every_hit(gold_results):
    """Every hit in the gold articles is annotated (no cherry-picking), give or take matcher drift."""
    results, lost, cache = gold_results
    annotated = {(r["file"], int(row["start"])) for r, row in results}
    produced = {(f, int(s)) for f, (_, m) in cache.items() for s in m["start"]}
    assert len(results) >= 60
    assert len(lost) <= 0.05 * (len(results) + len(lost)), f"gold hits no longer found: {lost}"
    missing = produced - annotated
    assert len(missing) <= 0.05 * len(produced), f"hits without a gold row: {sorted(missing)}"


def test_gold_target_accuracy(gold_results):
    results, _, _ = gold_results
    ok = [row["target"] in (r["true_target"].split("|") if r["true_target"] else [""])
          for r, row in results]
    explicit = [o for o, (r, _) in zip(ok, results) if r["explicit"] == "yes"]
    assert sum(ok) / len(ok) >= MIN_TARGET_ACCURACY
    assert sum(explicit) / len(explicit) >= MIN_EXPLICIT_TARGET_ACCURACY


def test_gold_speaker_accuracy(gold_results):
    results, _, _ = gold_results
    ok = [_speaker_ok(row["speaker"], r["true_speaker"]) for r, row in results if row["voice"] == "quoted"]
    assert len(ok) >= 15
    assert sum(ok) / len(ok) >= MIN_SPEAKER_ACCURACY


# ---------------------------------------------------------------------------
# actor_profile and the CLI
# ---------------------------------------------------------------------------

def _matches():
    return pd.DataFrame({
        "article_id": ["a", "a", "a", "a", "b"],
        "outlet": ["X", "X", "X", "X", "Y"],
        "target": [M, M, G, "", G],
        "category": ["delegitimizing", "legitimizing", "delegitimizing", "delegitimizing", "legitimizing"],
        "voice": ["narrative", "narrative", "quoted", "narrative", "scare_quote"],
        "polarity": [-1, 1, -1, -1, 1],
        "weight": [3.0, 2.0, 1.0, 1.0, 2.0],
        "speaker": ["", "", M, "", ""],
    })


def test_actor_profile_columns_and_net():
    prof = actor_profile(_matches())
    assert list(prof.columns) == ["article_id"] + PROFILE_COLUMNS
    assert prof.values.tolist() == [
        ["a", M, "delegitimizing", "narrative", 1, 3.0, -3.0],
        ["a", M, "legitimizing", "narrative", 1, 2.0, 2.0],
        ["b", G, "legitimizing", "scare_quote", 1, 2.0, -2.0],  # scare quotes reverse the polarity
    ]


def test_actor_profile_include_quoted_and_by_list():
    prof = actor_profile(_matches(), by=["outlet", "speaker"], include_quoted=True)
    assert list(prof.columns[:2]) == ["outlet", "speaker"]
    quoted = prof[prof["voice"] == "quoted"]
    assert quoted[["outlet", "speaker", "actor", "net"]].values.tolist() == [["X", M, G, -1.0]]


def test_actor_profile_empty_and_missing_columns():
    m = _matches().assign(target="")
    prof = actor_profile(m, by="outlet")
    assert prof.empty and list(prof.columns) == ["outlet"] + PROFILE_COLUMNS
    with pytest.raises(InputError, match="lacks column.*polarity"):
        actor_profile(_matches().drop(columns="polarity"))


def test_cli_actors_by_outlet(capsys):
    code = main(["actors", str(SEEDS), "-l", "venezuela-2019", "--by", "outlet", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "outlet,actor,category,voice,count,weighted,net"
    assert any(line.startswith("Alwaght,Juan Guaidó,delegitimizing,narrative,") for line in lines)


def test_cli_actors_by_article_to_file(capsys, tmp_path):
    out_file = tmp_path / "actors.csv"
    code = main(["actors", str(SEED_000), "-l", "venezuela-2019", "-o", str(out_file)])
    assert code == 0
    df = pd.read_csv(out_file)
    assert list(df.columns) == ["article_id"] + PROFILE_COLUMNS
    assert set(df["article_id"]) == {"000_edbf8da76c908260"}


def test_actor_profile_reverses_scare_quotes_by_default():
    import framing

    arts = framing.read_articles(Path(__file__).parents[1] / "seeds")
    m = framing.find_matches(arts[arts.outlet == "Alwaght"], framing.load_lexicon("venezuela-2019"))
    prof = actor_profile(m, by="outlet")
    guaido = prof[prof.actor == "Juan Guaidó"]
    scare = guaido[guaido.voice == "scare_quote"]
    assert len(scare) and (scare["net"] < 0).all()  # "interim president" in scare quotes mocks the title
    kept = actor_profile(m, by="outlet", scare_quotes="keep")
    assert (kept[(kept.actor == "Juan Guaidó") & (kept.voice == "scare_quote")]["net"] > 0).all()
    with pytest.raises(ValueError, match="scare_quotes must be 'reverse' or 'keep'"):
        actor_profile(m, scare_quotes="flip")


# ---------------------------------------------------------------------------
# Shortcuts (framing.actors skips rules that cannot reach a mention)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, matched, target, rule", [
    # the only mention comes after the hit's sentence: nothing resolves it
    ("The coup failed at dawn. Maduro spoke on television.", "coup", "", ""),
    # the mention is in the clause but more than CLAUSE_WINDOW words away
    ("Maduro waited for hours in the palace in the capital for the coup.", "coup", "", ""),
    # within the window: the clause rule still applies
    ("Maduro denounced it, and the invasion began.", "invasion", "", ""),
    ("Soldiers loyal to Guaido talked of an invasion.", "invasion", G, "clause"),
])
def test_shortcuts_keep_results(lex, text, matched, target, rule):
    m = find_matches(text, lex)
    row = hit_row(m, text, matched)
    assert (row["target"], row["target_rule"]) == (target, rule)


# ---------------------------------------------------------------------------
# The rules, their order, pickling, long and random texts
# ---------------------------------------------------------------------------

def test_rules_are_documented_functions_in_order():
    assert [f.__name__ for f in rules.TARGET_RULES_IN_ORDER] == [
        "premodifier", "apposition", "predicate", "possessive", "led_by", "clause"]
    for f in (rules.contains, *rules.TARGET_RULES_IN_ORDER, rules.alias_before_person_noun,
              *rules.SPEAKER_RULES_IN_ORDER):
        assert f.__doc__, f.__name__


def test_actor_matcher_pickles(builtin):
    am = compile_actors(builtin)
    clone = pickle.loads(pickle.dumps(am))
    assert clone.names == am.names and repr(clone) == repr(am)
    text = SEED_000.read_text(encoding="utf-8")
    assert clone.mentions(text) == am.mentions(text) != []
    hits = compile_lexicon(builtin).scan(text)
    args = (text, hits, sentence_spans(text), quote_spans(text))
    assert clone.attribute(*args) == am.attribute(*args)
    assert any(t for t, _, _ in clone.attribute(*args))


def test_attribution_of_a_long_sentence(builtin):
    """200 KB without a full stop: attribution reads a bounded window around every hit."""
    unit = "Maduro's regime said the self-proclaimed president Guaidó, "
    text = unit * (200_000 // len(unit))
    m = find_matches(text, builtin)
    n = text.count(unit)
    got = m.groupby("matched_text")[["target", "target_rule"]].agg(lambda c: sorted(set(c)))
    assert len(m) == 3 * n
    assert got.loc["regime"].tolist() == [[M], ["possessive"]]
    assert got.loc["self-proclaimed"].tolist() == [[G], ["premodifier"]]
    assert (m["target"] != "").all()


def test_attribution_of_a_long_article(builtin):
    """2 MB of real paragraphs repeated: every copy after the first gets the same targets and speakers."""
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("a0*.txt"))) + "\n\n"
    copies = 2_000_000 // len(base)
    m = find_matches(base * copies, builtin)
    one = len(find_matches(base, builtin))
    assert len(m) == copies * one
    cols = ["matched_text", "target", "target_rule", "speaker"]
    per_copy = [m.iloc[i * one:(i + 1) * one][cols].values.tolist() for i in (1, copies // 2, copies - 1)]
    assert per_copy[0] == per_copy[1] == per_copy[2]
    assert sum(1 for row in per_copy[0] if row[1]) > one // 3
    assert any(row[3] for row in per_copy[0])


# Random text from pieces that reach the rules' corners: aliases, titles, names of people
# who are no actors, pronouns, copulas and labelling verbs, possessives, relatives,
# clause breaks, speech verbs and quotation marks of every kind.
PIECES = [
    "President Nicolás Maduro", "Maduro’s", "Maduro's", "Guaidó’s supporters", "the president",
    "the president of", "president-elect", "the Venezuelan government", "the opposition", "the US",
    "the U.S.", "US", "us", "Washington", "the military", "the Lima Group", "Juan Pérez",
    "Carlos de la Cruz", "El Nacional", "He", "he", "him", "his", "its", "their", "They", "them", "it",
    "I", "we", "is", "was", "has been", "is a", "was branded a", "called", "calls him a", "as",
    "described as", "which it calls", "who", "which", "that", ", which", ", and", ", saying", " - ", "—",
    ";", ":", "(", ")", "led by", "backed by", "loyal to", "supporters of", "against", "according to",
    "denounced the", "for the", "dictator", "regime", "puppet", "democratically elected",
    "self-proclaimed", "interim president", "US-backed", "putschists", "coup", "said", "told", "tweeted",
    "shot back", "CARACAS (Reuters) - ", '"', "“", "”", "‘", "’", "«", "»", ".", ". ", "\n", "\n\n", ",",
    "Those were the words of Guaidó.", "Maduro ordered:", "x" * 40,
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=5, max_size=60).map(" ".join))
def test_attribution_on_random_text_is_well_formed(builtin, text):
    names = set(compile_actors(builtin).names) | {""}
    m = find_matches(text, builtin)
    assert set(m["target"]) <= names
    assert set(m["target_rule"]) <= set(TARGET_RULES) | {""}
    assert ((m["target"] == "") == (m["target_rule"] == "")).all()
    assert (m.loc[m["voice"] != "quoted", "speaker"] == "").all()
