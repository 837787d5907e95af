package message

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/profilekit/profilekit/internal/label"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// What a message takes, after the label: nothing, a number, or a list of values.
const (
	argsNone = iota + 1
	argsLabel
	argsLabelNumber
	argsLabelValues
	argsLabelDate // a date bound, "2000-01-01"
)

// spec lists every message id and its arguments. Catalog entries use them by position:
// %[1]s is the label, %[2]v the number or the list.
var spec = map[string]int{
	"type":                     argsLabel,
	"type/number":              argsLabel,
	"type/integer":             argsLabel,
	"type/string":              argsLabel,
	"type/boolean":             argsLabel,
	"minLength/empty":          argsLabel,
	"minLength":                argsLabelNumber,
	"maxLength":                argsLabelNumber,
	"minItems":                 argsLabelNumber,
	"maxItems":                 argsLabelNumber,
	"uniqueItems":              argsLabel,
	"minimum":                  argsLabelNumber,
	"maximum":                  argsLabelNumber,
	"minimum/date":             argsLabelDate,
	"maximum/date":             argsLabelDate,
	"enum":                     argsLabel,
	"enum/values":              argsLabelValues,
	"format":                   argsLabel,
	"format/birthdate":         argsLabel,
	"format/date":              argsLabel,
	"format/timezone":          argsLabel,
	"format/bcp47":             argsLabel,
	"format/phone":             argsLabel,
	"format/email":             argsLabel,
	"format/uri":               argsLabel,
	"format/x_picture":         argsLabel,
	"format/text":              argsLabel,
	"format/iso3166-1-alpha-2": argsLabel,
	"format/regex":             argsLabel,
	"format/hostname":          argsLabel,
	"pattern":                  argsLabel,
	"required":                 argsLabel,
	"const":                    argsLabel,
	"unknown":                  argsLabel,
	"reserved":                 argsLabel,
	"forbidden":                argsLabel,
	"forbidden/add":            argsLabel,
	"forbidden/change":         argsLabel,
	"forbidden/remove":         argsLabel,
	"forbidden/writeonce":      argsLabel,
	"unowned":                  argsLabel,
	"immutable":                argsLabel,
	"duplicated":               argsLabel,
	"limit":                    argsNone,
	"syntax":                   argsNone,
	"invalid":                  argsLabel,
}

// Catalog keys that are parts of sentences rather than messages.
const (
	keyLabel     = "label"          // the label as it reads in a sentence: %[1]s is the label
	keyLabelNone = "label/none"     // the words for a value with no label: "this field"
	keySuggest   = "suggest"        // appended to a sentence: %[1]s is the suggestion
	keySeparator = "list/separator" // between the values of a list
	labelPrefix  = "claim/"         // + a claim name or "address/" + a field: a label
	maxValues    = 10               // enum/values lists at most this many values…
	maxValueLen  = 32               // …of at most this many runes
	maxNameLen   = 64               // a custom attribute name gets its default label up to this
	keyUnknownID = "invalid"        // the id of a cause of no known kind
	addressPtr   = "/address/"      // the prefix of the pointer of an address field
	customPtr    = "/custom_attributes/"
)

// formats are the Details.Format values with a message of their own ("format/" + name).
var formats = map[string]bool{
	"birthdate": true, "date": true, "timezone": true, "bcp47": true, "phone": true, "email": true, "uri": true,
	"x_picture": true, "text": true, "iso3166-1-alpha-2": true, "regex": true, "hostname": true,
}

