package iso3166

import (
	"math/bits"
	"slices"

	"github.com/profilekit/profilekit/validation"
)

// Format is the name of the format in a cause's Details.Format.
const Format = "iso3166-1-alpha-2"

// Kosovo is XK, the user-assigned code in common use for Kosovo; accepted only on request.
const Kosovo = "XK"

// IsAlpha2 reports whether code is exactly (upper case, two letters) an officially assigned
// ISO 3166-1 alpha-2 code. XK is not one.
func IsAlpha2(code string) bool {
	if len(code) != 2 {
		return false
	}
	_, ok := index(code[0], code[1])
	return ok
}

// Codes returns the officially assigned alpha-2 codes, sorted. The slice is freshly allocated.
func Codes() []string { return slices.Clone(codes[:]) }

// Normalize checks that code is an officially assigned ISO 3166-1 alpha-2 code (or XK when
// allowXK), upper-casing ASCII lower-case letters ("us" gives "US"), and returns the code in
// upper case. It trims nothing: the caller trims surrounding white space first.
//
// Refused, with a cause of kind format (Details.Format "iso3166-1-alpha-2", Details.Actual the
// input, Details.Message the reason): anything that is not two ASCII letters (three-letter
// alpha-3 codes, numeric codes), and codes that are not officially assigned: withdrawn ones
// (SU, YU, AN), reserved ones (UK, EU) and user-assigned ones (AA, QM–QZ, XA–XZ, ZZ). When a
// replacement is known (the alpha-2 code of an alpha-3 code, GB for UK), it is in
// Details.Suggest. An empty code is a cause of kind minLength. Valid input in upper case does
// not allocate.
func Normalize(code string, allowXK bool) (string, *validation.Cause) {
	if code == "" {
		return "", (&validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}).Explain()
	}
	if len(code) != 2 {
		if len(code) == 3 && letter(code[0]) && letter(code[1]) && letter(code[2]) {
			c := fail(code, "a three-letter (alpha-3) code is not accepted; use the two-letter alpha-2 code")
			if s, ok := fromAlpha3(code); ok {
				c.Details.Suggest = s
			}
			return "", c
		}
		return "", fail(code, "a country code is exactly two letters A–Z (ISO 3166-1 alpha-2)")
	}
	a, b := upper(code[0]), upper(code[1])
	if !letter(a) || !letter(b) {
		return "", fail(code, "a country code is exactly two letters A–Z (ISO 3166-1 alpha-2)")
	}
	if i, ok := index(a, b); ok {
		if code[0] == a && code[1] == b {
			return code, nil
		}
		return codes[i], nil
	}
	if a == 'X' && b == 'K' {
		if allowXK {
			return Kosovo, nil
		}
		return "", fail(code, "XK (Kosovo) is a user-assigned code, not an ISO 3166-1 code, and is not enabled here")
	}
	if a == 'U' && b == 'K' {
		c := fail(code, "UK is reserved, not assigned; the ISO 3166-1 code of the United Kingdom is GB")
		c.Details.Suggest = "GB"
		return "", c
	}
	if userAssigned(a, b) {
		return "", fail(code, string([]byte{a, b})+" is a user-assigned code, not an ISO 3166-1 country code")
	}
	return "", fail(code, string([]byte{a, b})+" is not an officially assigned ISO 3166-1 alpha-2 code (it may be withdrawn or reserved)")
}

func fail(code, msg string) *validation.Cause {
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: Format, Message: msg, Actual: code}}
}

// index returns the position in codes of the upper-case code ab, and whether it is assigned.
func index(a, b byte) (int, bool) {
	if a < 'A' || a > 'Z' || b < 'A' || b > 'Z' {
		return 0, false
	}
	row := assigned[a-'A']
	bit := uint32(1) << (b - 'A')
	if row&bit == 0 {
		return 0, false
	}
	n := bits.OnesCount32(row & (bit - 1))
	for _, r := range assigned[:a-'A'] {
		n += bits.OnesCount32(r)
	}
	return n, true
}

// userAssigned reports whether ab is in the ranges ISO 3166 leaves to users: AA, QM–QZ, XA–XZ, ZZ.
func userAssigned(a, b byte) bool {
	return (a == 'A' && b == 'A') || (a == 'Q' && b >= 'M') || a == 'X' || (a == 'Z' && b == 'Z')
}

func fromAlpha3(code string) (string, bool) {
	var up [3]byte
	for i := range up {
		up[i] = upper(code[i])
	}
	i, ok := slices.BinarySearch(alpha3[:], string(up[:]))
	if !ok {
		return "", false
	}
	return alpha3To2[i], true
}

func letter(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' }

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
