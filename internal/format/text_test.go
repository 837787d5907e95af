package format

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestText(t *testing.T) {
	one := TextOptions{}
	multi := TextOptions{Multiline: true}
	tests := []struct {
		name string
		in   string
		o    TextOptions
		want string
	}{
		{"ascii", "Ann Smith", one, "Ann Smith"},
		{"trim ascii", "  Ann  ", one, "Ann"},
		{"trim tabs and newlines", "\t\nAnn\r\n ", one, "Ann"},
		{"trim nbsp", "\u00a0Ann\u00a0", one, "Ann"},
		{"trim ideographic space", "\u3000山田\u3000", one, "山田"},
		{"trim line separator", "\u2028Ann\u2029", one, "Ann"},
		{"trim NEL", "\u0085Ann", one, "Ann"},
		{"inner spaces kept", "Ann  Smith", one, "Ann  Smith"},
		{"inner nbsp kept", "Ann\u00a0Smith", one, "Ann\u00a0Smith"},
		{"NFD to NFC", "Jose\u0301", one, "José"},
		{"NFC kept", "José", one, "José"},
		{"hangul jamo composed", "\u1100\u1161\u11a8", one, "\uac01"},
		{"angstrom sign to A ring", "\u212b", one, "\u00c5"},
		{"compat not folded", "ﬁ", one, "ﬁ"},
		{"ZWJ emoji kept", "👩\u200d💻", one, "👩\u200d💻"},
		{"ZWNJ persian kept", "می\u200cخواهم", one, "می\u200cخواهم"},
		{"LRM kept", "abc\u200e", one, "abc\u200e"},
		{"flag tags kept", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", one, "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"},
		{"soft hyphen kept", "Donau\u00addampf", one, "Donau\u00addampf"},
		{"multiline", "1 Main St\nApt 2", multi, "1 Main St\nApt 2"},
		{"multiline crlf", "1 Main St\r\nApt 2\r\n", multi, "1 Main St\nApt 2"},
		{"multiline trims lines around", "\n\nA\n\nB\n\n", multi, "A\n\nB"},
		{"max length exact", strings.Repeat("é", 5), TextOptions{MaxLength: 5}, strings.Repeat("é", 5)},
		{"max after NFC", strings.Repeat("e\u0301", 5), TextOptions{MaxLength: 5}, strings.Repeat("é", 5)},
		{"max after trim", "  abc  ", TextOptions{MaxLength: 3}, "abc"},
		{"crlf counts once", "a\r\nb", TextOptions{Multiline: true, MaxLength: 3}, "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, c := Text(tt.in, tt.o)
			require.Nil(t, c)
			assert.Equal(t, tt.want, got)
			again, c := Text(got, tt.o)
			require.Nil(t, c, "output re-validates")
			assert.Equal(t, got, again, "idempotent")
		})
	}
}

func TestTextErrors(t *testing.T) {
	one := TextOptions{}
	multi := TextOptions{Multiline: true}
	tests := []struct {
		name string
		in   string
		o    TextOptions
		kind validation.Kind
		msg  string // substring of Details.Message
	}{
		{"empty", "", one, validation.KindMinLength, ""},
		{"spaces", "   ", one, validation.KindMinLength, ""},
		{"nbsp only", "\u00a0\u3000\t\n", multi, validation.KindMinLength, ""},
		{"invalid utf8", "ab\xffc", one, validation.KindFormat, "invalid UTF-8 at byte offset 2"},
		{"encoded surrogate", "a\xed\xa0\x80", one, validation.KindFormat, "invalid UTF-8 at byte offset 1"},
		{"nul", "a\x00b", one, validation.KindFormat, "U+0000 (NULL) at rune offset 1"},
		{"tab inside", "a\tb", one, validation.KindFormat, "U+0009 (TAB) at rune offset 1"},
		{"tab inside multiline", "a\tb", multi, validation.KindFormat, "U+0009 (TAB)"},
		{"escape", "a\x1b[31m", one, validation.KindFormat, "U+001B (ESCAPE)"},
		{"delete", "a\x7f", one, validation.KindFormat, "U+007F (DELETE)"},
		{"C1", "a\u0085b", one, validation.KindFormat, "U+0085 (NEXT LINE)"},
		{"C1 other", "a\u009bb", one, validation.KindFormat, "control character U+009B at rune offset 1"},
		{"newline single line", "a\nb", one, validation.KindFormat, "U+000A (LINE FEED) at rune offset 1 is not allowed; this value must be a single line"},
		{"crlf single line", "a\r\nb", one, validation.KindFormat, "U+000D"},
		{"lone cr multiline", "a\rb", multi, validation.KindFormat, "U+000D (CARRIAGE RETURN) at rune offset 1 is not allowed not followed by a line feed"},
		{"offset counts trimmed lead and runes", "  éé\x01", one, validation.KindFormat, "at rune offset 4"},
		{"RLO", "abc\u202etxt.exe", one, validation.KindFormat, "U+202E (RIGHT-TO-LEFT OVERRIDE) at rune offset 3"},
		{"LRE", "\u202aabc", one, validation.KindFormat, "U+202A (LEFT-TO-RIGHT EMBEDDING) at rune offset 0"},
		{"PDF", "abc\u202c", one, validation.KindFormat, "U+202C"},
		{"RLI", "a\u2067b", one, validation.KindFormat, "U+2067 (RIGHT-TO-LEFT ISOLATE)"},
		{"PDI", "a\u2069b", one, validation.KindFormat, "U+2069"},
		{"ZWSP", "ad\u200bmin", one, validation.KindFormat, "U+200B (ZERO WIDTH SPACE) at rune offset 2"},
		{"ZWSP alone", "\u200b", one, validation.KindFormat, "U+200B"},
		{"BOM", "\ufeffAnn", one, validation.KindFormat, "U+FEFF"},
		{"line separator inside", "a\u2028b", multi, validation.KindFormat, "U+2028 (LINE SEPARATOR; use \\n)"},
		{"too long", "abcd", TextOptions{MaxLength: 3}, validation.KindMaxLength, ""},
		{"too long unicode", "éééé", TextOptions{MaxLength: 3}, validation.KindMaxLength, ""},
		{"too long default", strings.Repeat("a", DefaultMaxLength+1), one, validation.KindMaxLength, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, c := Text(tt.in, tt.o)
			require.NotNil(t, c)
			assert.Empty(t, got)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			switch tt.kind {
			case validation.KindFormat:
				assert.Equal(t, "text", c.Details.Format)
				assert.Contains(t, c.Details.Message, tt.msg)
				assert.True(t, utf8.ValidString(c.Details.Actual.(string)))
			case validation.KindMinLength:
				assert.Equal(t, validation.Details{Expected: 1, Actual: 0, Message: "must not be empty"}, c.Details)
			case validation.KindMaxLength:
				max := tt.o.MaxLength
				if max == 0 {
					max = DefaultMaxLength
				}
				assert.Equal(t, max, c.Details.Expected)
				assert.Equal(t, utf8.RuneCountInString(tt.in), c.Details.Actual)
			}
		})
	}
}

