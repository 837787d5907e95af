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

func TestNormalizeLocale(t *testing.T) {
	valid := []struct{ in, want string }{
		{"en", "en"},
		{"en-US", "en-US"},
		{"en-us", "en-US"},
		{"EN-us", "en-US"},
		{"en_US", "en-US"},
		{" en-US\n", "en-US"},
		{"zh_hant_tw", "zh-Hant-TW"},
		{"zh_TW", "zh-TW"},
		{"zh-Hans-CN", "zh-Hans-CN"},
		{"iw", "he"},
		{"in", "id"},
		{"en-UK", "en-GB"}, // deprecated region alias, canonicalized by x/text
		{"en-840", "en-US"},
		{"es-419", "es-419"},
		{"en-001", "en-001"},
		{"fr-150", "fr-150"},
		{"sr-Latn-RS", "sr-Latn-RS"},
		{"de-DE-1996", "de-DE-1996"},
		{"de-CH-1901", "de-CH-1901"},
		{"yue-Hant-HK", "yue-Hant-HK"},
		{"i-klingon", "tlh"},
		{"fil", "fil"},
		{"en-US-u-ca-gregory", "en-US-u-ca-gregory"},
		{"en-us-u-CA-Gregory", "en-US-u-ca-gregory"},
		{"ar-EG-u-nu-latn", "ar-EG-u-nu-latn"},
		{"es-419-u-ca-gregory", "es-419-u-ca-gregory"},
		{"en-US-t-de", "en-US-t-de"},
	}
	for _, tt := range valid {
		t.Run("valid/"+tt.in, func(t *testing.T) {
			got, err := stdattr.NormalizeLocale(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}

	invalid := []struct {
		in      string
		kind    validation.Kind
		message string
	}{
		{"", validation.KindMinLength, ""},
		{" \t", validation.KindMinLength, ""},
		{strings.Repeat("a", 300), validation.KindMaxLength, ""},
		{"xx", validation.KindFormat, "unknown subtag"},
		{"zz-ZZ", validation.KindFormat, "unknown subtag"},
		{"en-US-abcde", validation.KindFormat, "unknown subtag"},
		{"en--US", validation.KindFormat, "not a well-formed"},
		{"foobar", validation.KindFormat, "not a well-formed"},
		{"en_US.UTF-8", validation.KindFormat, "not a well-formed"},
		{"C", validation.KindFormat, "not a well-formed"},
		{"en-", validation.KindFormat, "not a well-formed"},
		{"-en", validation.KindFormat, "not a well-formed"},
		{"en US", validation.KindFormat, "not a well-formed"},
		{"en-US-u", validation.KindFormat, "not a well-formed"},
		{"ën", validation.KindFormat, "not a well-formed"},
		{"und", validation.KindFormat, "does not name a language"},
		{"root", validation.KindFormat, "does not name a language"},
		{"und-US", validation.KindFormat, "does not name a language"},
		{"und-Latn", validation.KindFormat, "does not name a language"},
		{"x-foo", validation.KindFormat, "private-use tag"},
		{"en-x-foo", validation.KindFormat, "private-use part"},
		{"en-US-x-twain", validation.KindFormat, "private-use part"},
		{"qaa", validation.KindFormat, "reserved for private use"},
		{"qtz-US", validation.KindFormat, "reserved for private use"},
		{"en-Qaaa", validation.KindFormat, "reserved for private use"},
		{"en-XX", validation.KindFormat, "region"},
		{"en-ZZ", validation.KindFormat, "region"},
		{"en-AA", validation.KindFormat, "region"},
		{"en-QM", validation.KindFormat, "region"},
		{"en-SU", validation.KindFormat, "region"},
		{"sr-YU", validation.KindFormat, "region"},
		{"en-EU", validation.KindFormat, "region"},
		{"en-UN", validation.KindFormat, "region"},
		{"en-QO", validation.KindFormat, "region"},
		{"sq-XK", validation.KindFormat, "region"},
		{"en-999", validation.KindFormat, "region"},
		{"en-830", validation.KindFormat, `"en-830" has an unknown subtag`},
		{"en-a-bbb", validation.KindFormat, "unregistered extension"},
		{"en-u-ca-gregory-ca-buddhist", validation.KindFormat, ""},
	}
	for _, tt := range invalid {
		t.Run(fmt.Sprintf("invalid/%.20q", tt.in), func(t *testing.T) {
			got, err := stdattr.NormalizeLocale(tt.in)
			assert.Empty(t, got)
			var c *validation.Cause
			require.True(t, errors.As(err, &c), "error %v is not a *validation.Cause", err)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			switch tt.kind {
			case validation.KindFormat:
				assert.Equal(t, "bcp47", c.Details.Format)
				assert.Equal(t, strings.TrimSpace(tt.in), c.Details.Actual)
				assert.Contains(t, c.Details.Message, tt.message)
			case validation.KindMinLength:
				assert.Equal(t, 1, c.Details.Expected)
			case validation.KindMaxLength:
				assert.Equal(t, 255, c.Details.Expected)
				assert.Equal(t, len(tt.in), c.Details.Actual)
			}
		})
	}
}

func TestNewLanguages(t *testing.T) {
	l, err := stdattr.NewLanguages("en", "zh_hant", "pt-br", "iw")
	require.NoError(t, err)
	// The list is kept in canonical form: iw is he, zh_hant is zh-Hant, pt-br is pt-BR.
	for _, tag := range []string{"en", "en-GB", "zh-Hant", "zh-Hant-TW", "pt-BR", "he"} {
		assert.NoError(t, l.Check(tag), tag)
	}
	for _, tag := range []string{"fr", "pt-PT", "zh-Hans"} {
		assert.Error(t, l.Check(tag), tag)
	}

	empty, err := stdattr.NewLanguages()
	require.NoError(t, err)
	assert.NoError(t, empty.Check("fr"), "no list accepts every locale")

	_, err = stdattr.NewLanguages("en", "xx", "en-US", "en-us", "en-US-u-ca-gregory", "")
	var verr *validation.Error
	require.True(t, errors.As(err, &verr), "%v", err)
	require.Len(t, verr.Causes, 4)
	assert.Equal(t, "/1", verr.Causes[0].Location)
	assert.Equal(t, validation.KindFormat, verr.Causes[0].Kind)
	assert.Equal(t, "/3", verr.Causes[1].Location)
	assert.Equal(t, validation.KindDuplicated, verr.Causes[1].Kind)
	assert.Equal(t, "en-US", verr.Causes[1].Details.Actual)
	assert.Equal(t, "/4", verr.Causes[2].Location)
	assert.Equal(t, validation.KindFormat, verr.Causes[2].Kind)
	assert.Contains(t, verr.Causes[2].Details.Message, "extension")
	assert.Equal(t, "/5", verr.Causes[3].Location)
	assert.Equal(t, validation.KindMinLength, verr.Causes[3].Kind)
}

func TestLanguagesCheck(t *testing.T) {
	l, err := stdattr.NewLanguages("en", "zh-Hant", "pt-BR", "es-419")
	require.NoError(t, err)
	supported := []string{
		"en", "en-US", "en-GB", "en-Latn-US", "en-US-u-ca-gregory", "en-u-nu-latn",
		"zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "pt-BR", "es-419", "EN-us",
	}
	for _, tag := range supported {
		assert.NoError(t, l.Check(tag), tag)
	}
	unsupported := []string{
		"fr", "eng", "enx", "e", "zh", "zh-TW", "zh-Hans", "zh-Hans-TW", "pt", "pt-PT", "es", "es-ES",
		"es-4190", "", "en_US",
	}
	for _, tag := range unsupported {
		err := l.Check(tag)
		var c *validation.Cause
		require.True(t, errors.As(err, &c), tag)
		assert.Equal(t, validation.KindEnum, c.Kind, tag)
		assert.Equal(t, []string{"en", "zh-Hant", "pt-BR", "es-419"}, c.Details.Expected, tag)
		assert.Equal(t, tag, c.Details.Actual)
		assert.Contains(t, c.Details.Message, "en, zh-Hant, pt-BR, es-419")
		assert.Empty(t, c.Location)
	}

	// en-US does not cover en.
	us, err := stdattr.NewLanguages("en-US")
	require.NoError(t, err)
	assert.Error(t, us.Check("en"))
	assert.NoError(t, us.Check("en-US-u-ca-gregory"))

	// The zero value accepts everything.
	var zero stdattr.Languages
	assert.NoError(t, zero.Check("fr"))
	assert.NoError(t, zero.Check(""))

	// The error's list is a copy.
	err = l.Check("fr")
	var c *validation.Cause
	require.True(t, errors.As(err, &c))
	c.Details.Expected.([]string)[0] = "fr"
	assert.NoError(t, l.Check("en"))
	assert.Error(t, l.Check("fr"))
}

func ExampleNormalizer_Normalize_locale() {
	var n stdattr.Normalizer
	for _, in := range []string{"en-us", "zh_hant_tw", "iw", "en-UK", "es-419", "en-XX", "und"} {
		out, err := n.Normalize(stdattr.AttrLocale, in)
		fmt.Printf("%-12s %-12q %v\n", in, out, err)
	}
	// Output:
	// en-us        "en-US"      <nil>
	// zh_hant_tw   "zh-Hant-TW" <nil>
	// iw           "he"         <nil>
	// en-UK        "en-GB"      <nil>
	// es-419       "es-419"     <nil>
	// en-XX        ""           /locale: format: the region "XX" is neither an ISO 3166-1 country nor a UN M.49 area
	// und          ""           /locale: format: "und" does not name a language ("und" means undetermined)
}

func ExampleLanguages() {
	supported, err := stdattr.NewLanguages("en", "zh-Hant")
	if err != nil {
		panic(err)
	}
	n := stdattr.Normalizer{Languages: supported}
	for _, in := range []string{"en-GB", "zh_Hant_TW", "fr-CA"} {
		tag, err := n.Normalize(stdattr.AttrLocale, in)
		fmt.Printf("%q %v\n", tag, err)
	}
	// Output:
	// "en-GB" <nil>
	// "zh-Hant-TW" <nil>
	// "" /locale: enum: "fr-CA" is not one of the supported languages: en, zh-Hant
}

func FuzzNormalizeLocale(f *testing.F) {
	for _, s := range []string{
		"en-us", "zh_hant_tw", "iw", "en-UK", "xx", "und", "x-foo", "qaa", "en--US", "foobar", "",
		"es-419", "en-XX", "en-ZZ", "en-US-u-ca-gregory", "en-a-bbb", "sgn-BE-FR", "i-klingon",
		"en-us-posix", "zh-min-nan", "en-GB-oed", "art-lojban", "en-t-en-u-ca-gregory", " de_DE ",
	} {
		f.Add(s)
	}
	supported, err := stdattr.NewLanguages("en", "zh-Hant", "es-419")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := stdattr.NormalizeLocale(s)
		if err != nil {
			var c *validation.Cause
			if !errors.As(err, &c) || got != "" {
				t.Fatalf("NormalizeLocale(%q) = %q, %v", s, got, err)
			}
			return
		}
		again, err := stdattr.NormalizeLocale(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, err)
		}
		_ = supported.Check(got) // must not panic
	})
}

func BenchmarkNormalizeLocale(b *testing.B) {
	for _, in := range []string{"en", "en-US", "en-us", "zh-Hant-TW", "es-419", "en-US-u-ca-gregory"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := stdattr.NormalizeLocale(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLanguagesCheck(b *testing.B) {
	l, err := stdattr.NewLanguages("de", "fr", "ja", "ko", "pt-BR", "zh-Hant", "en")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Check("en-US-u-ca-gregory"); err != nil {
			b.Fatal(err)
		}
	}
}
