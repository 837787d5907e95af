package validatortags_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/stdattr/validatortags"
	"github.com/profilekit/profilekit/validation"
)

func newValidate(t testing.TB, o validatortags.Options) *validator.Validate {
	t.Helper()
	v := validator.New(validator.WithRequiredStructEnabled())
	require.NoError(t, validatortags.RegisterWith(v, o))
	return v
}

// failedTag runs validator's Var and returns the tag that failed ("" when none did).
func failedTag(t testing.TB, v *validator.Validate, value any, tag string) string {
	t.Helper()
	err := v.Var(value, tag)
	if err == nil {
		return ""
	}
	var ve validator.ValidationErrors
	require.True(t, errors.As(err, &ve), "unexpected error %v", err)
	require.Len(t, ve, 1)
	return ve[0].Tag()
}

func TestTags(t *testing.T) {
	v := newValidate(t, validatortags.Options{})
	tests := []struct {
		tag, value string
		ok         bool
		kind       validation.Kind // when !ok
		suggest    any             // when !ok: Details.Suggest
	}{
		// birthdate: strict form only, real calendar days.
		{tag: "oidc_birthdate", value: "1990-01-01", ok: true},
		{tag: "oidc_birthdate", value: "0000-02-29", ok: true},
		{tag: "oidc_birthdate", value: "2020-02-29", ok: true},
		{tag: "oidc_birthdate", value: "1990", ok: true},
		{tag: "oidc_birthdate", value: "1900-02-29", kind: validation.KindFormat},
		{tag: "oidc_birthdate", value: "0000", kind: validation.KindFormat},
		{tag: "oidc_birthdate", value: "--02-29", kind: validation.KindFormat},
		{tag: "oidc_birthdate", value: "1990-1-1", kind: validation.KindFormat},
		{tag: "oidc_birthdate", value: "1990-01-01T00:00:00Z", kind: validation.KindFormat},
		{tag: "oidc_birthdate", value: " 1990-01-01", kind: validation.KindFormat, suggest: "1990-01-01"},
		{tag: "oidc_birthdate", value: "1990-01-01\n", kind: validation.KindFormat, suggest: "1990-01-01"},
		{tag: "oidc_birthdate", value: "", kind: validation.KindMinLength},
		{tag: "oidc_birthdate", value: "   ", kind: validation.KindMinLength},

		// zoneinfo: membership in the compiled tz list, case-sensitive; links are names too.
		{tag: "oidc_zoneinfo", value: "Europe/Paris", ok: true},
		{tag: "oidc_zoneinfo", value: "US/Pacific", ok: true},
		{tag: "oidc_zoneinfo", value: "UTC", ok: true},
		{tag: "oidc_zoneinfo", value: "EST5EDT", ok: true},
		{tag: "oidc_zoneinfo", value: "localtime", kind: validation.KindFormat},
		{tag: "oidc_zoneinfo", value: "posixrules", kind: validation.KindFormat},
		{tag: "oidc_zoneinfo", value: "Factory", kind: validation.KindFormat},
		{tag: "oidc_zoneinfo", value: "Local", kind: validation.KindFormat},
		{tag: "oidc_zoneinfo", value: "posix/Europe/Paris", kind: validation.KindFormat, suggest: "Europe/Paris"},
		{tag: "oidc_zoneinfo", value: "europe/paris", kind: validation.KindFormat, suggest: "Europe/Paris"},
		{tag: "oidc_zoneinfo", value: " Europe/Paris", kind: validation.KindFormat, suggest: "Europe/Paris"},
		{tag: "oidc_zoneinfo", value: "../etc/passwd", kind: validation.KindFormat},
		{tag: "oidc_zoneinfo", value: "", kind: validation.KindMinLength},

		// locale: canonical BCP 47 only.
		{tag: "oidc_locale", value: "en-US", ok: true},
		{tag: "oidc_locale", value: "en", ok: true},
		{tag: "oidc_locale", value: "es-419", ok: true},
		{tag: "oidc_locale", value: "zh-Hant-TW", ok: true},
		{tag: "oidc_locale", value: "en-US-u-ca-gregory", ok: true},
		{tag: "oidc_locale", value: "en-us", kind: validation.KindFormat, suggest: "en-US"},
		{tag: "oidc_locale", value: "en_US", kind: validation.KindFormat, suggest: "en-US"},
		{tag: "oidc_locale", value: "iw", kind: validation.KindFormat, suggest: "he"},
		{tag: "oidc_locale", value: "en-UK", kind: validation.KindFormat, suggest: "en-GB"},
		{tag: "oidc_locale", value: "und", kind: validation.KindFormat},
		{tag: "oidc_locale", value: "x-foo", kind: validation.KindFormat},
		{tag: "oidc_locale", value: "en-ZZ", kind: validation.KindFormat},
		{tag: "oidc_locale", value: "foobar", kind: validation.KindFormat},
		{tag: "oidc_locale", value: "", kind: validation.KindMinLength},

		// phone: E.164, valid numbers.
		{tag: "oidc_phone", value: "+14155552671", ok: true},
		{tag: "oidc_phone", value: "+85298765432", ok: true},
		{tag: "oidc_phone", value: "+14155552671;ext=123", ok: true},
		{tag: "oidc_phone", value: "14155552671", kind: validation.KindFormat},
		{tag: "oidc_phone", value: "+85212345678", kind: validation.KindFormat},
		{tag: "oidc_phone", value: "+999999999", kind: validation.KindFormat},
		{tag: "oidc_phone", value: "+1 415 555 2671", kind: validation.KindFormat, suggest: "+14155552671"},
		{tag: "oidc_phone", value: "tel:+1-415-555-2671", kind: validation.KindFormat, suggest: "+14155552671"},
		{tag: "oidc_phone", value: "", kind: validation.KindMinLength},

		// email: a bare addr-spec, the domain in lower case.
		{tag: "oidc_email", value: "alice@example.com", ok: true},
		{tag: "oidc_email", value: "Alice.Smith+tag@example.co.uk", ok: true},
		{tag: "oidc_email", value: "用户@例子.广告", ok: true},
		{tag: "oidc_email", value: "alice@Example.COM", kind: validation.KindFormat, suggest: "alice@example.com"},
		{tag: "oidc_email", value: " alice@example.com", kind: validation.KindFormat, suggest: "alice@example.com"},
		{tag: "oidc_email", value: "Alice <alice@example.com>", kind: validation.KindFormat},
		{tag: "oidc_email", value: `"a b"@example.com`, kind: validation.KindFormat},
		{tag: "oidc_email", value: "alice@localhost", kind: validation.KindFormat},
		{tag: "oidc_email", value: "alice@[127.0.0.1]", kind: validation.KindFormat},
		{tag: "oidc_email", value: "a..b@example.com", kind: validation.KindFormat},
		{tag: "oidc_email", value: "", kind: validation.KindMinLength},

		// url: absolute http(s) with a host and a clean path.
		{tag: "oidc_url", value: "https://example.com/~alice", ok: true},
		{tag: "oidc_url", value: "http://example.com/", ok: true},
		{tag: "oidc_url", value: "https://example.com/a?b=c#d", ok: true},
		{tag: "oidc_url", value: "HTTPS://Example.com/a", kind: validation.KindFormat, suggest: "https://example.com/a"},
		{tag: "oidc_url", value: "javascript:alert(1)", kind: validation.KindFormat},
		{tag: "oidc_url", value: "data:text/html,<script>alert(1)</script>", kind: validation.KindFormat},
		{tag: "oidc_url", value: "ftp://example.com/", kind: validation.KindFormat},
		{tag: "oidc_url", value: "/relative", kind: validation.KindFormat},
		{tag: "oidc_url", value: "http://user:pw@example.com/", kind: validation.KindFormat},
		{tag: "oidc_url", value: "http://example.com/../etc", kind: validation.KindFormat},
		{tag: "oidc_url", value: "http://example.com/a b", kind: validation.KindFormat},
		{tag: "oidc_url", value: "", kind: validation.KindMinLength},

		// country: assigned codes in upper case.
		{tag: "iso3166_alpha2", value: "US", ok: true},
		{tag: "iso3166_alpha2", value: "GB", ok: true},
		{tag: "iso3166_alpha2", value: "us", kind: validation.KindFormat, suggest: "US"},
		{tag: "iso3166_alpha2", value: " US", kind: validation.KindFormat, suggest: "US"},
		{tag: "iso3166_alpha2", value: "USA", kind: validation.KindFormat, suggest: "US"},
		{tag: "iso3166_alpha2", value: "UK", kind: validation.KindFormat, suggest: "GB"},
		{tag: "iso3166_alpha2", value: "XK", kind: validation.KindFormat},
		{tag: "iso3166_alpha2", value: "EU", kind: validation.KindFormat},
		{tag: "iso3166_alpha2", value: "", kind: validation.KindMinLength},
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+tt.value, func(t *testing.T) {
			got := failedTag(t, v, tt.value, tt.tag)
			err := validatortags.Check(tt.tag, tt.value)
			if tt.ok {
				assert.Empty(t, got, "validator rejected %q", tt.value)
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tt.tag, got, "validator accepted %q", tt.value)
			var c *validation.Cause
			require.True(t, errors.As(err, &c), "Check(%q) = %v, want a *validation.Cause", tt.value, err)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
			if tt.kind == validation.KindFormat {
				assert.NotEmpty(t, c.Details.Format)
				assert.NotEmpty(t, c.Details.Message)
			}
			if tt.suggest != nil {
				assert.Equal(t, tt.suggest, c.Details.Suggest)
				// The suggestion passes the tag.
				assert.NoError(t, validatortags.Check(tt.tag, tt.suggest.(string)))
			}
		})
	}
}

