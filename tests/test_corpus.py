"""Tests for framing.corpus: read_articles and iter_articles."""

import codecs
import csv
import gzip
import json
import re
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing.corpus
from framing.corpus import COLUMNS, iter_articles, read_articles
from framing.errors import FramingWarning, InputError

DATA = Path(__file__).parent / "data" / "corpus"
SEEDS = Path(__file__).parents[1] / "seeds"
NEWS_SAMPLE = Path(__file__).parents[1] / "../shared/data/news-sample/articles.jsonl.gz"
MAPPING = {"text": "content", "outlet": "source", "article_id": "ID"}


def write(path, text, encoding="utf-8"):
    """Write ``text`` to ``path`` byte for byte (no newline translation) and return path."""
    path.write_bytes(text.encode(encoding))
    return path


# --- folders, .txt files and front matter -------------------------------------------------

def test_read_articles_seeds_folder_reads_every_txt_file():
    files = sorted(SEEDS.glob("*.txt"))
    articles = read_articles(SEEDS)
    assert list(articles.columns[:6]) == list(COLUMNS)
    assert articles["article_id"].tolist() == [f.stem for f in files]
    for text, file in zip(articles["text"], files):  # the whole file, or what follows front matter
        assert text.strip() and file.read_text(encoding="utf-8").endswith(text)


