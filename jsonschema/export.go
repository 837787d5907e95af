package jsonschema

import (
	"bytes"
	"cmp"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/internal/label"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/internal/iso3166"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// Draft is the $schema of every exported document: JSON Schema 2020-12.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// FormatStyle chooses the "format" keywords of an exported document, and with them what a
// validator needs to compile it. The zero value is StandardFormats.
type FormatStyle uint8

const (
	// StandardFormats uses only formats of the JSON Schema 2020-12 vocabulary that validators
	// know without help: "email" (the email claim and email custom attributes), "uri"
	// (profile, website, picture and url custom attributes) and "date" (date custom
	// attributes, with a pattern of their shape as well). profilekit's other checks become
	// a "pattern" where the value has a shape a pattern can state (birthdate, zoneinfo, locale,
	// country codes; the scheme and host of URLs), a "description" for people and a
	// "$comment" naming profilekit's format ("profilekit format \"timezone\""). The document
	// compiles in Ajv 2020 with strict: true and its standard formats (ajv-formats), and in any
	// 2020-12 validator, without registering anything.
	StandardFormats FormatStyle = iota
	// NoFormats is StandardFormats without any "format" keyword (the patterns, descriptions
	// and comments stay): for a validator that knows no formats at all and, in strict mode,
	// refuses the document otherwise (Ajv without ajv-formats).
	NoFormats
	// ProfilekitFormats names profilekit's own checks in "format" (Details.Format of their
	// causes): "email", "uri", "x_picture", "birthdate", "timezone", "bcp47", "phone",
	// "iso3166-1-alpha-2" and "date", without the patterns of StandardFormats (the checks normalize
	// before they check, a pattern sees the raw value). For a validator that asserts formats
	// and has every check of [Formats] registered under its name; elsewhere the document is
	// refused (strict validators: unknown format) or these checks are skipped.
	ProfilekitFormats
)

// String is the style's name, such as "StandardFormats".
func (f FormatStyle) String() string {
	switch f {
	case StandardFormats:
		return "StandardFormats"
	case NoFormats:
		return "NoFormats"
	case ProfilekitFormats:
		return "ProfilekitFormats"
	}
	return "FormatStyle(" + strconv.Itoa(int(f)) + ")"
}

// formatDate is JSON Schema 2020-12's "date" (an RFC 3339 full-date): the format of custom
// date attributes in every style but NoFormats, and the Details.Format of their causes.
const formatDate = format.FormatDate

// Options tune [Export]. The zero value describes a profile document, with standard formats.
type Options struct {
	// ID, when not empty, becomes the document's "$id".
	ID string
	// Nullable lets every member be null as well (each attribute, each address sub-field and
	// custom_attributes itself), so the document describes an update rather than a profile:
	// in a merge patch null removes, in a Replace null means absent.
	Nullable bool
	// Formats chooses the "format" keywords; see [FormatStyle].
	Formats FormatStyle
}

// Export exports s, as party sees it, as a JSON Schema 2020-12 document (indented JSON)
// describing a profile document: what Schema.View shows the party, and, with o.Nullable, the
// body of an update it sends. Use it to validate in a client, to generate a form, or to
// document an API. An invalid party or o.Formats is an error (kind enum). The document is an
// object with "additionalProperties": false and one property per attribute the party can
// read, in display order; hidden attributes are absent, so a document that names one is
// invalid. It uses only keywords of the 2020-12 vocabularies, so strict validators accept it;
// the keywords by attribute (with the default [StandardFormats]):
//
//   - Every attribute has a "title", its display label. "readOnly": true marks each attribute
//     the party cannot write; a write-once attribute the party may set says so in its
//     "description".
//   - Text claims (names, gender, preferred_username, the address sub-fields): "type":
//     "string", "minLength": 1, "maxLength" (the schema's text limit).
//   - email: "format": "email". profile and website: "format": "uri" and a "pattern" for an
//     http or https URL with a host and no user info. picture: the same, or an image
//     reference of the configured scheme (SCHEME:///APP_ID/OBJECT_ID).
//   - birthdate, zoneinfo, locale, and address.country when the config asks for codes: a
//     "pattern" (YYYY-MM-DD, 0000-MM-DD or YYYY with months 01-12 and days 01-31; the
//     characters of tz names; the shape of a language tag; exactly the assigned ISO 3166-1
//     alpha-2 codes, in either case) and a "description".
//   - phone_number: a "description" only. What profilekit accepts (national numbers with a
//     default region, spaces, "tel:", full-width digits) has no shape a pattern can state; it
//     stores E.164, but an E.164 pattern on the raw input would refuse valid numbers.
//   - Each string checked by a profilekit format names it in "$comment" ("profilekit format
//     \"phone\""), for [Formats].
//   - address: an object with its six string sub-fields and "additionalProperties": false.
//   - Derived claims (email_verified and phone_number_verified: boolean; updated_at: integer)
//     when the party can read them, always "readOnly".
//   - custom_attributes: an object with one property per readable custom attribute: string
//     ("minLength", "maxLength", "pattern"), number or integer ("minimum", "maximum": the
//     configured literals, exactly), enum (a "oneOf" of {"const": option, "title": label},
//     and no "enum", which form libraries would show instead of the labels; with o.Nullable a
//     last branch {"const": null}; a validator reports a value that is no option once per
//     branch and once for the oneOf, all at the value's location), boolean ("type":
//     "boolean"), date ("type": "string", "format": "date", which is standard, a "pattern"
//     for YYYY-MM-DD with months 01-12 and days 01-31, the bounds in the "description"), and
//     phone_number, email, url and country_code like the standard claims of the same kind.
//   - "required" lists the attributes required for the party (profile documents only; an
//     update may leave them out, as a merge patch keeps what it does not name).
//
// The documents of [NoFormats] and [ProfilekitFormats] differ only in "format", "pattern" and
// "$comment", as those styles say.
//
// What JSON Schema cannot express, or the document does not, so that a validator of the
// document and profilekit disagree on some inputs (the package documentation lists the
// documents the tests check):
//   - Normalization. profilekit trims surrounding white space, applies Unicode NFC and then
//     checks (" Jane" is valid, "  " is not; lengths count after normalization; " sales" is the
//     enum option "sales"). The document's minLength, maxLength, oneOf and patterns see the raw
//     value: its patterns describe the trimmed value, so surrounding white space fails them.
//     The checks of Formats normalize first, like profilekit.
//   - Formats beyond their shape. A pattern cannot tell a leap day (1900-02-29), a tz name
//     (Mars/Olympus_Mons), an assigned language subtag (en-XX) or a valid phone number; the
//     standard "email" and "uri" are ASCII-only (profilekit accepts internationalized
//     addresses and URLs), and "uri" allows what profilekit's URL rules refuse (dot segments,
//     user info the pattern does not catch).
//   - Characters. Control characters, bidi controls, U+200B and U+FEFF in text, and line
//     breaks outside address.formatted and address.street_address, are rejected by profilekit
//     and not described by the document.
//   - Access is checked on change, not on presence. "readOnly" is an annotation: a read-only
//     value may be sent back unchanged (both agree), but changing it is an error only to
//     profilekit. Conversely the document has no place for a hidden attribute, though
//     profilekit accepts an update that mentions one without changing it (a null for an absent
//     value). A write-once attribute may be set but not changed. Derived claims may be sent
//     only with their actual values.
//   - Ownership: email, phone_number and preferred_username must be values the user owns
//     through an identity (when identity coupling is on).
//   - Ranges: an integer must fit int64 and a number float64; only configured bounds appear.
//     The minimum and maximum of a date attribute are only in its description: JSON Schema's
//     minimum and maximum compare numbers, and no standard keyword bounds a date.
//   - Dates: "format": "date" is RFC 3339's full-date, which allows the year 0000;
//     profilekit's dates start at 0001 (Formats' "date" check agrees with profilekit).
//   - Patterns of custom strings are RE2 (Go) syntax, copied as they are; validators with
//     ECMA-262 regular expressions may read exotic constructs differently, or refuse them.
//   - Duplicate members, invalid UTF-8 and the size limits of profile.Limits.
func Export(s *profile.Schema, party access.Party, o Options) ([]byte, error) {
	if !party.Valid() {
		return nil, &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{"end_user", "bearer", "portal_ui", "admin_api"}, Actual: party.String(), Message: "unknown party"}}
	}
	if o.Formats > ProfilekitFormats {
		return nil, &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{"StandardFormats", "NoFormats", "ProfilekitFormats"}, Actual: o.Formats.String(), Message: "unknown format style"}}
	}
	root := exportRoot(s, party, o)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Formats returns a check for every format name the documents exported from s with
