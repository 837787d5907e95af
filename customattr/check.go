package customattr

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/internal/iso3166"
	"github.com/profilekit/profilekit/internal/phone"
	"github.com/profilekit/profilekit/validation"
)

// Check validates v against the attribute and returns the normalized value, or a cause with an
// empty location (attach the pointer with Cause.Under). Values are never coerced between JSON
// types: the string "5" is not a number (kind "type", Details.Expected the attribute's type,
// Details.Actual "string").
//
//   - number: any JSON number within the float64 range, kept exactly as written; bounds are
//     inclusive and compared exactly ("minimum"/"maximum" with Details.Expected the bound).
//   - integer: a number without fractional part ("3.0" and "1e2" are integers, "3.5" is kind
//     "type" with Actual "number"), within int64 (else "maximum"/"minimum" with the int64
//     limit), normalized to plain digits ("3.0" becomes 3, "1e2" becomes 100).
//   - string: the shared text normalization (NFC, surrounding white space trimmed, control
//     characters rejected, non-empty: an empty value is "minLength" {1, 0}), then length in
//     code points ("minLength"/"maxLength") and the pattern ("pattern" with Details.Expected the
//     pattern).
//   - enum: trimmed, then exactly one of the options, case-sensitive ("enum" with
//     Details.Expected the options).
//   - phone_number, email, url: the same checks and normalization as the standard phone_number,
//     email and website attributes ("format").
//   - country_code: trimmed and upper-cased ("us" becomes "US"), then an ISO 3166-1 alpha-2
//     code ("UK", "USA", "XX" are "format" errors).
//   - boolean: JSON true or false, kept as is; nothing else is a boolean (the string "true" is
//     kind "type" with Details.Expected "boolean"), and a boolean for any other type is kind
//     "type" with Details.Actual "boolean".
//   - date: trimmed, then a full date YYYY-MM-DD with a year from 0001 to 9999 and a real
//     calendar day, checked as the standard birthdate's full form (2020-02-29 is a date,
//     1900-02-29 and 2021-04-31 are "format" errors with Details.Format "date"); bounds are
//     inclusive ("minimum"/"maximum" with Details.Expected the bound, a string).
//
// The error is a *validation.Cause (reach it with errors.As), with an empty location.
func (a *Attribute) Check(v Value) (Value, error) {
	out, c := a.check(v)
	if c != nil {
		return Value{}, c
	}
	return out, nil
}

// check is Check with the typed cause.
func (a *Attribute) check(v Value) (Value, *validation.Cause) {
	if a.def.Multiple {
		return a.checkList(v)
	}
	if v.kind == kindList {
		return Value{}, wrongType(a.def.Type, v)
	}
	return a.checkOne(v)
}

// checkList checks a multi-valued attribute's list: the count, each element as a single value
// (a cause located at the element, "/2"), and uniqueness. It returns the normalized list.
func (a *Attribute) checkList(v Value) (Value, *validation.Cause) {
	elems, ok := v.List()
	if !ok {
		return Value{}, (&validation.Cause{Kind: validation.KindType, Details: validation.Details{
			Expected: "array", Actual: v.jsonType()}}).Explain()
	}
	n := len(elems)
	switch {
	case n < max(a.def.MinItems, 1):
		return Value{}, (&validation.Cause{Kind: validation.KindMinItems, Details: validation.Details{
			Expected: max(a.def.MinItems, 1), Actual: n}}).Explain()
	case n > a.maxItems():
		return Value{}, (&validation.Cause{Kind: validation.KindMaxItems, Details: validation.Details{
			Expected: a.maxItems(), Actual: n}}).Explain()
	}
	out := make([]Value, n)
	var seen map[string]int // uniqueKey → position, when elements must be unique
	if a.def.UniqueItems {
		seen = make(map[string]int, n)
	}
	for i, e := range elems {
		nv, c := a.checkOne(e)
		if c != nil {
			return Value{}, c.Under("/" + strconv.Itoa(i))
		}
		out[i] = nv
		if seen != nil {
			k := uniqueKey(nv)
			if j, dup := seen[k]; dup {
				return Value{}, (&validation.Cause{Location: "/" + strconv.Itoa(i), Kind: validation.KindUniqueItems, Details: validation.Details{
					Actual: nv.String(), Message: "the element is also at position " + strconv.Itoa(j)}}).Explain()
			}
			seen[k] = i
		}
	}
	return ListValue(out...), nil
}

// uniqueKey is a key that two elements share exactly when they are Equal: a number by its
// exact decimal value (1, 1.0 and 1e0 share one), any other value by its kind and text. It
// makes the uniqueness check linear where comparing every pair would be quadratic.
func uniqueKey(v Value) string {
	if v.kind == kindNumber {
		if d, ok := parseDecimal(v.s); ok {
			sign := "+"
			if d.neg {
				sign = "-"
			}
			return "n" + sign + d.a + d.b + "e" + strconv.FormatInt(d.exp, 10)
		}
	}
	return string(rune('a'+v.kind)) + v.s
}

