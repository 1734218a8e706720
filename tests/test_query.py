"""Running SPARQL and the result formats (table; W3C SPARQL 1.1 JSON, CSV, TSV)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph
import pytest
import rdflib

from kg.errors import QueryError, UsageError
from kg.query import QueryResult, run_query, shorten
from kg.store import Store

DATA = Path(__file__).parent / "data"
QUERIES = Path(__file__).parent.parent / "queries"
EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture
def mini(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "mini", create=True) as st:
        st.replace_graph(rdflib.Graph().parse(DATA / "mini.ttl"))
    with Store(tmp_path / "mini") as st:
        yield st


@pytest.fixture
def odd(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Terms that stress the formats: a blank node, a language tag, commas, quotes, newlines, tabs."""
    g = rdflib.Graph()
    a, p = rdflib.URIRef(EX + "a"), rdflib.URIRef(EX + "p")
    g.add((a, p, rdflib.Literal('comma, "quote"\nnewline\ttab', lang="en")))
    g.add((a, p, rdflib.Literal(42)))
    g.add((rdflib.BNode("b1"), p, rdflib.Literal("plain")))
    with Store(tmp_path / "odd", create=True) as st:
        st.replace_graph(g)
    with Store(tmp_path / "odd") as st:
        yield st


ODD_QUERY = f"SELECT ?s ?o ?missing WHERE {{ ?s <{EX}p> ?o }} ORDER BY STR(?o)"


def _persons(st: Store) -> QueryResult:
    return run_query(
        st,
        """SELECT ?person ?name ?status (COUNT(?event) AS ?events) WHERE {
             ?person a kg:Person ; rdfs:label ?name .
             OPTIONAL { ?person kg:currentStatus/kg:status/skos:notation ?status }
             OPTIONAL { ?event kg:involves ?person }
           } GROUP BY ?person ?name ?status ORDER BY ?name""",
    )


# --- rows ----------------------------------------------------------------------------


def test_rows_and_vars(mini: Store) -> None:
    result = _persons(mini)
    assert result.vars == ["person", "name", "status", "events"]
    assert result.kind == "select"
    assert len(result) == 4
    assert result.values("name") == ["Anna Kowalczyk", "Boris Example", "Chen Sample", "Dora Faraway"]
    assert result.values("status") == ["pardoned", None, "jailed", "exiled"]
    assert isinstance(result.rows[0]["person"], pyoxigraph.NamedNode)


def test_query_from_file(mini: Store, tmp_path: Path) -> None:
    path = tmp_path / "people.rq"
    path.write_text("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name\n")
    assert run_query(mini, path).values("name")[0] == "Anna Kowalczyk"
    assert run_query(mini, str(path)).values("name")[0] == "Anna Kowalczyk"


def test_missing_query_file(mini: Store) -> None:
    with pytest.raises(UsageError, match="no such query file: queries/nope.rq"):
        run_query(mini, "queries/nope.rq")


def test_bindings(mini: Store) -> None:
    result = run_query(
        mini,
        "SELECT ?p ?name WHERE { ?p rdfs:label ?name }",
        bindings={"p": pyoxigraph.NamedNode("https://w3id.org/kg-news/id/person/chen-sample")},
    )
    assert result.values("name") == ["Chen Sample"]


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_every_shipped_query_runs(mini: Store, path: Path) -> None:
    result = run_query(mini, path)
    assert result.vars
    assert result.to_table().endswith(("row\n", "rows\n"))


def test_remain_jailed_on_the_fixture(mini: Store) -> None:
    path = QUERIES / "remain_jailed.rq"
    if not path.is_file():
        pytest.skip("queries/remain_jailed.rq not written yet")
    assert run_query(mini, path).values("name") == ["Chen Sample"]


# --- table ---------------------------------------------------------------------------


