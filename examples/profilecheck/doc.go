// Command profilecheck checks user-profile updates and user_profile configs from the command
// line, with the same rules an identity server using profilekit applies.
//
// Check an update (from the repository root):
//
//	go run ./examples/profilecheck -config authgear.yaml -party end_user -mode patch \
//	    -current current.json -identities identities.yaml update.json
//
// It prints the next profile (indented JSON) and the list of changes, or every cause that makes
// the update invalid, each with its JSON pointer ("/custom_attributes/shoe_size: maximum: ...").
// With -json it prints one JSON document instead: {"profile": {...}, "changes": [...]} or
// {"file": "update.json", "causes": [...]}, causes in the identity-server shape
// {"location", "kind", "details"}. "-" as the update reads it from standard input.
//
//	-party     end_user (default), portal_ui, bearer or admin_api: who sends the update
//	-mode      patch (default; RFC 7396 merge patch, also "merge_patch") or replace
//	-current   the stored profile (default: an empty profile, a new user); a top-level
//	           updated_at is passed on as the profile's current updated_at, email_verified
//	           and phone_number_verified are ignored (they derive from the identities)
//	-identities the user's login identities, newest first: [{"kind": "email", "value": ...,
//	           "verified": true}, ...]; with identity coupling on (the default) only the values
//	           listed there may be set as email, phone_number or preferred_username
//
// Check a config alone (prints "ok" or the located causes):
//
//	go run ./examples/profilecheck -check-config authgear.yaml
//
// Check that a new config may replace the one in use (customattr.CheckEvolution on the two
// custom attribute lists: deleting an attribute or changing its type breaks stored data,
// renaming is fine, tightening a bound is a warning):
//
//	go run ./examples/profilecheck -evolve old.yaml new.yaml
//
// # Files
//
// Every file may be JSON or YAML. A ".json" file is read as strict JSON, unchanged (numbers stay
// exact, duplicate members are reported); a ".yaml" or ".yml" file is YAML, converted with
// sigs.k8s.io/yaml, so field names are the JSON ones and duplicate keys are an error; standard
// input and other names are JSON when they parse as JSON, YAML otherwise. In YAML, quote ids
// ("0001"), patterns and two-letter codes: YAML 1.1 reads 0001 as the number 1 and NO as false.
//
// A config file is either a whole authgear.yaml (it has a user_profile key, or the id and http
// keys of an authgear.yaml) or the user_profile section itself. From a whole authgear.yaml,
// localization.supported_languages becomes the supported languages unless user_profile sets
// its own. Locations in config causes point into the file given: "/user_profile/custom_attributes/
// attributes/1/pointer" for a whole authgear.yaml, "/custom_attributes/attributes/1/pointer" for a
// section.
//
// # Exit codes
//
//	0  the update is valid (the next profile is printed), the config is valid, or the
//	   evolution has no breaking change (warnings may be printed)
//	1  the update or a config is invalid: the causes are printed
//	2  usage error, or a file that cannot be read or decoded (current profile, identities)
//	3  -evolve found breaking changes
//
// go run reports any non-zero status as its own exit status 1 (printing "exit status 3"); to
// script on the codes, build the command first: go build -o profilecheck ./examples/profilecheck
//
// Results (profiles, changes, causes) go to standard output; usage errors and warnings (a
// current profile that does not validate against the config) go to standard error.
package main
