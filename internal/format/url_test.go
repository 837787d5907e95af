package format

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com", "https://example.com"},
		{"https://example.com/", "https://example.com/"},
		{"http://example.com/a/b/", "http://example.com/a/b/"},
		{"  https://example.com/me  ", "https://example.com/me"},
		{"\u00a0https://example.com/\u00a0", "https://example.com/"},
		{"HTTPS://EXAMPLE.COM/Path/Is/Kept", "https://example.com/Path/Is/Kept"},
		{"Http://Example.com:8080/x?Q=1#Frag", "http://example.com:8080/x?Q=1#Frag"},
		{"https://example.com/?", "https://example.com/?"},
		{"https://example.com?q=a/../b//c", "https://example.com?q=a/../b//c"},
		{"https://example.com/#/a//b", "https://example.com/#/a//b"},
		{"https://example.com/a%20b/%E4%BE%8B", "https://example.com/a%20b/%E4%BE%8B"},
		{"https://example.com/a.b/..c/.d", "https://example.com/a.b/..c/.d"},
		{"https://例子.广告/路径", "https://例子.广告/路径"},
		{"https://BÜCHER.de/Bücher", "https://bücher.de/Bücher"},
		{"https://xn--bcher-kva.de/", "https://xn--bcher-kva.de/"},
		{"http://localhost:3000/", "http://localhost:3000/"},
		{"http://127.0.0.1/", "http://127.0.0.1/"},
		{"http://[::1]:8080/", "http://[::1]:8080/"},
		{"http://[2001:DB8::1]/", "http://[2001:db8::1]/"},
		{"https://example.com/~user/profile;v=1", "https://example.com/~user/profile;v=1"},
		{"https://example.com/@ann", "https://example.com/@ann"},
		{"https://example.com:65535", "https://example.com:65535"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, c := URL(tt.in)
			require.Nil(t, c)
			assert.Equal(t, tt.want, got)
			again, c := URL(got)
			require.Nil(t, c)
			assert.Equal(t, got, again)
			agreeWithNetURL(t, got)
		})
	}
}

// agreeWithNetURL checks that net/url parses an accepted URL to the same scheme and authority.
func agreeWithNetURL(t *testing.T, s string) {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("net/url rejects %q: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(s, u.Scheme+"://"+u.Host) {
		t.Fatalf("net/url sees %q as %#v", s, u)
	}
}

func TestURLErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     validation.Kind
		msg      string
	}{
		{"empty", "", validation.KindMinLength, ""},
		{"blank", " \t ", validation.KindMinLength, ""},
		{"javascript", "javascript:alert(1)", validation.KindFormat, `scheme "javascript" is not allowed`},
		{"javascript upper", "JaVaScRiPt:alert(1)", validation.KindFormat, `scheme "javascript"`},
		{"javascript slashes", "javascript://example.com/%0aalert(1)", validation.KindFormat, `scheme "javascript"`},
		{"data", "data:text/html;base64,PHNjcmlwdD4=", validation.KindFormat, `scheme "data"`},
		{"mailto", "mailto:ann@example.com", validation.KindFormat, `scheme "mailto"`},
		{"ftp", "ftp://example.com/file", validation.KindFormat, `scheme "ftp"`},
		{"file", "file:///etc/passwd", validation.KindFormat, `scheme "file"`},
		{"relative", "/profile/ann", validation.KindFormat, "must be absolute"},
		{"relative word", "example.com/ann", validation.KindFormat, "must be absolute"},
		{"protocol relative", "//example.com/ann", validation.KindFormat, "must be absolute"},
		{"colon first", ":foo", validation.KindFormat, "must be absolute"},
		{"no slashes", "http:example.com", validation.KindFormat, "missing // after http:"},
		{"one slash", "https:/example.com", validation.KindFormat, "missing // after https:"},
		{"hostless", "http:///x", validation.KindFormat, "no host"},
		{"hostless empty", "https://", validation.KindFormat, "no host"},
		{"port only", "https://:443/", validation.KindFormat, "no host"},
		{"userinfo", "https://user:pass@example.com/", validation.KindFormat, "user info"},
		{"userinfo spoof", "https://example.com@evil.test/", validation.KindFormat, "user info"},
		{"space", "https://example.com/a b", validation.KindFormat, "white space"},
		{"nbsp inside", "https://example.com/a\u00a0b", validation.KindFormat, "U+00A0"},
		{"newline inside", "https://example.com/a\nb", validation.KindFormat, "single line"},
		{"tab inside", "https://example.com/a\tb", validation.KindFormat, "TAB"},
		{"quote", `https://example.com/"onmouseover="x`, validation.KindFormat, `'"'`},
		{"angle", "https://example.com/<script>", validation.KindFormat, `'<'`},
		{"backslash", `https://example.com\@evil.test`, validation.KindFormat, "backslash"},
		{"pipe", "https://example.com/a|b", validation.KindFormat, `'|'`},
		{"bad escape", "https://example.com/%zz", validation.KindFormat, "percent-encoding"},
		{"truncated escape", "https://example.com/%4", validation.KindFormat, "percent-encoding"},
		{"bad escape in query", "https://example.com/?q=%", validation.KindFormat, "percent-encoding"},
		{"two hashes", "https://example.com/#a#b", validation.KindFormat, "at most one #"},
		{"dot segment", "https://example.com/a/./b", validation.KindFormat, `"." segment`},
		{"dotdot segment", "https://example.com/../..", validation.KindFormat, `".." segment`},
		{"dotdot end", "https://example.com/a/..", validation.KindFormat, `".." segment`},
		{"dot end", "https://example.com/.", validation.KindFormat, `"." segment`},
		{"encoded dotdot", "https://example.com/a/%2e%2E/b", validation.KindFormat, `"%2e%2E" segment`},
		{"half encoded dotdot", "https://example.com/a/.%2e/b", validation.KindFormat, "segment"},
		{"encoded dot", "https://example.com/%2E/", validation.KindFormat, "segment"},
		{"empty segment", "https://example.com//a", validation.KindFormat, "empty segment"},
		{"empty segment middle", "https://example.com/a//b", validation.KindFormat, "empty segment"},
		{"double trailing slash", "https://example.com/a//", validation.KindFormat, "empty segment"},
		{"port zero", "https://example.com:0/", validation.KindFormat, "out of range"},
		{"port big", "https://example.com:65536/", validation.KindFormat, "out of range"},
		{"port huge", "https://example.com:99999999999999999999/", validation.KindFormat, "out of range"},
		{"port empty", "https://example.com:/", validation.KindFormat, "empty port"},
		{"port letters", "https://example.com:http/", validation.KindFormat, "not a number"},
		{"host underscore", "https://ex_ample.com/", validation.KindFormat, "only letters, digits and hyphens"},
		{"host trailing dot", "https://example.com./", validation.KindFormat, "must not end with a dot"},
		{"host empty label", "https://example..com/", validation.KindFormat, "empty label"},
		{"host percent", "https://%65xample.com/", validation.KindFormat, `'%'`},
		{"host numeric tail", "http://1.2.3/", validation.KindFormat, "invalid IPv4"},
		{"host hex tail", "http://0x7f.1/", validation.KindFormat, "numeric label"},
		{"host ipv4 leading zero", "http://127.000.0.1/", validation.KindFormat, "invalid IPv4"},
		{"host ipv4 overflow", "http://256.1.1.1/", validation.KindFormat, "invalid IPv4"},
		{"ipv6 bad", "http://[::g]/", validation.KindFormat, "invalid IPv6"},
		{"ipv6 v4", "http://[1.2.3.4]/", validation.KindFormat, "invalid IPv6"},
		{"ipv6 zone", "http://[fe80::1%25eth0]/", validation.KindFormat, "invalid IPv6"},
		{"ipv6 unclosed", "http://[::1/", validation.KindFormat, "missing ]"},
		{"ipv6 junk", "http://[::1]x/", validation.KindFormat, "after ]"},
		{"bracket in path", "https://example.com/[x]", validation.KindFormat, "[ and ]"},
		{"bracket in host", "https://exa[mple.com/", validation.KindFormat, "[ and ]"},
		{"ideographic full stop", "https://例子。广告/", validation.KindFormat, "U+3002"},
		{"bidi", "https://example.com/\u202eftp.exe", validation.KindFormat, "U+202E"},
		{"invalid utf8", "https://example.com/\xff", validation.KindFormat, "invalid UTF-8"},
		{"too long", "https://example.com/" + strings.Repeat("a", MaxURLLength), validation.KindMaxLength, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, c := URL(tt.in)
			require.NotNil(t, c)
			assert.Empty(t, got)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			if tt.kind == validation.KindFormat {
				assert.Equal(t, "uri", c.Details.Format)
				assert.Contains(t, c.Details.Message, tt.msg)
				assert.True(t, utf8.ValidString(c.Details.Actual.(string)))
			}
		})
	}
}

