// Checks that two renderings (for example `helm template` and `kubectl kustomize`) install the same CRDs and RBAC:
// every CustomResourceDefinition by name with an equal spec, and the same ClusterRole and Role rules (names differ
// between the chart and kustomize, so rules are compared per kind, as a set of normalized rules).
//   node compare-manifests.mjs --modules NODE_MODULES A.yaml B.yaml
// Exit code 0 when equal, 1 with the differences otherwise.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let modules = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--modules") modules = resolve(args[++i]);
  else files.push(args[i]);
}
if (!modules || files.length !== 2) {
  console.error("usage: compare-manifests.mjs --modules NODE_MODULES A.yaml B.yaml");
  process.exit(2);
}
const YAML = await import(pathToFileURL(join(modules, "yaml/dist/index.js")).href);

function summarize(file) {
  const crds = new Map();
  const rules = { ClusterRole: [], Role: [] };
  for (const doc of YAML.parseAllDocuments(readFileSync(file, "utf8"))) {
    const o = doc.toJS();
    if (!o) continue;
    if (o.kind === "CustomResourceDefinition") crds.set(o.metadata.name, o.spec);
    if (o.kind in rules) {
      for (const rule of o.rules ?? []) {
        const normalized = {};
        for (const key of Object.keys(rule).sort()) normalized[key] = Array.isArray(rule[key]) ? [...rule[key]].sort() : rule[key];
        rules[o.kind].push(JSON.stringify(normalized));
      }
    }
  }
  for (const kind of Object.keys(rules)) rules[kind].sort();
  return { crds, rules };
}

const [a, b] = files.map(summarize);
const problems = [];
for (const name of new Set([...a.crds.keys(), ...b.crds.keys()])) {
  if (!a.crds.has(name)) problems.push(`CRD ${name} only in ${files[1]}`);
  else if (!b.crds.has(name)) problems.push(`CRD ${name} only in ${files[0]}`);
  else if (!isDeepStrictEqual(a.crds.get(name), b.crds.get(name))) problems.push(`CRD ${name} differs`);
}
if (a.crds.size === 0) problems.push(`no CRDs in ${files[0]}`);
for (const kind of ["ClusterRole", "Role"]) {
  if (a.rules[kind].length === 0) problems.push(`no ${kind} rules in ${files[0]}`);
  const onlyA = a.rules[kind].filter((r) => !b.rules[kind].includes(r));
  const onlyB = b.rules[kind].filter((r) => !a.rules[kind].includes(r));
  for (const r of onlyA) problems.push(`${kind} rule only in ${files[0]}: ${r}`);
  for (const r of onlyB) problems.push(`${kind} rule only in ${files[1]}: ${r}`);
}
if (problems.length > 0) {
  for (const p of problems) console.error(`FAIL ${p}`);
  process.exit(1);
}
console.log(`ok   ${files[0]} and ${files[1]}: ${a.crds.size} CRDs, ${a.rules.ClusterRole.length} ClusterRole and ${a.rules.Role.length} Role rules equal`);