@pytest.mark.skipif(not (SEEDS / "metadata.csv").exists(), reason="no seeds/metadata.csv yet")
def test_read_articles_seeds_metadata_fills_fields():
    meta = pd.read_csv(SEEDS / "metadata.csv", dtype=str, keep_default_na=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", FramingWarning)
        articles = read_articles(SEEDS)
    by_id = articles.set_index("article_id")
    for row in meta.to_dict("records"):
        if "outlet" in row and (SEEDS / row["file"]).exists():
            assert by_id.loc[Path(row["file"]).stem, "outlet"] == row["outlet"]


def test_read_articles_fixture_folder_front_matter_and_sidecar():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles = read_articles(DATA / "folder")
    assert articles["article_id"].tolist() == ["a", "b", "c"]  # notes.md is not read
    a, b, c = articles.to_dict("records")
    assert a["outlet"] == "Alwaght" and a["title"] == 'Maduro orders military to capture "traitors"'
    assert a["url"] == "https://alwaght.net/en/News/123" and a["topic"] == "venezuela"
    assert a["text"].startswith("The president of Venezuela")
    assert a["date"] == pd.Timestamp("2019-05-22")
    assert (b["outlet"], b["date"]) == ("AFP", pd.Timestamp("2019-05-21"))  # from metadata.csv
    assert (c["outlet"], c["title"]) == ("Press TV", "")  # front matter wins over the sidecar
    assert c["date"] == pd.Timestamp("2019-05-21")  # ... which still fills what is missing
    assert pd.isna(b["topic"])


def test_read_articles_front_matter_parsed(tmp_path):
    path = write(tmp_path / "one.txt", "---\r\nOUTLET: 'Fox News'\n# a comment\n\nSection: World\n"
                 "---\nBody line 1\r\nBody line 2\n")
    article = read_articles(path).iloc[0]
    assert article["article_id"] == "one" and article["outlet"] == "Fox News"
    assert article["section"] == "World"  # an unknown key becomes an extra column
    assert article["text"] == "Body line 1\r\nBody line 2\n"


def test_read_articles_front_matter_keys_follow_mapping(tmp_path):
    path = write(tmp_path / "one.txt", "---\nSource: AFP\nID: x1\n---\nBody")
    article = read_articles(path, outlet="source", article_id="ID").iloc[0]
    assert (article["article_id"], article["outlet"], article["text"]) == ("x1", "AFP", "Body")


def test_read_articles_no_front_matter_keeps_whole_file(tmp_path):
    text = "outlet: AFP\n---\nnot front matter\n"
    assert read_articles(write(tmp_path / "t.txt", text))["text"].tolist() == [text]


@pytest.mark.parametrize("content, message", [
    ("---\noutlet: AFP\nno colon here\n---\nBody", r"bad\.txt, line 3: front matter line 'no colon here' is not 'key: value'"),
    ("---\n: AFP\n---\nBody", r"bad\.txt, line 2: front matter line ': AFP' is not 'key: value'"),
    ("---\noutlet: AFP\nOutlet: BBC\n---\nBody", r"bad\.txt, line 3: front matter key 'outlet' repeats line 2"),
    ("---\noutlet: AFP\ntitle: Body\n", r"bad\.txt: front matter opened on line 1 is not closed by a '---' line"),
])
def test_read_articles_malformed_front_matter_raises(tmp_path, content, message):
    with pytest.raises(InputError, match=message):
        read_articles(write(tmp_path / "bad.txt", content))


def test_read_articles_sidecar_unknown_file_warns(tmp_path):
    write(tmp_path / "a.txt", "Text")
    write(tmp_path / "metadata.csv", "file,outlet\na.txt,AFP\nmissing.txt\n")
    with pytest.warns(FramingWarning, match=r"metadata\.csv, line 3: no file 'missing\.txt'"):
        articles = read_articles(tmp_path)
    assert articles["outlet"].tolist() == ["AFP"]


@pytest.mark.parametrize("sidecar, message", [
    ("name,outlet\na.txt,AFP\n", r"metadata\.csv: no 'file' column \(columns: name, outlet\)"),
    ("file,outlet\na.txt,AFP\na.txt,BBC\n", r"metadata\.csv, line 3: file 'a\.txt' is already listed on line 2"),
    ("file,outlet\na.txt,AFP,2019\n", r"metadata\.csv, line 2: 3 fields but the header has 2"),
])
def test_read_articles_bad_sidecar_raises(tmp_path, sidecar, message):
    write(tmp_path / "a.txt", "Text")
    write(tmp_path / "metadata.csv", sidecar)
    with pytest.raises(InputError, match=message):
        read_articles(tmp_path)


def test_read_articles_folder_recursive_option(tmp_path):
    write(tmp_path / "b.txt", "B")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.txt", "A")
    write(tmp_path / ".hidden.txt", "hidden")
    assert read_articles(tmp_path)["article_id"].tolist() == ["b"]
    assert read_articles(tmp_path, recursive=True)["article_id"].tolist() == ["b", "sub/a"]


def test_read_articles_folder_without_txt_raises(tmp_path):
    write(tmp_path / "data.csv", "text\nx\n")
    with pytest.raises(InputError, match=r"no \.txt files in this folder .*found: data\.csv"):
        read_articles(tmp_path)


# --- tables: csv, tsv, jsonl, json, gzip, DataFrame ----------------------------------------

@pytest.mark.parametrize("name", ["articles.csv", "articles.tsv", "articles.jsonl", "articles.json"])
def test_read_articles_formats_give_same_table(name):
    articles = read_articles(DATA / name, **MAPPING)
    assert list(articles.columns) == [*COLUMNS, "topic"]
    assert articles["article_id"].tolist() == ["a1", "a2", "a3"]
    assert articles["outlet"].tolist() == ["Alwaght", "AFP", "Press TV"]
    assert articles["text"][0] == ('Maduro said: "capture him immediately, it\'s an order"\n'
                                   'He also ordered the military to "activate" the weapon systems.')
    assert articles["date"].tolist()[:2] == [pd.Timestamp("2019-05-22"), pd.Timestamp("2019-05-21")]
    assert pd.isna(articles["date"][2])
    assert articles["topic"].tolist() == ["venezuela", "venezuela", ""]
    pd.testing.assert_frame_equal(articles, read_articles(DATA / "articles.csv", **MAPPING))


@pytest.mark.parametrize("name", ["articles.csv", "articles.tsv", "articles.jsonl", "articles.json"])
def test_read_articles_gzip_same_as_plain(tmp_path, name):
    gz = tmp_path / (name + ".gz")
    gz.write_bytes(gzip.compress((DATA / name).read_bytes()))
    expected = read_articles(DATA / name, **MAPPING)
    pd.testing.assert_frame_equal(read_articles(gz, **MAPPING), expected)


def test_read_articles_txt_gz_uses_stem(tmp_path):
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(b"Gzipped text"))
    assert read_articles(tmp_path / "story.txt.gz")[["article_id", "text"]].values.tolist() == [
        ["story", "Gzipped text"]]


