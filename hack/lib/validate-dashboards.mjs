// Validates Grafana dashboard JSON files offline and extracts their PromQL for promtool:
//   node validate-dashboards.mjs --modules NODE_MODULES --schema dashboard.schema.json [--rules-out FILE]
//        [--expect-invalid] DASHBOARD.json...
// The schema comes from hack/setup.d/51-grafana-schema.sh. --rules-out writes every panel target's `expr` as a
// Prometheus recording rule (Grafana macros and template variables substituted) so that `promtool check rules FILE`
// parses each query. --expect-invalid: every file must fail the schema (negative tests).
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let modules = null;
let schemaPath = null;
let rulesOut = null;
let expectInvalid = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--modules") modules = resolve(args[++i]);
  else if (args[i] === "--schema") schemaPath = resolve(args[++i]);
  else if (args[i] === "--rules-out") rulesOut = resolve(args[++i]);
  else if (args[i] === "--expect-invalid") expectInvalid = true;
  else files.push(args[i]);
}
if (!modules || !schemaPath || files.length === 0) {
  console.error("usage: validate-dashboards.mjs --modules NODE_MODULES --schema FILE [--rules-out FILE] [--expect-invalid] FILE...");
  process.exit(2);
}
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const Ajv = (await load("ajv/dist/ajv.js")).default;
const addFormats = (await load("ajv-formats/dist/index.js")).default;
const YAML = await load("yaml/dist/index.js");
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

// Every panel, rows' collapsed panels included.
function* panels(list) {
  for (const panel of list ?? []) {
    yield panel;
    yield* panels(panel.panels);
  }
}

// Grafana's interval macros become a fixed range; template variables match anything (or a range inside [...]).
function substitute(expr) {
  return expr
    .replace(/\$__(rate_interval|interval|range)(_ms|_s)?\b/g, "5m")
    .replace(/\[\s*\$\{?\w+(?::\w+)?\}?\s*\]/g, "[5m]")
    .replace(/\$\{\w+(?::\w+)?\}|\$\w+/g, ".*");
}

let failures = 0;
const groups = [];
for (const file of files) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`FAIL ${file}: not JSON: ${error.message}`);
    failures++;
    continue;
  }
  const valid = validate(dashboard);
  if (expectInvalid) {
    if (valid) { console.error(`FAIL ${file}: expected schema errors, got none`); failures++; }
    else console.log(`ok   ${file}: rejected (${validate.errors[0].instancePath} ${validate.errors[0].message})`);
    continue;
  }
  if (!valid) {
    console.error(`FAIL ${file}:\n  ${validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("\n  ")}`);
    failures++;
    continue;
  }
  const rules = [];
  for (const panel of panels(dashboard.panels)) {
    for (const target of panel.targets ?? []) {
      if (typeof target.expr !== "string" || target.expr.trim() === "") continue;
      rules.push({ record: `snapshotha_dashboard:panel_${panel.id ?? rules.length}_${target.refId ?? "A"}`, expr: substitute(target.expr) });
    }
  }
  console.log(`ok   ${file}: schema valid, ${rules.length} PromQL queries`);
  if (rules.length > 0) groups.push({ name: basename(file, ".json"), rules });
}
if (rulesOut && !expectInvalid) writeFileSync(rulesOut, YAML.stringify({ groups }));
process.exit(failures === 0 ? 0 : 1);