// The non-canonical cause explains itself: white space is named as such, other
// differences show the normalized form.
func TestCheckNonCanonicalMessage(t *testing.T) {
	err := validatortags.Check("oidc_birthdate", " 1990-01-01")
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, "birthdate", c.Details.Format)
	assert.Equal(t, " 1990-01-01", c.Details.Actual)
	assert.Contains(t, c.Details.Message, "surrounding white space is not allowed")

	err = validatortags.Check("oidc_locale", "en-us")
	require.ErrorAs(t, err, &c)
	assert.Equal(t, "bcp47", c.Details.Format)
	assert.Equal(t, "en-us", c.Details.Actual)
	assert.Equal(t, `"en-us" is not in normalized form; use "en-US" (a validator tag checks the value, it cannot rewrite it)`, c.Details.Message)

	err = validatortags.Check("iso3166_alpha2", "us")
	require.ErrorAs(t, err, &c)
	assert.Equal(t, "iso3166-1-alpha-2", c.Details.Format)
}

// builtin is what validator's own tag does with a value, observed with validator v10.30.6
// and asserted so that an upgrade that changes it is noticed.
func TestBuiltinTagsVersusOurs(t *testing.T) {
	v := newValidate(t, validatortags.Options{})
	tests := []struct {
		builtin, ours, value string
		builtinOK, oursOK    bool
		why                  string
	}{
		{"e164", "oidc_phone", "14155552671", true, false, "E.164 starts with +; without it the country is a guess"},
		{"e164", "oidc_phone", "+85212345678", true, false, "right length for Hong Kong, but no such number range"},
		{"e164", "oidc_phone", "+999999999", true, false, "999 is no country calling code"},
		{"e164", "oidc_phone", "+10000000", true, false, "not a North American number"},
		{"e164", "oidc_phone", "+14155552671", true, true, "both accept a valid E.164 number"},
		{"e164", "oidc_phone", "+14155552671;ext=123", false, true, "an extension is part of a phone_number claim (RFC 3966)"},

		{"url", "oidc_url", "javascript:alert(1)", true, false, "script URL"},
		{"url", "oidc_url", "data:text/html,x", true, false, "data URL"},
		{"url", "oidc_url", "mailto:a@b", true, false, "not a web page"},
		{"url", "oidc_url", "ftp://example.com", true, false, "not http(s)"},
		{"url", "oidc_url", "http://user:pw@example.com", true, false, "credentials in a profile URL"},
		{"url", "oidc_url", "http://example.com/../x", true, false, "unclean path"},
		{"url", "oidc_url", "http://example.com/a b", true, false, "unescaped space"},
		{"url", "oidc_url", "https://example.com/alice", true, true, "both accept a plain https URL"},
		{"http_url", "oidc_url", "http://user:pw@example.com", true, false, "http_url also takes credentials"},
		{"http_url", "oidc_url", "http://example.com/../x", true, false, "http_url also takes unclean paths"},

		{"email", "oidc_email", `"a b"@example.com`, true, false, "quoted local parts break most mail software and logins"},
		{"email", "oidc_email", "a@Example.COM", true, false, "valid, but not the stored (lower-case domain) form"},
		{"email", "oidc_email", "a@b", false, false, "both reject a one-label domain"},
		{"email", "oidc_email", "alice@example.com", true, true, "both accept a plain address"},

		{"bcp47_language_tag", "oidc_locale", "en-us", true, false, "valid, but not canonical (en-US)"},
		{"bcp47_language_tag", "oidc_locale", "en_US", true, false, "not BCP 47 syntax as written"},
		{"bcp47_language_tag", "oidc_locale", "iw", true, false, "deprecated code for he"},
		{"bcp47_language_tag", "oidc_locale", "en-UK", true, false, "UK is not a region code (GB)"},
		{"bcp47_language_tag", "oidc_locale", "und", true, false, "undetermined is no locale"},
		{"bcp47_language_tag", "oidc_locale", "x-foo", true, false, "private use"},
		{"bcp47_language_tag", "oidc_locale", "qaa", true, false, "private-use language"},
		{"bcp47_language_tag", "oidc_locale", "en-ZZ", true, false, "ZZ is no region"},
		{"bcp47_language_tag", "oidc_locale", "en-US", true, true, "both accept the canonical tag"},

		{"iso3166_1_alpha2", "iso3166_alpha2", "XK", true, false, "Kosovo's XK is user-assigned, not ISO 3166-1"},
		{"iso3166_1_alpha2", "iso3166_alpha2", "us", false, false, "both reject lower case"},
		{"iso3166_1_alpha2", "iso3166_alpha2", "UK", false, false, "both reject UK"},
		{"iso3166_1_alpha2", "iso3166_alpha2", "US", true, true, "both accept US"},

		{"datetime=2006-01-02", "oidc_birthdate", "1990", false, true, "OIDC allows a year-only birthdate"},
		{"datetime=2006-01-02", "oidc_birthdate", "0000-02-29", true, true, "year withheld, leap day allowed"},
		{"datetime=2006-01-02", "oidc_birthdate", "1900-02-29", false, false, "1900 is not a leap year"},
	}
	for _, tt := range tests {
		t.Run(tt.builtin+"/"+tt.value, func(t *testing.T) {
			assert.Equal(t, tt.builtinOK, v.Var(tt.value, tt.builtin) == nil, "built-in %s on %q (%s)", tt.builtin, tt.value, tt.why)
			assert.Equal(t, tt.oursOK, v.Var(tt.value, tt.ours) == nil, "%s on %q (%s)", tt.ours, tt.value, tt.why)
		})
	}
}

