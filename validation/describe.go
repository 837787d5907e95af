package validation

import (
	"encoding/json"
	"strconv"
	"strings"
)

// defaultMessage is the English developer message of a cause whose check gave none, made
// from its kind and details only (never from its location, which Cause.Error prints before
// it): "length 300 is above the maximum 255", `"xl" is not one of ["s", "m", "l"]`. It quotes
// at most MaxQuote runes of a string Details.Actual and at most maxListed elements of a list.
func defaultMessage(c *Cause) string {
	d := &c.Details
	switch c.Kind {
	case KindType:
		switch {
		case d.Expected != nil && d.Actual != nil:
			return "expected " + plain(d.Expected) + ", got " + plain(d.Actual)
		case d.Expected != nil:
			return "expected " + plain(d.Expected)
		case d.Actual != nil:
			return "wrong JSON type " + plain(d.Actual)
		}
		return "wrong JSON type"
	case KindMinLength:
		if isNumber(d.Expected, 1) && (d.Actual == nil || isNumber(d.Actual, 0)) {
			return "must not be empty"
		}
		return bound("length ", d.Actual, " is below the minimum ", "shorter than the minimum length", d.Expected)
	case KindMaxLength:
		return bound("length ", d.Actual, " is above the maximum ", "longer than the maximum length", d.Expected)
	case KindMinimum:
		return bound("", d.Actual, " is below the minimum ", "below the minimum", d.Expected)
	case KindMaximum:
		return bound("", d.Actual, " is above the maximum ", "above the maximum", d.Expected)
	case KindEnum:
		// `<quoted actual> is not one of the allowed values <quoted expected>`, written into
		// one buffer.
		var b strings.Builder
		b.Grow(64)
		if d.Actual != nil {
			writeText(&b, d.Actual, true)
			b.WriteString(" is ")
		}
		b.WriteString("not one of the allowed values")
		if d.Expected != nil {
			b.WriteByte(' ')
			writeText(&b, d.Expected, true)
		}
		return b.String()
	case KindFormat:
		if d.Format != "" {
			return "not a valid " + d.Format + " value"
		}
		return "not in the expected format"
	case KindPattern:
		if d.Expected != nil {
			return "does not match the pattern " + plain(d.Expected)
		}
		return "does not match the pattern"
	case KindRequired:
		if s, ok := d.Expected.(string); ok && s != "" {
			return cut(s) + " is required"
		}
		return "a required member is missing"
	case KindConst:
		if d.Expected != nil {
			return "may be sent only unchanged (" + quoted(d.Expected) + ")"
		}
		return "may be sent only unchanged"
	case KindUnknown:
		if d.Actual != nil {
			return quoted(d.Actual) + " is not a known member"
		}
		return "not a known member"
	case KindReserved:
		if d.Actual != nil {
			return quoted(d.Actual) + " is reserved"
		}
		return "a reserved name"
	case KindForbidden:
		if d.Party == "" {
			return "the change is not allowed"
		}
		op := d.Operation
		if op == "" {
			op = "change"
		}
		msg := cut(d.Party) + " may not " + cut(op) + " this attribute"
		if d.Level != "" {
			msg += " (its level is " + cut(d.Level) + ")"
		}
		return msg
	case KindUnowned:
		return "not one of the user's own identities"
	case KindImmutable:
		return "may not change once it is in use"
	case KindDuplicated:
		if d.Actual != nil {
			return quoted(d.Actual) + " appears more than once"
		}
		return "appears more than once"
	case KindLimit:
		if d.Expected != nil {
			return "over the limit of " + plain(d.Expected)
		}
		return "over a resource limit"
	case KindSyntax:
		return "not well-formed JSON"
	}
	return "invalid value"
}

// bound says "<prefix><actual><rel><limit>", or "<alone> <limit>" when actual is unknown.
func bound(prefix string, actual any, rel, alone string, limit any) string {
	switch {
	case actual != nil && limit != nil:
		return prefix + plain(actual) + rel + plain(limit)
	case limit != nil:
		return alone + " " + plain(limit)
	}
	return alone
}

// maxListed is how many elements of a list a default message shows.
const maxListed = 10

// plain writes a value as it reads in a sentence: strings and numbers as they are (a type
// name, a bound), a list in brackets.
func plain(v any) string { return text(v, false) }

// quoted writes a value as a Go literal would: strings quoted.
func quoted(v any) string { return text(v, true) }

func text(v any, quote bool) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case json.Number:
		return cut(string(x))
	case string:
		if quote {
			return quote1(cut(x))
		}
		return cut(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []string:
		// Written into one buffer: the same text as list of each element's text, in one
		// allocation (an enum cause lists its options).
		var b strings.Builder
		writeStrings(&b, x, quote)
		return b.String()
	case []any:
		parts := make([]string, 0, min(len(x), maxListed))
		for _, e := range x[:min(len(x), maxListed)] {
			parts = append(parts, text(e, quote))
		}
		return list(parts, len(x))
	case interface{ String() string }:
		return cut(x.String())
	}
	p, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return cut(string(p))
}

// writeText writes text(v, quote) into b: strings and lists of strings directly, any other
// value through text.
func writeText(b *strings.Builder, v any, quote bool) {
	switch x := v.(type) {
	case string:
		if quote {
			writeQuoted(b, cut(x))
		} else {
			b.WriteString(cut(x))
		}
	case []string:
		writeStrings(b, x, quote)
	default:
		b.WriteString(text(v, quote))
	}
}

// writeStrings writes text of the list x: "[" and its first maxListed elements' texts joined
// by ", ", then "… (n in all)" if there are more, and "]" (list's form).
func writeStrings(b *strings.Builder, x []string, quote bool) {
	b.WriteByte('[')
	for i, s := range x[:min(len(x), maxListed)] {
		if i > 0 {
			b.WriteString(", ")
		}
		if quote {
			writeQuoted(b, cut(s))
		} else {
			b.WriteString(cut(s))
		}
	}
	if len(x) > maxListed {
		b.WriteString(", … (")
		b.WriteString(strconv.Itoa(len(x)))
		b.WriteString(" in all)")
	}
	b.WriteByte(']')
}

// writeQuoted writes quote1(s) into b.
func writeQuoted(b *strings.Builder, s string) {
	if quotesAsIs(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	b.WriteString(strconv.Quote(s))
}

// quote1 is strconv.Quote, with a fast path for what it leaves as it is: printable ASCII
// without quotes and backslashes (TestQuoteAgrees).
func quote1(s string) string {
	if quotesAsIs(s) {
		return `"` + s + `"`
	}
	return strconv.Quote(s)
}

// quotesAsIs reports whether strconv.Quote writes s unchanged between its quotes: every byte
// is printable ASCII (0x20-0x7e) other than '"' and '\\'.
func quotesAsIs(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

func list(parts []string, n int) string {
	if n > len(parts) {
		parts = append(parts, "… ("+strconv.Itoa(n)+" in all)")
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// cut shortens s to MaxQuote runes, marking a cut with "…".
func cut(s string) string {
	if len(s) <= MaxQuote {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxQuote {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// isNumber reports whether v is a number equal to n.
func isNumber(v any, n int) bool {
	switch x := v.(type) {
	case int:
		return x == n
	case int64:
		return x == int64(n)
	case float64:
		return x == float64(n)
	case json.Number:
		return string(x) == strconv.Itoa(n)
	}
	return false
}