def test_read_articles_invalid_gzip_raises(tmp_path):
    write(tmp_path / "fake.jsonl.gz", '{"text": "not gzipped"}\n')
    with pytest.raises(InputError, match=r"fake\.jsonl\.gz: cannot be read"):
        read_articles(tmp_path / "fake.jsonl.gz")


def test_read_articles_list_concatenates_in_order(tmp_path):
    second = write(tmp_path / "second.txt", "Second")
    articles = read_articles([DATA / "articles.jsonl", second], **MAPPING)
    assert articles["article_id"].tolist() == ["a1", "a2", "a3", "second"]
    assert articles.index.tolist() == [0, 1, 2, 3]


def test_read_articles_default_ids_from_stem_and_row(tmp_path):
    path = write(tmp_path / "news.csv", "text,outlet\n\nFirst,AFP\nSecond,\n")
    articles = read_articles(path)
    assert articles["article_id"].tolist() == ["news:1", "news:2"]
    assert articles["outlet"].tolist() == ["AFP", ""]


def test_read_articles_dataframe_input_mapped():
    df = pd.DataFrame({"body": ["One", "Two"], "site": ["AFP", None], "when": pd.to_datetime(
        ["2019-05-22", None]), "tone": [1, 2]}, index=[10, 11])
    articles = read_articles(df, text="body", outlet="site", date="when")
    assert articles["article_id"].tolist() == ["10", "11"]
    assert articles["outlet"].tolist() == ["AFP", ""] and articles["tone"].tolist() == [1, 2]
    assert articles["date"].dtype == "datetime64[us]" and pd.isna(articles["date"][1])


def test_read_articles_dtypes_are_documented_ones():
    articles = read_articles(DATA / "articles.jsonl", **MAPPING)
    for column in ("article_id", "outlet", "title", "url", "text"):
        assert articles[column].dtype == pd.Series(["x"], dtype="str").dtype
        assert not articles[column].isna().any()
    assert articles["date"].dtype == "datetime64[us]"


def test_read_articles_keep_extra_false_and_name_clash():
    df = pd.DataFrame({"content": ["A"], "text": ["other"], "topic": ["x"]})
    assert list(read_articles(df, text="content").columns) == [*COLUMNS, "text_orig", "topic"]
    assert list(read_articles(df, text="content", keep_extra=False).columns) == list(COLUMNS)


@pytest.mark.parametrize("name, content", [
    ("data.csv", "id,body,source\n1,Text,AFP\n"),
    ("data.jsonl", '{"id": 1, "body": "Text", "source": "AFP"}\n'),
    ("data.json", '[{"id": 1, "body": "Text", "source": "AFP"}]'),
])
def test_read_articles_missing_text_column_raises(tmp_path, name, content):
    message = f"{name}: no text column 'text' (columns: id, body, source); pass text='body'"
    with pytest.raises(InputError, match=re.escape(message)):
        read_articles(write(tmp_path / name, content))


def test_read_articles_missing_text_column_in_dataframe_raises():
    message = "DataFrame: no text column 'content' (columns: a, b); pass text='<column>'"
    with pytest.raises(InputError, match=re.escape(message)):
        read_articles(pd.DataFrame({"a": [1], "b": [2]}), text="content")


