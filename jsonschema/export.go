package jsonschema

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// Draft is the $schema of every exported document: JSON Schema 2020-12.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// The exported documents use the standard formats "email", "uri" and "date" and, for
// profilekit's own checks, the Details.Format names of its causes: stdattr.FormatPicture
// ("x_picture"), FormatBirthdate, FormatTimezone, FormatLocale ("bcp47"), FormatPhone and
// FormatCountryCode ("iso3166-1-alpha-2"). [Formats] gives a check for each.

// formatDate is JSON Schema 2020-12's "date" (an RFC 3339 full-date), the format of custom
// date attributes, which is also the Details.Format of their causes.
const formatDate = format.FormatDate

// Options tune [Export]. The zero value describes a profile document.
type Options struct {
	// ID, when not empty, becomes the document's "$id".
	ID string
	// Nullable lets every member be null as well (each attribute, each address sub-field and
	// custom_attributes itself), so the document describes an update rather than a profile:
	// in a merge patch null removes, in a Replace null means absent.
	Nullable bool
}

// Export exports s, as party sees it, as a JSON Schema 2020-12 document (indented JSON)
// describing a profile document: what Schema.View shows the party, and, with o.Nullable, the
// body of an update it sends. Use it to validate in a client, to generate a form, or to
// document an API. An invalid party is an error (kind enum). The document is an object with "additionalProperties":
// false and one property per attribute the party can read, in display order; hidden
// attributes are absent, so a document that names one is invalid.
//
//   - Standard string claims: "type": "string", "minLength": 1, and either "maxLength" (the
//     schema's text limit, for names, gender and the address sub-fields) or a named "format":
//     "email", "uri" (profile, website), and profilekit's own "x_picture", "birthdate",
//     "timezone", "bcp47", "phone" and, for address.country when the config asks for codes,
//     "iso3166-1-alpha-2". [Formats] gives a check for each name.
//   - address: an object with its six string sub-fields and "additionalProperties": false.
//   - Derived claims (email_verified and phone_number_verified: boolean; updated_at: integer)
//     when the party can read them, always "readOnly".
//   - custom_attributes: an object with one property per readable custom attribute: string
//     ("minLength", "maxLength", "pattern"), number or integer ("minimum", "maximum": the
//     configured literals, exactly), enum ("enum" plus a "oneOf" of {"const", "title"} with
//     the option labels), boolean ("type": "boolean"), date ("type": "string", "format":
//     "date", bounds in the "description"), or a string with a format ("phone", "email",
//     "uri", "iso3166-1-alpha-2").
//   - "readOnly": true on each attribute the party cannot write; "title" is the attribute's
//     display label; a write-once attribute the party may set says so in its "description".
//
// What JSON Schema cannot express, or the document does not, so that a validator of the
// document and profilekit disagree on some inputs:
//   - Normalization. profilekit trims surrounding white space, applies Unicode NFC and then
//     checks (" Jane" is valid, "  " is not; lengths count after normalization; " sales" is the
//     enum option "sales"). The document's minLength, maxLength, enum and pattern see the raw
//     value. The checks of Formats normalize first, like profilekit.
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
//     profilekit's dates start at 0001 (and Formats' "date" check says so).
//   - Patterns of custom strings are RE2 (Go) syntax, copied as they are; validators with
//     ECMA-262 regular expressions may read exotic constructs differently.
//   - Duplicate members, invalid UTF-8 and the size limits of profile.Limits.
func Export(s *profile.Schema, party access.Party, o Options) ([]byte, error) {
	if !party.Valid() {
		return nil, &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{"end_user", "bearer", "portal_ui", "admin_api"}, Actual: party.String(), Message: "unknown party"}}
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