def test_table(mini: Store) -> None:
    table = _persons(mini).to_table()
    lines = table.splitlines()
    assert lines[0].split() == ["person", "name", "status", "events"]
    assert set(lines[1]) <= {"-", " "}
    # IRIs shortened to their last segment; literals as plain text; numbers right-aligned.
    assert lines[2].split() == ["anna-kowalczyk", "Anna", "Kowalczyk", "pardoned", "1"]
    assert "https://" not in table and '"' not in table
    assert lines[3].startswith("boris-example   Boris Example")
    assert lines[-1] == "4 rows"
    widths = {len(line) for line in lines[:-1]}
    assert len(widths) == 1 or max(widths) <= len(lines[1])


def test_table_one_row_and_no_rows(mini: Store) -> None:
    assert run_query(mini, "SELECT ?x WHERE { BIND(1 AS ?x) }").to_table().splitlines()[-1] == "1 row"
    assert run_query(mini, "SELECT ?x WHERE { ?x a kg:Nothing }").to_table().splitlines()[-1] == "0 rows"


def test_table_keeps_each_row_on_one_line(odd: Store) -> None:
    table = run_query(odd, ODD_QUERY).to_table()
    assert len(table.splitlines()) == 2 + 3 + 1
    assert "comma, \"quote\" newline tab" in table


def test_table_truncates_when_asked(mini: Store) -> None:
    table = run_query(mini, "SELECT ?s WHERE { ?e kg:sentence ?s }").to_table(max_width=20)
    assert all(len(line) <= 20 for line in table.splitlines()[2:-1])
    assert "…" in table


def test_shorten() -> None:
    assert shorten("https://w3id.org/kg-news/ontology#Jailed") == "Jailed"
    assert shorten("https://w3id.org/kg-news/id/person/anna-kowalczyk") == "anna-kowalczyk"
    assert shorten("http://www.w3.org/2000/01/rdf-schema#label") == "rdfs:label"
    assert shorten("http://example.org/x") == "http://example.org/x"


# --- W3C formats ---------------------------------------------------------------------


def test_json_structure(odd: Store) -> None:
    doc = json.loads(run_query(odd, ODD_QUERY).to_json())
    assert doc["head"]["vars"] == ["s", "o", "missing"]
    bindings = doc["results"]["bindings"]
    assert len(bindings) == 3
    by_value = {b["o"]["value"]: b for b in bindings}
    assert by_value["42"]["o"] == {"type": "literal", "value": "42", "datatype": XSD + "integer"}
    assert by_value["plain"]["o"] == {"type": "literal", "value": "plain"}  # xsd:string: no datatype
    assert by_value["plain"]["s"]["type"] == "bnode"
    lang = by_value['comma, "quote"\nnewline\ttab']
    assert lang["o"]["xml:lang"] == "en"
    assert lang["s"] == {"type": "uri", "value": EX + "a"}
    assert all("missing" not in b for b in bindings)  # unbound variables are left out


def test_json_parses_back_with_pyoxigraph(odd: Store) -> None:
    result = run_query(odd, ODD_QUERY)
    parsed = pyoxigraph.parse_query_results(result.to_json(), pyoxigraph.QueryResultsFormat.JSON)
    assert [v.value for v in parsed.variables] == result.vars
    back = [{v: s[v] for v in result.vars} for s in parsed]
    for ours, theirs in zip(result.rows, back):
        assert ours["o"] == theirs["o"]
        assert ours["missing"] is None and theirs["missing"] is None


def test_csv(odd: Store) -> None:
    text = run_query(odd, ODD_QUERY).to_csv()
    assert text.startswith("s,o,missing\r\n")
    assert text.endswith("\r\n")
    # Every record ends with CRLF; the newline inside the quoted value stays LF.
    assert text.count("\r\n") == 4
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["s", "o", "missing"]
    values = {r[1]: r for r in rows[1:]}
    assert values["42"] == [EX + "a", "42", ""]
    assert values["plain"][0].startswith("_:")
    assert values['comma, "quote"\nnewline\ttab'][0] == EX + "a"


