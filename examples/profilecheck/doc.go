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
// Check configs alone, one or more (prints "<file>: ok" or the located causes for each file,
// then its warnings; exits with the worst code of any file):
//
//	go run ./examples/profilecheck -check-config authgear.yaml staging/authgear.yaml
//
// Check that a new config may replace the one in use (customattr.CheckEvolution on the two
// custom attribute lists: deleting an attribute or changing its type breaks stored data,
// renaming is fine, tightening a bound is a warning):
//
//	go run ./examples/profilecheck -evolve old.yaml new.yaml
//
// Print the JSON Schema 2020-12 of the profile document as one party sees it
// (jsonschema.Export with the zero Options; -party as for an update, end_user by default):
//
//	go run ./examples/profilecheck -schema -party bearer authgear.yaml
//
// With -json, -check-config prints the object {"file", "ok", "causes", "warnings"} for one
// file ("causes" only when invalid, "error" instead when the file cannot be read; "warnings"
// always a list), and a list of them for several files.
//
// # In CI
//
//	-strict    fail (exit 1) when there are warnings and nothing worse: top-level warnings of a
//	           whole authgear.yaml, -evolve warnings (a tightened bound, a removed option), a
//	           current profile that no longer validates
//	-authgear  the config is read by Authgear too: every member only profilekit knows is a
//	           cause (kind "unknown"), whose message names the profilekit option it sets. In
//	           user_profile: supported_languages (Authgear reads localization's), phone,
//	           max_length, address_country_code, images, identity_coupling and limits; on a
//	           custom attribute: pattern, min_length and max_length, and the types boolean and
//	           date (at /type); in an access rule (standard or custom): write_once. It applies
//	           to every config read: -config, -check-config, -evolve and -schema
//
// Unknown members are causes at every level of the user_profile section, located, with a
// did-you-mean in Details.Suggest (printed "(suggested: ...)"): profile.ParseConfig's causes,
// relocated under /user_profile in a whole authgear.yaml. The top level of a whole
// authgear.yaml belongs to Authgear, so an unknown section there is not an error; it is a
// warning when it is close to an Authgear section (user_profil, User-Profile, authenticaton:
// another case or other separators, or a few edits away) or is a user_profile member written at
// the top level (custom_attributes), and is not mentioned otherwise (x_custom). In a file read
// as the section itself, an unknown member close to user_profile suggests it.
//
// # Files
//
// Every file may be JSON or YAML. A ".json" file is read as strict JSON, unchanged (numbers stay
// exact, duplicate members are reported); a ".yaml" or ".yml" file is YAML, converted with
// sigs.k8s.io/yaml, so field names are the JSON ones and duplicate keys are an error; standard
// input and other names are JSON when they parse as JSON, YAML otherwise, and then must be an
// object or a list (plain text or an empty input is a syntax cause, exit 2). In YAML, quote ids
// ("0001"), patterns and two-letter codes: YAML 1.1 reads 0001 as the number 1 and NO as false.
//
// A config file is either a whole authgear.yaml (it has a user_profile key, or the id and http
// keys of an authgear.yaml) or the user_profile section itself. From a whole authgear.yaml,
// localization.supported_languages becomes the supported languages unless user_profile sets
// its own. A section repeated in a JSON authgear.yaml is a cause of kind "duplicated".
// Locations in config causes point into the file given: "/user_profile/custom_attributes/
// attributes/1/pointer" for a whole authgear.yaml, "/custom_attributes/attributes/1/pointer" for a
// section.
//
// # Exit codes
//
//	0  the update is valid (the next profile is printed), the config(s) are valid, the
//	   evolution has no breaking change, or the schema is printed; warnings may be printed
//	1  the update or a config is invalid: the causes are printed; or -strict and there are
//	   warnings (and nothing worse)
//	2  usage error, or a file that cannot be read or decoded: a YAML syntax error (a duplicate
//	   key included), a .json file or an update that is not JSON, input of no given type that is
//	   neither JSON nor YAML of an object or a list (plain text, an empty file), a current
//	   profile or identities that do not decode. The causes of a file that cannot be decoded
//	   are printed like those of an invalid one ("update.json: cannot decode update (1
//	   problem):"); a file that cannot be read is reported on standard error
//	3  -evolve found breaking changes
//
// With several files, -check-config exits with the worst (highest) code of any file.
//
// go run reports any non-zero status as its own exit status 1 (printing "exit status 3"); to
// script on the codes, build the command first: go build -o profilecheck ./examples/profilecheck
//
// Results (profiles, changes, causes, and -check-config's warnings) go to standard output;
// usage errors, files that cannot be read and the other warnings (a config's top-level
// warnings when it is used for an update, -evolve or -schema; a current profile that does not
// validate against the config) go to standard error.
package main
