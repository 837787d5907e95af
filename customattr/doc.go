// Package customattr defines typed custom profile attributes, checks their values, and says
// how their definitions may change over time.
//
// A [Definition] has the shape of an entry of user_profile.custom_attributes.attributes in
// authgear.yaml ({"id": "0001", "pointer": "/x_age", "type": "integer", "minimum": 0}), plus
// min_length, max_length and pattern for strings. [Compile] checks a whole list at once (names,
// reserved names, duplicates, bounds, options, constraints that do not apply to the type) and
// returns an immutable [Schema], safe for concurrent use, whose order is the display order:
//
//	s, err := customattr.Compile(defs, customattr.Options{}) // err is a *validation.Error located into defs
//	age, ok := s.Lookup("x_age")                             // ok is false for an undefined name
//	v, err := age.Check(customattr.IntValue(42))
//	v, err = age.ParseForm(" +42 ") // an HTML form field, parsed by type
//
// Types: string, number, integer, enum (a dropdown), phone_number, email, url, country_code,
// boolean and date. A [Value] is a string, an exact JSON number literal or a boolean
// ([BoolValue], [Value.Bool]); values are never coerced between JSON types ("5" is not an
// integer, 3.0 is, NaN and Inf never are; the string "true" is not a boolean). Phone numbers,
// e-mail addresses and URLs use the same checks as the standard attributes (internal/phone,
// internal/format); country codes are ISO 3166-1 alpha-2, upper-cased ("us" becomes "US"). A
// date is a string: a full calendar date YYYY-MM-DD, trimmed, with a year from 0001 to 9999
// and a real day (2020-02-29 is one, 1900-02-29 is not), checked by the same code as the full
// form of the standard birthdate; its optional minimum and maximum are dates too, inclusive
// (a [Bound] holds a number literal or a date; in the config a date bound is a JSON string). A
// boolean takes no constraint (a minimum, enum, pattern or length on it is a located "unknown"
// config error). In an HTML form ([Attribute.ParseForm]) a boolean is a checkbox: "on" and
// "true" are true, "off" and "false" are false.
//
// A definition with "multiple": true is multi-valued: its value is a [ListValue], a JSON array
// of one to max_items (at most 1000) values of the type, each checked and normalized as a
// single value; min_items, max_items and unique_items (elements equal after normalization)
// apply only to it. A cause about one element is located at it ("/2", under the attribute's
// pointer); in a form the list is one element a line. Whether an attribute is multi-valued
// never changes ([CheckEvolution]). A failed check is an error holding a
// *validation.Cause (errors.As) with an empty location; the caller attaches the pointer.
//
// Storage keys values by the immutable definition id, the document by name
// ([Schema.LookupID] and [Schema.Lookup] find an attribute by either); profile.Schema's
// ToStorage and FromStorage convert, keeping stored ids without a definition as orphans. An id
// is never deleted, retyped or reused;
// [CheckEvolution] reports such edits between an old and a new list, and warns about allowed
// edits (tighter bounds, removed options) that may invalidate stored values.
//
// What one list may cost to compile is capped, each cap a cause located at the member that
// breaks it, with Details.Expected the cap: at most [maxAttributes] (4096) definitions;
// [maxEnumOptions] (1000) options per enum and [maxEnumOptionsTotal] (16384) in the whole
// list; patterns of at most [maxPatternLength] (1024) bytes and [maxPatternBytes] (64 KiB) in
// the list; a program size of at most [maxPatternSize] (1000) instructions per pattern
// (counted repetitions expand: the 11-byte [a-z]{1000} is 1002) and [maxPatternSizeTotal]
// (65536) in the list; at most [maxPatternFolds] (262144) code points case-folded one at a
// time by the regexp parser (ranges of a class under (?i)) and [maxPatternTables] (256)
// Unicode classes (\pL, \p{Greek}) in the list. A violation is kind "maxLength" for one
// member and kind "limit" for a list-wide total. Each cap is checked before the work it
// bounds, so an oversized list is rejected cheaply; with every cap reached, compiling
// allocates about 20 MiB. The caps bound the per-byte cost of matching a pattern, not the
// cost of matching it against a long value: Go's regexp runs one thread per live instruction,
// so a pattern near maxPatternSize on a value of max_length 1<<20 can take seconds.
//
// Each attribute and enum option has a default display label made from its name
// ([Attribute.Label]: "my_string" is "My String", "a_to_b" is "A to B"). The package does no
// I/O and holds no mutable global state.
package customattr
