// Validates Kubernetes documents against the OpenAPI v3 schemas of CustomResourceDefinitions, as
// an API server with strict field validation would: unknown fields are errors (the schemas are
// structural, so a field not under `properties` would be pruned), and so are type, enum, range,
// pattern and size violations. CEL rules (x-kubernetes-validations) are not evaluated.
//
// usage: node validate-crd.mjs CRD_DIR MANIFEST...
// Prints "file PATH" before each file's documents, then one line per document, "ok KIND NAME"
// or "error KIND NAME: PATH: MESSAGE", and "builtin"
// for networking.k8s.io/v1 NetworkPolicy (netobs lint checks those). Exit 0 when every document
// is valid, 1 when one is not, 2 when a document's kind has no CRD in CRD_DIR or a file is unreadable.
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import YAML from "yaml";

const builtin = new Set(["networking.k8s.io/v1/NetworkPolicy"]);

// The schema as JSON Schema for ajv: closed objects, int-or-string as anyOf.
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" || key === "patternProperties") {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    } else if (key.startsWith("x-kubernetes-") || key === "description" || key === "format" || key === "default") {
      continue;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (node["x-kubernetes-int-or-string"]) {
    delete out.type;
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  const open = node["x-kubernetes-preserve-unknown-fields"] || node.additionalProperties !== undefined;
  // Only typed objects are closed: the property lists inside oneOf/anyOf branches only name fields.
  if (node.type === "object" && node.properties && !open) out.additionalProperties = false;
  if (out.nullable) {
    delete out.nullable;
    if (out.type) out.type = [out.type, "null"];
  }
  return out;
}

// The CRDs' patterns are Go (RE2) regular expressions: \pL and \PC are \p{L} and \P{C} in JavaScript.
function goRegExp(source, flags) {
  return new RegExp(source.replace(/\\([pP])([A-Z])/g, "\\$1{$2}"), flags);
}
goRegExp.code = 'require("node:module")';  // ajv asks for the source of a custom RegExp engine

function loadCrds(dir) {
  const kinds = new Map();  // "group/version/Kind" -> {scope, validators}
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp } });
  for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const crd = YAML.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    if (crd?.kind !== "CustomResourceDefinition") continue;
    for (const version of crd.spec.versions) {
      if (!version.served) continue;
      const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
      const schema = toJsonSchema(version.schema.openAPIV3Schema);
      delete schema.properties.metadata;  // ObjectMeta: checked below, not by the CRD
      schema.required = (schema.required ?? []).filter((field) => field !== "metadata");
      const entry = kinds.get(key) ?? { scope: crd.spec.scope, validators: [] };
      entry.validators.push({ file, validate: ajv.compile(schema) });
      kinds.set(key, entry);
    }
  }
  return kinds;
}

const dns1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function metadataErrors(metadata, scope) {
  const errors = [];
  if (!metadata || typeof metadata !== "object") return ["/metadata: missing"];
  const known = new Set(["name", "namespace", "labels", "annotations"]);
  for (const key of Object.keys(metadata)) if (!known.has(key)) errors.push(`/metadata: unknown field "${key}"`);
  if (typeof metadata.name !== "string" || metadata.name.length > 253 || !dns1123.test(metadata.name)) {
    errors.push(`/metadata/name: not a DNS subdomain: ${JSON.stringify(metadata.name)}`);
  }
  if (scope === "Cluster" && metadata.namespace !== undefined) errors.push("/metadata/namespace: set on a cluster-scoped kind");
  for (const field of ["labels", "annotations"]) {
    const map = metadata[field] ?? {};
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== "string") errors.push(`/metadata/${field}/${k}: not a string`);
    }
  }
  return errors;
}

function documentsOf(file) {
  const text = fs.readFileSync(file, "utf8");
  const out = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value === null) continue;
    if (value.kind === "List") out.push(...value.items);
    else out.push(value);
  }
  return out;
}

function main([crdDir, ...files]) {
  if (!crdDir || files.length === 0) {
    console.error("usage: node validate-crd.mjs CRD_DIR MANIFEST...");
    return 2;
  }
  const kinds = loadCrds(crdDir);
  let status = 0;
  for (const file of files) {
    console.log(`file ${file}`);
    let documents;
    try {
      documents = documentsOf(file);
    } catch (error) {
      console.error(String(error.message ?? error));
      return 2;
    }
    for (const doc of documents) {
      const key = `${doc.apiVersion}/${doc.kind}`;
      const name = doc.metadata?.name ?? "(no name)";
      if (builtin.has(key)) {
        console.log(`builtin ${doc.kind} ${name}`);
        continue;
      }
      const entry = kinds.get(key);
      if (!entry) {
        console.log(`error ${doc.kind} ${name}: no CRD for ${key} in ${crdDir}`);
        status = 2;
        continue;
      }
      const errors = metadataErrors(doc.metadata, entry.scope);
      const { metadata, ...rest } = doc;
      for (const { file: crdFile, validate } of entry.validators) {
        if (validate(rest)) continue;
        for (const e of validate.errors) {
          const detail = e.keyword === "additionalProperties" ? `unknown field "${e.params.additionalProperty}"` : e.message;
          errors.push(`${e.instancePath || "/"}: ${detail} (${crdFile})`);
        }
      }
      if (errors.length === 0) {
        console.log(`ok ${doc.kind} ${name}`);
      } else {
        for (const e of errors) console.log(`error ${doc.kind} ${name}: ${e}`);
        status = Math.max(status, 1);
      }
    }
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