def test_read_articles_dataframe_duplicate_columns_raises():
    with pytest.raises(InputError, match="DataFrame: duplicate column names: text"):
        read_articles(pd.DataFrame([["a", "b"]], columns=["text", "text"]))


@pytest.mark.parametrize("content, message", [
    ("\n\n", r"empty\.csv: empty file, expected a header line with column names"),
    ("\ntext,a,a\n", r"empty\.csv, line 2: duplicate column names: a"),
])
def test_read_articles_bad_csv_header_raises(tmp_path, content, message):
    with pytest.raises(InputError, match=message):
        read_articles(write(tmp_path / "empty.csv", content))


class _BrokenReader:
    """A csv.reader stand-in that fails on the second record."""

    def __init__(self, lines, delimiter):
        self.line_num = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.line_num += 1
        if self.line_num > 1:
            raise csv.Error("boom")
        return ["text"]


def test_read_articles_csv_parse_error_raises(tmp_path, monkeypatch):
    # csv.Error can hardly happen once lines are split like a newline="" file; still wrapped.
    monkeypatch.setattr(framing.corpus.csv, "reader", _BrokenReader)
    with pytest.raises(InputError, match=r"x\.csv, line 2: cannot parse CSV \(boom\)"):
        read_articles(write(tmp_path / "x.csv", "text\nA\n"))


def test_read_articles_csv_lone_carriage_returns_split_lines(tmp_path):
    path = write(tmp_path / "mac.csv", "text,outlet\rFirst,AFP\rSecond,BBC\r")
    assert read_articles(path)["outlet"].tolist() == ["AFP", "BBC"]


def test_read_articles_csv_too_many_fields(tmp_path):
    path = write(tmp_path / "wide.csv", "text,outlet\nA,AFP\nB,BBC,extra\n")
    with pytest.raises(InputError, match=r"wide\.csv, line 3: 3 fields but the header has 2"):
        read_articles(path)
    assert read_articles(path, errors="keep")["text"].tolist() == ["A", ""]


# --- JSON ----------------------------------------------------------------------------------

def test_read_articles_malformed_json_line_raises(tmp_path):
    path = write(tmp_path / "bad.jsonl", '{"text": "ok"}\n\n{"text": "broken"\n{"text": "ok"}\n')
    with pytest.raises(InputError, match=r"bad\.jsonl, line 3: malformed JSON"):
        read_articles(path)


def test_read_articles_malformed_json_line_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(Path("bad.jsonl"), '{"text": "ok"}\n\n{"text": "broken"\n[1, 2]\n')
    articles = read_articles(path, errors="keep")
    assert articles["article_id"].tolist() == ["bad:1", "bad:2", "bad:3"]
    assert articles["text"].tolist() == ["ok", "", ""]
    assert articles["error"][0] == ""
    assert articles["error"][1].startswith("bad.jsonl, line 3: malformed JSON (Expecting")
    assert re.search(r"bad\.jsonl, line 4: expected a JSON object, got list", articles["error"][2])


@pytest.mark.parametrize("content, message", [
    ('[{"text": "a"},\n {"text": }]', r"bad\.json, line 2: malformed JSON \(Expecting value"),
    ('{"a": [{"text": "x"}], "b": []}', r"bad\.json: expected one list of article objects, found several \(a, b\)"),
    ('"just a string"', r"bad\.json: expected a list of article objects or an object holding one, got str"),
    ('[{"text": "a"}, 3]', r"bad\.json, record 2: expected a JSON object, got int"),
])
def test_read_articles_bad_json_raises(tmp_path, content, message):
    with pytest.raises(InputError, match=message):
        read_articles(write(tmp_path / "bad.json", content))


@pytest.mark.parametrize("name, content, message", [
    ("deep.jsonl", "[" * 100_000 + "\n", r"deep\.jsonl, line 1: malformed JSON \(maximum recursion"),
    ("big.jsonl", '{"text": ' + "1" * 5000 + "}\n", r"big\.jsonl, line 1: malformed JSON \(Exceeds"),
    ("deep.json", "[" * 100_000, r"deep\.json: malformed JSON \(maximum recursion"),
])
def test_read_articles_json_beyond_parser_limits_raises(tmp_path, name, content, message):
    with pytest.raises(InputError, match=message):
        read_articles(write(tmp_path / name, content))


