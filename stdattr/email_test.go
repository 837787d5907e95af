package stdattr

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		"ann@example.com":            "ann@example.com",
		" Ann.Smith@Example.COM\n":   "Ann.Smith@example.com",
		"\u00a0ann@example.com":      "ann@example.com",
		"ann+tag@mail.example.co.uk": "ann+tag@mail.example.co.uk",
		"用户@例子.广告":                   "用户@例子.广告",
		"user@例子.广告":                 "user@例子.广告",
		"Dörte@SÖRENSEN.example":     "Dörte@sörensen.example",
		"pelé@example.com":           "pelé@example.com",
		"pele\u0301@example.com":     "pelé@example.com",
	} {
		got, err := NormalizeEmail(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestNormalizeEmailErrors(t *testing.T) {
	tests := []struct {
		in   string
		kind validation.Kind
		msg  string
	}{
		{"", validation.KindMinLength, ""},
		{"  ", validation.KindMinLength, ""},
		{"ann.example.com", validation.KindFormat, "missing @"},
		{"Ann <ann@example.com>", validation.KindFormat, "angle brackets"},
		{"<ann@example.com>", validation.KindFormat, "angle brackets"},
		{"ann@example.com (Ann)", validation.KindFormat, "comments"},
		{"a@example.com, b@example.com", validation.KindFormat, "only one address"},
		{`"ann smith"@example.com`, validation.KindFormat, "quoted local parts"},
		{"ann@[127.0.0.1]", validation.KindFormat, "IP address literals"},
		{"ann@localhost", validation.KindFormat, "at least 2 labels"},
		{"us..er@example.com", validation.KindFormat, "two dots in a row"},
		{".user@example.com", validation.KindFormat, "start with a dot"},
		{"user.@example.com", validation.KindFormat, "end with a dot"},
		{"user@example.com.", validation.KindFormat, "end with a dot"},
		{"user@-example.com", validation.KindFormat, "hyphen"},
		{strings.Repeat("a", 65) + "@example.com", validation.KindFormat, "local part longer than 64 octets"},
		{"a@" + strings.Repeat("b", 64) + ".com", validation.KindFormat, "at most 63"},
		{"a@" + strings.Repeat("b.", 130) + "com", validation.KindMaxLength, "at most 254"},
		{"user\u202e@example.com", validation.KindFormat, "U+202E"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormalizeEmail(tt.in)
			require.Error(t, err)
			assert.Empty(t, got)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
			var c *validation.Cause
			require.ErrorAs(t, err, &c)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			if tt.kind != validation.KindMinLength {
				assert.Equal(t, "email", c.Details.Format)
				assert.Contains(t, c.Details.Message, tt.msg)
			}
		})
	}
}

func ExampleNormalizer_Normalize_email() {
	var n Normalizer
	for _, s := range []string{" Ann.Smith@Example.COM ", "用户@例子.广告", "Ann <ann@example.com>", "ann@localhost"} {
		email, err := n.Normalize(AttrEmail, s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(email)
	}
	// Output:
	// Ann.Smith@example.com
	// 用户@例子.广告
	// /email: format: angle brackets are not accepted: give the bare address (user@example.com) without a display name
	// /email: format: domain must have at least 2 labels
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"ann@example.com", " Ann@EXAMPLE.com ", "用户@例子.广告", "a@b", "<a@b.c>", `"a b"@c.d`,
		"a@[1.2.3.4]", "us..er@x.y", "a@İ.com", "x@ß.de"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeEmail(s)
		if err != nil {
			return
		}
		again, err := NormalizeEmail(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, err)
		}
		at := strings.LastIndexByte(got, '@')
		if at <= 0 || strings.Count(got, "@") != 1 {
			t.Fatalf("output %q is not local@domain", got)
		}
	})
}

func BenchmarkNormalizeEmail(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ascii", "ann.smith@example.com"},
		{"upper domain", "Ann.Smith@Example.COM"},
		{"idn", "用户@例子.广告"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NormalizeEmail(bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
