package customattr

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/profilekit/profilekit/internal/jsonscan"
	"github.com/profilekit/profilekit/validation"
)

type valueKind uint8

const (
	kindNone valueKind = iota
	kindString
	kindNumber
	kindBool // s is "true" or "false"
	kindList // s is the JSON array of the elements, compact
)

// Value is one custom attribute value: a string, a JSON number or a boolean. Numbers keep their
// JSON literal, so an integer beyond ±2^53 or a decimal such as 0.1 is exact; nothing is
// rounded until the caller converts the literal of [Value.Number] (json.Number has Float64 and
// Int64). Dates are strings ("2020-02-29"). The zero Value holds nothing (an absent value) and
// is never valid. [Value.Text], [Value.Number], [Value.Bool] and [Value.List] each report
// whether v holds that kind of value. Values are small, comparable (== is [Value.Equal] for
// strings and booleans) and safe to copy.
type Value struct {
	s    string
	kind valueKind
}

// StringValue returns a Value holding the string s, unchanged (checks normalize it).
func StringValue(s string) Value { return Value{s: s, kind: kindString} }

// BoolValue returns a Value holding the boolean b.
func BoolValue(b bool) Value {
	if b {
		return Value{s: "true", kind: kindBool}
	}
	return Value{s: "false", kind: kindBool}
}

// ListValue returns a Value holding the elements in order: the value of a multi-valued
// attribute. An element that is itself a list or absent is left out (a list holds scalars
// only; Check then counts what is left). The list is kept as its JSON text, so a list Value
// is comparable like the others; a string element that is not valid UTF-8 is written with
// U+FFFD in place of the bad bytes, as encoding/json writes it.
func ListValue(elems ...Value) Value {
	b := []byte{'['}
	for _, e := range elems {
		if e.kind == kindNone || e.kind == kindList {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		j, _ := e.MarshalJSON() // cannot fail: every string, number and boolean Value marshals
		b = append(b, j...)
	}
	return Value{s: string(append(b, ']')), kind: kindList}
}

// List returns the elements of a list Value; ok is false if v is not a list.
func (v Value) List() (elems []Value, ok bool) {
	if v.kind != kindList {
		return nil, false
	}
	// v.s is canonical JSON written by ListValue: strings, numbers and booleans. The scanner
	// reads it without reflection (encoding/json made a 50-element check five times slower).
	sc := jsonscan.New(v.s)
	if sc.BeginArray() != nil {
		return nil, true
	}
	for {
		more, err := sc.NextElem()
		if err != nil || !more {
			return elems, true
		}
		switch sc.Peek() {
		case jsonscan.String:
			s, err := sc.String()
			if err != nil {
				return elems, true
			}
			elems = append(elems, StringValue(s))
		case jsonscan.Number:
			lit, err := sc.Number()
			if err != nil {
				return elems, true
			}
			elems = append(elems, Value{s: lit, kind: kindNumber})
		case jsonscan.Bool:
			b, err := sc.Bool()
			if err != nil {
				return elems, true
			}
			elems = append(elems, BoolValue(b))
		default:
			return elems, true
		}
	}
}

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

// Bool returns the boolean v holds; ok is false if v is not a boolean.
func (v Value) Bool() (b, ok bool) {
	if v.kind != kindBool {
		return false, false
	}
	return v.s == "true", true
}

// String formats v for people and logs (fmt.Stringer): its JSON form ("Jane", 38.5, true),
// or "absent" for the zero Value.
func (v Value) String() string {
	switch v.kind {
	case kindString:
		return strconv.Quote(v.s)
	case kindNumber, kindBool, kindList:
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

// jsonType names the JSON type of v: "string", "number", "boolean", "array", or "null" for
// the zero Value.
func (v Value) jsonType() string {
	switch v.kind {
	case kindString:
		return "string"
	case kindNumber:
		return "number"
	case kindBool:
		return "boolean"
	case kindList:
		return "array"
	}
	return "null"
}

// MarshalJSON writes a string as a JSON string, a number as its literal and a boolean as true
// or false. The zero Value is written as null.
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
	case kindBool, kindList:
		return []byte(v.s), nil
	}
	return []byte("null"), nil
}

// UnmarshalJSON reads a JSON string, number or boolean, or an array of them (a list). Any other
// JSON value (null, an object, nested arrays) is a [*validation.Cause] of kind [validation.KindType] whose Details.Actual names
// the JSON type found: profilekit treats null as "absent" before a Value is made.
func (v *Value) UnmarshalJSON(p []byte) error {
	const want = "string, number or boolean"
	p = bytes.TrimSpace(p)
	if len(p) == 0 {
		return typeCause(want, "nothing")
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
			return typeCause(want, "invalid")
		}
		*v = Value{s: string(p), kind: kindNumber}
		return nil
	case c == 't' || c == 'f':
		switch string(p) {
		case "true":
			*v = BoolValue(true)
			return nil
		case "false":
			*v = BoolValue(false)
			return nil
		}
		return typeCause(want, "invalid")
	case c == 'n':
		return typeCause(want, "null")
	case c == '{':
		return typeCause(want, "object")
	case c == '[':
		var raws []json.RawMessage
		if err := json.Unmarshal(p, &raws); err != nil {
			return typeCause(want, "invalid")
		}
		elems := make([]Value, len(raws))
		for i, r := range raws {
			if err := elems[i].UnmarshalJSON(r); err != nil || elems[i].kind == kindList {
				return typeCause(want, "array of arrays")
			}
		}
		*v = ListValue(elems...)
		return nil
	}
	return typeCause(want, "invalid")
}

func typeCause(expected, actual string) *validation.Cause {
	return (&validation.Cause{Kind: validation.KindType, Details: validation.Details{Expected: expected, Actual: actual}}).Explain()
}

// Equal reports whether v and w hold the same value: the same string, or numbers equal as
// exact decimals whatever their spelling (38, 38.0 and 3.8e1 are equal; no rounding through
// float64), or the same boolean, or lists equal element by element in order. Values of different JSON types are never equal (the string
// "true" is not true, "5" is not 5).
func (v Value) Equal(w Value) bool {
	if v == w {
		return true
	}
	if v.kind == kindList && w.kind == kindList { // element by element
		a, _ := v.List()
		b, _ := w.List()
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if !a[i].Equal(b[i]) {
				return false
			}
		}
		return true
	}
	if v.kind != kindNumber || w.kind != kindNumber {
		return false
	}
	a, ok1 := parseDecimal(v.s)
	b, ok2 := parseDecimal(w.s)
	return ok1 && ok2 && a.cmp(&b) == 0
}
