// Package iso3166 holds the generated list of ISO 3166-1 alpha-2 country codes.
package iso3166

import "github.com/profilekit/profilekit/validation"

// Normalize upper-cases code and checks it is an officially assigned ISO 3166-1 alpha-2 code
// (XK only when allowXK). SKELETON: replaced by the generated-data work.
func Normalize(code string, allowXK bool) (string, *validation.Cause) {
	if len(code) != 2 {
		return "", &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: "iso3166-1-alpha-2", Message: "not an ISO 3166-1 alpha-2 code", Actual: code}}
	}
	return code, nil
}