def test_tsv(odd: Store) -> None:
    text = run_query(odd, ODD_QUERY).to_tsv()
    lines = text.split("\n")
    assert lines[0] == "?s\t?o\t?missing"
    assert lines[-1] == ""  # ends with a newline
    body = lines[1:-1]
    assert len(body) == 3  # the literal's newline and tab are escaped, not raw
    assert f'<{EX}a>\t"42"^^<{XSD}integer>\t' in body
    assert f'<{EX}a>\t"comma, \\"quote\\"\\nnewline\\ttab"@en\t' in body
    assert any(line.startswith("_:") and '\t"plain"\t' in line for line in body)
    parsed = pyoxigraph.parse_query_results(text, pyoxigraph.QueryResultsFormat.TSV)
    assert len(list(parsed)) == 3


# --- ASK and CONSTRUCT ---------------------------------------------------------------


def test_ask(mini: Store) -> None:
    yes = run_query(mini, "ASK { ?p a kg:Person }")
    no = run_query(mini, "ASK { ?p a kg:Nothing }")
    assert yes.kind == "ask" and yes.boolean is True and no.boolean is False
    assert yes.to_table() == "yes\n" and no.to_table() == "no\n"
    assert json.loads(yes.to_json()) == {"head": {}, "boolean": True}
    assert yes.to_csv() == "_askResult\r\ntrue\r\n"
    assert no.to_tsv() == "?_askResult\nfalse\n"


def test_construct(mini: Store) -> None:
    result = run_query(mini, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Person ; rdfs:label ?l }")
    assert result.kind == "graph"
    assert result.vars == ["subject", "predicate", "object"]
    assert len(result.triples) == 4
    assert result.to_table().splitlines()[-1] == "4 triples"
    g = rdflib.Graph().parse(data=result.to_rdf("turtle"), format="turtle")
    assert len(g) == 4
    assert b"@prefix person:" in result.to_rdf("turtle")
    assert len(json.loads(result.to_json())["results"]["bindings"]) == 4
    with pytest.raises(UsageError):
        run_query(mini, "ASK { ?s ?p ?o }").to_rdf()


# --- errors --------------------------------------------------------------------------


def test_syntax_error_has_line_column_and_text(mini: Store) -> None:
    with pytest.raises(QueryError) as info:
        run_query(mini, "SELECT ?p\nWHERE { ?p a kg:Person }\nLIMT 3")
    err = info.value
    assert err.line is not None and err.column is not None
    message = str(err)
    assert message.startswith(f"line {err.line}, column {err.column}: ")
    assert "LIMT" in message
    assert "\n" not in message
    assert err.exit_code == 2


def test_syntax_error_inside_the_query(mini: Store) -> None:
    with pytest.raises(QueryError) as info:
        run_query(mini, "SELECT ?p WHERE {\n  ?p a kg:Person .\n  FILTER(?p = ) }")
    assert info.value.line == 3
    assert "FILTER" in str(info.value) or "?p =" in str(info.value)


def test_syntax_error_in_a_file_names_the_file(mini: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?s WHERE {\n  ?s ?p ?o \n")
    with pytest.raises(QueryError) as info:
        run_query(mini, path)
    assert str(info.value).startswith(f"{path}:")
    assert info.value.path == str(path)


def test_undefined_prefix(mini: Store) -> None:
    with pytest.raises(QueryError) as info:
        run_query(mini, "SELECT ?s WHERE {\n  ?s foo:bar ?o }")
    message = str(info.value)
    assert message.startswith("line 2, column ")
    assert "undefined prefix foo:" in message
    assert "PREFIX foo:" in message


def test_empty_query(mini: Store) -> None:
    with pytest.raises(QueryError, match="empty"):
        run_query(mini, "   \n")


def test_format_dispatch(mini: Store) -> None:
    result = _persons(mini)
    assert result.format("table") == result.to_table()
    assert result.format("JSON") == result.to_json()
    with pytest.raises(UsageError, match="unknown result format"):
        result.format("xml")
