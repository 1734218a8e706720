"""The kg command, in-process with click's CliRunner.

Most tests use a store written from the hand-made ``tests/data/mini.ttl`` (no model);
the ``model`` tests build the real ``seeds/``.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import signal
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

import kg
from fixtures_store import as_nobody, damage, mini_store, store_from_records
from kg.cli import main
from kg.store import Store

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
QUERIES = ROOT / "queries"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return mini_store(tmp_path / "store")


def _run(runner: CliRunner, *args: str | Path, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in stderr
    return lines[0]


# --- help and version ----------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(runner: CliRunner, command: str) -> None:
    result = _run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "--store" in result.output
    assert len(main.commands[command].help or "") > 80


def test_main_help(runner: CliRunner) -> None:
    result = _run(runner, "--help")
    assert result.exit_code == 0
    for command in ("build", "query", "export", "viz", "why"):
        assert command in result.output
    assert "Exit codes" in result.output


def test_version_matches_pyproject(runner: CliRunner) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert kg.__version__ == version
    result = _run(runner, "--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"kg, version {version}"


def test_help_does_not_import_heavy_libraries() -> None:
    code = "import sys; from kg.cli import main; print(sorted(m for m in ('spacy', 'rdflib', 'pyvis', 'networkx', 'pyoxigraph') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_python_dash_m(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "Usage: " in out.stdout


# --- query ---------------------------------------------------------------------------


def test_query_table(runner: CliRunner, store: Path) -> None:
    result = _run(runner, "query", "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "name", "--------------", "Anna Kowalczyk", "Boris Example", "Chen Sample", "Dora Faraway", "4 rows",
    ]


def test_query_file(runner: CliRunner, store: Path) -> None:
    path = QUERIES / "remain_jailed.rq"
    if not path.is_file():
        pytest.skip("queries/remain_jailed.rq not written yet")
    result = _run(runner, "query", path, "--store", store)
    assert result.exit_code == 0
    assert "Chen Sample" in result.stdout and "1 row" in result.stdout


def test_query_formats(runner: CliRunner, store: Path) -> None:
    q = "SELECT ?p ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    doc = json.loads(_run(runner, "query", q, "--format", "json", "--store", store).stdout)
    assert doc["head"]["vars"] == ["p", "name"]
    assert doc["results"]["bindings"][0]["p"]["type"] == "uri"

    out = _run(runner, "query", q, "--format", "csv", "--store", store).stdout_bytes
    assert out.startswith(b"p,name\r\n") and out.count(b"\r\n") == 5
    assert list(csv.reader(io.StringIO(out.decode(), newline="")))[1][1] == "Anna Kowalczyk"

    tsv = _run(runner, "query", q, "-f", "tsv", "--store", store).stdout
    assert tsv.splitlines()[1] == '<https://w3id.org/kg-news/id/person/anna-kowalczyk>\t"Anna Kowalczyk"'


def test_query_construct_as_turtle(runner: CliRunner, store: Path) -> None:
    q = "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Person ; rdfs:label ?l }"
    result = _run(runner, "query", q, "--format", "turtle", "--store", store)
    assert len(rdflib.Graph().parse(data=result.stdout, format="turtle")) == 4
    bad = _run(runner, "query", "SELECT * WHERE { ?s ?p ?o }", "--format", "turtle", "--store", store)
    assert bad.exit_code == 2
    assert "needs a CONSTRUCT" in _one_error_line(bad.stderr)


def test_bad_query_is_one_line_exit_2(runner: CliRunner, store: Path) -> None:
    result = _run(runner, "query", "SELECT ?s WHERE {\n ?s ?p ?o } LIMT 1", "--store", store)
    assert result.exit_code == 2
    line = _one_error_line(result.stderr)
    assert re.match(r"error: line 2, column \d+: syntax error", line)
    assert "LIMT" in line
    assert result.stdout == ""


def test_missing_store_is_one_line_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    for args in (["query", "ASK {}"], ["export"], ["viz"], ["why", "anyone"]):
        result = _run(runner, *args, "--store", tmp_path / "none")
        assert result.exit_code == 3, args
        line = _one_error_line(result.stderr)
        assert line == f"error: no graph at {tmp_path / 'none'}; run `kg build PATH` first or pass --store"


def test_store_from_environment(runner: CliRunner, store: Path) -> None:
    result = _run(runner, "query", "ASK { ?p a kg:Person }", env={"KG_STORE": str(store)})
    assert result.exit_code == 0
    assert result.stdout == "yes\n"


def test_default_store_is_dot_kg(runner: CliRunner, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_STORE", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(store, work / ".kg")
    (work / ".kg" / "kg.lock").unlink(missing_ok=True)
    monkeypatch.chdir(work)
    assert _run(runner, "query", "ASK { ?p a kg:Person }").stdout == "yes\n"


# --- export --------------------------------------------------------------------------


def test_export_to_stdout(runner: CliRunner, store: Path) -> None:
    result = _run(runner, "export", "--store", store)
    assert result.exit_code == 0
    g = rdflib.Graph().parse(data=result.stdout_bytes, format="turtle")
    assert len(g) == len(rdflib.Graph().parse(DATA / "mini.ttl"))


@pytest.mark.parametrize(("name", "rdflib_format"), [("g.ttl", "turtle"), ("g.nt", "nt"), ("g.jsonld", "json-ld"), ("g.trig", "trig")])
def test_export_to_file_guesses_the_format(runner: CliRunner, store: Path, tmp_path: Path, name: str, rdflib_format: str) -> None:
    out = tmp_path / name
    result = _run(runner, "export", "-o", out, "--store", store)
    assert result.exit_code == 0
    assert result.stdout == ""
    g = rdflib.Dataset() if rdflib_format == "trig" else rdflib.Graph()
    g.parse(out, format=rdflib_format)
    assert len(g) > 100


def test_export_with_ontology(runner: CliRunner, store: Path) -> None:
    plain = rdflib.Graph().parse(data=_run(runner, "export", "-f", "nt", "--store", store).stdout_bytes, format="nt")
    full = rdflib.Graph().parse(data=_run(runner, "export", "-f", "nt", "--ontology", "--store", store).stdout_bytes, format="nt")
    assert len(full) > len(plain)
    assert (rdflib.URIRef("https://w3id.org/kg-news/ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in full


def test_export_unknown_extension(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    result = _run(runner, "export", "-o", tmp_path / "g.xyz", "--store", store)
    assert result.exit_code == 2
    assert "cannot tell the export format" in _one_error_line(result.stderr)


# --- viz -----------------------------------------------------------------------------


def test_viz(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    result = _run(runner, "viz", "-o", out, "--store", store)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"wrote {out}"
    page = out.read_text()
    assert "Anna Kowalczyk" in page
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?https?://", page)


def test_viz_focus_and_unknown_focus(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    ok = _run(runner, "viz", "-o", tmp_path / "a.html", "--focus", "kowalczyk", "--depth", "1", "--store", store)
    assert ok.exit_code == 0
    assert "Dora Faraway" not in (tmp_path / "a.html").read_text()
    bad = _run(runner, "viz", "-o", tmp_path / "b.html", "--focus", "Kowalsky", "--store", store)
    assert bad.exit_code == 2
    assert _one_error_line(bad.stderr) == "error: no person named 'Kowalsky' in the graph; did you mean Anna Kowalczyk?"


def test_viz_open(runner: CliRunner, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    _run(runner, "viz", "-o", tmp_path / "g.html", "--open", "--store", store)
    assert opened == [(tmp_path / "g.html").resolve().as_uri()]


# --- why -----------------------------------------------------------------------------


def test_why(runner: CliRunner, store: Path) -> None:
    if not (QUERIES / "why.rq").is_file():
        pytest.skip("queries/why.rq not written yet")
    result = _run(runner, "why", "ANNA kowalczyk", "--store", store)
    assert result.exit_code == 0, result.output
    out = result.stdout
    # A header with every name and the current status since when, and a date on every fact.
    assert out.startswith("Anna Kowalczyk (also Kowalczyk, Ána Kowalčyk): pardoned since 2024-05\n")
    assert "  status: pardoned (2024-05)\n" in out
    assert "  role: opposition figure (undated; reported 2024-05-02)\n" in out
    assert "“Kowalczyk had been jailed since 2022.”" in out
    assert "alpha.txt, chars 96-133, pattern:status" in out
    rows = json.loads(_run(runner, "why", "Chen", "-f", "json", "--store", store).stdout)["results"]["bindings"]
    assert {r["fact"]["value"] for r in rows} >= {"status: jailed", "founderOf Free Voices"}
    bad = _run(runner, "why", "Nobody Atall", "--store", store)
    assert bad.exit_code == 2
    assert _one_error_line(bad.stderr).startswith("error: no person named 'Nobody Atall'")


# --- build (no model needed) ---------------------------------------------------------


def test_build_missing_input_exit_1_and_no_store(runner: CliRunner, tmp_path: Path) -> None:
    result = _run(runner, "build", tmp_path / "missing.txt", "--store", tmp_path / "s", "-q")
    assert result.exit_code == 1
    assert _one_error_line(result.stderr) == f"error: {tmp_path / 'missing.txt'}: no such file or folder; check the path"
    # Issue 8: it said "built ...: 0 articles read" although nothing was built.
    assert result.stdout == "nothing built: no article could be read or extracted (1 input failed)\n"
    assert not (tmp_path / "s").exists()


def test_build_with_nothing_readable_leaves_the_graph_alone(runner: CliRunner, tmp_path: Path) -> None:
    store = store_from_records(tmp_path / "s")
    with Store(store) as st:
        version = st.version
    result = _run(runner, "build", tmp_path / "missing.txt", "--store", store, "-q")
    assert result.exit_code == 1
    assert result.stdout.startswith("nothing built")
    with Store(store) as st:
        assert st.version == version


def test_build_requires_a_path(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert "Missing argument" in result.output
    assert "--rebuild" in result.output


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder every user may enter (pytest's own are private to their owner)."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="kg-shared-"))
    path.chmod(0o777)
    yield path
    for sub in path.rglob("*"):
        if sub.is_dir() and not sub.is_symlink():
            sub.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)


def test_unreadable_file_named_on_the_command_line(shared_tmp: Path) -> None:
    # Issue 8, defect 3: click's own readability check refused the whole command
    # (exit 2) before the reader could report the one file (exit 1).
    secret = shared_tmp / "secret.txt"
    secret.write_text("Anna Kowalczyk was pardoned.\n")
    secret.chmod(0)
    missing = shared_tmp / "missing.txt"
    out = subprocess.run([*as_nobody(), sys.executable, "-m", "kg", "build", str(secret), str(missing),
                          "--store", str(shared_tmp / "s"), "-q"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 1, out.stderr
    assert out.stderr.splitlines() == [
        f"error: {secret}: cannot read (Permission denied); check the permissions of the file and its folders",
        f"error: {missing}: no such file or folder; check the path",
    ]
    assert out.stdout.startswith("nothing built")


def test_file_in_a_folder_that_cannot_be_entered(shared_tmp: Path) -> None:
    # Path.is_dir() raised PermissionError: a traceback.
    closed = shared_tmp / "closed"
    closed.mkdir()
    (closed / "a.txt").write_text("Anna Kowalczyk was pardoned.\n")
    closed.chmod(0o700)
    out = subprocess.run([*as_nobody(), sys.executable, "-m", "kg", "build", str(closed / "a.txt"),
                          "--store", str(shared_tmp / "s"), "-q"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 1, out.stderr
    assert _one_error_line(out.stderr) == (
        f"error: {closed / 'a.txt'}: cannot read (Permission denied); check the permissions of the file and its folders"
    )


# --- a damaged store (issue 8) -------------------------------------------------------


def test_damaged_database_is_one_line_exit_3_and_rebuild_repairs_it(runner: CliRunner, tmp_path: Path) -> None:
    store = store_from_records(tmp_path / "s")
    before = _run(runner, "export", "-f", "nt", "--store", store).stdout_bytes
    damage(store)
    # Issue 8, defect 4: tracebacks from export, and query blamed the .rq file (exit 2).
    for args in (["query", QUERIES / "people.rq"], ["export"], ["why", "Anna"], ["viz", "-o", tmp_path / "g.html"]):
        result = _run(runner, *args, "--store", store)
        assert result.exit_code == 3, (args, result.output)
        line = _one_error_line(result.stderr)
        assert line.startswith("error: the graph database in ") and str(store) in line, line
        assert line.endswith("; run `kg build --rebuild` to rebuild it from the extraction cache"), line
    rebuilt = _run(runner, "build", "--rebuild", "--store", store, "-q")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert re.match(rf"rebuilt {re.escape(str(store))} from the extraction cache: 2 articles; ", rebuilt.stdout)
    assert _run(runner, "export", "-f", "nt", "--store", store).stdout_bytes == before


def test_rebuild_recovers_a_damaged_manifest(runner: CliRunner, tmp_path: Path) -> None:
    store = store_from_records(tmp_path / "s")
    before = _run(runner, "export", "-f", "nt", "--store", store).stdout_bytes
    (store / "manifest.json").write_text('{"articles": ')
    result = _run(runner, "build", "--rebuild", "--store", store)
    assert result.exit_code == 0, result.output
    assert "recovered 2 articles from the extraction cache" in result.stderr
    assert _run(runner, "export", "-f", "nt", "--store", store).stdout_bytes == before


def test_rebuild_drops_a_damaged_cache_entry(runner: CliRunner, tmp_path: Path) -> None:
    store = store_from_records(tmp_path / "s")
    with Store(store) as st:
        entry = st.articles()["b2"]
    (store / "extractions" / f"{entry['cache']}.json").write_text("{not json")
    result = _run(runner, "build", "--rebuild", "--store", store, "-q")
    assert result.exit_code == 1
    line = _one_error_line(result.stderr)
    assert line.startswith(f"error: {entry['source']}: the cached extraction of b2 is missing or damaged and was dropped")
    assert "1 article (1 damaged cache entry dropped)" in result.stdout
    with Store(store) as st:
        assert list(st.articles()) == ["a1"]


def test_rebuild_without_a_store(runner: CliRunner, tmp_path: Path) -> None:
    result = _run(runner, "build", "--rebuild", "--store", tmp_path / "none")
    assert result.exit_code == 3
    assert _one_error_line(result.stderr) == f"error: nothing to rebuild at {tmp_path / 'none'}: no store there; " \
                                              "run `kg build PATH` first or pass --store"
    assert not (tmp_path / "none").exists()


# --- build end to end (loads the spaCy model) ----------------------------------------


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


@pytest.mark.model
def test_build_seeds_then_reuse_the_cache(runner: CliRunner, seeds: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    first = _run(runner, "build", seeds, "--store", store, "--quiet")
    assert first.exit_code == 0, first.output
    summary, *notes = first.stdout.strip().splitlines()
    assert re.match(rf"built {re.escape(str(store))}: 3 articles read \(3 extracted, 0 from cache\); "
                    r"\d+ persons, \d+ events, \d+ triples in [\d.]+s$", summary), summary
    # two seeds carry no date: built, and said so
    assert len(notes) == 1 and notes[0].startswith("note: 2 articles with no published date")
    assert first.stderr == ""

    again = _run(runner, "build", seeds, "--store", store, "--quiet")
    assert again.exit_code == 0
    assert "3 articles read (0 extracted, 3 from cache)" in again.stdout
    # Same graph both times.
    assert summary.split("; ")[1].rsplit(" in ", 1)[0] == again.stdout.strip().splitlines()[0].split("; ")[1].rsplit(" in ", 1)[0]


@pytest.mark.model
def test_build_with_a_bad_file_still_builds_the_others(runner: CliRunner, seeds: Path, tmp_path: Path) -> None:
    (seeds / "broken.txt").write_bytes("Caf\u00e9 in Latin-1: ".encode("latin-1") + b"\xff\xfe\x00 text")
    store = tmp_path / "s"
    result = _run(runner, "build", seeds, "--store", store, "--quiet")
    assert result.exit_code == 1
    line = _one_error_line(result.stderr)
    assert line.startswith(f"error: {seeds / 'broken.txt'}")
    assert "3 articles read (3 extracted, 0 from cache, 1 input failed)" in result.stdout
    with Store(store) as st:
        assert sorted(st.manifest["articles"]) == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


@pytest.mark.model
def test_build_with_follow_up_flags(runner: CliRunner, seeds: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    result = _run(
        runner, "build", seeds, "--store", store, "--quiet",
        "--query", QUERIES / "remain_jailed.rq", "--export", tmp_path / "g.ttl", "--viz", tmp_path / "g.html",
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"^\d+ rows?$", result.stdout, re.M)
    assert f"wrote {tmp_path / 'g.ttl'}" in result.stdout
    assert len(rdflib.Graph().parse(tmp_path / "g.ttl")) > 100
    assert (tmp_path / "g.html").stat().st_size > 10_000


@pytest.mark.model
def test_ctrl_c_during_build_exits_130_and_keeps_the_graph(seeds: Path, tmp_path: Path) -> None:
    # Issue 8: Ctrl-C exited 1, the code for "some inputs failed".
    store = store_from_records(tmp_path / "s")
    with Store(store) as st:
        version = st.version
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(seeds), "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stderr is not None
    assert proc.stderr.readline().startswith("loading spaCy model")
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == (
        "error: interrupted; the store keeps the graph it had (the articles extracted so far are cached for the next build)"
    )
    assert "Traceback" not in err
    with Store(store) as st:
        assert st.version == version


@pytest.mark.model
def test_build_adds_to_earlier_articles(runner: CliRunner, seeds: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    files = sorted(seeds.glob("*.txt"))
    assert _run(runner, "build", files[0], "--store", store, "-q").exit_code == 0
    result = _run(runner, "build", *files[1:], "--store", store, "-q")
    assert "2 articles read (2 extracted, 0 from cache); 1 kept from earlier builds" in result.stdout
    with Store(store) as st:
        assert len(st.manifest["articles"]) == 3


# --- the library API the commands wrap -----------------------------------------------


def test_library_api(store: Path, tmp_path: Path) -> None:
    result = kg.query("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name", store=store)
    assert result.values("name")[0] == "Anna Kowalczyk"
    data = kg.export(store=store, format="nt")
    assert isinstance(data, bytes) and len(rdflib.Graph().parse(data=data, format="nt")) > 100
    page = kg.visualise(store=store, output=tmp_path / "g.html", focus="Chen")
    assert page == tmp_path / "g.html" and page.is_file()
    assert kg.why("chen", store=store).values("name")[0] == "Chen Sample"


def test_library_build_with_nothing_readable(tmp_path: Path) -> None:
    report = kg.build([tmp_path / "missing"], store=tmp_path / "s", progress=False)
    assert report.read == 0 and report.exit_code == 1
    assert "no such file or folder" in str(report.failed[0])
    assert not (tmp_path / "s").exists()


def test_one_failing_extraction_does_not_stop_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.records import Entity, Evidence, Extraction

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"Anna Kowalczyk was mentioned in article {name}.\n")

    def fake_extract_all(articles, nlp):  # type: ignore[no-untyped-def]
        for art in articles:
            if art.id == "b":
                raise RuntimeError("boom")
            ev = Evidence(art.text.strip(), 0, len(art.text.strip()), "test")
            yield Extraction(article=art, entities=(Entity("p1", "person", "Anna Kowalczyk", (), ev),))

    monkeypatch.setattr("kg.extract.extract_all", fake_extract_all)
    monkeypatch.setattr("kg.api._load", lambda model: None)
    report = kg.build([folder], store=tmp_path / "s", model="fake-model", progress=False)
    assert (report.read, report.extracted, report.reused) == (3, 2, 0)
    assert [str(e) for e in report.failed] == [
        f"{folder / 'b.txt'}: extraction failed (RuntimeError: boom); the other articles were built; please report this with the file"
    ]
    assert report.exit_code == 1
    assert report.articles == 2 and report.persons >= 1 and report.triples > 0
    # The failed article is retried next time; the others come from the cache.
    again = kg.build([folder], store=tmp_path / "s", model="fake-model", progress=False)
    assert (again.extracted, again.reused, len(again.failed)) == (0, 2, 1)


@pytest.mark.model
def test_parallel_build_gives_the_same_graph(seeds: Path, tmp_path: Path) -> None:
    one = kg.build([seeds], store=tmp_path / "one", progress=False)
    two = kg.build([seeds], store=tmp_path / "two", progress=False, jobs=2)
    assert (one.extracted, two.extracted) == (3, 3)
    assert kg.export(store=tmp_path / "one", format="nt") == kg.export(store=tmp_path / "two", format="nt")


def test_build_flags_articles_with_no_date_and_builds_them(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "undated.txt").write_text("Pavel Zhuk was sentenced to five years on Monday.\n", encoding="utf-8")
    (tmp_path / "in" / "month.md").write_text("---\npublished: 2025-01\n---\nOlga Dvorak was released.\n", encoding="utf-8")
    result = _run(runner, "build", tmp_path / "in", "--store", tmp_path / "s")
    assert result.exit_code == 0
    assert "2 articles read" in result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "1 article with no published date" in notes[0] and "undated.txt" in notes[0]
    assert "month.md" not in notes[0]
