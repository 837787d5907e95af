package validation

import (
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
