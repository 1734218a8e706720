"""The query page ``kg serve`` shows at ``/``: an editor, the ``queries/`` files as ready
examples, and the results as a table.  One self-contained HTML file (no CDN, no
fonts from elsewhere): the page works with no network but the server it came from."""
from __future__ import annotations

import html
import json
from pathlib import Path

__all__ = ["examples", "render_query_page"]


def examples(folder: Path | None = None) -> list[dict[str, str]]:
    """``[{"name", "question", "text"}]`` for every ``queries/*.rq`` (the question from its first comment)."""
    from kg.api import queries_dir

    folder = folder or queries_dir()
    out = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "")
        out.append({"name": path.name, "question": first, "text": text})
    return out


def render_query_page(title: str = "kg: SPARQL") -> str:
    data = json.dumps(examples(), ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.replace("{{TITLE}}", html.escape(title)).replace("{{EXAMPLES}}", data)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{TITLE}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
 header { padding: 8px 16px; background: #263238; color: #fff; display: flex; gap: 16px; align-items: center; }
 header a { color: #9cf; }
 main { padding: 12px 16px; }
 #examples { width: 100%; max-width: 60em; }
 #query { width: 100%; height: 16em; font: 13px/1.35 ui-monospace, monospace; box-sizing: border-box; }
 .bar { display: flex; gap: 8px; align-items: center; margin: 6px 0; flex-wrap: wrap; }
 #status { color: #555; }
 #status.error { color: #b00020; white-space: pre-wrap; }
 table { border-collapse: collapse; margin-top: 8px; }
 th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; max-width: 40em; }
 th { background: #eceff1; position: sticky; top: 0; }
 td.num { text-align: right; }
 #question { color: #555; font-style: italic; }
</style>
</head>
<body>
<header><strong>kg</strong> SPARQL endpoint <code>/sparql</code> <a href="graph">graph page</a></header>
<main>
<div class="bar"><label for="examples">Example:</label>
 <select id="examples"><option value="">(write your own)</option></select></div>
<div id="question"></div>
<textarea id="query" spellcheck="false">SELECT ?person ?name WHERE { ?person a kg:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 20</textarea>
<div class="bar"><button id="run" type="button">Run (Ctrl+Enter)</button>
 <a id="csv" href="#">CSV</a><span id="status"></span></div>
<div id="results"></div>
</main>
<script>
"use strict";
const EXAMPLES = {{EXAMPLES}};
const PREFIXES = {
  kg: "https://w3id.org/kg-news/ontology#", data: "https://w3id.org/kg-news/id/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  skos: "http://www.w3.org/2004/02/skos/core#", xsd: "http://www.w3.org/2001/XMLSchema#",
  prov: "http://www.w3.org/ns/prov#", schema: "https://schema.org/"
};
const select = document.getElementById("examples");
const editor = document.getElementById("query");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");
for (const ex of EXAMPLES) {
  const opt = document.createElement("option");
  opt.value = ex.name; opt.textContent = ex.name + (ex.question ? " \u2014 " + ex.question : "");
  select.appendChild(opt);
}
select.addEventListener("change", () => {
  const ex = EXAMPLES.find(e => e.name === select.value);
  if (ex) { editor.value = ex.text; document.getElementById("question").textContent = ex.question; }
});
function short(iri) {
  for (const [p, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && iri.length > ns.length) {
      const local = iri.slice(ns.length);
      return p === "data" ? local.split("/").pop() : (p === "kg" ? local : p + ":" + local);
    }
  }
  return iri;
}
function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") { td.textContent = short(term.value); td.title = term.value; }
  else { td.textContent = term.value; }
  if (term.datatype && /#(integer|decimal|double|float|int|long)$/.test(term.datatype)) td.className = "num";
  return td;
}
function prefixed(text) { return text; }  // the server predeclares kg:, data:, rdfs:, skos:, ...
async function run() {
  const text = prefixed(editor.value);
  statusLine.className = ""; statusLine.textContent = "running\u2026"; results.textContent = "";
  document.getElementById("csv").href = "sparql?query=" + encodeURIComponent(text);
  const started = performance.now();
  let response;
  try {
    response = await fetch("sparql", { method: "POST", body: new URLSearchParams({ query: text }),
      headers: { "Accept": "application/sparql-results+json, text/turtle;q=0.5" } });
  } catch (err) { statusLine.className = "error"; statusLine.textContent = "the server did not answer"; return; }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!response.ok) { const text = (await response.text()).trim(); statusLine.className = "error"; statusLine.textContent = text; return; }
  const type = response.headers.get("Content-Type") || "";
  if (!type.includes("json")) {
    const pre = document.createElement("pre"); pre.textContent = await response.text(); results.appendChild(pre);
    statusLine.textContent = `triples in ${seconds} s`; return;
  }
  const doc = await response.json();
  if ("boolean" in doc) { statusLine.textContent = (doc.boolean ? "yes" : "no") + ` (${seconds} s)`; return; }
  const vars = doc.head.vars, rows = doc.results.bindings;
  const table = document.createElement("table"); table.id = "table";
  const head = table.createTHead().insertRow();
  for (const v of vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  const body = table.createTBody();
  for (const row of rows) { const tr = body.insertRow(); for (const v of vars) tr.appendChild(cell(row[v])); }
  results.appendChild(table);
  statusLine.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} in ${seconds} s`;
}
document.getElementById("run").addEventListener("click", run);
editor.addEventListener("keydown", e => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
document.getElementById("csv").addEventListener("click", e => {
  e.preventDefault();
  fetch("sparql?query=" + encodeURIComponent(prefixed(editor.value)), { headers: { Accept: "text/csv" } })
    .then(r => r.blob()).then(b => { const a = document.createElement("a"); a.href = URL.createObjectURL(b);
      a.download = "results.csv"; a.click(); });
});
</script>
</body>
</html>
"""
