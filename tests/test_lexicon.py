"""Lexicon files: reading, validation messages, edits, round trips."""

import warnings
from pathlib import Path

import pytest

import framing
from framing import Entry, Lexicon, LexiconError, load_lexicon
from framing.errors import FramingWarning

HERE = Path(__file__).parent
HEADER = "term,category,polarity,weight,variants,note,neutral,exceptions,inflect,case,camp\n"


def write(tmp_path, body, name="terms.csv", header=HEADER):
    p = tmp_path / name
    p.write_text(header + body, encoding="utf-8")
    return p


@pytest.mark.parametrize("name", ["loaded-language", "venezuela-2019"])
def test_builtin_lexicons_load_and_document_every_entry(name):
    lex = load_lexicon(name)
    assert len(lex) >= (400 if name == "loaded-language" else 100)
    df = lex.to_frame()
    assert (df["note"].str.len() > 10).all(), df.loc[df["note"].str.len() <= 10, "term"].tolist()
    assert df["neutral"].map(len).gt(0).mean() > 0.9
    assert set(df["category"]) <= set(lex.categories)
    with warnings.catch_warnings():
        warnings.simplefilter("error", FramingWarning)
        framing.compile_lexicon(lex)  # compiles without collisions


def test_builtin_loaded_language_covers_required_categories():
    cats = set(load_lexicon("loaded-language").categories)
    assert {"delegitimizing", "legitimizing", "conflict", "dehumanizing", "hyperbole",
            "doubt", "sympathy"} <= cats


def test_builtin_venezuela_covers_both_camps():
    lex = load_lexicon("venezuela-2019")
    for term in ["self-proclaimed", "puppet", "coup", "putschist", "imperialism",
                 "regime", "dictator", "usurper", "uprising", "interim president"]:
        assert term in lex, term
    assert lex.actors


def test_load_lexicon_unknown_name_suggests_builtin():
    with pytest.raises(LexiconError, match="no lexicon 'loaded-langauge'.*did you mean 'loaded-language'"):
        load_lexicon("loaded-langauge")


def test_available_lexicons_lists_builtins():
    assert {"loaded-language", "venezuela-2019"} <= set(framing.available_lexicons())


def test_csv_with_categories_file_loads(tmp_path):
    lex = load_lexicon(HERE / "data" / "seed-terms.csv")
    assert lex.categories["legitimizing"].color == "#0072B2"
    assert lex["self-proclaimed"].variants == ("self-declared",)
    assert lex["coup"].exceptions[:2] == ("coup de grâce", "coup de grace")
    assert lex["democratically elected"].inflect is False


@pytest.mark.parametrize("row, message", [
    ("regime,delegitimizing,negative,high,,n,,,,,\n",
     r"terms.csv, line 2, column 'weight': weight 'high' for 'regime' is not a number"),
    ("regime,delegitimizing,negative,-2,,n,,,,,\n",
     r"line 2, column 'weight': weight '-2' for 'regime' must be a positive number"),
    (",delegitimizing,negative,1,,n,,,,,\n", r"line 2, column 'term': empty term"),
    ("“—”,delegitimizing,negative,1,,n,,,,,\n",
     r"line 2, column 'term': term '“—”' has no letters or digits \(it normalises to nothing\)"),
    ("regime,,negative,1,,n,,,,,\n", r"line 2, column 'category': empty category for 'regime'"),
    ("regime,delegitimizing,bad,1,,n,,,,,\n",
     r"line 2, column 'polarity': polarity 'bad' for 'regime' is not one of negative, neutral, positive"),
    ("regime,delegitimizing,negative,1,,n,,,maybe,,\n",
     r"line 2, column 'inflect': inflect 'maybe' for 'regime' is not yes/no"),
    ("regime,delegitimizing,negative,1,,n,,,,upper,\n",
     r"line 2, column 'case': case 'upper' for 'regime' is not 'sensitive' or 'insensitive'"),
    ("re*gime,delegitimizing,negative,1,,n,,,,,\n",
     r"line 2, column 'term': wildcard '\*' is only allowed at the end of a term"),
    ("regime,delegitimizing,negative,1,,n,,,,,,extra\n", r"line 2: more cells than columns"),
])
def test_csv_bad_cell_names_file_line_column_term(tmp_path, row, message):
    path = write(tmp_path, row)
    with pytest.raises(LexiconError, match=message):
        load_lexicon(path)


