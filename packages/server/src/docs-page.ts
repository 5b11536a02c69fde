/**
 * The API docs page at /api/docs: one self-contained HTML file (no CDN: servers may run without internet)
 * that reads /api/openapi.json and lists every operation with its access, parameters, body and responses.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Citypath API</title>
<style>
  :root { font-family: system-ui, "Noto Sans CJK KR", sans-serif; color: #1b1f23; background: #fff; }
  body { max-width: 70rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; line-height: 1.45; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
  details { border: 1px solid #ddd; border-radius: 6px; margin: .4rem 0; }
  summary { cursor: pointer; padding: .45rem .6rem; display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; }
  .m { font: 600 .8rem ui-monospace, monospace; text-transform: uppercase; padding: .1rem .4rem; border-radius: 4px; color: #fff; min-width: 3.5rem; text-align: center; }
  .get { background: #1f6feb; } .post { background: #1a7f37; } .put { background: #9a6700; } .patch { background: #8250df; } .delete { background: #cf222e; }
  code, pre { font-family: ui-monospace, monospace; font-size: .85rem; }
  pre { background: #f6f8fa; padding: .6rem; overflow: auto; border-radius: 4px; max-height: 28rem; }
  .access { font-size: .8rem; color: #57606a; border: 1px solid #d0d7de; border-radius: 1rem; padding: 0 .5rem; }
  .body { padding: 0 .8rem .8rem; }
  table { border-collapse: collapse; font-size: .9rem; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
</style>
</head>
<body>
<h1>Citypath API</h1>
<p>OpenAPI 3.1 document: <a href="/api/openapi.json"><code>/api/openapi.json</code></a>.
Errors always answer <code>{"error": {"code", "message", "details": [{"path", "message"}]}}</code>.
<span lang="ko">모든 경로는 호출할 수 있는 역할(access)을 선언합니다.</span></p>
<div id="out">Loading…</div>
<script>
(async () => {
  const out = document.getElementById("out");
  const doc = await (await fetch("/api/openapi.json")).json();
  const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const resolve = (s) => (s && s.$ref ? doc.components.schemas[s.$ref.split("/").pop()] : s);
  const byTag = new Map();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags && op.tags[0]) || "other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  let html = "<p>" + esc(doc.info.title) + " " + esc(doc.info.version) + " — " + esc(doc.info.description) + "</p>";
  for (const [tag, list] of byTag) {
    html += "<h2>" + esc(tag) + "</h2>";
    for (const { path, method, op } of list) {
      html += "<details><summary><span class='m " + method + "'>" + method + "</span><code>" + esc(path) +
        "</code><span>" + esc(op.summary) + "</span><span class='access'>" + esc(op["x-citypath-access"]) + "</span></summary><div class='body'>";
      if (op.description) html += "<p>" + esc(op.description) + "</p>";
      if (op.parameters && op.parameters.length) {
        html += "<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>";
        for (const p of op.parameters) html += "<tr><td><code>" + esc(p.name) + "</code></td><td>" + esc(p.in) + "</td><td>" + (p.required ? "yes" : "") + "</td><td><code>" + esc(JSON.stringify(p.schema)) + "</code></td></tr>";
        html += "</table>";
      }
      const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      if (body) html += "<p>Body</p><pre>" + esc(JSON.stringify(resolve(body.schema), null, 2)) + "</pre>";
      for (const [status, r] of Object.entries(op.responses || {})) {
        const s = r.content && r.content["application/json"] && r.content["application/json"].schema;
        html += "<p><b>" + esc(status) + "</b> " + esc(r.description) + (s && s.$ref ? " — <code>" + esc(s.$ref.split("/").pop()) + "</code>" : "") + "</p>";
        if (s && status.startsWith("2")) html += "<pre>" + esc(JSON.stringify(resolve(s), null, 2)) + "</pre>";
      }
      html += "</div></details>";
    }
  }
  out.innerHTML = html;
})().catch((e) => { document.getElementById("out").textContent = "Could not load the API document: " + e; });
</script>
</body>
</html>
`;
