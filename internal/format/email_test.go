package format

import (
	"net/mail"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"user@example.com", "user@example.com"},
		{"  user@example.com\t", "user@example.com"},
		{"\u00a0user@example.com\u3000", "user@example.com"},
		{"User.Name@Example.COM", "User.Name@example.com"},
		{"first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk"},
		{"!#$%&'*+-/=?^_`{|}~@example.com", "!#$%&'*+-/=?^_`{|}~@example.com"},
		{"x@a.b", "x@a.b"},
		{"用户@例子.广告", "用户@例子.广告"},
		{"δοκιμή@παράδειγμα.δοκιμή", "δοκιμή@παράδειγμα.δοκιμή"},
		{"Pelé@EXAMPLE.com", "Pelé@example.com"},
		{"josé@BÜCHER.DE", "josé@bücher.de"},
		{"jose\u0301@example.com", "josé@example.com"},
		{"user@xn--fsqu00a.xn--55qx5d", "user@xn--fsqu00a.xn--55qx5d"},
		{"user@XN--BCHER-KVA.example", "user@xn--bcher-kva.example"},
		{"user@123.example", "user@123.example"},
		{strings.Repeat("a", 64) + "@example.com", strings.Repeat("a", 64) + "@example.com"},
		{"a@" + strings.Repeat("b", 63) + ".com", "a@" + strings.Repeat("b", 63) + ".com"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, c := Email(tt.in)
			require.Nil(t, c)
			assert.Equal(t, tt.want, got)
			again, c := Email(got)
			require.Nil(t, c)
			assert.Equal(t, got, again)
		})
	}
}

func TestEmailErrors(t *testing.T) {
	long := strings.Repeat("a", 60) + "@" + strings.Repeat(strings.Repeat("b", 60)+".", 3) + strings.Repeat("c", 20) + ".com"
	tests := []struct {
		name, in string
		kind     validation.Kind
		msg      string
	}{
		{"empty", "", validation.KindMinLength, ""},
		{"blank", "  \u00a0", validation.KindMinLength, ""},
		{"no at", "user.example.com", validation.KindFormat, "missing @"},
		{"two at", "a@b@example.com", validation.KindFormat, "more than one @"},
		{"no local", "@example.com", validation.KindFormat, "missing local part before @"},
		{"no domain", "user@", validation.KindFormat, "missing domain after @"},
		{"display name", "Ann <ann@example.com>", validation.KindFormat, "angle brackets"},
		{"angle addr", "<ann@example.com>", validation.KindFormat, "angle brackets"},
		{"comment", "ann(home)@example.com", validation.KindFormat, "comments"},
		{"comment after", "ann@example.com (Ann)", validation.KindFormat, "comments"},
		{"list", "a@example.com, b@example.com", validation.KindFormat, "only one address"},
		{"list semicolon", "a@example.com;b@example.com", validation.KindFormat, "only one address"},
		{"group", "friends: a@example.com;", validation.KindFormat, "only one address"},
		{"group colon", "friends:a@example.com", validation.KindFormat, "colon"},
		{"quoted local", `"john doe"@example.com`, validation.KindFormat, "quoted local parts"},
		{"quoted simple", `"john"@example.com`, validation.KindFormat, "quoted local parts"},
		{"ip literal", "user@[127.0.0.1]", validation.KindFormat, "IP address literals"},
		{"ipv6 literal", "user@[IPv6:::1]", validation.KindFormat, "colon"},
		{"ip bare", "user@127.0.0.1", validation.KindFormat, "numeric label"},
		{"backslash", `us\er@example.com`, validation.KindFormat, "backslash"},
		{"space inside", "us er@example.com", validation.KindFormat, "white space"},
		{"nbsp inside", "us\u00a0er@example.com", validation.KindFormat, "white space"},
		{"ideographic space inside", "用户\u3000@例子.广告", validation.KindFormat, "white space"},
		{"localhost", "user@localhost", validation.KindFormat, "at least 2 labels"},
		{"double dot", "us..er@example.com", validation.KindFormat, "two dots in a row"},
		{"leading dot", ".user@example.com", validation.KindFormat, "must not start with a dot"},
		{"trailing dot", "user.@example.com", validation.KindFormat, "must not end with a dot"},
		{"domain trailing dot", "user@example.com.", validation.KindFormat, "domain must not end with a dot"},
		{"domain empty label", "user@example..com", validation.KindFormat, "empty label"},
		{"domain leading dot", "user@.example.com", validation.KindFormat, "empty label"},
		{"domain hyphen", "user@-example.com", validation.KindFormat, "hyphen"},
		{"domain underscore", "user@ex_ample.com", validation.KindFormat, "only letters, digits and hyphens"},
		{"ideographic full stop", "user@例子。广告", validation.KindFormat, "U+3002"},
		{"label too long", "a@" + strings.Repeat("b", 64) + ".com", validation.KindFormat, "at most 63"},
		{"local too long", strings.Repeat("a", 65) + "@example.com", validation.KindFormat, "local part longer than 64 octets"},
		{"local too long in octets", strings.Repeat("é", 33) + "@example.com", validation.KindFormat, "local part longer than 64 octets (66)"},
		{"too long", long, validation.KindMaxLength, "at most 254"},
		{"control", "us\x00er@example.com", validation.KindFormat, "U+0000"},
		{"bidi", "user\u202e@example.com", validation.KindFormat, "U+202E"},
		{"zwsp", "user\u200b@example.com", validation.KindFormat, "U+200B"},
		{"invalid utf8", "us\xffer@example.com", validation.KindFormat, "invalid UTF-8"},
		{"newline", "user@example.com\nBcc: x@y.z", validation.KindFormat, "single line"},
		{"mailto", "mailto:user@example.com", validation.KindFormat, "colon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, c := Email(tt.in)
			require.NotNil(t, c)
			assert.Empty(t, got)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			if tt.kind != validation.KindMinLength {
				assert.Equal(t, "email", c.Details.Format)
				assert.Contains(t, c.Details.Message, tt.msg)
			}
			if tt.kind == validation.KindMaxLength {
				assert.Equal(t, MaxEmailLength, c.Details.Expected)
				assert.Equal(t, len(tt.in), c.Details.Actual)
			}
		})
	}
}