def test_csv_duplicate_term_cites_both_lines(tmp_path):
    path = write(tmp_path, "regime,a,negative,1,,n,,,,,\ncoup,a,negative,1,,n,,,,,\nRegime,a,negative,1,,n,,,,,\n")
    with pytest.raises(LexiconError, match=r"terms.csv, lines 2 and 4, column 'term': duplicate term 'Regime'"):
        load_lexicon(path)


def test_csv_collision_after_normalisation_warns(tmp_path):
    path = write(tmp_path, "self-proclaimed,a,negative,1,,n,,,,,\nself proclaimed,a,negative,1,,n,,,,,\n")
    with pytest.warns(FramingWarning, match=r"lines 2 and 3: 'self-proclaimed' and 'self proclaimed' are the same term"):
        load_lexicon(path)


def test_csv_unknown_category_with_categories_file(tmp_path):
    path = write(tmp_path, "regime,delegitimising,negative,1,,n,,,,,\n")
    (tmp_path / "terms.categories.csv").write_text("category,description,color\ndelegitimizing,x,#000000\n")
    with pytest.raises(LexiconError, match=r"line 2, column 'category': unknown category 'delegitimising' for 'regime' \(did you mean 'delegitimizing'\?\)"):
        load_lexicon(path)


def test_csv_single_use_category_typo_warns(tmp_path):
    path = write(tmp_path, "regime,delegitimizing,negative,1,,n,,,,,\njunta,delegitimizing,negative,1,,n,,,,,\nthug,delegitimising,negative,1,,n,,,,,\n")
    with pytest.warns(FramingWarning, match=r"line 4, column 'category': category 'delegitimising' of 'thug' is used once and looks like 'delegitimizing'"):
        load_lexicon(path)


def test_csv_unknown_column_warns_with_suggestion(tmp_path):
    path = write(tmp_path, "regime,a,Denies legitimacy\n", header="term,category,notes\n")
    with pytest.warns(FramingWarning, match=r"line 1: unknown column 'notes' ignored \(did you mean 'note'\?\)"):
        lex = load_lexicon(path)
    assert lex["regime"].weight == 1.0 and lex["regime"].polarity == 0


def test_csv_without_term_column_is_an_error(tmp_path):
    path = write(tmp_path, "regime,a\n", header="word,category\n")
    with pytest.raises(LexiconError, match=r"line 1: no 'term' column in the header"):
        load_lexicon(path)


def test_csv_semicolon_delimited_spreadsheet_export(tmp_path):
    path = write(tmp_path, "regime;delegitimizing;negative;1,5;;Denies legitimacy;government\n",
                 header="term;category;polarity;weight;variants;note;neutral\n")
    lex = load_lexicon(path)
    assert lex["regime"].weight == 1.5 and lex["regime"].neutral == ("government",)


def test_csv_not_utf8_names_line(tmp_path):
    p = tmp_path / "terms.csv"
    p.write_bytes(HEADER.encode() + "régime,a,negative,1,,n,,,,,\n".encode("latin-1"))
    with pytest.raises(LexiconError, match=r"terms.csv, line 2: not UTF-8 text"):
        load_lexicon(p)


def test_yaml_errors_name_line_and_field(tmp_path):
    p = tmp_path / "lex.yaml"
    p.write_text("name: t\ncategories:\n  - name: a\nentries:\n  - term: regime\n    category: a\n"
                 "  - term: coup\n    category: b\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lex.yaml, line 7, column 'category': unknown category 'b' for 'coup'"):
        load_lexicon(p)
    p.write_text("entries:\n  - term: regime\n    categroy: a\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"line 2, column 'categroy': unknown field 'categroy' for term 'regime' \(did you mean 'category'\?\)"):
        load_lexicon(p)
    p.write_text("entries: [\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lex.yaml, line \d+: invalid YAML"):
        load_lexicon(p)


def test_yaml_actor_alias_shared_is_an_error(tmp_path):
    p = tmp_path / "lex.yaml"
    p.write_text("entries:\n  - {term: regime, category: a}\nactors:\n  - name: A\n    aliases: [X]\n"
                 "  - name: B\n    aliases: [x]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lines 4 and 6, column 'aliases': alias 'x' belongs to both 'A' and 'B'"):
        load_lexicon(p)


@pytest.mark.parametrize("ext", [".csv", ".tsv", ".yaml"])
def test_save_round_trips(tmp_path, ext):
    lex = load_lexicon("venezuela-2019")
    path = lex.save(tmp_path / f"copy{ext}")
    again = load_lexicon(path)
    assert again.entries == lex.entries
    assert again.actors == lex.actors
    assert again.colors == lex.colors


def test_save_unknown_extension_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match=r"cannot save a lexicon as '.xlsx'"):
        load_lexicon("venezuela-2019").save(tmp_path / "x.xlsx")