// [ProfilekitFormats] use, keyed by name, for registering with a JSON Schema validator (JSON
// Schema 2020-12 only annotates formats unless the validator is told to assert them). Each
// check is profilekit's own, configured like s (phone strictness and default region,
// supported languages, picture resolver): it accepts what normalizes to a valid value and
// returns the *validation.Cause otherwise. "email" and "uri" replace a validator's generic
// checks, which accept, for example, "javascript:alert(1)" as a uri. The map is new; the
// checks are safe for concurrent use.
func Formats(s *profile.Schema) map[string]func(string) error {
	n := s.Normalizer() // a copy: the checks keep it alive and read it only
	check := func(a stdattr.Attr) func(string) error {
		return func(v string) error {
			_, err := n.Normalize(a, v)
			return err
		}
	}
	return map[string]func(string) error{
		claim.FormatEmail:     check(stdattr.AttrEmail),
		claim.FormatURI:       check(stdattr.AttrWebsite),
		claim.FormatPicture:   check(stdattr.AttrPicture),
		claim.FormatBirthdate: check(stdattr.AttrBirthdate),
		claim.FormatTimezone:  check(stdattr.AttrZoneinfo),
		claim.FormatLocale:    check(stdattr.AttrLocale),
		claim.FormatPhone:     check(stdattr.AttrPhoneNumber),
		claim.FormatCountryCode: func(v string) error {
			if _, c := iso3166.Normalize(strings.TrimSpace(v), false); c != nil {
				return c
			}
			return nil
		},
		formatDate: func(v string) error {
			if _, c := format.Date(v); c != nil {
				return c
			}
			return nil
		},
	}
}

