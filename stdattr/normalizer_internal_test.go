package stdattr

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/profilekit/profilekit/validation"
)

// Normalizer.Normalize is the single-format check of the claim's format, with the cause
// located at the claim: the tests of each format (through the handles in export_test.go) are
// tests of Normalize.
func TestNormalizerAgreesWithChecks(t *testing.T) {
	checks := map[Attr]func(string) (string, error){
		AttrGivenName:   func(s string) (string, error) { return NormalizeText(s, TextOptions{}) },
		AttrEmail:       NormalizeEmail,
		AttrPhoneNumber: NormalizePhone,
		AttrWebsite:     NormalizeURL,
		AttrProfile:     NormalizeURL,
		AttrPicture:     NormalizePicture,
		AttrBirthdate:   NormalizeBirthdate,
		AttrZoneinfo:    NormalizeZoneinfo,
		AttrLocale:      NormalizeLocale,
	}
	inputs := []string{"", " ", "Ann", " Zoe\u0308 ", "a\nb", "ann@Example.COM", "ann@localhost", "+852 9876 5432",
		"+85212345678", "https://Example.com/a", "javascript:alert(1)", "authgearimages:///app/obj", "1990-02-30",
		" 1990-01-01 ", "US/Pacific", "america/new_york", "en-us", "und", "\u202e", "\xff"}
	var n Normalizer
	for a, check := range checks {
		for _, in := range inputs {
			want, wantErr := check(in)
			got, err := n.Normalize(a, in)
			assert.Equal(t, want, got, "%s %q", a, in)
			if wantErr == nil {
				assert.NoError(t, err, "%s %q", a, in)
				continue
			}
			var c *validation.Cause
			if assert.True(t, errors.As(err, &c), "%s %q: %v", a, in, err) {
				assert.Equal(t, "/"+a.String(), c.Location)
				assert.Equal(t, "/"+a.String()+": "+wantErr.Error(), c.Error(), "%s %q", a, in)
			}
		}
	}
	for _, in := range []string{" us", "UK", "USA", "", "XK"} {
		want, wantErr := NormalizeCountryCode(in)
		got, err := (&Normalizer{AddressCountryCode: true}).NormalizeAddressField("country", in)
		assert.Equal(t, want, got, in)
		assert.Equal(t, wantErr == nil, err == nil, in)
	}
}
