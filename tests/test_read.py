"""kg.read: files and folders -> Article records, and one error per bad input."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import re

import pytest

from kg.errors import EXIT_INPUT, InputError
from kg.read import SUFFIXES, body_metadata, normalise_date, read_jsonl, read_paths, read_text_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "data" / "corpus"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def one_error(paths: list[Path | str]) -> InputError:
    result = read_paths(paths)
    assert result.articles == []
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    error = result.errors[0]
    assert error.exit_code == EXIT_INPUT
    assert "\n" not in str(error)
    return error


# --- plain text and front matter -------------------------------------------------------


def test_plain_text(tmp_path: Path) -> None:
    raw = "Belarus freed 30 prisoners.\n\nMore text.\n"
    path = write(tmp_path / "story-1.txt", raw)
    article = read_text_article(path)
    assert article.id == "story-1"
    assert article.text == raw
    assert article.source == str(path)
    assert article.sha256 == hashlib.sha256(raw.encode()).hexdigest()
    assert (article.title, article.published, article.outlet, article.url, article.dateline_place) == (None,) * 5


def test_front_matter(tmp_path: Path) -> None:
    body = "VILNIUS, Lithuania — Belarus released 52 prisoners.\n"
    raw = (
        "---\n"
        'title: "Belarus frees 52"\n'
        "published: 2025-09-11\n"
        "outlet: Nemunas Dispatch\n"
        "url: https://example.org/a\n"
        "tags: [belarus, prisoners]\n"  # unknown keys are ignored
        "---\n" + body
    )
    path = write(tmp_path / "by05.md", raw)
    article = read_text_article(path)
    assert article.text == body
    assert article.title == "Belarus frees 52"
    assert article.published == "2025-09-11"
    assert article.outlet == "Nemunas Dispatch"  # front matter wins over nothing in the dateline
    assert article.url == "https://example.org/a"
    assert article.dateline_place == "Vilnius, Lithuania"
    assert article.sha256 == hashlib.sha256(raw.encode()).hexdigest()


def test_front_matter_outlet_beats_dateline_outlet(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\noutlet: Eastbound Live\n---\nKYIV, Ukraine, March 3 (AP) — Text.\n")
    article = read_text_article(path)
    assert article.outlet == "Eastbound Live"
    assert article.dateline_place == "Kyiv, Ukraine"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-28", "2024-12-28"),
        ('"2024-12-28"', "2024-12-28"),
        ("2024-12-28T10:30:00Z", "2024-12-28"),
        ("2024-12-28 23:59:00+02:00", "2024-12-28"),
        ('"2024-12-28T10:30:00+01:00"', "2024-12-28"),
        ('"28 December 2024"', "2024-12-28"),
        ('"Dec 28, 2024"', "2024-12-28"),
        ("", None),
    ],
)
def test_published_forms(tmp_path: Path, value: str, expected: str | None) -> None:
    path = write(tmp_path / "a.txt", f"---\npublished: {value}\n---\nText.\n")
    assert read_text_article(path).published == expected


def test_scalar_title_kept_as_written(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\ntitle: 1984\noutlet: yes\n---\nText.\n")
    article = read_text_article(path)
    assert (article.title, article.outlet) == ("1984", "yes")


def test_crlf_and_bom(tmp_path: Path) -> None:
    body = "MINSK, 17 January. President signed decrees.\r\n"
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + ("---\r\ntitle: T\r\n---\r\n" + body).encode())
    article = read_text_article(path)
    assert article.text == body
    assert article.title == "T"
    assert article.dateline_place == "Minsk"


def test_offsets_match_file_body(tmp_path: Path) -> None:
    front = "---\ntitle: x\npublished: 2024-08-01\n---\n"
    body = "ANKARA, Turkey — Russia released 16 people.\nVladimir Kara-Murza was among them.\n"
    path = write(tmp_path / "a.txt", front + body)
    article = read_text_article(path)
    file_body = path.read_text(encoding="utf-8")[len(front) :]
    i = file_body.index("Kara-Murza")
    j = i + len("Kara-Murza")
    assert article.text[i:j] == file_body[i:j] == "Kara-Murza"
    assert article.text == file_body


def test_offsets_match_seed_files() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_text_article(path)
        assert article.text == path.read_text(encoding="utf-8")  # no front matter: text is the whole file
        i = article.text.index("Lukashenko")
        assert article.text[i : i + 10] == "Lukashenko"


def test_markdown_text_kept_as_is(tmp_path: Path) -> None:
    body = "# Heading\n\n**MANAGUA, Nicaragua** — bold dateline is *not* parsed.\n"
    path = write(tmp_path / "a.markdown", "---\ntitle: M\n---\n" + body)
    article = read_text_article(path)
    assert article.text == body
    assert article.title == "M"


# --- body metadata ---------------------------------------------------------------------


def test_seed_001_date_line() -> None:
    article = read_text_article(SEEDS / "001_bd85da415617424f.txt")
    assert article.text.startswith(" date 2024-12-28 TALLINN")  # read, not removed
    assert article.published == "2024-12-28"
    assert article.dateline_place == "Tallinn, Estonia"
    assert article.outlet == "AP"


def test_seed_000_dateline() -> None:
    article = read_text_article(SEEDS / "000_3c8ae14fe4e4c6de.txt")
    assert article.text.startswith("TALLINN, Estonia (AP) —")
    assert (article.dateline_place, article.outlet, article.published) == ("Tallinn, Estonia", "AP", None)


def test_seed_003_has_no_dateline() -> None:
    article = read_text_article(SEEDS / "003_0f18f597372eee4d.txt")
    assert (article.dateline_place, article.outlet, article.published) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "place", "outlet", "published"),
    [
        ("TALLINN, Estonia (AP) — Belarus", "Tallinn, Estonia", "AP", None),
        ("WASHINGTON (Reuters) - The Senate", "Washington", "Reuters", None),
        ("KYIV, Ukraine, March 3 (AP) — Russia", "Kyiv, Ukraine", "AP", None),
        ("ANKARA, Turkey — Russia", "Ankara, Turkey", None, None),
        ("CARACAS, Venezuela — Venezuelan", "Caracas, Venezuela", None, None),
        ("MINSK, 17 January. President", "Minsk", None, None),
        ("PARIS (AFP) -- France", "Paris", "AFP", None),
        ("ST. PETERSBURG, Russia — A court", "St. Petersburg, Russia", None, None),
        ("RIO DE JANEIRO (AP) — Police", "Rio de Janeiro", "AP", None),
        ("SÃO PAULO, Brazil — Police", "São Paulo, Brazil", None, None),
        ("TALLINN, Estonia (AP)—Belarus", "Tallinn, Estonia", "AP", None),
        ("Date: 2025-01-17\nMINSK, 17 January. President", "Minsk", None, "2025-01-17"),
        ("  date   2024-12-28   TALLINN, Estonia (AP) — x", "Tallinn, Estonia", "AP", "2024-12-28"),
        ("Headline on one line\n\nBAKU, Azerbaijan — A court", "Baku, Azerbaijan", None, None),
        # header lines and bracketed datelines as real pages print them
        ("KYIV (Reuters) - A court", "Kyiv", "Reuters", None),
        ("(LONDON) — A court jailed", "London", None, None),
        ("HONG KONG • Seven activists", "Hong Kong", None, None),
        ("Prisoners freed\nBy AFP | Mar 3, 2024\nA court", None, "AFP", "2024-03-03"),
        ("Prisoners freed\nPublished On: Tue, 4 Jun 2024 10:12:05 PKT\nA court", None, None, "2024-06-04"),
        ("Updated: 12 January 2025\nThe court", None, None, "2025-01-12"),
        ("By Jane Doe | 5 May 2023\nText", None, None, "2023-05-05"),
        ("The court said on 4 June 2024 that it published the verdict.", None, None, None),
        ("(NOTE) — x", None, None, None),
        # not datelines
        ("NATO. The alliance said", None, None, None),
        ("BREAKING — Something happened", None, None, None),
        ("COVID-19 cases rose", None, None, None),
        ("U.S. officials said", None, None, None),
        ("The MINSK court, in a ruling — x", None, None, None),
        ("SENTENCES\n- 20 June, Baku court", None, None, None),
        ("A paragraph that wraps\nBAKU, Azerbaijan — x", None, None, None),
        ("date 2024-13-45 text", None, None, None),
    ],
)
def test_body_metadata(text: str, place: str | None, outlet: str | None, published: str | None) -> None:
    found = body_metadata(text)
    assert (found.dateline_place, found.outlet, found.published) == (place, outlet, published)


def test_front_matter_date_beats_date_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\npublished: 2025-01-01\n---\ndate 2024-12-28 TALLINN, Estonia (AP) — x\n")
    article = read_text_article(path)
    assert article.published == "2025-01-01"
    assert article.dateline_place == "Tallinn, Estonia"


def test_corpus_datelines() -> None:
    result = read_paths([CORPUS / "by04_2025_clemency_state_media.txt", CORPUS / "ru01_2024_ankara_exchange.txt"])
    assert result.ok
    places = {a.id: a.dateline_place for a in result.articles}
    assert places == {"by04_2025_clemency_state_media": "Minsk", "ru01_2024_ankara_exchange": "Ankara, Turkey"}


# --- JSON lines ------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "WASHINGTON (Reuters) - First.", "published": "2024-01-02T08:00:00Z"}),
        "",  # blank: skipped, still counted for line numbers
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Second, no id.", "title": "T", "outlet": "O", "url": "u"}),
        json.dumps({"text": "Bad date.", "published": "yesterday"}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = read_jsonl(path)
    assert [a.id for a in result.articles] == ["a1", "feed-7"]
    first, second = result.articles
    assert first.source == f"{path}#L1"
    assert first.sha256 == hashlib.sha256(lines[0].encode()).hexdigest()
    assert (first.published, first.outlet, first.dateline_place) == ("2024-01-02", "Reuters", "Washington")
    assert (second.title, second.outlet, second.url) == ("T", "O", "u")
    messages = [str(e) for e in result.errors]
    assert len(messages) == 5
    assert messages[0].startswith(f"{path}:3:2: invalid JSON")
    assert messages[1].startswith(f'{path}:4: missing "text"')
    assert messages[2].startswith(f'{path}:5: "text" is empty')
    assert messages[3].startswith(f"{path}:6: expected a JSON object, got an array")
    assert messages[4].startswith(f'{path}:8: "published" is not a date')


def test_jsonl_crlf_and_non_utf8_line(tmp_path: Path) -> None:
    raw = b'{"text": "ok one"}\r\n{"text": "caf\xe9"}\r\n{"text": "ok two"}\r\n'
    path = write(tmp_path / "f.jsonl", raw)
    result = read_jsonl(path)
    assert [a.text for a in result.articles] == ["ok one", "ok two"]
    assert result.articles[0].sha256 == hashlib.sha256(b'{"text": "ok one"}').hexdigest()
    (error,) = result.errors
    assert error.line == 2
    assert "not UTF-8" in str(error) and "0xe9" in str(error)


def test_jsonl_that_is_not_articles(tmp_path: Path) -> None:
    path = write(tmp_path / "gold.jsonl", '{"id": "x", "entities": []}\n{"id": "y", "entities": []}\n')
    error = one_error([path])
    assert 'no line has a "text" field (2 lines)' in str(error)


def test_jsonl_empty(tmp_path: Path) -> None:
    error = one_error([write(tmp_path / "e.jsonl", "\n\n")])
    assert str(error).startswith(f"{tmp_path / 'e.jsonl'}: empty file")


# --- folders, duplicates, explicit files -----------------------------------------------


def test_folder_walk_sorted_recursive(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B")
    write(tmp_path / "a" / "z.md", "AZ")
    write(tmp_path / "a-c.markdown", "AC")
    write(tmp_path / "a" / "b" / "c.txt", "ABC")
    write(tmp_path / "feed.jsonl", '{"text": "F"}\n')
    write(tmp_path / "notes.csv", "skipped")
    write(tmp_path / "image.png", b"\x89PNG\x00\x00")
    write(tmp_path / ".hidden.txt", "skipped")
    write(tmp_path / ".kg" / "x.txt", "skipped")
    write(tmp_path / "README.md", "skipped")
    result = read_paths([tmp_path])
    assert result.ok, [str(e) for e in result.errors]
    assert [a.text for a in result.articles] == ["ABC", "AZ", "AC", "B", "F"]
    assert result.articles[0].source == str(tmp_path / "a" / "b" / "c.txt")


def test_explicit_file_with_other_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "story.news", "WASHINGTON (Reuters) - Text.")
    result = read_paths([path])
    assert result.ok
    assert result.articles[0].id == "story"
    assert result.articles[0].outlet == "Reuters"


def test_same_file_twice_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Text.")
    result = read_paths([tmp_path, path, str(path)])
    assert result.ok
    assert len(result.articles) == 1


def test_duplicate_ids(tmp_path: Path) -> None:
    write(tmp_path / "one" / "story.txt", "First.")
    write(tmp_path / "two" / "story.md", "Second.")
    write(tmp_path / "three.jsonl", '{"id": "story", "text": "Third."}\n')
    result = read_paths([tmp_path / "one", tmp_path / "two", tmp_path / "three.jsonl"])
    assert [a.text for a in result.articles] == ["First."]
    first = tmp_path / "one" / "story.txt"
    assert [str(e) for e in result.errors] == [
        f"{tmp_path / 'two' / 'story.md'}: duplicate article id 'story', first seen in {first}; "
        "rename the file or set a distinct id",
        f"{tmp_path / 'three.jsonl'}:1: duplicate article id 'story', first seen in {first}; "
        "rename the file or set a distinct id",
    ]


def test_bad_file_does_not_stop_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"\xff\xfe\x00b\x00a\x00d")
    write(tmp_path / "b.txt", "Good.")
    write(tmp_path / "c.txt", "")
    result = read_paths([tmp_path])
    assert [a.id for a in result.articles] == ["b"]
    assert [e.path for e in result.errors] == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]


def test_whole_corpus_and_seeds() -> None:
    result = read_paths([SEEDS, CORPUS])
    assert len(result.articles) == 17
    # gold.jsonl sits in the corpus folder: one error for the file, not one per line
    assert [str(e).split(":")[0] for e in result.errors] == [str(CORPUS / "gold.jsonl")]


def test_bare_string_is_one_path(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Text.")
    assert len(read_paths(str(tmp_path)).articles) == 1


def test_suffixes() -> None:
    assert SUFFIXES == (".txt", ".md", ".markdown", ".jsonl")


# --- error cases -----------------------------------------------------------------------


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", "line one\ncafé\n".encode("latin-1"))
    error = one_error([path])
    assert str(error) == (
        f"{path}:2: not UTF-8: byte 0xe9 at byte offset 12 cannot be decoded; re-save the file as UTF-8"
    )


def test_utf16(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", "Text".encode("utf-16"))
    assert "UTF-16" in str(one_error([path]))


def test_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "pic.txt", b"GIF89a\x01\x00\x00\x00")
    assert str(one_error([path])).startswith(f"{path}: binary file (NUL byte at byte offset 7)")


def test_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", "")
    assert str(one_error([path])).startswith(f"{path}: empty file")


def test_whitespace_only(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.txt", "  \n\n\t\n")
    assert str(one_error([path])).startswith(f"{path}: no article text (only whitespace)")


def test_front_matter_without_body(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: T\n---\n\n")
    assert "no article text (after the front matter)" in str(one_error([path]))


def test_unclosed_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\ntitle: T\nBody text.\n")
    assert str(one_error([path])) == (
        f"{path}:1: front matter opened on line 1 is not closed; add a line '---' after the metadata"
    )


def test_bad_yaml(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\ntitle: T\noutlet: A: B\n---\nBody.\n")
    error = one_error([path])
    assert error.line == 3
    assert str(error).startswith(f"{path}:3: front matter is not valid YAML (mapping values are not allowed here)")


def test_front_matter_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\n- a\n- b\n---\nBody.\n")
    assert "front matter is a list, not a mapping" in str(one_error([path]))


def test_published_not_a_date(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\ntitle: T\npublished: next Tuesday\n---\nBody.\n")
    error = one_error([path])
    assert str(error) == (f"{path}:3: `published` is not a date ('next Tuesday'); "
                          "write it as YYYY-MM-DD (or YYYY-MM, or YYYY, when that is all the source gives)")


@pytest.mark.parametrize("value,kept", [
    ("2025-01", "2025-01"), ("2025", "2025"), ("'2025'", "2025"), ("January 2025", "2025-01"),
    ("December 2024", "2024-12"), ("2024-12-28", "2024-12-28"),
])
def test_published_keeps_its_precision(tmp_path: Path, value: str, kept: str) -> None:
    path = write(tmp_path / "a.txt", f"---\npublished: {value}\n---\nBody.\n")
    result = read_paths([path])
    assert not result.errors and result.articles[0].published == kept


def test_jsonl_published_month_or_year(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"id": "m", "text": "Body.", "published": "2025-01"}\n'
                                       '{"id": "y", "text": "Body.", "published": 2025}\n')
    result = read_paths([path])
    assert not result.errors and [a.published for a in result.articles] == ["2025-01", "2025"]


@pytest.mark.parametrize("value", ["03/04/2024", "2024-02-30", "[2024]", "2024-13"])
def test_published_refused(tmp_path: Path, value: str) -> None:
    path = write(tmp_path / "a.txt", f"---\npublished: {value}\n---\nBody.\n")
    assert "`published` is not a date" in str(one_error([path]))


def test_title_not_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\ntitle:\n  a: b\n---\nBody.\n")
    error = one_error([path])
    assert error.line == 2
    assert "`title` is a dict, not text" in str(error)


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    assert str(one_error([path])) == f"{path}: no such file or folder; check the path"


def test_empty_path_is_not_the_working_directory() -> None:
    assert str(one_error([""])) == "empty path given; name a file or folder"


def test_empty_folder(tmp_path: Path) -> None:
    write(tmp_path / "x.csv", "a,b")
    assert "folder has no .txt, .md, .markdown or .jsonl files" in str(one_error([tmp_path]))


def test_folder_with_no_readable_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", b"\x00")
    result = read_paths([tmp_path])
    assert result.articles == []
    assert len(result.errors) == 3
    assert str(result.errors[-1]).startswith(f"{tmp_path}: folder has no readable articles (none of its 2 files")


def test_read_text_article_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text_article(tmp_path / "missing.txt")


def test_error_survives_pickling(tmp_path: Path) -> None:
    error = InputError("bad", path="a.txt", line=3, fix="fix it")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), again.line) == (InputError, "a.txt:3: bad; fix it", 3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-12-28", "2024-12-28"), ("28 December 2024", "2024-12-28"), (None, None), ("  ", None)],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_normalise_date_numbers() -> None:
    assert normalise_date(2024) == "2024"  # YAML's reading of `published: 2024`
    for bad in (20241, 3.5, True):
        with pytest.raises(ValueError):
            normalise_date(bad)


# --- inputs that used to crash or mislead (issue 8) ----------------------------------


def test_symlink_loop_in_a_folder_is_one_error(tmp_path: Path) -> None:
    # Path.resolve() raised RuntimeError, which stopped the whole build.
    folder = tmp_path / "in"
    write(folder / "a.txt", "Anna Kowalczyk was pardoned in May.\n")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    result = read_paths([folder])
    assert [a.id for a in result.articles] == ["a"]
    assert [str(e) for e in result.errors] == [
        f"{folder / 'loop.txt'}: symbolic link loop; point the link at a file, or remove it"
    ]


def test_symlink_loop_and_dangling_link_named_directly(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert str(one_error([loop])) == f"{loop}: symbolic link loop; point the link at a file, or remove it"
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nothing.txt")
    assert str(one_error([dangling])).startswith(f"{dangling}: symbolic link to a file that does not exist")


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
def test_utf16_without_bom(tmp_path: Path, codec: str, order: str) -> None:
    # It was called a "binary file".
    path = write(tmp_path / "u16.txt", "Anna Kowalczyk was pardoned in May.\n".encode(codec))
    assert str(one_error([path])) == (
        f"{path}: file is UTF-16 ({order}, without a byte-order mark), not UTF-8; re-save the file as UTF-8"
    )
    jsonl = write(tmp_path / "u16.jsonl", '{"text": "Anna Kowalczyk was pardoned."}\n'.encode(codec))
    assert "UTF-16" in str(one_error([jsonl]))


def test_text_longer_than_the_limit(tmp_path: Path) -> None:
    # spaCy refused it with its long E088 message, under "please report this".
    from kg.read import MAX_TEXT_CHARS

    sentence = "Anna Kowalczyk was pardoned in May. "
    text = sentence * (MAX_TEXT_CHARS // len(sentence) + 1)
    path = write(tmp_path / "long.txt", text)
    assert str(one_error([path])) == (
        f"{path}: the text is {len(text):,} characters long; kg reads at most 1,000,000 characters per article; "
        "split it into several articles (files, or lines of a .jsonl file)"
    )
    assert read_paths([write(tmp_path / "ok.txt", text[:MAX_TEXT_CHARS])]).ok
    line = json.dumps({"id": "x", "text": text})
    jsonl = write(tmp_path / "long.jsonl", line + "\n" + json.dumps({"id": "y", "text": sentence}) + "\n")
    result = read_paths([jsonl])
    assert [a.id for a in result.articles] == ["y"]
    assert str(result.errors[0]).startswith(f"{jsonl}:1: the text is {len(text):,} characters long")


def test_huge_file_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(20_000_000)  # sparse: 20 MB without writing them
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole") if self == path else original(self))
    assert str(one_error([path])) == (
        f"{path}: file is 20.0 MB, too long for one article (kg reads at most 1,000,000 characters per article); "
        "split it into several articles (files, or lines of a .jsonl file)"
    )


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html>\n<html><head><title>News</title></head><body><p>Anna Kowalczyk was pardoned.</p></body></html>\n",
    "<html>\n<body>\n<div class='story'>Anna Kowalczyk was pardoned.</div>\n</body>\n</html>\n",
    "<div><div><span><a href='/'>x</a></span></div></div>\n" * 20 + "Anna Kowalczyk was pardoned.\n",
], ids=["doctype", "html-element", "mostly-markup"])
def test_html_saved_as_text(tmp_path: Path, page: str) -> None:
    path = write(tmp_path / "page.txt", page)
    assert str(one_error([path])).startswith(f"{path}: an HTML page, not article text; save the article's text instead")


def test_markdown_with_a_little_html_is_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "Anna Kowalczyk was <em>pardoned</em> in May.\n\nShe had been jailed since 2022.\n")
    assert read_paths([path]).ok


def test_page_of_only_menus_and_links(tmp_path: Path) -> None:
    page = "\n".join([
        "Home | World | Politics | Business | Sport",
        "Sign in   Register   Subscribe",
        "[Latest News](https://example.org/latest)",
        "https://example.org/world/2024/05/01/story-of-the-day.html",
        "Most Read Stories Of The Week",
        "Share on Facebook",
        "© 2024 Example Media. All rights reserved.",
    ]) + "\n"
    path = write(tmp_path / "menus.txt", page)
    assert str(one_error([path])) == (
        f"{path}: no running text (only menus, links, headings or single words); save the article's text, or remove the file"
    )
    story = write(tmp_path / "story.txt", page + "Anna Kowalczyk was pardoned in May.\n")
    assert read_paths([story]).ok


def test_every_development_text_has_running_text() -> None:
    result = read_paths([SEEDS, CORPUS])
    assert not [e for e in result.errors if "running text" in str(e) or "HTML" in str(e)]


def test_deeply_nested_front_matter(tmp_path: Path) -> None:
    # PyYAML recursed until Python's stack gave out: a traceback.
    path = write(tmp_path / "deep.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nAnna Kowalczyk was pardoned.\n")
    assert str(one_error([path])) == (
        f"{path}:2: front matter is nested too deeply to read; write it as 'key: value' lines (title, published, outlet, url)"
    )


def test_yaml_alias_bomb_is_one_short_error(tmp_path: Path) -> None:
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines += ["published: *a9", "---", "Anna Kowalczyk was pardoned."]
    path = write(tmp_path / "bomb.md", "\n".join(lines) + "\n")
    error = one_error([path])
    assert str(error).startswith(f"{path}:12: `published` is not a date (got list [[[...], [...], [...], ...]")
    assert len(str(error)) < 300


def test_hostile_yaml_tags_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "tag.md", "---\ntitle: !!python/object/apply:os.system ['echo owned']\n---\nAnna Kowalczyk was pardoned.\n")
    message = str(one_error([path]))
    assert message.startswith(f"{path}:2: front matter is not valid YAML (could not determine a constructor")


def test_jsonl_unpaired_surrogate(tmp_path: Path) -> None:
    # JSON can escape half of a UTF-16 pair; it is no character, and the build failed
    # later with "extraction failed (UnicodeEncodeError ...)".
    path = write(tmp_path / "a.jsonl", '{"id": "a", "text": "Anna Kowalczyk was pardoned \\ud800 in May."}\n'
                                       '{"id": "b", "text": "Boris Example was jailed."}\n')
    result = read_paths([path])
    assert [a.id for a in result.articles] == ["b"]
    assert [str(e) for e in result.errors] == [
        f'{path}:1: "text" holds an unpaired surrogate (\\ud800) at character 28; fix that escape in the JSON, or remove it'
    ]


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    # The name reached the extraction cache as lone surrogates and the build crashed.
    import os

    folder = tmp_path / "in"
    write(folder / "good.txt", "Anna Kowalczyk was pardoned in May.\n")
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(b"Boris Example was jailed in June.\n")
    result = read_paths([folder])
    assert [a.id for a in result.articles] == ["good"]
    assert [str(e) for e in result.errors] == [f"{folder}/caf\\xe9.txt: the file name is not UTF-8; rename the file"]


@pytest.mark.parametrize("block", [
    'title: "Ostravia frees: six"\npublished: 2024-12-28\noutlet: Zubr Daily\n',
    "title: 'Quoted'\n# a comment\n\npublished: 2024-12\noutlet: Zubr\n",
    "published: 2024-02-30\n",  # an impossible date stays text (and is reported later)
    "title: plain words only\n",
])
def test_plain_front_matter_reads_as_the_full_loader_reads_it(block: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import read as read_module

    text = f"---\n{block}---\nBody.\n"
    fast, rest = read_module._split_front_matter(text, "a.md")
    assert read_module._PLAIN_FRONT_MATTER.fullmatch(block.rstrip("\n"))
    monkeypatch.setattr(read_module, "_PLAIN_FRONT_MATTER", re.compile(r"(?!)"))  # never plain: the full loader
    slow, rest2 = read_module._split_front_matter(text, "a.md")
    assert fast.data == slow.data and rest == rest2
    assert [(k.value, v.start_mark.line) for k, v in fast.node.value] == [(k.value, v.start_mark.line) for k, v in slow.node.value]
