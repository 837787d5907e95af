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
// Each competitor runs in two configurations: as commonly written ("jsonschema", "validator")
// and in its best honest configuration ("jsonschema_best", "validator_best": a cache of
// time.LoadLocation's answers, libphonenumber's reusable objects, no second decode per member),
// which changes how the work is done but never what is accepted; best_test.go checks that
// piece by piece. BenchmarkValidParallel runs every engine from all cores; BenchmarkScaling
// measures profilekit against the number of custom attributes mentioned and defined.
//
// This is a nested module (its own go.mod) so that the library's go.mod does not grow the
// competitors' dependencies. See README.md for the commands, the configurations and the numbers.
package bench
