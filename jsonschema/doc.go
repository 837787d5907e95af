// Package jsonschema exports a compiled profile.Schema, as one party sees it, as a JSON Schema
// 2020-12 document: to validate in a browser or another service, to generate a form, or to
// document an API. It is a sibling of the library, in a module of its own, so that the
// library's importers do not pull in what its tests need (a JSON Schema validator).
//
//	doc, err := jsonschema.Export(schema, access.EndUser, jsonschema.Options{Nullable: true})
//	formats := jsonschema.Formats(schema) // profilekit's checks, to register with a validator
//
// The document says what JSON Schema can say; [Export] lists what it cannot (normalization,
// ownership, access checked on change), where a validator of the document and profilekit
// must disagree.
package jsonschema