func TestHasHTTPScheme(t *testing.T) {
	for s, want := range map[string]bool{
		"http://x": true, "https://x": true, " HTTPS://x": true, "Http:": true,
		"authgearimages:///a/b": false, "ftp://x": false, "http": false, "httpx://": false,
		"https": false, "": false, "javascript:x": false,
	} {
		assert.Equal(t, want, HasHTTPScheme(s), s)
	}
}

func TestURLFastPathDoesNotAllocate(t *testing.T) {
	s := "https://example.com/users/ann?tab=profile"
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		if got, c := URL(s); c != nil || got != s {
			t.Fatal("unexpected")
		}
	}))
}

func FuzzURL(f *testing.F) {
	for _, s := range urlFastCases() {
		f.Add(s)
	}
	for _, s := range []string{"https://example.com/", " HTTP://EXAMPLE.COM:80/a?b#c ", "https://例子.广告/路径",
		"http://[::1]/", "javascript:alert(1)", "http:///x", "https://a/./b", "https://a//b", "https://u@h/",
		"https://a/%2e%2e/", "http://1.2.3/", "https://İ.com/", "https://a:0/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if urlFast(s) {
			if got, c := urlFull(s); c != nil || got != s {
				t.Fatalf("urlFast accepted %q, urlFull gives %q, %v", s, got, c)
			}
		}
		got, c := URL(s)
		if c != nil {
			return
		}
		again, c := URL(got)
		if c != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, c)
		}
		agreeWithNetURL(t, got)
		if strings.ContainsAny(got, " \t\r\n\\\"<>") {
			t.Fatalf("forbidden character in %q", got)
		}
	})
}

func BenchmarkURL(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"plain", "https://example.com/users/ann?tab=profile"},
		{"upper", "HTTPS://Example.com/users/ann"},
		{"idn", "https://例子.广告/路径"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, c := URL(bc.in); c != nil {
					b.Fatal(c)
				}
			}
		})
	}
}

// urlFastCases are URLs at the edges of urlFast's shape: each grammar rule it checks itself,
// met and just broken.
func urlFastCases() []string {
	l63, l64 := strings.Repeat("a", 63), strings.Repeat("a", 64)
	long := strings.Repeat("abcdefghi.", 25) // 250 bytes
	cases := []string{
		"https://jane.example.com/", "http://example.com", "https://example.com/a/b/c", "https://localhost",
		"https://a", "https://a.b", "https://a-b.c", "https://a--b.co", "https://xn--bcher-kva.de/",
		"https://-a.com", "https://a-.com", "https://a.-b.com", "https://a.b-", "https://a..b", "https://.a",
		"https://a.", "https://", "http://", "https:/a", "https:a", "https//a", "ftp://a", "HTTPS://a", "https://A",
		"https://" + l63 + ".com", "https://" + l64 + ".com", "https://a." + l63, "https://a." + l64,
		"https://" + long + "com", "https://" + long + "co", "https://" + long + "comx", "https://" + long + "c",
		"https://1.2.3.4/", "https://1.2.3/", "https://a.1", "https://a.0x1f", "https://a.b1", "https://9a", "https://0x",
		"https://a/", "https://a//", "https://a//b", "https://a/b//c", "https://a/b/", "https://a/./b", "https://a/.",
		"https://a/..", "https://a/../b", "https://a/.../b", "https://a/.b", "https://a/b.", "https://a/..b",
		"https://a/?", "https://a/?q=1&r=/x/../y//z", "https://a/b?q", "https://a?q", "https://a/b?q#f", "https://a/b#f",
		"https://a/%2e", "https://a/%20", "https://a/b c", "https://a/b\\c", "https://a/b[c]", "https://a:80/",
		"https://u@a/", "https://a/@x:y!$&'()*+,;=-._~", "https://a/?@x:y!$&'()*+,;=-._~/?", "https://a/é",
		"https://a/\x00", "https://a/\x7f", "https://a/b ", " https://a/", "https://a/b\n",
	}
	return cases
}

// TestURLFast holds urlFast to the full check: whatever it accepts, urlFull accepts unchanged;
// and it does accept the common shapes (so the fast path is taken).
func TestURLFast(t *testing.T) {
	assert.Greater(t, agreeFast(t, urlFastCases(), urlFast, urlFull), 20)
	for _, s := range []string{"https://jane.example.com/", "https://example.com/users/ann?tab=profile", "http://a.b/c/"} {
		assert.True(t, urlFast(s), s)
	}
	for _, s := range []string{"https://-a.com", "https://a..b", "https://a/./b", "https://a//b", "https://1.2.3/", "https://a." + strings.Repeat("a", 64)} {
		assert.False(t, urlFast(s), s)
	}
}
