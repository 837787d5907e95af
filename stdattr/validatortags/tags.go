package validatortags

import (
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/internal/iso3166"

	"github.com/go-playground/validator/v10"

	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// The tags that Register adds, as written in struct tags.
const (
	TagBirthdate = "oidc_birthdate" // stdattr.ParseBirthdate: YYYY-MM-DD, 0000-MM-DD or YYYY
	TagZoneinfo  = "oidc_zoneinfo"  // the zoneinfo claim: an IANA tz name compiled in
	TagLocale    = "oidc_locale"    // the locale claim: canonical BCP 47 (en-US, not en-us)
	TagPhone     = "oidc_phone"     // the phone_number claim: E.164, valid (or, with =possible, possible)
	TagEmail     = "oidc_email"     // the email claim: a bare addr-spec, domain in lower case
	TagURL       = "oidc_url"       // the website claim: absolute http(s) URL with a host
	TagCountry   = "iso3166_alpha2" // address.country as a code: an assigned code in upper case
)

// The parameters of the oidc_phone tag, spelled as the config's phone validation
// ("valid", "possible"): "oidc_phone=possible" accepts possible numbers for that field,
// "oidc_phone=valid" requires valid ones whatever the Options say.
const (
	phonePossible = "possible"
	phoneValid    = "valid"
)

// countryFormat is Details.Format of a country-code cause.
const countryFormat = claim.FormatCountryCode

type tagID uint8

const (
	tagNone tagID = iota
	tagBirthdate
	tagZoneinfo
	tagLocale
	tagPhone
	tagEmail
	tagURL
	tagCountry
)

// tags lists every tag once, in the order Register adds them.
var tags = [...]struct {
	name   string
	id     tagID
	format string
}{
	{TagBirthdate, tagBirthdate, claim.FormatBirthdate},
	{TagZoneinfo, tagZoneinfo, claim.FormatTimezone},
	{TagLocale, tagLocale, claim.FormatLocale},
	{TagPhone, tagPhone, claim.FormatPhone},
	{TagEmail, tagEmail, claim.FormatEmail},
	{TagURL, tagURL, claim.FormatURI},
	{TagCountry, tagCountry, countryFormat},
}

func lookup(name string) (tagID, string) {
	for _, t := range tags {
		if t.name == name {
			return t.id, t.format
		}
	}
	return tagNone, ""
}

// Tags returns the names of the tags Register adds, in a fixed order.
func Tags() []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.name
	}
	return out
}

// Options configure the tags. The zero value is the default that Register uses.
type Options struct {
	// PhoneRegion and PhonePossible configure oidc_phone as stdattr.Normalizer's fields of the
	// same names do for the standard claim: the default region of national input, and
	// accepting every possible number instead of only valid ones. A field tagged
	// oidc_phone=valid or oidc_phone=possible overrides PhonePossible.
	PhoneRegion   string
	PhonePossible bool
	// Languages limits oidc_locale to the supported languages (see stdattr.Languages); the
	// zero value accepts every locale.
	Languages stdattr.Languages
}

// Register adds the profilekit tags (see [Tags]) with the default Options to v. It is
// RegisterWith(v, Options{}).
func Register(v *validator.Validate) error { return RegisterWith(v, Options{}) }

// RegisterWith adds the profilekit tags to v, configured by o. A tag already registered under
// the same name is replaced (validator's own rule). The error is non-nil only when v is nil or
// validator refuses a registration. Register before v is used concurrently: validator's
// registration is not safe to run alongside validation.
func RegisterWith(v *validator.Validate, o Options) error {
	if v == nil {
		return errors.New("validatortags: nil *validator.Validate")
	}
	for _, t := range tags {
		id := t.id
		fn := func(fl validator.FieldLevel) bool { return o.validField(id, fl) }
		if err := v.RegisterValidation(t.name, fn); err != nil {
			return errors.New("validatortags: registering " + t.name + ": " + err.Error())
		}
	}
	return nil
}

// validField is the validator.Func behind every tag. validator has already followed pointers
// and interfaces (a nil *string never gets here: validator fails the tag itself).
func (o Options) validField(id tagID, fl validator.FieldLevel) bool {
	f := fl.Field()
	if f.Kind() != reflect.String {
		return false
	}
	s := f.String()
	n, err := o.normalize(id, fl.Param(), s)
	return err == nil && n == s
}

// normalize runs the stdattr check behind tag id on s and returns its normalized form.
func (o Options) normalize(id tagID, param, s string) (string, error) {
	if param != "" && id != tagPhone {
		return "", paramCause(id, param, s)
	}
	switch id {
	case tagBirthdate:
		return normalize(stdattr.Normalizer{}, stdattr.AttrBirthdate, s)
	case tagZoneinfo:
		return normalize(stdattr.Normalizer{}, stdattr.AttrZoneinfo, s)
	case tagLocale:
		return normalize(stdattr.Normalizer{Languages: o.Languages}, stdattr.AttrLocale, s)
	case tagPhone:
		n := stdattr.Normalizer{PhoneRegion: o.PhoneRegion, PhonePossible: o.PhonePossible}
		switch param {
		case "":
		case phonePossible:
			n.PhonePossible = true
		case phoneValid:
			n.PhonePossible = false
		default:
			return "", paramCause(id, param, s)
		}
		return normalize(n, stdattr.AttrPhoneNumber, s)
	case tagEmail:
		return normalize(stdattr.Normalizer{}, stdattr.AttrEmail, s)
	case tagURL:
		return normalize(stdattr.Normalizer{}, stdattr.AttrWebsite, s)
	case tagCountry:
		if code, c := iso3166.Normalize(strings.TrimSpace(s), false); c != nil {
			return "", c
		} else {
			return code, nil
		}
	}
	return "", errors.New("validatortags: unknown tag")
}