// Formats returns a check for every format name the documents exported from s use, keyed
// by name, for registering with a JSON Schema validator (JSON Schema 2020-12 only annotates
// formats unless the validator is told to assert them). Each check is profilekit's own,
// configured like s (phone strictness and default region, supported languages, picture
// resolver): it accepts what normalizes to a valid value and returns the *validation.Cause
// otherwise. "email", "uri" and "date" replace a validator's generic checks, which accept,
// for example, "javascript:alert(1)" as a uri (and which do not trim a date, as profilekit
// does). The map is new; the checks are safe for concurrent
// use.
func Formats(s *profile.Schema) map[string]func(string) error {
	n := s.Normalizer() // a copy: the checks keep it alive and read it only
	check := func(a stdattr.Attr) func(string) error {
		return func(v string) error {
			_, err := n.Normalize(a, v)
			return err
		}
	}
	return map[string]func(string) error{
		string(stdattr.FormatEmail):     check(stdattr.AttrEmail),
		string(stdattr.FormatURI):       check(stdattr.AttrWebsite),
		string(stdattr.FormatPicture):   check(stdattr.AttrPicture),
		string(stdattr.FormatBirthdate): check(stdattr.AttrBirthdate),
		string(stdattr.FormatTimezone):  check(stdattr.AttrZoneinfo),
		string(stdattr.FormatLocale):    check(stdattr.AttrLocale),
		string(stdattr.FormatPhone):     check(stdattr.AttrPhoneNumber),
		string(stdattr.FormatCountryCode): func(v string) error {
			_, err := stdattr.NormalizeCountryCode(v)
			return err
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
	// Type is a string, or []string{t, "null"} when nullable.
	Type                 any         `json:"type,omitempty"`
	ReadOnly             bool        `json:"readOnly,omitempty"`
	Format               string      `json:"format,omitempty"`
	MinLength            int         `json:"minLength,omitempty"`
	MaxLength            int         `json:"maxLength,omitempty"`
	Pattern              string      `json:"pattern,omitempty"`
	Minimum              json.Number `json:"minimum,omitempty"`
	Maximum              json.Number `json:"maximum,omitempty"`
	Enum                 []any       `json:"enum,omitempty"`
	OneOf                []jsConst   `json:"oneOf,omitempty"`
	Properties           jsProps     `json:"properties,omitempty"`
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
		maxText = stdattr.DefaultMaxLength
	}
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
	for a := range stdattr.All() {
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
				f := &jsNode{Title: customattr.Label(field), Type: typ("string"), MinLength: 1, MaxLength: maxText}
				if field == "country" && std.AddressCountryCode {
					f.MaxLength, f.Format = 0, string(stdattr.FormatCountryCode)
				}
				n.Properties = append(n.Properties, jsProp{field, f})
			}
			n.AdditionalProperties = &jsFalse
		case a.Derived():
			n.Title = customattr.Label(a.String())
			n.ReadOnly = true
			n.Description = "Derived: it may be sent only with its actual value."
			if a == stdattr.AttrUpdatedAt {
				n.Type = typ("integer")
			} else {
				n.Type = typ("boolean")
			}
		default:
			n.Type, n.MinLength = typ("string"), 1
			switch f := a.Format(); f {
			case stdattr.FormatText:
				n.MaxLength = maxText
			default:
				n.Format = string(f) // email, uri, x_picture, birthdate, timezone, bcp47, phone
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
		customNode(n, ca, typ, o.Nullable)
		custom.Properties = append(custom.Properties, jsProp{ca.Name(), n})
	}
	root.Properties = append(root.Properties, jsProp{"custom_attributes", custom})
	root.AdditionalProperties = &jsFalse
	return root
}

// customNode fills the type-dependent members of a custom attribute's node.
func customNode(n *jsNode, a *customattr.Attribute, typ func(string) any, nullable bool) {
	n.Type = typ("string")
	d := a.Definition()
	switch d.Type {
	case customattr.String:
		n.MinLength, n.MaxLength, n.Pattern = max(1, d.MinLength), d.MaxLength, d.Pattern
		if n.MaxLength == 0 {
			n.MaxLength = stdattr.DefaultMaxLength // customattr's default; Config.MaxLength is for standard claims
		}
	case customattr.Number, customattr.Integer:
		n.Type = typ(string(d.Type))
		n.Minimum, n.Maximum = json.Number(d.Minimum), json.Number(d.Maximum) // "" when unset
	case customattr.Enum:
		opts := a.Options()
		n.Enum = make([]any, 0, len(opts)+1)
		n.OneOf = make([]jsConst, 0, len(opts)+1)
		for _, opt := range opts {
			n.Enum = append(n.Enum, opt.Value)
			n.OneOf = append(n.OneOf, jsConst{Const: opt.Value, Title: opt.Label})
		}
		if nullable {
			n.Enum = append(n.Enum, nil)
			n.OneOf = append(n.OneOf, jsConst{Const: nil})
		}
	case customattr.PhoneNumber:
		n.MinLength, n.Format = 1, string(stdattr.FormatPhone)
	case customattr.Email:
		n.MinLength, n.Format = 1, string(stdattr.FormatEmail)
	case customattr.URL:
		n.MinLength, n.Format = 1, string(stdattr.FormatURI)
	case customattr.CountryCode:
		n.MinLength, n.Format = 1, string(stdattr.FormatCountryCode)
	case customattr.Boolean:
		n.Type = typ("boolean")
	case customattr.Date:
		n.MinLength, n.Format = 1, formatDate
		var bounds string
		switch lo, hi := d.Minimum, d.Maximum; {
		case lo != "" && hi != "":
			bounds = "A date from " + string(lo) + " to " + string(hi) + "."
		case lo != "":
			bounds = "A date on or after " + string(lo) + "."
		case hi != "":
			bounds = "A date on or before " + string(hi) + "."
		}
		if bounds != "" {
			n.Description = strings.TrimSpace(bounds + " " + n.Description)
		}
	}
}
