// Package format holds the value checks that stdattr and customattr share: text, email and URL.
// Each check takes the raw string and returns the normalized value or a *validation.Cause with
// an empty location (the caller attaches the JSON pointer).
package format

import "github.com/profilekit/profilekit/validation"

// DefaultMaxLength is the maximum length in runes of a text value when none is configured.
const DefaultMaxLength = 1024

// TextOptions tune Text. The zero value allows one line of at most DefaultMaxLength runes.
type TextOptions struct {
	Multiline bool // newlines (\n, \r\n normalized to \n) allowed inside the value
	MaxLength int  // maximum length in runes after normalization; 0 means DefaultMaxLength
}

// Text normalizes a free-text value: Unicode NFC, surrounding white space trimmed, control
// characters rejected (newlines only when Multiline), non-empty, at most MaxLength runes.
// SKELETON: replaced by the stdattr strings work.
func Text(s string, o TextOptions) (string, *validation.Cause) {
	if s == "" {
		return "", &validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}
	}
	return s, nil
}

// Email normalizes an addr-spec. SKELETON.
func Email(s string) (string, *validation.Cause) { return Text(s, TextOptions{}) }

// URL normalizes an absolute http(s) URL. SKELETON.
func URL(s string) (string, *validation.Cause) { return Text(s, TextOptions{}) }
