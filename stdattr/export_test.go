package stdattr

import (
	"iter"

	"github.com/profilekit/profilekit/imageurl"

	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/internal/iso3166"
	"github.com/profilekit/profilekit/internal/tzdb"
	"github.com/profilekit/profilekit/validation"
)

// Test-only handles on the single-format checks behind Normalizer.Normalize (they were
// exported before issue 11), so the tests of each format keep calling it directly with the
// (string, error) signature they were written against. TestNormalizerAgreesWithChecks ties
// them to the public entry point.

func result(s string, c *validation.Cause) (string, error) {
	if c != nil {
		return "", c
	}
	return s, nil
}

func NormalizeBirthdate(s string) (string, error)   { return result(normalizeBirthdate(s)) }
func NormalizeCountryCode(s string) (string, error) { return result(normalizeCountryCode(s)) }
func NormalizeEmail(s string) (string, error)       { return result(format.Email(s)) }
func NormalizeLocale(s string) (string, error)      { return result(normalizeLocale(s)) }
func NormalizeURL(s string) (string, error)         { return result(format.URL(s)) }
func NormalizeZoneinfo(s string) (string, error)    { return result(normalizeZoneinfo(s)) }
func NormalizePhone(s string) (string, error)       { return PhoneParser{}.Normalize(s) }
func NormalizePicture(s string) (string, error)     { return NormalizePictureWith(imageurl.Parser{}, s) }

// PhoneParser is the phone settings of a Normalizer (PhoneRegion, PhonePossible), as the
// phone tests were written against.
type PhoneParser struct {
	DefaultRegion string
	Possible      bool
}

func (p PhoneParser) Normalize(s string) (string, error) {
	return result(normalizePhone(p.DefaultRegion, p.Possible, s))
}
func NormalizePictureWith(p imageurl.Parser, s string) (string, error) {
	return result(normalizePicture(p, s))
}

type TextOptions = format.TextOptions

func NormalizeText(s string, o TextOptions) (string, error) { return result(format.Text(s, o)) }

const (
	CountryDataVersion  = iso3166.Version
	TimeZoneDataVersion = tzdb.Version
	NumWritable         = claim.NumWritable
	DefaultMaxLength    = format.DefaultMaxLength
)

func (a Attr) Valid() bool    { return a.valid() }
func (a Attr) Format() string { return claim.Formats[a.index()] }

// All yields every claim, Writable the writable ones, in table order.
func All() iter.Seq[Attr]      { return attrs(AttrName, AttrUpdatedAt) }
func Writable() iter.Seq[Attr] { return attrs(AttrName, AttrAddress) }

func attrs(first, last Attr) iter.Seq[Attr] {
	return func(yield func(Attr) bool) {
		for a := first; a <= last; a++ {
			if !yield(a) {
				return
			}
		}
	}
}