// jsNode is one schema of an exported document. Its fields are in the order they are written.
type jsNode struct {
	Schema      string `json:"$schema,omitempty"`
	ID          string `json:"$id,omitempty"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	Comment     string `json:"$comment,omitempty"`
	// Type is a string, or []string{t, "null"} when nullable.
	Type                 any         `json:"type,omitempty"`
	ReadOnly             bool        `json:"readOnly,omitempty"`
	Format               string      `json:"format,omitempty"`
	MinLength            int         `json:"minLength,omitempty"`
	MaxLength            int         `json:"maxLength,omitempty"`
	Pattern              string      `json:"pattern,omitempty"`
	Minimum              json.Number `json:"minimum,omitempty"`
	Maximum              json.Number `json:"maximum,omitempty"`
	OneOf                []jsConst   `json:"oneOf,omitempty"`
	Items                *jsNode     `json:"items,omitempty"`
	MinItems             int         `json:"minItems,omitempty"`
	MaxItems             int         `json:"maxItems,omitempty"`
	UniqueItems          bool        `json:"uniqueItems,omitempty"`
	Properties           jsProps     `json:"properties,omitempty"`
	PatternProperties    jsProps     `json:"patternProperties,omitempty"`
	Required             []string    `json:"required,omitempty"`
	AdditionalProperties *bool       `json:"additionalProperties,omitempty"`
}

// jsConst is one branch of an enum's oneOf: an option and its label.
type jsConst struct {
	Const any    `json:"const"` // no omitempty: the null branch writes "const": null
	Title string `json:"title,omitempty"`
}

// jsProps are the properties of an object schema, written in their order (display order),
// which a map would lose.
type jsProps []jsProp

type jsProp struct {
	name string
	node *jsNode
}

// MarshalJSON writes the properties as one object, in order.
func (ps jsProps) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(p.name); err != nil {
			return nil, err
		}
		buf.WriteByte(':')
		if err := enc.Encode(p.node); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

var jsFalse = false

func exportRoot(s *profile.Schema, party access.Party, o Options) *jsNode {
	std := s.Normalizer()
	policy := s.Policy()
	typ := func(t string) any {
		if o.Nullable {
			return []string{t, "null"}
		}
		return t
	}
	maxText := std.MaxLength
	if maxText <= 0 {
		maxText = format.DefaultMaxLength
	}
	str := stringChecks{style: o.Formats, phoneRegion: std.PhoneRegion, imageScheme: strings.ToLower(cmp.Or(std.Picture.Scheme, imageurl.DefaultScheme))}
	// attr fills the access-dependent members of an attribute's node; ok is false when the
	// party cannot see it.
	attr := func(n *jsNode, rule access.Rule) bool {
		lvl := rule.Level(party)
		if !lvl.CanRead() {
			return false
		}
		n.ReadOnly = !lvl.CanWrite()
		if lvl.CanWrite() && party != access.AdminAPI && rule.WriteOnce {
			n.Description = "Write-once: it may be set while absent, not changed or removed."
		}
		return true
	}

	root := &jsNode{
		Schema:      Draft,
		ID:          o.ID,
		Title:       "Profile as seen by " + party.String(),
		Description: "A user profile: OIDC standard claims and custom attributes. readOnly marks what " + party.String() + " cannot change; hidden attributes are absent.",
		Type:        "object",
	}
	if o.Nullable {
		root.Title = "Profile update from " + party.String()
		root.Description = "An update of a user profile (null removes in a merge patch, means absent in a replace). readOnly marks what " + party.String() + " cannot change; hidden attributes are absent."
	}
	for a := stdattr.AttrName; a <= stdattr.AttrUpdatedAt; a++ {
		n := &jsNode{}
		rule, _ := policy.Rule(a.String())
		if !attr(n, rule) {
			continue
		}
		if int(a) < len(claim.Table) {
			n.Title = claim.Table[a].Label
		}
		switch {
		case a == stdattr.AttrAddress:
			n.Type = typ("object")
			for _, field := range stdattr.AddressFields() {
				f := &jsNode{Title: label.Of(field), Type: typ("string"), MinLength: 1, MaxLength: maxText}
				if field == "country" && std.AddressCountryCode {
					f.MaxLength = 0
					str.apply(f, claim.FormatCountryCode, false)
				}
				n.Properties = append(n.Properties, jsProp{field, f})
			}
			n.AdditionalProperties = &jsFalse
		case a.Derived():
			n.Title = label.Of(a.String())
			n.ReadOnly = true
			n.Description = "Derived: it may be sent only with its actual value."
			if a == stdattr.AttrUpdatedAt {
				n.Type = typ("integer")
			} else {
				n.Type = typ("boolean")
			}
		default:
			n.Type, n.MinLength = typ("string"), 1
			switch f := claim.Formats[a]; f {
			case claim.FormatText:
				n.MaxLength = maxText
			default:
				str.apply(n, f, false) // email, uri, x_picture, birthdate, timezone, bcp47, phone
			}
		}
		root.Properties = append(root.Properties, jsProp{a.String(), n})
	}

	custom := &jsNode{Title: "Custom Attributes", Type: typ("object"), AdditionalProperties: &jsFalse}
	for _, ca := range s.Custom().Attributes() {
		n := &jsNode{Title: ca.Label()}
		rule, _ := policy.Rule(ca.Name())
		if !attr(n, rule) {
			continue
		}
		customNode(n, ca, typ, o.Nullable, str)
		custom.Properties = append(custom.Properties, jsProp{ca.Name(), n})
	}
	root.Properties = append(root.Properties, jsProp{"custom_attributes", custom})
	root.AdditionalProperties = &jsFalse
	variantProperties(s, root, custom)
	// Required attributes, for the profile document (an update may leave them out: a merge
	// patch keeps what it does not name).
	if !o.Nullable {
		for _, f := range s.View(&profile.Profile{}, party).Fields {
			if !f.Required {
				continue
			}
			if name, ok := strings.CutPrefix(f.Path, "/custom_attributes/"); ok {
				custom.Required = append(custom.Required, name)
			} else {
				root.Required = append(root.Required, f.Name)
			}
		}
		if len(custom.Required) > 0 {
			root.Required = append(root.Required, "custom_attributes")
		}
	}
	return root
}

// tagPattern matches "#" and a language tag of BCP 47's shape (letters, then subtags of one
// to eight letters or digits, in any letter case). profilekit checks more: that the subtags
// are well-formed and, when the config limits them, the languages.
const tagPattern = "#[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"

// variantProperties adds, for each attribute the party can see that may carry
// language-tagged variants (OIDC Core §5.2), a pattern property "^family_name#…" with the
// attribute's own schema, to the object the variants sit in: the profile, the address or
// custom_attributes.
func variantProperties(s *profile.Schema, root, custom *jsNode) {
	find := func(props jsProps, name string) *jsNode {
		for _, p := range props {
			if p.name == name {
				return p.node
			}
		}
		return nil
	}
	for _, path := range s.Taggable() {
		obj, name := root, path
		if field, ok := strings.CutPrefix(path, "address/"); ok {
			obj, name = find(root.Properties, "address"), field
		} else if n, ok := strings.CutPrefix(path, "custom_attributes/"); ok {
			obj, name = custom, n
		}
		if obj == nil {
			continue // the address is hidden from the party
		}
		base := find(obj.Properties, name)
		if base == nil {
			continue // hidden from the party
		}
		v := *base
		v.Title = base.Title + " (language-tagged)"
		obj.PatternProperties = append(obj.PatternProperties, jsProp{"^" + regexp.QuoteMeta(name) + tagPattern, &v})
	}
}

// customNode fills the type-dependent members of a custom attribute's node. A multi-valued
// attribute is an array of at least one element (an empty list is sent as null, or left out),
// each element described as the single value would be. JSON Schema's uniqueItems compares the
// elements as sent; profilekit compares them normalized, so "+44 20 7946 0958" and
// "+442079460958" pass the schema and are then refused as a repeat.
func customNode(n *jsNode, a *customattr.Attribute, typ func(string) any, nullable bool, str stringChecks) {
	d := a.Definition()
	if d.Multiple {
		n.Type = typ("array")
		n.MinItems, n.MaxItems, n.UniqueItems = max(1, d.MinItems), d.MaxItems, d.UniqueItems
		if n.MaxItems == 0 {
			n.MaxItems = 1000 // customattr's bound on every list
		}
		n.Items = &jsNode{}
		n = n.Items
		typ = func(t string) any { return t } // an element is never null
		nullable = false
	}
	n.Type = typ("string")
	switch d.Type {
	case customattr.String:
		n.MinLength, n.MaxLength, n.Pattern = max(1, d.MinLength), d.MaxLength, d.Pattern
		if n.MaxLength == 0 {
			n.MaxLength = format.DefaultMaxLength // customattr's default; Config.MaxLength is for standard claims
		}
	case customattr.Number, customattr.Integer:
		n.Type = typ(string(d.Type))
		n.Minimum, n.Maximum = json.Number(d.Minimum), json.Number(d.Maximum) // "" when unset
	case customattr.Enum:
		opts := a.Options()
		n.OneOf = make([]jsConst, 0, len(opts)+1)
		for _, opt := range opts {
			n.OneOf = append(n.OneOf, jsConst{Const: opt.Value, Title: opt.Label})
		}
		if nullable {
			n.OneOf = append(n.OneOf, jsConst{Const: nil})
		}
	case customattr.PhoneNumber:
		n.MinLength = 1
		str.apply(n, claim.FormatPhone, false)
	case customattr.Email:
		n.MinLength = 1
		str.apply(n, claim.FormatEmail, false)
	case customattr.URL:
		n.MinLength = 1
		str.apply(n, claim.FormatURI, false)
	case customattr.CountryCode:
		n.MinLength = 1
		_, err := a.Check(customattr.StringValue(iso3166.Kosovo)) // AllowXK is not exported
		str.apply(n, claim.FormatCountryCode, err == nil)
	case customattr.Boolean:
		n.Type = typ("boolean")
	case customattr.Date:
		n.MinLength = 1
		str.apply(n, formatDate, false)
		switch lo, hi := d.Minimum, d.Maximum; {
		case lo != "" && hi != "":
			n.describe("From " + string(lo) + " to " + string(hi) + ".")
		case lo != "":
			n.describe("On or after " + string(lo) + ".")
		case hi != "":
			n.describe("On or before " + string(hi) + ".")
		}
	}
}

// stringChecks writes the keywords of a string checked by one of profilekit's formats, in
// the chosen style.
type stringChecks struct {
	style       FormatStyle
	phoneRegion string // Normalizer.PhoneRegion, shared by custom phone numbers
	imageScheme string // the picture's image reference scheme, in lower case
}

// apply sets the format, pattern, description and comment of n for profilekit's format f;
// withXK adds the user-assigned code XK to the country codes.
func (c stringChecks) apply(n *jsNode, f string, withXK bool) {
	var standard, pattern string
	switch f {
	case claim.FormatEmail:
		standard = "email"
	case claim.FormatURI:
		standard, pattern = "uri", "^"+httpURLPattern+"$"
	case claim.FormatPicture:
		standard = "uri"
		pattern = "^(?:" + httpURLPattern + "|" + caseless(c.imageScheme) + ":///" + unreserved + "+/" + unreserved + "+)$"
		n.describe("An http or https URL, or a reference " + c.imageScheme + ":///APP_ID/OBJECT_ID to an uploaded image.")
	case claim.FormatBirthdate:
		pattern = birthdatePattern
		n.describe("YYYY-MM-DD, 0000-MM-DD (year withheld) or YYYY (year only).")
	case claim.FormatTimezone:
		pattern = timezonePattern
		n.describe("An IANA time-zone name, such as Europe/Paris.")
	case claim.FormatLocale:
		pattern = localePattern
		n.describe("A BCP 47 language tag, such as en-US.")
	case claim.FormatPhone:
		if c.phoneRegion == "" {
			n.describe("A phone number in international format, such as +14155552671.")
		} else {
			n.describe("A phone number in international format (+14155552671) or, without +, as dialled in " + strings.ToUpper(c.phoneRegion) + ".")
		}
	case claim.FormatCountryCode:
		pattern = countryCodePattern(withXK)
		n.describe("An ISO 3166-1 alpha-2 country code, such as US.")
	case formatDate:
		standard, pattern = "date", datePattern
		n.describe("A date YYYY-MM-DD.")
	}
	if c.style == ProfilekitFormats {
		n.Format = f
		return
	}
	if c.style == StandardFormats {
		n.Format = standard
	}
	n.Pattern = pattern
	n.Comment = `profilekit format "` + f + `"`
}

// describe adds a sentence to n's description.
func (n *jsNode) describe(sentence string) {
	if n.Description != "" {
		n.Description += " "
	}
	n.Description += sentence
}

// The patterns of StandardFormats. Each uses only what the regular expressions of ECMA-262
// (Ajv, browsers), Python's re and Go's RE2 read alike: character classes, (?:) groups,
// bounded repetition, ^ and $; no look-around, no \d or \s (whose meaning differs), no
// flags. Each describes the trimmed value and accepts at least every value profilekit
// accepts (the tests check them against profilekit).
const (
	// birthdatePattern is the shape of a birthdate: YYYY-MM-DD or 0000-MM-DD with a month
	// 01-12 and a day 01-31, or a year 0001-9999 alone. Whether the day exists in that month
	// and year is for profilekit's check.
	birthdatePattern = "^(?:[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])" +
		"|[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})$"
	// datePattern is the shape of a full date: YYYY-MM-DD with a month 01-12 and a day 01-31.
	// Whether the day exists (and the year 0000, which profilekit refuses) is for the "date"
	// format and for profilekit's check.
	datePattern = "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
	// timezonePattern is the shape of an IANA tz name: ASCII letters, digits, "_", "+" and
	// "-" in "/"-separated parts, starting with a letter (Europe/Paris, Etc/GMT+5, EST5EDT).
	timezonePattern = "^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$"
	// localePattern is the shape of a BCP 47 tag as profilekit reads it: subtags of 1-8 ASCII
	// letters and digits separated by "-" or "_", the first of letters (en-US, zh_Hant_TW,
	// i-klingon).
	localePattern = "^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$"
)

// httpURLPattern (unanchored) is an http or https URL, scheme in any case, with a host and
// no user info: profilekit's URL rules refuse every other URL.
const httpURLPattern = "[Hh][Tt][Tt][Pp][Ss]?://[^/?#@]+(?:[/?#].*)?"

// unreserved is RFC 3986's unreserved characters, those of an image reference's segments.
const unreserved = "[A-Za-z0-9._~-]"

// caseless writes s (letters, digits, "+", "-", ".") as a pattern matching it in any case.
func caseless(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			b.WriteString("[" + string(r-'a'+'A') + string(r) + "]")
		case 'A' <= r && r <= 'Z':
			b.WriteString("[" + string(r) + string(r-'A'+'a') + "]")
		case r == '.' || r == '+':
			b.WriteString(`\` + string(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// countryCodePattern matches exactly the officially assigned ISO 3166-1 alpha-2 codes (and
// XK when withXK), in either case, grouped by first letter.
func countryCodePattern(withXK bool) string {
	codes := iso3166.Codes()
	if withXK {
		codes = append(codes, iso3166.Kosovo)
	}
	seconds := map[byte][]byte{}
	var firsts []byte
	for _, code := range codes {
		if _, ok := seconds[code[0]]; !ok {
			firsts = append(firsts, code[0])
		}
		seconds[code[0]] = append(seconds[code[0]], code[1])
	}
	var b strings.Builder
	b.WriteString("^(?:")
	for i, f := range firsts {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString("[" + string(f) + string(f+'a'-'A') + "][")
		for _, s := range seconds[f] {
			b.WriteString(string(s) + string(s+'a'-'A'))
		}
		b.WriteByte(']')
	}
	b.WriteString(")$")
	return b.String()
}