// validator's timezone tag is time.LoadLocation: its answer is whatever the host's zoneinfo
// directory (or Go's fallback zip) holds, file names included. Ours is the compiled tz list.
func TestBuiltinTimezoneIsTheHostsLoadLocation(t *testing.T) {
	v := newValidate(t, validatortags.Options{})
	values := []string{
		"localtime", "posixrules", "Factory", "posix/Europe/Paris", "right/UTC",
		"Europe/Paris", "US/Pacific", "UTC", "Mars/Olympus", "europe/paris", "Local", "",
	}
	for _, s := range values {
		t.Run(s, func(t *testing.T) {
			_, lerr := time.LoadLocation(s)
			wantBuiltin := lerr == nil && s != "" && !strings.EqualFold(s, "local")
			assert.Equal(t, wantBuiltin, v.Var(s, "timezone") == nil, "built-in timezone on %q", s)

			n, err := normalizeZoneinfo(s)
			assert.Equal(t, err == nil && n == s, v.Var(s, "oidc_zoneinfo") == nil, "oidc_zoneinfo on %q", s)
		})
	}
	// On this host the built-in tag takes a file of the zoneinfo directory for a zone.
	if _, err := time.LoadLocation("localtime"); err == nil {
		assert.NoError(t, v.Var("localtime", "timezone"), "built-in timezone accepts localtime on this host")
	} else {
		t.Logf("this host has no zoneinfo file named localtime: %v", err)
	}
	assert.Error(t, v.Var("localtime", "oidc_zoneinfo"))
}

