package customattr

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/profilekit/profilekit/validation"
)

// Bound is an inclusive bound of a definition ([Definition.Minimum], [Definition.Maximum]) as
// written in the config: a JSON number literal for a number or integer attribute ("0", "1e3";
// a JSON number in the config), a date YYYY-MM-DD for a date attribute ("2000-01-01"; a JSON
// string in the config). "" is no bound. [Compile] checks that a bound fits its attribute's
// type.
type Bound string

// MarshalJSON writes a bound that is a JSON number literal as that number and any other bound
// (a date) as a JSON string; "" (no bound) is written as null.
func (b Bound) MarshalJSON() ([]byte, error) {
	if b == "" {
		return []byte("null"), nil
	}
	if _, ok := parseDecimal(string(b)); ok {
		return []byte(b), nil
	}
	return json.Marshal(string(b))
}

// UnmarshalJSON reads a bound: a JSON number, kept exactly as written, or a JSON string that is
// not a number (a date). null leaves b as it is. A quoted number ("5") is a
// [*validation.Cause] of kind [validation.KindType] (write the number without quotes), as is
// any other JSON value; an empty string is kind [validation.KindMinLength] (leave the member
// out for no bound).
func (b *Bound) UnmarshalJSON(p []byte) error {
	p = bytes.TrimSpace(p)
	if len(p) == 0 {
		return typeCause("number or date", "nothing")
	}
	switch c := p[0]; {
	case c == 'n' && string(p) == "null":
		return nil
	case c == '-' || isDigit(c):
		if _, ok := parseDecimal(string(p)); !ok {
			return typeCause("number or date", "invalid")
		}
		*b = Bound(p)
		return nil
	case c == '"':
		var s string
		if err := json.Unmarshal(p, &s); err != nil {
			return err
		}
		if s == "" {
			return &validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{
				Expected: 1, Actual: 0, Message: "an empty bound; leave the member out for no bound",
			}}
		}
		if _, ok := parseDecimal(s); ok {
			return &validation.Cause{Kind: validation.KindType, Details: validation.Details{
				Expected: "number", Actual: "string",
				Message: "the bound " + strconv.Quote(s) + " is a quoted number; write a number bound without quotes",
			}}
		}
		*b = Bound(s)
		return nil
	case c == 't' || c == 'f':
		return typeCause("number or date", "boolean")
	case c == '{':
		return typeCause("number or date", "object")
	case c == '[':
		return typeCause("number or date", "array")
	}
	return typeCause("number or date", "invalid")
}
