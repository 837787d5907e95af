package stdattr_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

func TestNormalizeCountryCode(t *testing.T) {
	valid := []struct{ in, want string }{
		{"US", "US"},
		{"us", "US"},
		{" us ", "US"},
		{"\tGb\n", "GB"},
		{"DE", "DE"},
		{"ax", "AX"},
		{"SS", "SS"},
	}
	for _, tt := range valid {
		t.Run(fmt.Sprintf("valid/%q", tt.in), func(t *testing.T) {
			got, err := stdattr.NormalizeCountryCode(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	invalid := []struct {
		in      string
		kind    validation.Kind
		suggest any
	}{
		{"", validation.KindMinLength, nil},
		{"  ", validation.KindMinLength, nil},
		{"USA", validation.KindFormat, "US"},
		{"gbr", validation.KindFormat, "GB"},
		{"840", validation.KindFormat, nil},
		{"12", validation.KindFormat, nil},
		{"U", validation.KindFormat, nil},
		{"U S", validation.KindFormat, nil},
		{"UK", validation.KindFormat, "GB"},
		{"SU", validation.KindFormat, nil},
		{"YU", validation.KindFormat, nil},
		{"AN", validation.KindFormat, nil},
		{"XX", validation.KindFormat, nil},
		{"ZZ", validation.KindFormat, nil},
		{"EU", validation.KindFormat, nil},
		{"XK", validation.KindFormat, nil}, // not ISO; custom country_code attributes may opt in
		{"United States", validation.KindFormat, nil},
		{"ÜS", validation.KindFormat, nil},
	}
	for _, tt := range invalid {
		t.Run(fmt.Sprintf("invalid/%q", tt.in), func(t *testing.T) {
			got, err := stdattr.NormalizeCountryCode(tt.in)
			assert.Empty(t, got)
			var c *validation.Cause
			require.True(t, errors.As(err, &c))
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			assert.Equal(t, tt.suggest, c.Details.Suggest)
			if tt.kind == validation.KindFormat {
				assert.Equal(t, "iso3166-1-alpha-2", c.Details.Format)
				assert.Equal(t, strings.TrimSpace(tt.in), c.Details.Actual)
				assert.NotEmpty(t, c.Details.Message)
			}
		})
	}
}

func TestCountryDataVersion(t *testing.T) {
	assert.NotEmpty(t, stdattr.CountryDataVersion)
}

func ExampleNormalizer_NormalizeAddressField() {
	n := stdattr.Normalizer{AddressCountryCode: true} // address.country must be an ISO 3166-1 code
	fmt.Println(n.NormalizeAddressField("country", " us"))
	_, err := n.NormalizeAddressField("country", "UK")
	fmt.Println(err)
	// Output:
	// US <nil>
	// /address/country: format: UK is reserved, not assigned; the ISO 3166-1 code of the United Kingdom is GB
}

func FuzzNormalizeCountryCode(f *testing.F) {
	for _, s := range []string{"US", " us ", "UK", "USA", "", "XK", "1A", "\u00a0de\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := stdattr.NormalizeCountryCode(s)
		if err != nil {
			var c *validation.Cause
			if !errors.As(err, &c) || got != "" {
				t.Fatalf("NormalizeCountryCode(%q) = %q, %v", s, got, err)
			}
			return
		}
		if len(got) != 2 || got != strings.ToUpper(got) || !strings.EqualFold(got, strings.TrimSpace(s)) {
			t.Fatalf("NormalizeCountryCode(%q) = %q", s, got)
		}
		again, err := stdattr.NormalizeCountryCode(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, err)
		}
	})
}

func BenchmarkNormalizeCountryCode(b *testing.B) {
	for _, in := range []string{"US", " gb "} {
		b.Run(strings.TrimSpace(in), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := stdattr.NormalizeCountryCode(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
