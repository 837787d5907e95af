package stdattr

import (
	"strings"

	"github.com/profilekit/profilekit/internal/iso3166"
)

// CountryDataVersion is the release of the iso-codes data whose ISO 3166-1 alpha-2 codes
// NormalizeCountryCode accepts.
const CountryDataVersion = iso3166.Version

// NormalizeCountryCode checks a country code (address.country when the schema asks for codes):
// after trimming surrounding white space it must be one of the 249 officially assigned
// ISO 3166-1 alpha-2 codes, in any case, and it is returned in upper case (" us" gives "US").
// Rejected with a *validation.Cause of kind format (Details.Format "iso3166-1-alpha-2"): three
// letters (USA; Details.Suggest then holds US), digits, withdrawn, reserved and user-assigned
// codes (UK, with GB suggested; SU, YU, AN, EU, XX, ZZ) and XK, which is not an ISO code. An
// empty value is a cause of kind minLength.
func NormalizeCountryCode(s string) (string, error) {
	code, c := iso3166.Normalize(strings.TrimSpace(s), false)
	if c != nil {
		return "", c
	}
	return code, nil
}
