// Package phone normalizes phone numbers to E.164 with libphonenumber's metadata, with a fast
// path for input that is already in E.164 form.
package phone

import "github.com/profilekit/profilekit/validation"

// Options tune Normalize. The zero value requires a leading "+" and a valid number.
type Options struct {
	DefaultRegion string // ISO 3166-1 alpha-2 region for numbers written without "+"; "" requires "+"
	Possible      bool   // accept possible numbers (length check only) instead of valid ones
}

// Normalize returns the number in E.164 form (with ";ext=N" when an extension was given).
// SKELETON: replaced by the phone work.
func Normalize(s string, o Options) (string, *validation.Cause) {
	if s == "" || s[0] != '+' {
		return "", &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: "phone", Message: "not in E.164 format", Actual: s}}
	}
	return s, nil
}