// normalize is n.Normalize(a, s) with the cause taken off the claim's location: a tag checks
// a single value, and the caller knows where it sits.
func normalize(n stdattr.Normalizer, a stdattr.Attr, s string) (string, error) {
	out, err := n.Normalize(a, s)
	if err != nil {
		var c *validation.Cause
		if errors.As(err, &c) {
			c.Location = ""
		}
		return "", err
	}
	return out, nil
}

// Check runs one tag on value, exactly as the registered tag does, and says why it fails: nil
// when the tag accepts value, otherwise an error. tag is written as in a struct tag, with its
// parameter if any ("oidc_locale", "oidc_phone=possible").
//
// For a value the stdattr check rejects, the error is that check's *validation.Cause (empty
// Location). For a value that is valid but not in normalized form (" 1990-01-01", "en-us",
// "us", "a@Example.COM", "+1 415 555 2671") it is a *validation.Cause of kind format with the
// tag's Details.Format, Details.Actual the value and Details.Suggest the normalized form. A
// locale outside Options.Languages is a cause of kind enum. An unknown parameter is a cause
// of kind format whose message names it. A tag that is not one of [Tags] is a plain error.
func (o Options) Check(tag, value string) error {
	name, param, _ := strings.Cut(tag, "=")
	id, format := lookup(name)
	if id == tagNone {
		return errors.New("validatortags: " + strconv.Quote(name) + " is not a profilekit tag")
	}
	if c := o.check(id, format, param, value); c != nil {
		return c
	}
	return nil
}

func (o Options) check(id tagID, format, param, s string) *validation.Cause {
	n, err := o.normalize(id, param, s)
	if err != nil {
		var c *validation.Cause
		if errors.As(err, &c) {
			return c
		}
		return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: format, Actual: s, Message: err.Error()}}
	}
	if n == s {
		return nil
	}
	msg := quote(s) + " is not in normalized form; use " + quote(n)
	if strings.TrimSpace(s) == n {
		msg = "surrounding white space is not allowed; use " + quote(n)
	}
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
		Format:  format,
		Actual:  s,
		Message: msg + " (a validator tag checks the value, it cannot rewrite it)",
		Suggest: n,
	}}
}

func paramCause(id tagID, param, s string) *validation.Cause {
	name, format := "", ""
	for _, t := range tags {
		if t.id == id {
			name, format = t.name, t.format
		}
	}
	msg := "tag " + name + " takes no parameter, got " + quote(param)
	if id == tagPhone {
		msg = "tag " + name + " takes the parameter " + phonePossible + " or " + phoneValid + ", got " + quote(param)
	}
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: format, Actual: s, Message: msg}}
}

// Check is Options{}.Check: it runs one tag, configured as by Register, on value.
func Check(tag, value string) error { return Options{}.Check(tag, value) }

// Cause recomputes, for a validator.FieldError reported by one of the tags registered with
// Options{} (that is, by Register), profilekit's structured cause; see Options.Cause.
func Cause(fe validator.FieldError) *validation.Cause { return Options{}.Cause(fe) }

// Cause recomputes profilekit's structured cause for a validator.FieldError reported by one of
// the tags registered with o: the same cause Check gives, with an empty Location (attach the
// JSON pointer of the field with Cause.At; validator's namespace is a Go path, not a pointer).
// The tag is read from fe.ActualTag, so aliases that expand to a profilekit tag work.
//
// Besides Check's causes: a nil pointer or nil interface (validator fails the tag without
// calling it unless the field has omitempty) gives a cause of kind required; a field that is
// not a string gives one of kind type (Details.Expected "string", Details.Actual the Go type).
// Cause returns nil when fe is nil, when its tag is not a profilekit tag, or when the value
// passes with o (fe came from tags registered with other Options).
func (o Options) Cause(fe validator.FieldError) *validation.Cause {
	if fe == nil {
		return nil
	}
	id, format := lookup(fe.ActualTag())
	if id == tagNone {
		return nil
	}
	v := reflect.ValueOf(fe.Value())
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return &validation.Cause{Kind: validation.KindRequired, Details: validation.Details{
				Format: format, Message: "a value is required (a nil pointer); use omitempty to allow none",
			}}
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Invalid:
		return &validation.Cause{Kind: validation.KindRequired, Details: validation.Details{
			Format: format, Message: "a value is required (a nil interface); use omitempty to allow none",
		}}
	case reflect.String:
		return o.check(id, format, fe.Param(), v.String())
	}
	return &validation.Cause{Kind: validation.KindType, Details: validation.Details{
		Expected: "string", Actual: v.Type().String(), Format: format,
		Message: "tag " + fe.ActualTag() + " applies to strings, not to " + v.Type().String(),
	}}
}

// quote quotes a value for a message, shortening very long input.
func quote(s string) string {
	const max = 64
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "") + "…"
	}
	return strconv.Quote(s)
}