func TestTextHugeInput(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("a", 1<<20),
		strings.Repeat("é", 1<<19),
		strings.Repeat("e\u0301", 1<<18), // not NFC: rejected before normalizing
		" " + strings.Repeat("x", 1<<20) + " ",
	} {
		_, c := Text(s, TextOptions{})
		require.NotNil(t, c)
		assert.Equal(t, validation.KindMaxLength, c.Kind)
		assert.Equal(t, DefaultMaxLength, c.Details.Expected)
		assert.Greater(t, c.Details.Actual.(int), DefaultMaxLength)
	}
}

// The rune-count shortcut in text relies on NFC never shrinking a string below a quarter of
// its runes, which holds when no code point decomposes into more than maxDecomposition.
func TestMaxDecomposition(t *testing.T) {
	longest := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		n := utf8.RuneCountInString(norm.NFD.String(string(r)))
		longest = max(longest, n)
	}
	assert.Equal(t, maxDecomposition, longest)
}

func TestTextFastPathDoesNotAllocate(t *testing.T) {
	s := "Ann Smith, 1 Main Street"
	allocs := testing.AllocsPerRun(100, func() {
		got, c := Text(s, TextOptions{})
		if c != nil || got != s {
			t.Fatal("unexpected")
		}
	})
	assert.Zero(t, allocs)
	nfc := "José Müller"
	allocs = testing.AllocsPerRun(100, func() {
		got, c := Text(nfc, TextOptions{})
		if c != nil || got != nfc {
			t.Fatal("unexpected")
		}
	})
	assert.Zero(t, allocs, "NFC non-ASCII input is returned as is")
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", " a ", "José", "Jose\u0301", "a\r\nb", "a\rb", "\u202e", "\xff", "\u00a0x\u3000", "a\u0345\u0301", "\u1100\u1161"} {
		f.Add(s, false, 0)
		f.Add(s, true, 3)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool, max int) {
		o := TextOptions{Multiline: multiline, MaxLength: max % 2000}
		got, c := Text(s, o)
		if c != nil {
			if got != "" {
				t.Fatal("value with a cause")
			}
			return
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) || got == "" {
			t.Fatalf("bad output %q", got)
		}
		if strings.TrimFunc(got, unicode.IsSpace) != got {
			t.Fatalf("untrimmed output %q", got)
		}
		if !multiline && strings.ContainsAny(got, "\r\n") || strings.ContainsRune(got, '\r') {
			t.Fatalf("line break in %q", got)
		}
		again, c := Text(got, o)
		if c != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, c)
		}
	})
}

func BenchmarkText(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ascii", "Ann Smith"},
		{"nfc", "José Müller"},
		{"trim", "  Ann Smith  "},
		{"nfd", "Jose\u0301 Mu\u0308ller"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, c := Text(bc.in, TextOptions{}); c != nil {
					b.Fatal(c)
				}
			}
		})
	}
}
