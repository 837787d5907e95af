package stdattr

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		name, in string
		o        TextOptions
		want     string
	}{
		{"plain", "Ann", TextOptions{}, "Ann"},
		{"trim", "  Ann\t", TextOptions{}, "Ann"},
		{"nbsp", "\u00a0Ann\u00a0", TextOptions{}, "Ann"},
		{"NFD to NFC", "Zoe\u0308", TextOptions{}, "Zoë"},
		{"CJK", "山田 太郎", TextOptions{}, "山田 太郎"},
		{"RTL with marks", "\u200fשלום\u200f", TextOptions{}, "\u200fשלום\u200f"},
		{"ZWJ", "👨\u200d👩\u200d👧", TextOptions{}, "👨\u200d👩\u200d👧"},
		{"gender custom", " non-binary ", TextOptions{}, "non-binary"},
		{"multiline", "a\r\nb", TextOptions{Multiline: true}, "a\nb"},
		{"limit", "abc", TextOptions{MaxLength: 3}, "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeText(tt.in, tt.o)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNormalizeTextErrors(t *testing.T) {
	tests := []struct {
		name, in string
		o        TextOptions
		kind     validation.Kind
		msg      string
	}{
		{"empty", "", TextOptions{}, validation.KindMinLength, ""},
		{"blank", " \u00a0\u3000", TextOptions{}, validation.KindMinLength, ""},
		{"newline", "Ann\nSmith", TextOptions{}, validation.KindFormat, "U+000A (LINE FEED) at rune offset 3"},
		{"control", "Ann\x07", TextOptions{}, validation.KindFormat, "U+0007 at rune offset 3"},
		{"bidi override", "Ann\u202egnp.exe", TextOptions{}, validation.KindFormat, "RIGHT-TO-LEFT OVERRIDE"},
		{"bidi isolate", "\u2066Ann", TextOptions{}, validation.KindFormat, "LEFT-TO-RIGHT ISOLATE"},
		{"zero width space", "An\u200bn", TextOptions{}, validation.KindFormat, "ZERO WIDTH SPACE"},
		{"bom", "\ufeffAnn", TextOptions{}, validation.KindFormat, "U+FEFF"},
		{"invalid utf8", "Ann\xc3", TextOptions{}, validation.KindFormat, "invalid UTF-8"},
		{"too long", "abcd", TextOptions{MaxLength: 3}, validation.KindMaxLength, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeText(tt.in, tt.o)
			require.Error(t, err)
			assert.Empty(t, got)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
			var c *validation.Cause
			require.ErrorAs(t, err, &c)
			assert.Equal(t, tt.kind, c.Kind)
			if tt.kind == validation.KindFormat {
				assert.Equal(t, "text", c.Details.Format)
				assert.Contains(t, c.Details.Message, tt.msg)
			}
		})
	}
}

func TestNormalizeTextHuge(t *testing.T) {
	_, err := NormalizeText(strings.Repeat("x", 1<<20), TextOptions{})
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, validation.KindMaxLength, c.Kind)
	assert.Equal(t, DefaultMaxLength, c.Details.Expected)
	assert.Equal(t, 1<<20, c.Details.Actual)
}

func TestNormalizeTextNilError(t *testing.T) {
	_, err := NormalizeText("ok", TextOptions{})
	assert.True(t, err == nil, "no typed nil")
}

func ExampleNormalizer_Normalize_text() {
	var n Normalizer
	name, err := n.Normalize(AttrName, "  Zoe\u0308 Saldan\u0303a\u00a0")
	fmt.Printf("%q %v\n", name, err)
	_, err = n.Normalize(AttrNickname, "evil\u202eexe.txt")
	fmt.Println(err)
	street, _ := n.NormalizeAddressField("street_address", "1 Main St\r\nApt 2") // may hold line breaks
	fmt.Printf("%q\n", street)
	// Output:
	// "Zoë Saldaña" <nil>
	// /nickname: format: character U+202E (RIGHT-TO-LEFT OVERRIDE) at rune offset 4 is not allowed
	// "1 Main St\nApt 2"
}

func FuzzNormalizeText(f *testing.F) {
	for _, s := range []string{"Ann", " Ann ", "Zoe\u0308", "a\r\nb", "\u202e", "\xff", "\u00a0", "\u0345\u0301"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		o := TextOptions{Multiline: multiline, MaxLength: 64}
		got, err := NormalizeText(s, o)
		if err != nil {
			return
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) || utf8.RuneCountInString(got) > 64 {
			t.Fatalf("bad output %q", got)
		}
		again, err := NormalizeText(got, o)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, err)
		}
	})
}

func BenchmarkNormalizeText(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ascii", "Ann Smith"},
		{"nfc", "Zoë Saldaña"},
		{"trim", "  Ann Smith  "},
		{"cjk", "山田 太郎"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NormalizeText(bc.in, TextOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
