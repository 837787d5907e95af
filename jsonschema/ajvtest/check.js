#!/usr/bin/env node
// check.js compiles JSON Schemas with Ajv 2020 in strict mode and validates documents with
// them, for the Go test TestAjvAgreement (jsonschema/ajv_test.go).
//
//   node check.js INPUT.json
//
// INPUT is {"schemas": [{"name", "schema", "formats"}], "checks": [{"schema", "doc"}]}: each
// schema is compiled by a fresh Ajv2020 with {strict: true, allErrors: true}, and with Ajv's
// standard formats (ajv-formats, nothing else registered) when "formats" is true; each check
// validates "doc", a JSON text, with the named schema. It prints one JSON object:
// {"ajv": version, "ajvFormats": version, "schemas": {name: {"error": compile error or ""}},
// "results": [{"valid", "errors": [{"instancePath", "schemaPath", "keyword", "params",
// "message"}]}]}, one result per check, in order (a check of a schema that did not compile
// has "valid": false and no errors). Exit status 0 when it could do that, 2 otherwise.
"use strict";

const fs = require("node:fs");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

function main(argv) {
  if (argv.length !== 1) {
    throw new Error("usage: node check.js INPUT.json");
  }
  const input = JSON.parse(fs.readFileSync(argv[0], "utf8"));
  const out = {
    ajv: require("ajv/package.json").version,
    ajvFormats: require("ajv-formats/package.json").version,
    schemas: {},
    results: [],
  };
  const validators = new Map();
  for (const { name, schema, formats } of input.schemas) {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    if (formats) {
      addFormats(ajv);
    }
    try {
      validators.set(name, ajv.compile(schema));
      out.schemas[name] = { error: "" };
    } catch (e) {
      out.schemas[name] = { error: String(e && e.message ? e.message : e) };
    }
  }
  for (const { schema, doc } of input.checks) {
    if (!(schema in out.schemas)) {
      throw new Error(`check names an unknown schema ${JSON.stringify(schema)}`);
    }
    const validate = validators.get(schema);
    if (!validate) {
      out.results.push({ valid: false, errors: [] });
      continue;
    }
    const valid = validate(JSON.parse(doc));
    out.results.push({
      valid,
      errors: (validate.errors || []).map(({ instancePath, schemaPath, keyword, params, message }) =>
        ({ instancePath, schemaPath, keyword, params, message })),
    });
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`check.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
}
