package validatortags_test

import "github.com/profilekit/profilekit/stdattr"

// The stdattr checks behind the tags, through stdattr's one entry point (a zero Normalizer:
// valid phone numbers with a leading "+", every locale; address.country as an ISO code).
func claimCheck(a stdattr.Attr) func(string) (string, error) {
	return func(s string) (string, error) {
		var n stdattr.Normalizer
		return n.Normalize(a, s)
	}
}

var (
	normalizeBirthdate = claimCheck(stdattr.AttrBirthdate)
	normalizeZoneinfo  = claimCheck(stdattr.AttrZoneinfo)
	normalizeLocale    = claimCheck(stdattr.AttrLocale)
	normalizePhone     = claimCheck(stdattr.AttrPhoneNumber)
	normalizeEmail     = claimCheck(stdattr.AttrEmail)
	normalizeURL       = claimCheck(stdattr.AttrWebsite)
)

func normalizeCountryCode(s string) (string, error) {
	n := stdattr.Normalizer{AddressCountryCode: true}
	return n.NormalizeAddressField("country", s)
}
