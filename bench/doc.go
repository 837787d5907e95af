// Package bench compares profilekit with the two ways a Go service validates a profile update
// today: a JSON Schema validator (santhosh-tekuri/jsonschema v6) with Go format checkers, and
// struct tags (go-playground/validator v10) with ValidateMap for custom attributes.
//
// Every engine does the same work on the same input, the reference update in
// testdata/bench-update.json: decode the raw JSON bytes, validate every value, check that the
// end user may make each change (access levels from the config, identity-coupled claims owned),
// and merge the update into the current profile (RFC 7396 merge patch). The agreement test
// checks that the engines accept and reject the same documents, so the benchmark compares equal
// work; where a library is known to be more lenient than profilekit, a separate test asserts
// that leniency instead of hiding it.
//
// This is a nested module (its own go.mod) so that the library's go.mod does not grow the
// competitors' dependencies. See README.md for the command and the latest numbers.
package bench