def test_read_articles_json_single_object_is_one_article(tmp_path):
    path = write(tmp_path / "one.json", '{"text": "Only one", "quotes": [{"who": "Maduro"}]}')
    articles = read_articles(path)
    assert articles["text"].tolist() == ["Only one"]
    assert articles["quotes"][0] == [{"who": "Maduro"}]


def test_read_articles_jsonl_text_key_missing_from_first_chunk(tmp_path):
    path = write(tmp_path / "late.jsonl", '{"body": "a"}\n{"body": "b"}\n{"text": "c"}\n')
    message = r"late\.jsonl: no text column 'text' \(columns: body\); pass text='body'"
    with pytest.raises(InputError, match=message):
        next(iter_articles(path, chunksize=2))


# --- bad articles: errors="raise" / "keep" / "warn" -------------------------------------------

CSV_WITH_EMPTY = 'ID,text\nx1,"two\nlines"\nx2,\nx3,fine\n'


def test_read_articles_empty_text_raises_with_file_line_and_id(tmp_path):
    path = write(tmp_path / "data.csv", CSV_WITH_EMPTY)
    with pytest.raises(InputError, match=r"data\.csv, line 4, article 'x2': text is empty"):
        read_articles(path, article_id="ID")


def test_read_articles_errors_keep_adds_error_column(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(Path("data.csv"), CSV_WITH_EMPTY)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles = read_articles(path, article_id="ID", errors="keep")
    assert list(articles.columns) == [*COLUMNS, "error"]
    assert articles["text"].tolist() == ["two\nlines", "", "fine"]
    assert articles["error"].tolist() == ["", "data.csv, line 4, article 'x2': text is empty", ""]


def test_read_articles_errors_warn_warns_and_keeps(tmp_path):
    path = write(tmp_path / "data.csv", CSV_WITH_EMPTY)
    with pytest.warns(FramingWarning, match=r"1 articles kept with empty text .*data\.csv, line 4"):
        articles = read_articles(path, article_id="ID", errors="warn")
    assert len(articles) == 3 and articles["error"][1] != ""


@pytest.mark.parametrize("value, message", [
    (None, r"DataFrame, row 1, article '1': text is missing"),
    (42, r"DataFrame, row 1, article '1': text is a int, not a string"),
    ("  \n", r"DataFrame, row 1, article '1': text is empty"),
])
def test_read_articles_bad_text_values_raise(value, message):
    df = pd.DataFrame({"text": ["good", value]}, dtype=object)
    with pytest.raises(InputError, match=message):
        read_articles(df)
    assert read_articles(df, errors="keep")["text"].tolist() == ["good", ""]


def test_read_articles_duplicate_ids_warn_and_made_unique():
    df = pd.DataFrame({"id": ["a", "b", "a", "a", "a#2"], "text": list("vwxyz")})
    message = r"3 duplicate article ids made unique: 'a' -> 'a#2', 'a' -> 'a#3'"
    with pytest.warns(FramingWarning, match=message):
        articles = read_articles(df, article_id="id")
    assert articles["article_id"].tolist() == ["a", "b", "a#2", "a#3", "a#2#2"]


def test_read_articles_bad_dates_warn_and_become_nat(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(Path("dates.csv"), "text,date\nA,2019-05-22\nB,yesterday\nC,\nD,9/6/17\n"
                 "E,2019-05-22T10:00:00+02:00\n")
    message = r"1 unparsable dates set to NaT: dates\.csv, line 3: 'yesterday'"
    with pytest.warns(FramingWarning, match=message):
        articles = read_articles(path)
    assert articles["date"].tolist()[0] == pd.Timestamp("2019-05-22")
    assert articles["date"].isna().tolist() == [False, True, True, False, False]
    assert articles["date"][3] == pd.Timestamp("2017-09-06")  # month first
    assert articles["date"][4] == pd.Timestamp("2019-05-22 08:00")  # converted to UTC, naive


# --- encodings -------------------------------------------------------------------------------

TEXT = "Maduro’s “traitors” — café\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_read_articles_bom_encodings_detected(tmp_path, encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    (tmp_path / "t.txt").write_bytes(bom + TEXT.encode(encoding))
    (tmp_path / "t.csv").write_bytes(bom + f"text,outlet\n{TEXT.strip()},AFP\n".encode(encoding))
    assert read_articles(tmp_path / "t.txt")["text"].tolist() == [TEXT]
    table = read_articles(tmp_path / "t.csv")
    assert table[["text", "outlet"]].values.tolist() == [[TEXT.strip(), "AFP"]]


def test_read_articles_cp1252_fallback_warns(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("text\nplain line\nMaduro’s “traitors” — café\n".encode("cp1252"))
    message = r"legacy\.csv: not UTF-8 \(line 3\); decoded as cp1252"
    with pytest.warns(FramingWarning, match=message):
        articles = read_articles(path)
    assert articles["text"].tolist() == ["plain line", TEXT.strip()]


def test_read_articles_explicit_encoding_overrides_detection(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("café".encode("latin-1"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_articles(path, encoding="latin-1")["text"].tolist() == ["café"]


def test_read_articles_wrong_explicit_encoding_raises(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("café".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin\.txt: cannot be decoded as utf-8"):
        read_articles(path, encoding="utf-8")


@pytest.mark.parametrize("name, content, message", [
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", r"photo\.jpg: looks like a binary file, not text; supported:"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", r"photo\.txt: looks like a binary file, not text"),
    ("blob.csv", b"text\n\x81\x8d\x8f\n", r"blob\.csv: looks like a binary file, not text \(line 2 is neither UTF-8 nor cp1252\)"),
    ("notes.docx", b"just text", r"notes\.docx: unsupported file type '\.docx'; supported: a folder of \.txt files"),
])
def test_read_articles_binary_or_unsupported_file_raises(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError, match=message):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingWarning)
            read_articles(tmp_path / name)


# --- arguments -------------------------------------------------------------------------------

def test_read_articles_nonexistent_path_raises(tmp_path):
    with pytest.raises(InputError, match=r"nowhere\.csv: no such file or folder"):
        read_articles(tmp_path / "nowhere.csv")
    with pytest.raises(InputError, match=r"^: no such file or folder"):
        read_articles("")
    with pytest.raises(InputError, match=r"^x{200}\.\.\.: no such file or folder"):
        read_articles("x" * 5000)  # e.g. article text passed instead of a path


@pytest.mark.parametrize("source, message", [
    (42, "source must be a path, a folder, a list of paths or a pandas DataFrame, not int"),
    (b"articles.csv", "not bytes"),
    ([["nested.csv"]], "source list items must be paths or DataFrames, not lists"),
])
def test_read_articles_bad_source_type_raises(source, message):
    with pytest.raises(TypeError, match=message):
        read_articles(source)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"errors": "ignore"}, ValueError, "errors must be 'raise', 'keep' or 'warn', got 'ignore'"),
    ({"text": None}, TypeError, r"text must be a column name \(a non-empty str\), got None"),
    ({"chunksize": 0}, ValueError, "chunksize must be a positive int, got 0"),
])
def test_iter_articles_bad_arguments_raise(kwargs, error, message):
    with pytest.raises(error, match=message):
        iter_articles(DATA / "articles.csv", **kwargs)  # checked at the call, not on next()


# --- streaming -------------------------------------------------------------------------------

def test_iter_articles_chunks_equal_read_articles(tmp_path):
    lines = [json.dumps({"ID": f"n{i % 9}", "content": f"Article {i}", "source": "AFP", "extra": i})
             for i in range(25)]
    path = write(tmp_path / "many.jsonl", "\n".join(lines) + "\n")
    sources = [path, DATA / "folder", DATA / "articles.csv"]
    with pytest.warns(FramingWarning, match="duplicate article ids"):
        chunks = list(iter_articles(sources, chunksize=7, **MAPPING))
    with pytest.warns(FramingWarning, match="duplicate article ids"):
        expected = read_articles(sources, **MAPPING)
    assert [len(c) for c in chunks] == [7, 7, 7, 7, 3]
    pd.testing.assert_frame_equal(pd.concat(chunks), expected)


# --- properties ------------------------------------------------------------------------------

FIXTURE = HealthCheck.function_scoped_fixture  # tmp_path is reused; each example overwrites
PLAIN_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"))


@settings(max_examples=150, deadline=None, suppress_health_check=[FIXTURE])
@given(text=PLAIN_TEXT.filter(lambda s: not s.startswith("---")))
def test_read_articles_txt_roundtrip_property(tmp_path, text):
    path = write(tmp_path / "prop.txt", text)
    article = read_articles(path, errors="keep").iloc[0]
    if text.strip():
        assert (article["text"], article["error"]) == (text, "")
    else:
        assert article["text"] == "" and "text is empty" in article["error"]


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".tsv", ".jsonl", ".json", ".csv.gz"])
@settings(max_examples=100, deadline=None, suppress_health_check=[FIXTURE])
@given(data=st.binary(max_size=300))
def test_read_articles_arbitrary_bytes_only_input_errors(tmp_path, suffix, data):
    path = tmp_path / ("prop" + suffix)
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    for errors in ("raise", "keep"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                articles = read_articles(path, errors=errors)
            except InputError:
                continue
        assert all(issubclass(w.category, FramingWarning) for w in caught), [
            str(w.message) for w in caught]
        assert list(articles.columns[:6]) == list(COLUMNS)


# --- the shared news sample ------------------------------------------------------------------

@pytest.mark.skipif(not NEWS_SAMPLE.exists(), reason="shared news sample not available")
def test_read_articles_news_sample_with_mapping(tmp_path):
    articles = read_articles(NEWS_SAMPLE, **MAPPING)
    assert len(articles) == 5000 and articles["article_id"].is_unique
    assert (articles["outlet"] != "").all() and articles["outlet"].nunique() > 1
    assert list(articles.columns) == [*COLUMNS, "bias_text", "topic"]
    chunks = list(iter_articles(NEWS_SAMPLE, chunksize=1000, **MAPPING))
    assert [len(c) for c in chunks] == [1000] * 5
    pd.testing.assert_frame_equal(pd.concat(chunks), articles)


def test_read_articles_copied_seeds_with_sidecar(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    stems = sorted(p.stem for p in folder.glob("*.txt"))
    (folder / "metadata.csv").unlink(missing_ok=True)
    rows = "".join(f"{stem}.txt,Outlet {stem}\n" for stem in stems)
    write(folder / "metadata.csv", "file,outlet\n" + rows)
    articles = read_articles(folder)
    assert articles["outlet"].tolist() == [f"Outlet {s}" for s in stems]


def test_read_articles_semicolon_csv_from_a_spreadsheet(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_bytes("\ufeffarticle_id;outlet;text;;\r\n1;A;The regime fell.;;\r\n".encode("utf-8"))
    arts = read_articles(p)
    assert arts[["article_id", "outlet", "text"]].values.tolist() == [["1", "A", "The regime fell."]]


def test_read_articles_epoch_dates(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"text": "a", "date": 1555286400000}\n{"text": "b", "date": 1555286400}\n', encoding="utf-8")
    assert read_articles(p)["date"].dt.strftime("%Y-%m-%d").tolist() == ["2019-04-15", "2019-04-15"]
