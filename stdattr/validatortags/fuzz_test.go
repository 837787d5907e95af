package validatortags_test

import (
	"errors"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/stdattr/validatortags"
	"github.com/profilekit/profilekit/validation"
)

// oracles say, from the stdattr functions alone, whether a tag must accept s.
var oracles = map[string]func(s string) bool{
	validatortags.TagBirthdate: func(s string) bool { _, err := stdattr.ParseBirthdate(s); return err == nil },
	validatortags.TagZoneinfo:  same(normalizeZoneinfo),
	validatortags.TagLocale:    same(normalizeLocale),
	validatortags.TagPhone:     same(normalizePhone),
	validatortags.TagEmail:     same(normalizeEmail),
	validatortags.TagURL:       same(normalizeURL),
	validatortags.TagCountry:   same(normalizeCountryCode),
}

// same accepts s when normalize accepts it and leaves it unchanged.
func same(normalize func(string) (string, error)) func(string) bool {
	return func(s string) bool {
		n, err := normalize(s)
		return err == nil && n == s
	}
}

func FuzzTags(f *testing.F) {
	for _, s := range []string{
		"", " ", "1990-01-01", " 1990-01-01", "0000-02-29", "1900-02-29", "1990", "0000",
		"Europe/Paris", "localtime", "europe/paris", "posix/UTC", "US/Pacific",
		"en-US", "en-us", "en_US", "iw", "und", "x-foo", "en-ZZ", "zh-Hant-TW", "en-US-u-ca-gregory",
		"+14155552671", "14155552671", "+1 415 555 2671", "+85212345678", "+14155552671;ext=1", "tel:+14155552671",
		"alice@example.com", "alice@Example.COM", "a@b", `"a b"@c.com`, "用户@例子.广告", "e\u0301@example.com",
		"https://example.com/", "javascript:alert(1)", "HTTP://EXAMPLE.COM", "http://a/../b",
		"US", "us", "UK", "USA", "XK", "\x00", "\xff\xfe", "ＵＳ",
	} {
		f.Add(s)
	}
	v := validator.New()
	require.NoError(f, validatortags.Register(v))
	f.Fuzz(func(t *testing.T, s string) {
		for _, tag := range validatortags.Tags() {
			var err error
			require.NotPanics(t, func() { err = v.Var(s, tag) }, "%s on %q", tag, s)
			accepted := err == nil
			require.Equal(t, oracles[tag](s), accepted, "%s on %q disagrees with stdattr", tag, s)

			// A *string field behaves like the string.
			require.Equal(t, accepted, v.Var(&s, tag) == nil, "%s on *string %q", tag, s)

			cerr := validatortags.Check(tag, s)
			if accepted {
				require.NoError(t, cerr, "%s on %q: Check disagrees with the tag", tag, s)
				continue
			}
			var c *validation.Cause
			require.True(t, errors.As(cerr, &c), "%s on %q: Check gave %v", tag, s, cerr)
			require.Empty(t, c.Location)

			// Cause(fe) recomputes the same cause.
			var ve validator.ValidationErrors
			require.ErrorAs(t, err, &ve)
			fc := validatortags.Cause(ve[0])
			require.NotNil(t, fc)
			require.Equal(t, c.Kind, fc.Kind)
			require.Equal(t, c.Details.Message, fc.Details.Message)

			// A valid value that is not in normalized form: the suggestion is the normalized
			// form, and it passes the tag.
			if sug, ok := c.Details.Suggest.(string); ok && c.Details.Actual == s && oraclesNormalize(tag, s) == sug {
				assert.NoError(t, validatortags.Check(tag, sug), "%s: suggestion %q for %q fails", tag, sug, s)
				assert.NoError(t, v.Var(sug, tag))
			}
		}
	})
}

// oraclesNormalize is stdattr's normalized form of s for tag, or "" when s is rejected.
func oraclesNormalize(tag, s string) string {
	var n string
	var err error
	switch tag {
	case validatortags.TagBirthdate:
		n, err = normalizeBirthdate(s)
	case validatortags.TagZoneinfo:
		n, err = normalizeZoneinfo(s)
	case validatortags.TagLocale:
		n, err = normalizeLocale(s)
	case validatortags.TagPhone:
		n, err = normalizePhone(s)
	case validatortags.TagEmail:
		n, err = normalizeEmail(s)
	case validatortags.TagURL:
		n, err = normalizeURL(s)
	case validatortags.TagCountry:
		n, err = normalizeCountryCode(s)
	}
	if err != nil {
		return ""
	}
	return n
}
