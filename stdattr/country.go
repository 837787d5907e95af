package stdattr

import (
	"strings"

	"github.com/profilekit/profilekit/internal/iso3166"
	"github.com/profilekit/profilekit/validation"
)

// normalizeCountryCode checks a country code (address.country when the schema asks for codes):
// after trimming surrounding white space it must be one of the 249 officially assigned
// ISO 3166-1 alpha-2 codes, in any case, and it is returned in upper case (" us" gives "US").
// Rejected with a cause of kind format (Details.Format "iso3166-1-alpha-2"): three letters
// (USA; Details.Suggest then holds US), digits, withdrawn, reserved and user-assigned codes
// (UK, with GB suggested; SU, YU, AN, EU, XX, ZZ) and XK, which is not an ISO code. An empty
// value is a cause of kind minLength.
func normalizeCountryCode(s string) (string, *validation.Cause) {
	return iso3166.Normalize(strings.TrimSpace(s), false)
}