type named string

type request struct {
	Birthdate  string  `validate:"oidc_birthdate"`
	Zoneinfo   *string `validate:"oidc_zoneinfo"`
	Locale     named   `validate:"oidc_locale"`
	Phone      string  `validate:"omitempty,oidc_phone"`
	Email      *string `validate:"omitempty,oidc_email"`
	Website    any     `validate:"oidc_url"`
	Country    string  `validate:"iso3166_alpha2"`
	NotAString int     `validate:"omitempty,oidc_email"`
}

func strp(s string) *string { return &s }

func TestStructFields(t *testing.T) {
	v := newValidate(t, validatortags.Options{})
	good := request{
		Birthdate: "1990-01-01", Zoneinfo: strp("Europe/Paris"), Locale: "en-US",
		Website: "https://example.com", Country: "FR",
	}
	require.NoError(t, v.Struct(good))

	tests := []struct {
		name   string
		edit   func(*request)
		field  string
		kind   validation.Kind
		format string
	}{
		{"empty string without omitempty", func(r *request) { r.Birthdate = "" }, "Birthdate", validation.KindMinLength, ""},
		{"bad birthdate", func(r *request) { r.Birthdate = "1990-02-30" }, "Birthdate", validation.KindFormat, "birthdate"},
		{"nil pointer without omitempty", func(r *request) { r.Zoneinfo = nil }, "Zoneinfo", validation.KindRequired, "timezone"},
		{"pointer to a bad zone", func(r *request) { r.Zoneinfo = strp("localtime") }, "Zoneinfo", validation.KindFormat, "timezone"},
		{"named string type", func(r *request) { r.Locale = "en-us" }, "Locale", validation.KindFormat, "bcp47"},
		{"phone set", func(r *request) { r.Phone = "0044 20 7946 0958" }, "Phone", validation.KindFormat, "phone"},
		{"pointer to an empty email with omitempty", func(r *request) { r.Email = strp("") }, "Email", validation.KindMinLength, ""},
		{"pointer to a bad email", func(r *request) { r.Email = strp("a@b") }, "Email", validation.KindFormat, "email"},
		{"interface holding a bad url", func(r *request) { r.Website = "javascript:alert(1)" }, "Website", validation.KindFormat, "uri"},
		{"nil interface", func(r *request) { r.Website = nil }, "Website", validation.KindRequired, "uri"},
		{"interface holding an int", func(r *request) { r.Website = 42 }, "Website", validation.KindType, "uri"},
		{"lower-case country", func(r *request) { r.Country = "fr" }, "Country", validation.KindFormat, "iso3166-1-alpha-2"},
		{"int field", func(r *request) { r.NotAString = 7 }, "NotAString", validation.KindType, "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good
			tt.edit(&r)
			var err error
			require.NotPanics(t, func() { err = v.Struct(r) })
			var ve validator.ValidationErrors
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve, 1)
			assert.Equal(t, tt.field, ve[0].Field())
			c := validatortags.Cause(ve[0])
			require.NotNil(t, c)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			if tt.format != "" {
				assert.Equal(t, tt.format, c.Details.Format)
			}
			assert.NotEmpty(t, c.Details.Message+string(c.Kind))
		})
	}

	// omitempty skips empty strings and nil pointers.
	r := good
	r.Phone, r.Email = "", nil
	assert.NoError(t, v.Struct(r))
	assert.NoError(t, v.Var(nil, "omitempty,oidc_email"))
	// A nil *string is a failure without omitempty, not a panic.
	var np *string
	assert.Error(t, v.Var(np, "oidc_email"))
}

