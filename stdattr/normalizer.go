package stdattr

import (
	"errors"
	"fmt"

	"github.com/profilekit/profilekit/imageurl"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/validation"
)

// Normalizer checks and normalizes standard claim values. Its zero value applies the defaults:
// text of at most 1024 runes, phone numbers with a leading "+" that are valid,
// any well-formed locale, image references of the authgearimages scheme, free-text address
// countries. A Normalizer is a plain value, safe for concurrent use once set up.
//
// The same code path serves two regimes. Strict (Normalize, NormalizeAddressField): input from
// people and admin APIs, where a value that cannot be normalized is a cause in the returned
// error. Lenient (Ingest): claims from an external identity provider, where an invalid value is
// dropped and listed in a report, and the ingest as a whole never fails.
type Normalizer struct {
	// MaxLength is the maximum length in runes of text claims (names, gender, address
	// sub-fields); 0 means 1024.
	MaxLength int
	// PhoneRegion is the ISO 3166-1 alpha-2 region (case-insensitive) in which phone numbers
	// written without "+" are read: national format ("(415) 555-2671" in US) or that region's
	// international prefix ("00 852 …" in GB, "011 852 …" in US). Empty: "+" is required. A
	// region that phone number metadata does not know refuses every number written without "+".
	PhoneRegion string
	// PhonePossible accepts every possible phone number (a length that the numbering plan of
	// the calling code allows) instead of only valid ones (inside an assigned number range).
	PhonePossible bool
	// Languages, when not empty, is the list of supported languages that locale must match.
	Languages Languages
	// Picture parses the image references that a picture may be instead of an http(s) URL;
	// the zero value accepts imageurl.DefaultScheme ("authgearimages").
	Picture imageurl.Parser
	// AddressCountryCode requires address.country to be an ISO 3166-1 alpha-2 code (normalized
	// to upper case). OIDC defines it as free text, which is the default.
	AddressCountryCode bool
}

// Normalize checks value as claim a and returns it in normalized form: trimmed and NFC for
// every claim, then per format (E.164 phone numbers, canonical BCP 47 locales, lower-case email
// domains, ...; the rules of each format are in the package documentation). It is the one
// entry point for a single claim value: a zero Normalizer applies the defaults, so
//
//	var n stdattr.Normalizer
//	s, err := n.Normalize(stdattr.AttrEmail, " ann@Example.COM ") // "ann@example.com"
//
// The error is a *validation.Cause located at the claim's pointer ("/email"); its Kind,
// Details.Format and Details.Message say what is wrong. Address and derived claims cannot be
// normalized from one string: use NormalizeAddressField for address sub-fields (and, with
// AddressCountryCode, ISO 3166-1 country codes); derived claims are never input (kind type).
func (n *Normalizer) Normalize(a Attr, value string) (string, error) {
	s, c := n.normalize(a, value)
	if c != nil {
		return "", c.Under(a.pointer())
	}
	return s, nil
}

// normalize is Normalize without the location and with the typed cause, for the pipeline.
func (n *Normalizer) normalize(a Attr, value string) (string, *validation.Cause) {
	switch claim.Formats[a.index()] {
	case claim.FormatText:
		return format.Text(value, format.TextOptions{MaxLength: n.MaxLength})
	case claim.FormatEmail:
		return format.Email(value)
	case claim.FormatPhone:
		return normalizePhone(n.PhoneRegion, n.PhonePossible, value)
	case claim.FormatURI:
		return format.URL(value)
	case claim.FormatPicture:
		return normalizePicture(n.Picture, value)
	case claim.FormatBirthdate:
		return normalizeBirthdate(value)
	case claim.FormatTimezone:
		return normalizeZoneinfo(value)
	case claim.FormatLocale:
		s, c := normalizeLocale(value)
		if c == nil {
			if err := n.Languages.Check(s); err != nil {
				return "", asCause(err)
			}
		}
		return s, c
	default:
		return "", &validation.Cause{Kind: validation.KindType, Details: validation.Details{
			Expected: a.Type(), Actual: "string",
			Message: fmt.Sprintf("%s is not a string claim", a),
		}}
	}
}

// NormalizeAddressField checks one address sub-field (formatted, street_address, locality,
// region, postal_code, country) with the normalizer's length limit and country option. The
// error is a *validation.Cause located at /address/<field>.
func (n *Normalizer) NormalizeAddressField(field, value string) (string, error) {
	s, c := n.normalizeAddressField(field, value)
	if c != nil {
		return "", c.Under("/address/" + jsonptr.Escape(field))
	}
	return s, nil
}

func (n *Normalizer) normalizeAddressField(field, value string) (string, *validation.Cause) {
	s, c := normalizeAddressField(field, value, n.MaxLength)
	if c == nil && field == "country" && n.AddressCountryCode {
		s, c = normalizeCountryCode(s)
	}
	if c != nil {
		return "", c
	}
	return s, nil
}

// NormalizeClaims checks and normalizes every claim in c (strict regime) and returns the
// normalized copy, or a *validation.Error listing every broken claim.
func (n *Normalizer) NormalizeClaims(c *Claims) (Claims, error) {
	out := c.Clone()
	var verr validation.Error
	for a := AttrName; a <= AttrAddress; a++ {
		if a == AttrAddress {
			continue
		}
		f := out.Field(a)
		if *f == "" {
			continue
		}
		s, cause := n.normalize(a, *f)
		if cause != nil {
			verr.Add(cause.Under(a.pointer()))
			continue
		}
		*f = s
	}
	if out.Address != nil {
		for _, field := range AddressFields() {
			p := out.Address.Field(field)
			if *p == "" {
				continue
			}
			s, cause := n.normalizeAddressField(field, *p)
			if cause != nil {
				verr.Add(cause.Under("/address/" + field))
				continue
			}
			*p = s
		}
		if out.Address.IsZero() {
			out.Address = nil
		}
	}
	if err := verr.Err(); err != nil {
		return Claims{}, err
	}
	return out, nil
}

// asCause turns an error from one of the package's checks into a *validation.Cause (they all
// return one); any other error is wrapped as a format cause so nothing is lost.
func asCause(err error) *validation.Cause {
	if c, ok := err.(*validation.Cause); ok { // what errors.As finds first, without its allocation
		return c
	}
	var c *validation.Cause
	if errors.As(err, &c) {
		return c // every check makes a fresh cause (none is shared), so it may be relocated
	}
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Message: err.Error()}}
}