func TestEmailFastPathDoesNotAllocate(t *testing.T) {
	s := "first.last@example.com"
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		if got, c := Email(s); c != nil || got != s {
			t.Fatal("unexpected")
		}
	}))
}

func FuzzEmail(f *testing.F) {
	for _, s := range []string{"user@example.com", " User@EXAMPLE.com ", "用户@例子.广告", "a@b", "<a@b.c>",
		`"a b"@c.d`, "a@[1.2.3.4]", "us..er@x.y", "a@İ.com", "a@ǅ.com", "x@ß.de", "a@xn--.com"} {
		f.Add(s)
	}
	for _, s := range emailFastCases() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if emailFast(s) {
			if got, c := emailFull(s); c != nil || got != s {
				t.Fatalf("emailFast accepted %q, emailFull gives %q, %v", s, got, c)
			}
		}
		got, c := Email(s)
		if c != nil {
			return
		}
		if len(got) > MaxEmailLength || !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
			t.Fatalf("bad output %q", got)
		}
		again, c := Email(got)
		if c != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, c)
		}
		// Whatever we accept, the standard library's (more lenient) parser accepts as a bare
		// address with the same text.
		a, err := mail.ParseAddress(got)
		if err != nil || a.Name != "" || a.Address != got {
			t.Fatalf("net/mail disagrees on %q: %v %+v", got, err, a)
		}
	})
}

func BenchmarkEmail(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ascii", "first.last@example.com"},
		{"upper domain", "First.Last@Example.COM"},
		{"idn", "用户@例子.广告"},
		{"trim", " first.last@example.com "},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, c := Email(bc.in); c != nil {
					b.Fatal(c)
				}
			}
		})
	}
}

// emailFastCases are addresses at the edges of emailFast's shape: each rule it checks itself,
// met and just broken.
func emailFastCases() []string {
	l63, l64 := strings.Repeat("a", 63), strings.Repeat("a", 64)
	local64, local65 := strings.Repeat("l", 64), strings.Repeat("l", 65)
	long := strings.Repeat("abcdefgh.", 26) // 234 bytes
	return []string{
		"jane.doe@example.com", "a@b.co", "a@b", "a@b.c", "a.b.c@d.e", "a..b@c.d", ".a@b.c", "a.@b.c", "@b.c", "a@", "a@.b",
		"a@b.", "a@b..c", "a@-b.c", "a@b-.c", "a@b.-c", "a@b.c-", "a@b--c.d", "a@b.1", "a@b.0x1f", "a@1.2.3.4", "a@b.c1",
		"a@B.c", "A@b.c", "a@b_c.d", "a@b.c@d.e", "a b@c.d", "a\"b@c.d", "a(b)@c.d", "a,b@c.d", "a:b@c.d", "a[b]@c.d",
		"a\\b@c.d", "a<b>@c.d", "!#$%&'*+/=?^_`{|}~-@b.c", "a\x7f@b.c", "a\x00@b.c", "é@b.c", "a@é.c", " a@b.c", "a@b.c ",
		local64 + "@b.c", local65 + "@b.c", "a@" + l63 + ".com", "a@" + l64 + ".com", "a@b." + l63, "a@b." + l64,
		"a@" + long + "com", "a@" + long + "commercial", "a@" + long + strings.Repeat("x", 20),
		local64 + "@" + l63 + "." + l63 + "." + l63 + ".abc", local64 + "@" + l63 + "." + l63 + "." + l63 + ".abcd",
	}
}

// TestEmailFast holds emailFast to the full check: whatever it accepts, emailFull accepts
// unchanged; and it does accept the common shapes (so the fast path is taken).
func TestEmailFast(t *testing.T) {
	assert.Greater(t, agreeFast(t, emailFastCases(), emailFast, emailFull), 8)
	for _, s := range []string{"jane.doe@example.com", "user+tag@mail.example.co.uk", "a@b.co"} {
		assert.True(t, emailFast(s), s)
	}
	for _, s := range []string{"a@b", "a..b@c.d", "a@b.1", "a@B.c", "a@" + strings.Repeat("a", 64) + ".com"} {
		assert.False(t, emailFast(s), s)
	}
}

// agreeFast holds a fast path to its full check over cases: whatever fast accepts, full
// accepts and returns unchanged. It returns how many of the cases fast accepted.
func agreeFast(t *testing.T, cases []string, fast func(string) bool, full func(string) (string, *validation.Cause)) int {
	t.Helper()
	n := 0
	for _, s := range cases {
		if !fast(s) {
			continue
		}
		n++
		got, c := full(s)
		require.Nil(t, c, "%q", s)
		assert.Equal(t, s, got)
	}
	return n
}