// maxItems is the largest count a multi-valued attribute takes.
func (a *Attribute) maxItems() int {
	if a.def.MaxItems > 0 {
		return a.def.MaxItems
	}
	return maxListItems
}

// checkOne checks a single value (an element of a list, or the value of a single-valued
// attribute).
func (a *Attribute) checkOne(v Value) (Value, *validation.Cause) {
	switch a.def.Type {
	case Number, Integer:
		if v.kind != kindNumber {
			return Value{}, wrongType(a.def.Type, v)
		}
		d, ok := parseDecimal(v.s)
		if !ok {
			return Value{}, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
				Expected: string(a.def.Type), Actual: "string", Message: "not a JSON number literal: " + strconv.Quote(v.s),
			}}
		}
		return a.checkNumber(v.s, d)
	case Boolean:
		if v.kind != kindBool {
			return Value{}, wrongType(a.def.Type, v)
		}
		return v, nil
	}
	if v.kind != kindString {
		return Value{}, wrongType(a.def.Type, v)
	}
	switch a.def.Type {
	case String:
		maxLen := a.def.MaxLength
		if maxLen == 0 {
			maxLen = format.DefaultMaxLength
		}
		s, c := format.Text(v.s, format.TextOptions{MaxLength: maxLen})
		if c != nil {
			return Value{}, c
		}
		if a.def.MinLength > 1 || a.def.MaxLength > 0 {
			n := utf8.RuneCountInString(s)
			if n < a.def.MinLength {
				return Value{}, (&validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: a.def.MinLength, Actual: n}}).Explain()
			}
			if a.def.MaxLength > 0 && n > a.def.MaxLength {
				return Value{}, (&validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{Expected: a.def.MaxLength, Actual: n}}).Explain()
			}
		}
		if a.re != nil && !a.matchPattern(s) {
			return Value{}, &validation.Cause{Kind: validation.KindPattern, Details: validation.Details{
				Expected: a.def.Pattern, Actual: s, Message: "does not match the pattern " + a.def.Pattern,
			}}
		}
		return StringValue(s), nil
	case Enum:
		s, c := format.Text(v.s, format.TextOptions{})
		if c != nil {
			return Value{}, c
		}
		if _, ok := a.enumSet[s]; !ok {
			opts := make([]string, len(a.options))
			for i, o := range a.options {
				opts[i] = o.Value
			}
			return Value{}, (&validation.Cause{Kind: validation.KindEnum, Details: validation.Details{Expected: opts, Actual: s}}).Explain()
		}
		return StringValue(s), nil
	case PhoneNumber:
		s, c := phone.Normalize(v.s, a.phone)
		if c != nil {
			return Value{}, c.Explain() // phone's length causes carry no message of their own
		}
		return StringValue(s), nil
	case Email:
		s, c := format.Email(v.s)
		if c != nil {
			return Value{}, c
		}
		return StringValue(s), nil
	case URL:
		s, c := format.URL(v.s)
		if c != nil {
			return Value{}, c
		}
		return StringValue(s), nil
	case CountryCode:
		s, c := iso3166.Normalize(strings.TrimSpace(v.s), a.allowXK)
		if c != nil {
			return Value{}, c
		}
		return StringValue(s), nil
	case Date:
		s, c := format.Date(v.s)
		if c != nil {
			return Value{}, c
		}
		if a.minDate != "" && s < a.minDate {
			return Value{}, (&validation.Cause{Kind: validation.KindMinimum, Details: validation.Details{Expected: a.minDate, Actual: s}}).Explain()
		}
		if a.maxDate != "" && s > a.maxDate {
			return Value{}, (&validation.Cause{Kind: validation.KindMaximum, Details: validation.Details{Expected: a.maxDate, Actual: s}}).Explain()
		}
		return StringValue(s), nil
	}
	// Unreachable for a compiled attribute.
	return Value{}, &validation.Cause{Kind: validation.KindType, Details: validation.Details{Actual: string(a.def.Type), Message: "unknown attribute type"}}
}

func wrongType(t Type, v Value) *validation.Cause {
	expected := string(t)
	if !t.isNumeric() && t != Boolean {
		expected = "string"
	}
	return (&validation.Cause{Kind: validation.KindType, Details: validation.Details{Expected: expected, Actual: v.jsonType()}}).Explain()
}

