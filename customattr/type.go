package customattr

import "strings"

// Type is the type of a custom attribute, spelled as in authgear.yaml.
type Type string

// The custom attribute types.
const (
	String      Type = "string"       // a non-empty single line of text, with optional length bounds and pattern
	Number      Type = "number"       // any finite JSON number, with optional inclusive bounds
	Integer     Type = "integer"      // a JSON number without fractional part, within int64, with optional bounds
	Enum        Type = "enum"         // one of a list of options (a dropdown), case-sensitive
	PhoneNumber Type = "phone_number" // a phone number, normalized to E.164 like the standard phone_number
	Email       Type = "email"        // an e-mail address, normalized like the standard email
	URL         Type = "url"          // an absolute http(s) URL, checked like the standard website
	CountryCode Type = "country_code" // an ISO 3166-1 alpha-2 code, normalized to upper case
	Boolean     Type = "boolean"      // JSON true or false (a checkbox in an HTML form)
	Date        Type = "date"         // a calendar date YYYY-MM-DD, with optional inclusive bounds
)

// types lists every type in a fixed order (the order used in error messages).
func types() []Type {
	return []Type{String, Number, Integer, Enum, PhoneNumber, Email, URL, CountryCode, Boolean, Date}
}

// valid reports whether t is one of the types above.
func (t Type) valid() bool {
	switch t {
	case String, Number, Integer, Enum, PhoneNumber, Email, URL, CountryCode, Boolean, Date:
		return true
	}
	return false
}

// isNumeric reports whether values of t are JSON numbers (number and integer).
func (t Type) isNumeric() bool { return t == Number || t == Integer }

func typeNames() []string {
	ts := types()
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}

var validTypesText = strings.Join(typeNames(), ", ")
