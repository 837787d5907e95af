package validation

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// textListRef is text of a []string as list of its elements' texts: the form text writes into
// one buffer.
func textListRef(x []string, quote bool) string {
	parts := make([]string, 0, min(len(x), maxListed))
	for _, s := range x[:min(len(x), maxListed)] {
		parts = append(parts, text(s, quote))
	}
	return list(parts, len(x))
}

func TestTextStringListAgrees(t *testing.T) {
	long := strings.Repeat("é", MaxQuote+3)
	elems := []string{"", "s", "engineering", `a"b`, `back\slash`, "tab\t", "\x00", "日本", "\xff", long, "…"}
	for n := 0; n <= 2*maxListed+1; n++ {
		x := make([]string, n)
		for i := range x {
			x[i] = elems[(i*7+n)%len(elems)]
		}
		for _, quote := range []bool{false, true} {
			if got, want := text(x, quote), textListRef(x, quote); got != want {
				t.Fatalf("text(%q, %v) = %q, want %q", x, quote, got, want)
			}
		}
	}
}

func FuzzTextStringListAgrees(f *testing.F) {
	f.Add("a", "b\"", "\xff", uint8(3), true)
	f.Fuzz(func(t *testing.T, a, b, c string, n uint8, quote bool) {
		x := make([]string, int(n)%(2*maxListed+2))
		for i := range x {
			x[i] = []string{a, b, c}[i%3]
		}
		if got, want := text(x, quote), textListRef(x, quote); got != want {
			t.Fatalf("text(%q, %v) = %q, want %q", x, quote, got, want)
		}
	})
}

// TestQuoteAgrees holds quote1 and writeQuoted to strconv: every single byte and rune class,
// and mixtures.
func TestQuoteAgrees(t *testing.T) {
	var samples []string
	for i := 0; i < 256; i++ {
		samples = append(samples, string([]byte{byte(i)}), "a"+string([]byte{byte(i)})+"b")
	}
	samples = append(samples, "", "engineering", "Jane Q. Doe", "日本", "é", "\u00a0", "\u2028", "\U0001F600", "\xed\xa0\x80", "a\"b", `a\b`)
	for _, s := range samples {
		agreeQuote(t, s)
	}
}

func FuzzQuoteAgrees(f *testing.F) {
	f.Add("marketing")
	f.Add("\x7f\"\\\xff")
	f.Fuzz(agreeQuote)
}

func agreeQuote(t *testing.T, s string) {
	want := strconv.Quote(s)
	if got := quote1(s); got != want {
		t.Fatalf("quote1(%q) = %s, want %s", s, got, want)
	}
	var b strings.Builder
	b.WriteString("x")
	if writeQuoted(&b, s); b.String() != "x"+want {
		t.Fatalf("writeQuoted(%q) = %s, want x%s", s, b.String(), want)
	}
}

// enumMessageRef is the enum default message as it was composed from text's results.
func enumMessageRef(d *Details) string {
	msg := "not one of the allowed values"
	if d.Actual != nil {
		msg = quoted(d.Actual) + " is " + msg
	}
	if d.Expected != nil {
		msg += " " + quoted(d.Expected)
	}
	return msg
}

func TestEnumMessageAgrees(t *testing.T) {
	long := strings.Repeat("x", MaxQuote+5)
	values := []any{nil, "", "marketing", `a"b`, "日本", "\xff", long, json.Number("12"), 3, true, 1.5,
		[]string{}, []string{"engineering", "sales", "support"}, []string{`q"`, long}, make([]string, 2*maxListed),
		[]any{"a", 1, nil}, map[string]int{"a": 1}}
	for _, a := range values {
		for _, e := range values {
			c := &Cause{Kind: KindEnum, Details: Details{Actual: a, Expected: e}}
			if got, want := defaultMessage(c), enumMessageRef(&c.Details); got != want {
				t.Fatalf("enum message for %#v, %#v = %q, want %q", a, e, got, want)
			}
		}
	}
}
