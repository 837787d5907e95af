// Package phone normalizes phone numbers to E.164 ("+85298765432", with ";ext=123" when an
// extension was given) using the metadata of github.com/nyaruka/phonenumbers (a port of
// Google's libphonenumber).
//
// Normalize is the single entry point. Options choose a default region for numbers written
// without "+" and whether a possible number (right length) is enough or the number must be
// valid (a known number range of its region). Failures are *validation.Cause values of kind
// format with Format "phone" and a message that says what is wrong.
//
// Numbers already in E.164 form, by far the most common input, take a fast path: on first use
// of a country calling code the library's number patterns for its regions are compiled into
// digit automata (fast.go, dfa.go), which then answer IsValidNumber/IsPossibleNumberWithReason in well
// under a microsecond without allocating. National input in the default region ("(415)
// 555-2671" in US, "020 7946 0958" in GB), written with ASCII digits and the usual separators,
// takes one too: its E.164 form is worked out as libphonenumber's parser would (international
// and national prefixes matched by a leftmost-first matcher, prefix.go; national.go), then
// decided like E.164 input, in well under a microsecond and one allocation (the result).
// Anything the tables cannot decide, and every other input shape, goes through
// libphonenumber's parser, so correctness never depends on the fast paths; differential tests
// over every region's example numbers (in E.164 and in national format) and their near misses
// check that both agree.
package phone
