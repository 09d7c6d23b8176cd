// Argo CD resource health customizations of the snapshotha.io kinds (config/argocd/resource_customizations).
//   node argocd-health.mjs test  --modules NODE_MODULES DIR   runs every <Group>/<Kind>/health_test.yaml with lua5.1
//   node argocd-health.mjs cm    --modules NODE_MODULES DIR   prints the argocd-cm ConfigMap carrying the scripts
//   node argocd-health.mjs check --modules NODE_MODULES DIR FILE   fails when FILE differs from what `cm` prints
// The test layout is Argo CD's own (tests[].inputPath, tests[].healthStatus.{status,message}). Argo CD runs each
// script on its own, so DIR/common.lua (shared helpers) is put in front of every health.lua, in the tests and in the
// ConfigMap alike; the script runs with only the Lua 5.1 base, table, string and math libraries, as in Argo CD.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";

const [mode, ...rest] = process.argv.slice(2);
let modules = null;
const positional = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === "--modules") modules = resolve(rest[++i]);
  else positional.push(rest[i]);
}
if (!["test", "cm", "check"].includes(mode) || !modules || positional.length < 1) {
  console.error("usage: argocd-health.mjs test|cm|check --modules NODE_MODULES DIR [FILE]");
  process.exit(2);
}
const YAML = await import(pathToFileURL(join(modules, "yaml/dist/index.js")).href);
const root = resolve(positional[0]);
const lua = process.env.LUA ?? "lua5.1";

// Every <group>/<kind>/health.lua under root, sorted.
function scripts() {
  const found = [];
  for (const group of readdirSync(root).sort()) {
    if (!statSync(join(root, group)).isDirectory()) continue;
    for (const kind of readdirSync(join(root, group)).sort()) {
      const dir = join(root, group, kind);
      try { statSync(join(dir, "health.lua")); } catch { continue; }
      found.push({ group, kind, dir, script: join(dir, "health.lua") });
    }
  }
  if (found.length === 0) throw new Error(`no */*/health.lua under ${root}`);
  return found;
}

function luaString(text) {
  let out = '"';
  for (const byte of Buffer.from(text, "utf8")) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += "\\\\";
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += "\\" + byte.toString(10);
  }
  return out + '"';
}

function luaLiteral(value) {
  if (value === null || value === undefined) return "nil";
  if (typeof value === "string") return luaString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return luaString(value.toISOString().replace(".000Z", "Z"));
  if (Array.isArray(value)) return "{" + value.map(luaLiteral).join(", ") + "}";
  return "{" + Object.entries(value).filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `[${luaString(k)}] = ${luaLiteral(v)}`).join(", ") + "}";
}

// The text Argo CD runs for one kind: the shared helpers, then the kind's script.
function scriptText(script) {
  return readFileSync(join(root, "common.lua"), "utf8") + "\n" + readFileSync(script, "utf8");
}

function runHealth(script, object) {
  const program = [
    `obj = ${luaLiteral(object)}`,
    "local write = io.write",
    "io, os, package, require, dofile, loadfile, load, loadstring, debug = nil, nil, nil, nil, nil, nil, nil, nil, nil",
    "local chunk = assert(_G.__chunk)",
    "local hs = chunk()",
    "if type(hs) ~= 'table' then error('health script returned ' .. type(hs)) end",
    "write(tostring(hs.status), '\\n', tostring(hs.message), '\\n')",
  ].join("\n");
  const prelude = `_G.__chunk = assert(loadstring(${luaString(scriptText(script))}, ${luaString("=" + script)}))\n`;
  const result = spawnSync(lua, ["-"], { input: prelude + program, encoding: "utf8" });
  if (result.error) throw new Error(`${lua}: ${result.error.message} (install lua5.1: hack/setup.d/10-apt.sh)`);
  if (result.status !== 0) return { error: result.stderr.trim() };
  const [status, message] = result.stdout.split("\n");
  return { status, message };
}

function test() {
  let failures = 0;
  let count = 0;
  for (const { group, kind, dir, script } of scripts()) {
    const spec = YAML.parse(readFileSync(join(dir, "health_test.yaml"), "utf8"));
    const seen = new Set();
    for (const t of spec.tests) {
      count++;
      const object = YAML.parse(readFileSync(join(dir, t.inputPath), "utf8"));
      const got = runHealth(script, object);
      const want = t.healthStatus;
      seen.add(want.status);
      const label = `${group}/${kind} ${t.inputPath}`;
      if (got.error) { console.error(`FAIL ${label}: ${got.error}`); failures++; }
      else if (got.status !== want.status || (want.message !== undefined && got.message !== want.message)) {
        console.error(`FAIL ${label}: got ${got.status} "${got.message}", want ${want.status} "${want.message}"`);
        failures++;
      } else console.log(`ok   ${label}: ${got.status} "${got.message}"`);
    }
    for (const required of ["Healthy", "Progressing", "Degraded"]) {
      if (!seen.has(required)) { console.error(`FAIL ${group}/${kind}: no test expects ${required}`); failures++; }
    }
  }
  console.log(`${count - failures}/${count} health tests passed`);
  return failures === 0 ? 0 : 1;
}

function configMap() {
  const data = {};
  for (const { group, kind, script } of scripts()) {
    data[`resource.customizations.health.${group}_${kind}`] = scriptText(script);
  }
  const doc = new YAML.Document({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "argocd-cm", namespace: "argocd", labels: { "app.kubernetes.io/name": "argocd-cm", "app.kubernetes.io/part-of": "argocd" } },
    data,
  });
  doc.commentBefore = " Generated by `node hack/lib/argocd-health.mjs cm` from config/argocd/resource_customizations. Do not edit.\n" +
    " Merge into Argo CD's argocd-cm (docs/argocd.md), for example with a kustomize patch or helm values.";
  return doc.toString({ blockQuote: "literal", lineWidth: 0 });
}

if (mode === "test") process.exit(test());
if (mode === "cm") { process.stdout.write(configMap()); process.exit(0); }
const file = positional[1];
if (!file) { console.error("check needs FILE"); process.exit(2); }
if (readFileSync(file, "utf8") !== configMap()) {
  console.error(`FAIL ${file} is out of date: node hack/lib/argocd-health.mjs cm --modules ... ${positional[0]} > ${file}`);
  process.exit(1);
}
console.log(`ok   ${file} matches the health scripts`);