// idOf names the message of c: its kind, with the format or the situation when the sentence
// depends on it. A kind whose parameters are missing or unusable gets the plainer message of
// the kind ("enum" for a list too long to show) or "invalid".
func idOf(c *validation.Cause) string {
	d := &c.Details
	switch c.Kind {
	case validation.KindType:
		switch d.Expected {
		case "number", "integer", "string", "boolean":
			return "type/" + d.Expected.(string)
		}
		return "type"
	case validation.KindMinLength:
		n, ok := number(d.Expected)
		if !ok {
			return keyUnknownID
		}
		if a, _ := number(d.Actual); n == int64(1) && (d.Actual == nil || a == int64(0)) {
			return "minLength/empty"
		}
		return "minLength"
	case validation.KindMinimum, validation.KindMaximum:
		if isDate(d.Expected) {
			return string(c.Kind) + "/date"
		}
		if _, ok := number(d.Expected); !ok {
			return keyUnknownID
		}
		return string(c.Kind)
	case validation.KindMaxLength, validation.KindMinItems, validation.KindMaxItems:
		if _, ok := number(d.Expected); !ok {
			return keyUnknownID
		}
		return string(c.Kind)
	case validation.KindEnum:
		if _, ok := values(d.Expected); ok {
			return "enum/values"
		}
		return "enum"
	case validation.KindFormat:
		if formats[d.Format] {
			return "format/" + d.Format
		}
		return "format"
	case validation.KindForbidden:
		// A party whose level is readwrite is refused a change or a removal only because
		// the attribute is write-once (the refusal of access.Policy.Check says so).
		if d.Level == "readwrite" && (d.Operation == "change" || d.Operation == "remove") {
			return "forbidden/writeonce"
		}
		switch d.Operation {
		case "add", "change", "remove":
			return "forbidden/" + d.Operation
		}
		return "forbidden"
	case validation.KindPattern, validation.KindRequired, validation.KindConst, validation.KindUnknown,
		validation.KindReserved, validation.KindUnowned, validation.KindImmutable, validation.KindDuplicated,
		validation.KindLimit, validation.KindSyntax, validation.KindUniqueItems:
		return string(c.Kind)
	}
	return keyUnknownID
}

// isDate reports whether v is a date bound, "YYYY-MM-DD".
func isDate(v any) bool {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case customattr.Bound:
		s = string(x)
	default:
		return false
	}
	return len(s) == 10 && s[4] == '-' && s[7] == '-'
}

// number returns v as an int64 or a float64 for a localized sentence, and whether it is a
// finite number at all.
func number(v any) (any, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil, false
		}
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
		return x, true
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return i, true
		}
		return number(parseFloat(string(x)))
	}
	return nil, false
}

func parseFloat(s string) any {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil
	}
	return f
}

// values returns the allowed values of an enum cause when a sentence can list them: at most
// maxValues strings, each short and printable.
func values(v any) ([]string, bool) {
	var out []string
	switch x := v.(type) {
	case []string:
		out = x
	case []any:
		out = make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
	default:
		return nil, false
	}
	if len(out) == 0 || len(out) > maxValues {
		return nil, false
	}
	for _, s := range out {
		if !safeValue(s, maxValueLen) {
			return nil, false
		}
	}
	return out, true
}

// standardLabelKey returns the catalog key of the label of a standard claim ("/birthdate") or
// an address field ("/address/postal_code").
func standardLabelKey(ptr string) (string, bool) {
	if len(ptr) > len(addressPtr) && ptr[:len(addressPtr)] == addressPtr {
		field := ptr[len(addressPtr):]
		for _, f := range stdattr.AddressFields() {
			if f == field {
				return labelPrefix + "address/" + f, true
			}
		}
		return "", false
	}
	if len(ptr) < 2 || ptr[0] != '/' {
		return "", false
	}
	if i, ok := claim.Lookup(ptr[1:]); ok {
		return labelPrefix + claim.Table[i].Name, true
	}
	return "", false
}

// customLabel returns customattr's label of a custom attribute's name
// ("/custom_attributes/shoe_size" is "Shoe Size"), for a name that could be one: lower-case
// letters, digits and "_", starting with a letter. Anything else a client sent is no label.
func customLabel(ptr string) (string, bool) {
	if len(ptr) <= len(customPtr) || ptr[:len(customPtr)] != customPtr {
		return "", false
	}
	name := ptr[len(customPtr):]
	if len(name) > maxNameLen || name[0] < 'a' || name[0] > 'z' {
		return "", false
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		if (b < 'a' || b > 'z') && (b < '0' || b > '9') && b != '_' {
			return "", false
		}
	}
	return label.Of(name), true
}
