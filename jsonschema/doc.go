// Package jsonschema exports a compiled profile.Schema, as one party sees it, as a JSON Schema
// 2020-12 document: to validate in a browser or another service, to generate a form, or to
// document an API. It is a sibling of the library, in a module of its own, so that the
// library's importers do not pull in what its tests need (a JSON Schema validator).
//
//	doc, err := jsonschema.Export(schema, access.EndUser, jsonschema.Options{Nullable: true})
//	formats := jsonschema.Formats(schema) // profilekit's checks, to register with a validator
//
// The document uses only standard keywords and annotations, so that strict validators and
// form libraries take it as it is: it compiles in Ajv 2020 with strict: true and Ajv's
// standard formats (ajv-formats), with nothing registered, and it is valid against the
// 2020-12 meta-schema (as Python's jsonschema check_schema requires). Formats are the
// standard "email" and "uri" (and "date", for date custom attributes); profilekit's other
// checks are stated as far as a pattern honestly can (the shape of a birthdate, a tz name, a
// language tag; exactly the assigned country codes) and named in "$comment". An enum is one "oneOf" of {"const", "title"}, so
// that forms show the option labels. Options.Formats chooses other formats: [NoFormats] for
// a validator without any format support, [ProfilekitFormats] for one that registers
// [Formats]. Attributes required for the party are listed in "required" (the profile document
// only: an update may leave them out). Language-tagged variants (OIDC Core §5.2) are
// "patternProperties" ("^family_name#[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$") with the schema of
// their attribute, in the object they sit in; the pattern is the shape of a tag, and a tag of
// that shape whose subtags do not exist ("zz-zzzz-zzzz") is refused by profilekit only
// (TestAjvVariants).
//
// The document says what JSON Schema can say; [Export] lists what it cannot (normalization,
// ownership, access checked on change), where a validator of the document and profilekit
// must disagree.
//
// # Disagreements with Ajv
//
// The tests (TestAjvAgreement, in CI) compile the documents of profile/testdata's reference
// config for every party, as a profile and with Nullable, in Ajv 2020 (strict: true,
// allErrors, ajv-formats; the NoFormats documents without ajv-formats), validate some 80
// documents with each, and compare every verdict with profilekit's for the same document
// sent as a merge patch by that party to the reference profile (Jane Doe, employee_id
// E123456, owning jane.doe@example.com and +14155552671).
// They agree on every document but these, where both are asserted as written ("all but
// bearer": the bearer may change nothing, and profilekit refuses these from it as Ajv does):
//
//	document                                         | parties        | profilekit | Ajv     | why
//	{"given_name":"   "}                             | all            | rejects    | accepts | trim
//	{"given_name":"a…a "} (1024 a, a space)          | all but bearer | accepts    | rejects | trim
//	{"birthdate":" 1990-07-14"}                      | all but bearer | accepts    | rejects | trim
//	{"custom_attributes":{"department":" sales"}}    | all but bearer | accepts    | rejects | trim
//	{"custom_attributes":{"employee_id":" E123456"}} | all            | accepts    | rejects | trim
//	{"given_name":"é…é"} (600 e and U+0301)          | all but bearer | accepts    | rejects | NFC
//	{"given_name":"Jane\u0000Doe"}                   | all            | rejects    | accepts | characters
//	{"given_name":"Jane\nDoe"}                       | all            | rejects    | accepts | characters
//	{"birthdate":"1900-02-29"}                       | all            | rejects    | accepts | shape
//	{"zoneinfo":"Mars/Olympus_Mons"}                 | all            | rejects    | accepts | shape
//	{"locale":"en-XX"}                               | all            | rejects    | accepts | shape
//	{"phone_number":"4155552671"}                    | all            | rejects    | accepts | phone
//	{"phone_number":"+1415555267"}                   | all            | rejects    | accepts | phone
//	{"website":"https://example.com/a/../b"}         | all            | rejects    | accepts | uri
//	{"website":"https://例子.广告/"}                 | all but bearer | accepts    | rejects | uri
//	{"email":"someone@example.com"}                  | all but bearer | rejects    | accepts | ownership
//	{"email_verified":false}                         | all            | rejects    | accepts | derived
//	{"updated_at":1}                                 | all            | rejects    | accepts | derived
//	*                                                | all            | rejects    | accepts | read-only
//
// Why:
//   - trim: profilekit trims surrounding white space before it checks; minLength, maxLength,
//     the enum's consts and patterns see the raw value. (" Jane" is no disagreement: both
//     accept it, and profilekit stores "Jane".)
//   - NFC: profilekit counts length after Unicode NFC (600 runes here, 1200 before).
//   - characters: control characters, and line breaks outside address.formatted and
//     street_address, are refused by profilekit and not described by the document.
//   - shape: the pattern states the shape (a month 01-12 and a day 01-31; the characters of a
//     tz name; subtags of a language tag), not the calendar, the tz database or the language
//     subtag registry.
//   - phone: no pattern for phone numbers, as profilekit accepts many spellings of one (the
//     E.164 form is what it stores, not what it is sent).
//   - uri: the standard "uri" format allows dot segments, which profilekit's URL rules refuse,
//     and is ASCII-only, while profilekit accepts internationalized hosts and paths. (The
//     standard "email" is ASCII-only too; the test has no owned non-ASCII address to show it.)
//   - ownership: email, phone_number and preferred_username must be the user's own
//     (identities); the bearer's rejection is on access, so it falls under read-only.
//   - derived: email_verified, phone_number_verified and updated_at may be sent only with
//     their actual values; the document marks them readOnly.
//   - read-only (the row "*"): every document whose only faults for profilekit are changes of
//     values the party may read but not write ("readOnly", an annotation): for the bearer,
//     which never writes, every valid change ({"given_name":"Janet"}); for the end user,
//     {"custom_attributes":{"employee_id":"E654321"}}. Sending such a value unchanged is fine
//     for both.
//
// The documents that both refuse include the shapes the patterns catch (javascript: and
// relative URLs, user info, 1990-13-01, ../etc/passwd, en US, UK and USA as country codes),
// unknown members, wrong types, out-of-range numbers and enum values in the wrong case.
package jsonschema