func TestCauseOfOtherTags(t *testing.T) {
	v := validator.New()
	require.NoError(t, validatortags.Register(v))
	err := v.Var("", "required")
	var ve validator.ValidationErrors
	require.ErrorAs(t, err, &ve)
	assert.Nil(t, validatortags.Cause(ve[0]), "not a profilekit tag")
	assert.Nil(t, validatortags.Cause(nil))

	// An alias that expands to a profilekit tag is recognised through ActualTag.
	v.RegisterAlias("profile_email", "oidc_email")
	err = v.Var("a@b", "profile_email")
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "profile_email", ve[0].Tag())
	c := validatortags.Cause(ve[0])
	require.NotNil(t, c)
	assert.Equal(t, "email", c.Details.Format)

	// Registered with other options than the ones Cause is asked with: the value passes.
	v2 := newValidate(t, validatortags.Options{})
	err = v2.Var("+85212345678", "oidc_phone")
	require.ErrorAs(t, err, &ve)
	assert.Nil(t, validatortags.Options{PhonePossible: true}.Cause(ve[0]))
	assert.NotNil(t, validatortags.Cause(ve[0]))
}

func TestOptions(t *testing.T) {
	langs, err := stdattr.NewLanguages("en", "fr-CA")
	require.NoError(t, err)
	o := validatortags.Options{PhonePossible: true, Languages: langs}
	v := newValidate(t, o)
	def := newValidate(t, validatortags.Options{})

	tests := []struct {
		tag, value    string
		withOK, defOK bool
	}{
		{"oidc_phone", "+85212345678", true, false},                        // possible, not valid
		{"oidc_phone", "+852999", false, false},                            // too short
		{"oidc_phone=valid", "+85212345678", false, false},                 // per-field override
		{"oidc_phone=possible", "+85212345678", true, true},                // per-field override
		{"oidc_phone=possible", "+85298765432", true, true},                // valid is possible
		{"oidc_phone=sometimes", "+85298765432", false, false},             // unknown parameter: always fails
		{"oidc_email=strict", "alice@example.com", false, false},           // no parameter allowed
		{"oidc_locale", "en-GB", true, true},                               // covered by en
		{"oidc_locale", "fr-CA", true, true},                               // listed
		{"oidc_locale", "fr", false, true},                                 // fr-CA does not cover fr
		{"oidc_locale", "de", false, true},                                 // not listed
		{"oidc_locale", "en-us", false, false},                             // listed, but not canonical
		{"oidc_locale", "en-US-u-ca-gregory", true, true},                  // extensions kept
		{"omitempty,oidc_locale", "", true, true},                          // omitempty
		{"oidc_birthdate", "1990-01-01", true, true},                       // unaffected
		{"oidc_birthdate=x", "1990-01-01", false, false},                   // no parameter allowed
		{"iso3166_alpha2", "CA", true, true},                               // unaffected
		{"oidc_url", "https://example.com/", true, true},                   // unaffected
		{"oidc_zoneinfo", "America/Toronto", true, true},                   // unaffected
		{"oidc_phone=possible", "+1 415 555 2671", false, false},           // still E.164 only
		{"oidc_phone", "+14155552671;ext=12", true, true},                  // extension
		{"oidc_phone=possible", "+14155552671;ext=12;ext=3", false, false}, // two extensions
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+tt.value, func(t *testing.T) {
			assert.Equal(t, tt.withOK, v.Var(tt.value, tt.tag) == nil, "with options")
			assert.Equal(t, tt.defOK, def.Var(tt.value, tt.tag) == nil, "default options")
			if tt.tag[0] != 'o' || strings.HasPrefix(tt.tag, "omitempty") {
				return
			}
			assert.Equal(t, tt.withOK, o.Check(tt.tag, tt.value) == nil, "Check with options")
			assert.Equal(t, tt.defOK, validatortags.Check(tt.tag, tt.value) == nil, "Check, default options")
		})
	}

	var c *validation.Cause
	require.ErrorAs(t, o.Check("oidc_locale", "de"), &c)
	assert.Equal(t, validation.KindEnum, c.Kind)
	assert.Equal(t, []string{"en", "fr-CA"}, c.Details.Expected)

	require.ErrorAs(t, validatortags.Check("oidc_phone=sometimes", "+85298765432"), &c)
	assert.Contains(t, c.Details.Message, `"sometimes"`)
	require.ErrorAs(t, validatortags.Check("oidc_email=strict", "alice@example.com"), &c)
	assert.Contains(t, c.Details.Message, "takes no parameter")
}

