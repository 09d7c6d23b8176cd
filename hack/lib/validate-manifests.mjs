// Validates Kubernetes manifests offline (multi-document YAML files, or "-" for stdin):
//   built-in kinds        npm kubernetes-models validators
//   monitoring.coreos.com npm @kubernetes-models/prometheus-operator
//   argoproj.io           npm @kubernetes-models/argo-cd
//   snapshotha.io         ajv against the openAPIV3Schema of the CRDs in --crds, with unknown fields rejected the way
//                         the API server's strict field validation does (CEL rules are not evaluated here)
// Any other kind is an error: every document must be checked by something.
//
//   node validate-manifests.mjs --modules DIR/node_modules --crds crds [--expect-invalid] FILE...
// --expect-invalid inverts the result per document: each one must fail (negative tests of the validators).
// Exit code 0 when every document met the expectation, 1 otherwise, 2 on usage errors.
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let modules = null;
let crdDir = null;
let expectInvalid = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--modules") modules = resolve(args[++i]);
  else if (args[i] === "--crds") crdDir = resolve(args[++i]);
  else if (args[i] === "--expect-invalid") expectInvalid = true;
  else files.push(args[i]);
}
if (!modules || files.length === 0) {
  console.error("usage: validate-manifests.mjs --modules NODE_MODULES [--crds DIR] [--expect-invalid] FILE...");
  process.exit(2);
}

const load = (path) => import(pathToFileURL(join(modules, path)).href);
const YAML = await load("yaml/dist/index.js");
const Ajv = (await load("ajv/dist/ajv.js")).default;
const addFormats = (await load("ajv-formats/dist/index.js")).default;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const format of ["int32", "int64", "float", "double", "byte", "binary", "password"]) ajv.addFormat(format, true);

// CRD schemas by "group/version/Kind", made strict: objects with properties reject unknown fields.
function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = strict(value);
  if (copy.type === "object" && copy.properties && copy.additionalProperties === undefined
      && !copy["x-kubernetes-preserve-unknown-fields"]) {
    copy.additionalProperties = false;
  }
  return copy;
}
const crdValidators = new Map();
if (crdDir) {
  for (const name of readdirSync(crdDir).filter((n) => n.endsWith(".yaml")).sort()) {
    for (const doc of YAML.parseAllDocuments(readFileSync(join(crdDir, name), "utf8"))) {
      const crd = doc.toJS();
      if (crd?.kind !== "CustomResourceDefinition") continue;
      for (const version of crd.spec.versions) {
        const schema = strict(version.schema.openAPIV3Schema);
        schema.properties = { ...schema.properties, apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" } };
        crdValidators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
}

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates = [];
  if (group === "monitoring.coreos.com") candidates.push(`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}.js`);
  else if (group === "argoproj.io") candidates.push(`@kubernetes-models/argo-cd/${group}/${version}/${kind}.js`);
  else if (group === "") candidates.push(`kubernetes-models/${version}/${kind}.js`);
  else candidates.push(`kubernetes-models/${group}/${version}/${kind}.js`, `kubernetes-models/${group.split(".")[0]}/${version}/${kind}.js`);
  for (const candidate of candidates) {
    try {
      const module = await load(candidate);
      if (module[kind]) return module[kind];
    } catch (error) {
      if (error.code !== "ERR_MODULE_NOT_FOUND") throw error;
    }
  }
  return null;
}

// Returns a list of error strings; empty when valid.
async function validate(object) {
  if (typeof object !== "object" || object === null) return ["not a mapping"];
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["apiVersion and kind are required strings"];
  if (!object.metadata?.name && kind !== "List") return ["metadata.name is required"];
  const crd = crdValidators.get(`${apiVersion}/${kind}`);
  if (crd) {
    return crd(object) ? [] : crd.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
  }
  if (apiVersion.startsWith("snapshotha.io/")) return [`no CRD for ${apiVersion} ${kind} in ${crdDir ?? "(no --crds)"}`];
  const Model = await modelFor(apiVersion, kind);
  if (!Model) return [`no validator for ${apiVersion} ${kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return (error.errors ?? [{ message: error.message }]).map((e) => `${e.instancePath ?? ""} ${e.message}`.trim());
  }
}

let failures = 0;
let count = 0;
for (const file of files) {
  const text = readFileSync(file === "-" ? 0 : file, "utf8");
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      console.error(`FAIL ${file}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object === null || object === undefined) continue;
    count++;
    const label = `${file}: ${object.apiVersion} ${object.kind} ${object.metadata?.namespace ? object.metadata.namespace + "/" : ""}${object.metadata?.name}`;
    const errors = await validate(object);
    if (expectInvalid) {
      if (errors.length === 0) { console.error(`FAIL ${label}: expected validation errors, got none`); failures++; }
      else console.log(`ok   ${label}: rejected (${errors[0]})`);
    } else if (errors.length > 0) {
      console.error(`FAIL ${label}:\n  ${errors.join("\n  ")}`);
      failures++;
    }
  }
}
if (count === 0) { console.error("FAIL no documents"); process.exit(1); }
console.log(`${count - failures}/${count} documents ${expectInvalid ? "rejected as expected" : "valid"}`);
process.exit(failures === 0 ? 0 : 1);
