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
// under a microsecond without allocating. Anything the automata cannot decide, and every other
// input shape, goes through libphonenumber's parser, so correctness never depends on the fast
// path; a differential test over every region's example numbers and their near misses checks
// that both agree.
package phone
