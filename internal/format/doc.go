// Package format holds the value checks that stdattr and customattr share: free text, email
// addresses (addr-spec), http(s) URLs and calendar dates (the full form of the standard
// birthdate, and custom date attributes). Each check takes the raw string and returns either
// the normalized value or a *validation.Cause with an empty location (the caller attaches the
// JSON pointer). The checks are pure functions over strings: no I/O, no DNS, no global state.
//
// Every check starts with the text rules of [Text]: invalid UTF-8 and control characters are
// rejected, surrounding white space is trimmed, the value is put in Unicode NFC. [Email] and
// [URL] then apply their own grammar and lower-case the parts that are case-insensitive (the
// email domain, the URL scheme and host); everything else is kept exactly as typed.
//
// The checks are written for the common case: a valid ASCII value already in normal form is
// returned as it came, without allocating.
package format