func TestRegisterAndCheckMisuse(t *testing.T) {
	assert.Error(t, validatortags.Register(nil))
	err := validatortags.Check("email", "alice@example.com")
	require.Error(t, err)
	var c *validation.Cause
	assert.False(t, errors.As(err, &c), "an unknown tag is a plain error, not a cause")
	assert.Equal(t, []string{
		"oidc_birthdate", "oidc_zoneinfo", "oidc_locale", "oidc_phone", "oidc_email", "oidc_url", "iso3166_alpha2",
	}, validatortags.Tags())

	// Registering twice replaces the tags and keeps working.
	v := validator.New()
	require.NoError(t, validatortags.Register(v))
	require.NoError(t, validatortags.RegisterWith(v, validatortags.Options{PhonePossible: true}))
	assert.NoError(t, v.Var("+85212345678", "oidc_phone"))
}

// One *validator.Validate with the tags serves many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	v := newValidate(t, validatortags.Options{})
	done := make(chan error, 8)
	for i := range 8 {
		go func() {
			var err error
			for j := range 200 {
				r := request{Birthdate: "1990-01-01", Zoneinfo: strp("UTC"), Locale: "en-US", Website: "https://example.com", Country: "FR"}
				if (i+j)%2 == 0 {
					r.Country = "fr"
				}
				verr := v.Struct(r)
				if ((i+j)%2 == 0) != (verr != nil) {
					err = verr
					if err == nil {
						err = errors.New("lower-case country accepted")
					}
				}
			}
			done <- err
		}()
	}
	for range 8 {
		assert.NoError(t, <-done)
	}
}
