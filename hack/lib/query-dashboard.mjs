// Runs every panel query of Grafana dashboards against a live Prometheus and requires data:
//   node query-dashboard.mjs --prometheus http://127.0.0.1:9090 [--rate-interval 20s] [--range 1m] DASHBOARD.json...
// Grafana's $__rate_interval/$__interval become --rate-interval, $__range becomes --range and template variables
// match anything (.*); each query must parse and return at least one series. The query variables
// (label_values(metric, label)) must return values too.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
let prometheus = null;
let rateInterval = "20s";
let range = "1m";
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--prometheus") prometheus = args[++i];
  else if (args[i] === "--rate-interval") rateInterval = args[++i];
  else if (args[i] === "--range") range = args[++i];
  else files.push(args[i]);
}
if (!prometheus || files.length === 0) {
  console.error("usage: query-dashboard.mjs --prometheus URL [--rate-interval 20s] [--range 1m] DASHBOARD.json...");
  process.exit(2);
}

function* panels(list) {
  for (const panel of list ?? []) {
    yield panel;
    yield* panels(panel.panels);
  }
}

const substitute = (expr) => expr
  .replace(/\$__range(_ms|_s)?\b/g, range)
  .replace(/\$__(rate_interval|interval)(_ms|_s)?\b/g, rateInterval)
  .replace(/\$\{\w+(?::\w+)?\}|\$\w+/g, ".*");

async function get(path) {
  const response = await fetch(new URL(path, prometheus));
  const body = await response.json().catch(() => ({ status: "error", error: `HTTP ${response.status}, no JSON` }));
  return body;
}

let failures = 0;
let queries = 0;
for (const file of files) {
  const dashboard = JSON.parse(readFileSync(file, "utf8"));
  for (const variable of dashboard.templating?.list ?? []) {
    const definition = typeof variable.query === "string" ? variable.query : variable.query?.query;
    const match = /^label_values\((?:(.+),\s*)?(\w+)\)$/.exec(definition ?? "");
    if (variable.type !== "query" || !match) continue;
    const selector = match[1] ? `&match[]=${encodeURIComponent(substitute(match[1]).replace(/=~"\.\*"/g, '=~".+"'))}` : "";
    const body = await get(`/api/v1/label/${match[2]}/values?${selector.slice(1)}`);
    queries++;
    if (body.status !== "success" || body.data.length === 0) {
      console.error(`FAIL ${file} variable ${variable.name}: ${definition} -> ${body.error ?? "no values"}`);
      failures++;
    } else {
      console.log(`ok   variable ${variable.name}: ${body.data.join(", ")}`);
    }
  }
  for (const panel of panels(dashboard.panels)) {
    for (const target of panel.targets ?? []) {
      if (typeof target.expr !== "string" || target.expr.trim() === "") continue;
      const expr = substitute(target.expr);
      const body = await get(`/api/v1/query?query=${encodeURIComponent(expr)}`);
      queries++;
      const result = body.data?.result;
      const series = Array.isArray(result) ? result.length : result === undefined ? 0 : 1;
      if (body.status !== "success") {
        console.error(`FAIL panel "${panel.title}" ${target.refId}: ${body.errorType}: ${body.error}\n     ${expr}`);
        failures++;
      } else if (series === 0) {
        console.error(`FAIL panel "${panel.title}" ${target.refId}: no data\n     ${expr}`);
        failures++;
      } else {
        const sample = Array.isArray(result) ? result[0].value[1] : result[1];
        console.log(`ok   panel "${panel.title}" ${target.refId}: ${series} series (first ${sample})`);
      }
    }
  }
}
console.log(`${queries - failures}/${queries} dashboard queries returned data`);
process.exit(failures === 0 ? 0 : 1);
