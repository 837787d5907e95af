package customattr

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/profilekit/profilekit/validation"
)

type valueKind uint8

const (
	kindNone valueKind = iota
	kindString
	kindNumber
)

// Value is one custom attribute value: a string or a JSON number. Numbers keep their JSON
// literal, so an integer beyond ±2^53 or a decimal such as 0.1 is exact; nothing is rounded
// until the caller converts the literal of [Value.Number] (json.Number has Float64 and
// Int64). The zero Value holds nothing (an absent value) and is never valid. [Value.Type]
// tells a string from a number. Values are small, comparable and safe to copy.
type Value struct {
	s    string
	kind valueKind
}

// StringValue returns a Value holding the string s, unchanged (checks normalize it).
func StringValue(s string) Value { return Value{s: s, kind: kindString} }

// IntValue returns a Value holding the integer i.
func IntValue(i int64) Value { return Value{s: strconv.FormatInt(i, 10), kind: kindNumber} }

// NumberValue returns a Value holding the JSON number literal lit, kept as written. A literal
// that does not follow the JSON number grammar ("+1", "0x10", "NaN", "1,000", " 1") is a
// [validation.KindType] cause; use [Attribute.ParseForm] for lenient form input.
func NumberValue(lit json.Number) (Value, error) {
	if _, ok := parseDecimal(string(lit)); !ok {
		return Value{}, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
			Expected: "number", Actual: "string",
			Message: "not a JSON number literal: " + strconv.Quote(string(lit)),
		}}
	}
	return Value{s: string(lit), kind: kindNumber}, nil
}

// IsZero reports whether v holds nothing (the zero Value).
func (v Value) IsZero() bool { return v.kind == kindNone }

// Text returns the string v holds; ok is false if v is not a string.
func (v Value) Text() (s string, ok bool) {
	if v.kind != kindString {
		return "", false
	}
	return v.s, true
}

// String formats v for people and logs (fmt.Stringer): its JSON form ("Jane", 38.5), or
// "absent" for the zero Value.
func (v Value) String() string {
	switch v.kind {
	case kindString:
		return strconv.Quote(v.s)
	case kindNumber:
		return v.s
	}
	return "absent"
}

// Number returns the JSON literal of the number v holds, exactly as stored; ok is false if v is
// not a number.
func (v Value) Number() (lit json.Number, ok bool) {
	if v.kind != kindNumber {
		return "", false
	}
	return json.Number(v.s), true
}

// Type names the JSON type of v: "string", "number", or "null" for the zero Value.
func (v Value) Type() string {
	switch v.kind {
	case kindString:
		return "string"
	case kindNumber:
		return "number"
	}
	return "null"
}

// MarshalJSON writes a string as a JSON string and a number as its literal. The zero Value is
// written as null.
func (v Value) MarshalJSON() ([]byte, error) {
	switch v.kind {
	case kindString:
		return json.Marshal(v.s)
	case kindNumber:
		if _, ok := parseDecimal(v.s); !ok {
			return nil, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
				Expected: "number", Actual: "string", Message: "not a JSON number literal: " + strconv.Quote(v.s),
			}}
		}
		return []byte(v.s), nil
	}
	return []byte("null"), nil
}

// UnmarshalJSON reads a JSON string or number. Any other JSON value (null, true, an object, an
// array) is a [*validation.Cause] of kind [validation.KindType] whose Details.Actual names the
// JSON type found: profilekit treats null as "absent" before a Value is made.
func (v *Value) UnmarshalJSON(p []byte) error {
	p = bytes.TrimSpace(p)
	if len(p) == 0 {
		return typeCause("string or number", "nothing")
	}
	switch c := p[0]; {
	case c == '"':
		var s string
		if err := json.Unmarshal(p, &s); err != nil {
			return err
		}
		*v = StringValue(s)
		return nil
	case c == '-' || isDigit(c):
		if _, ok := parseDecimal(string(p)); !ok {
			return typeCause("string or number", "invalid")
		}
		*v = Value{s: string(p), kind: kindNumber}
		return nil
	case c == 'n':
		return typeCause("string or number", "null")
	case c == 't' || c == 'f':
		return typeCause("string or number", "boolean")
	case c == '{':
		return typeCause("string or number", "object")
	case c == '[':
		return typeCause("string or number", "array")
	}
	return typeCause("string or number", "invalid")
}

func typeCause(expected, actual string) *validation.Cause {
	return (&validation.Cause{Kind: validation.KindType, Details: validation.Details{Expected: expected, Actual: actual}}).Explain()
}

// Equal reports whether v and w hold the same value: the same string, or numbers equal as
// exact decimals whatever their spelling (38, 38.0 and 3.8e1 are equal; no rounding through
// float64). A string never equals a number.
func (v Value) Equal(w Value) bool {
	if v == w {
		return true
	}
	if v.kind != kindNumber || w.kind != kindNumber {
		return false
	}
	a, ok1 := parseDecimal(v.s)
	b, ok2 := parseDecimal(w.s)
	return ok1 && ok2 && a.cmp(b) == 0
}