def test_edits_return_new_lexicons():
    lex = Lexicon([Entry("regime", "delegitimizing", -1)], name="t")
    bigger = lex.add("junta", "delegitimizing", polarity="negative", note="Military rule.")
    assert len(lex) == 1 and len(bigger) == 2
    assert len(bigger.remove("regime")) == 1 and "regime" in bigger
    with pytest.raises(LexiconError, match=r"term 'Regime' is already in lexicon 't'"):
        lex.add("Regime", "delegitimizing")
    with pytest.raises(LexiconError, match=r"cannot remove \['nope'\]"):
        lex.remove("nope")
    with pytest.raises(LexiconError, match=r"weight 'x' for 'junta' is not a number"):
        lex.add("junta", "a", weight="x")


def test_merge_later_wins_and_unites_categories():
    a = Lexicon([Entry("regime", "delegitimizing", -1, 1.0), Entry("coup", "conflict", -1)], name="a")
    b = Lexicon([Entry("Regime", "custom", -1, 3.0)], name="b")
    m = a.merge(b)
    assert m["regime"].weight == 3.0 and set(m.categories) == {"delegitimizing", "conflict", "custom"}
    assert a.merge(b, on_conflict="keep")["regime"].weight == 1.0
    with pytest.raises(LexiconError, match="term 'regime' is in both"):
        a.merge(b, on_conflict="error")


def test_repr_shows_counts_per_category():
    lex = Lexicon([Entry("regime", "delegitimizing", -1), Entry("junta", "delegitimizing", -1),
                   Entry("hero", "sympathy", 1)], name="mini")
    assert repr(lex) == "<Lexicon 'mini': 3 entries, 2 categories (delegitimizing 2, sympathy 1)>"


def test_colors_default_to_colour_blind_safe_palette():
    lex = Lexicon([Entry("regime", "a", -1), Entry("hero", "b", 1)])
    assert set(lex.colors.values()) <= set(framing.lexicon.DEFAULT_COLORS)
    assert len(set(lex.colors.values())) == 2


def test_to_frame_columns():
    df = load_lexicon("venezuela-2019").to_frame()
    assert list(df.columns[:10]) == ["term", "category", "polarity", "weight", "variants", "note",
                                     "neutral", "exceptions", "inflect", "case_sensitive"]
    assert set(df["polarity"]) <= {-1, 0, 1}


def test_yaml_bad_colour_and_unknown_fields_are_errors(tmp_path):
    p = tmp_path / "lex.yaml"
    p.write_text("categories:\n  - name: bad\n    color: '#D55E0'\nentries:\n  - {term: regime, category: bad}\n",
                 encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lex.yaml, line 2: color '#D55E0' of category 'bad' is not a colour"):
        load_lexicon(p)
    p.write_text("categories:\n  - name: a\n    colour: '#D55E00'\nentries:\n  - {term: regime, category: a}\n",
                 encoding="utf-8")
    with pytest.raises(LexiconError, match=r"line 2: unknown field 'colour' for category 'a' \(did you mean 'color'\?\)"):
        load_lexicon(p)
    p.write_text("entries:\n  - {term: regime, category: a}\nactors:\n  - name: Nicolás Maduro\n    alias: [Maduro]\n",
                 encoding="utf-8")
    with pytest.raises(LexiconError, match=r"line 4: unknown field 'alias' for actor 'Nicolás Maduro' \(did you mean 'aliases'\?\)"):
        load_lexicon(p)


def test_near_duplicates_and_actors_frame():
    lex = Lexicon([Entry("rebel", "a", -1), Entry("rebels", "a", -1), Entry("coup", "b", -1)])
    assert lex.near_duplicates()[["term_a", "term_b", "stem"]].values.tolist() == [["rebel", "rebels", "rebel"]]
    actors = load_lexicon("venezuela-2019").actors_frame()
    assert list(actors.columns) == ["name", "kind", "camp", "aliases"]
    assert "Juan Guaidó" in set(actors["name"])