// checkNumber checks the parsed literal lit of a number or integer value.
func (a *Attribute) checkNumber(lit string, d decimal) (Value, *validation.Cause) {
	out := Value{s: lit, kind: kindNumber}
	if a.def.Type == Integer {
		i, over, ok := d.int64()
		if !ok {
			return Value{}, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
				Expected: "integer", Actual: "number", Message: lit + " has a fractional part",
			}}
		}
		if over != 0 {
			return Value{}, rangeCause(over, true, json.Number(lit))
		}
		if !isCanonicalInt(lit) {
			out.s = strconv.FormatInt(i, 10)
		}
	} else if over := floatRange(d); over != 0 {
		return Value{}, rangeCause(over, false, json.Number(lit))
	}
	if a.min.set && d.cmp(&a.min.dec) < 0 {
		return Value{}, (&validation.Cause{Kind: validation.KindMinimum, Details: validation.Details{Expected: a.min.expected, Actual: json.Number(out.s)}}).Explain()
	}
	if a.max.set && d.cmp(&a.max.dec) > 0 {
		return Value{}, (&validation.Cause{Kind: validation.KindMaximum, Details: validation.Details{Expected: a.max.expected, Actual: json.Number(out.s)}}).Explain()
	}
	return out, nil
}

// isCanonicalInt reports whether lit is an integer literal in plain digits ("-0" is not).
func isCanonicalInt(lit string) bool {
	for i := 0; i < len(lit); i++ {
		if !isDigit(lit[i]) && !(i == 0 && lit[i] == '-') {
			return false
		}
	}
	return lit != "-0"
}

// ParseForm parses raw, a string posted by an HTML form, by the attribute's type, then checks
// it with [Attribute.Check]. Surrounding white space is trimmed. For number and integer, the
// rest must follow the JSON number grammar with an optional leading "+" ("+5", "1e3", "-0.5"):
// hex ("0x10"), "NaN", "Inf", "1,000", "05" and "" are kind "type" (Expected the attribute's
// type, Actual "string"); an integer accepts "3.0" as 3; a value outside int64 is "maximum" or
// "minimum". A boolean has checkbox semantics: "on" (what a checked box without a value
// attribute posts) and "true" are true, "off" and "false" are false, in any letter case;
// anything else ("1", "yes") is kind "type" (Expected "boolean", Actual "string"). Every other
// type keeps the string as is for Check (a date as <input type="date"> posts it, YYYY-MM-DD). An empty or blank raw is
// reported as "minLength" {1, 0}: if a form's empty field means "remove the value", the caller
// decides that before calling ParseForm. A multi-valued attribute takes one element a line
// (a <textarea>), blank lines skipped, each parsed as above; a cause about an element is
// located at it ("/1", counting the non-blank lines). The error is a *validation.Cause, as
// for Check.
func (a *Attribute) ParseForm(raw string) (Value, error) {
	out, c := a.parseForm(raw)
	if c != nil {
		return Value{}, c
	}
	return out, nil
}

func (a *Attribute) parseForm(raw string) (Value, *validation.Cause) {
	if a.def.Multiple { // one element a line (a <textarea>); blank lines are skipped
		var elems []Value
		for line := range strings.Lines(raw) {
			if strings.TrimFunc(line, unicode.IsSpace) == "" {
				continue
			}
			if len(elems) == maxListItems {
				return Value{}, (&validation.Cause{Kind: validation.KindMaxItems, Details: validation.Details{
					Expected: a.maxItems(), Actual: strings.Count(raw, "\n") + 1, Message: "counted in lines"}}).Explain()
			}
			e, c := a.parseOne(strings.TrimRight(line, "\r\n"))
			if c != nil {
				return Value{}, c.Under("/" + strconv.Itoa(len(elems)))
			}
			elems = append(elems, e)
		}
		return a.checkList(ListValue(elems...))
	}
	return a.parseOne(raw)
}

// parseOne parses one form value of the attribute's type, as a single value.
func (a *Attribute) parseOne(raw string) (Value, *validation.Cause) {
	if a.def.Type != Boolean && !a.def.Type.isNumeric() {
		return a.checkOne(StringValue(raw))
	}
	s := strings.TrimFunc(raw, unicode.IsSpace)
	if s == "" {
		return Value{}, (&validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}).Explain()
	}
	if a.def.Type == Boolean {
		switch {
		case strings.EqualFold(s, "on") || strings.EqualFold(s, "true"):
			return BoolValue(true), nil
		case strings.EqualFold(s, "off") || strings.EqualFold(s, "false"):
			return BoolValue(false), nil
		}
		return Value{}, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
			Expected: "boolean", Actual: "string", Message: "not a checkbox value (on, true, off or false): " + strconv.Quote(s),
		}}
	}
	lit := s
	if lit[0] == '+' {
		lit = lit[1:]
	}
	d, ok := parseDecimal(lit)
	if !ok || (lit != s && lit != "" && lit[0] == '-') {
		return Value{}, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
			Expected: string(a.def.Type), Actual: "string", Message: "not a decimal number: " + strconv.Quote(s),
		}}
	}
	return a.checkNumber(lit, d)
}

// matchPattern is a.re.MatchString(s), by the fixed form of the pattern when it has one.
func (a *Attribute) matchPattern(s string) bool {
	if a.isFixed {
		return a.fixed.match(s)
	}
	return a.re.MatchString(s)
}
