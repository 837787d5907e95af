package stdattr

import (
	"errors"
	"fmt"
	"net/url"
	"testing"

	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/ann":          "https://example.com/ann",
		" HTTPS://Example.COM/Ann/ ":       "https://example.com/Ann/",
		"http://example.com:8080/?a=1#top": "http://example.com:8080/?a=1#top",
		"https://例子.广告/":                   "https://例子.广告/",
		"https://[2001:db8::1]/me":         "https://[2001:db8::1]/me",
		"https://example.com/a%2Fb/c%20d":  "https://example.com/a%2Fb/c%20d",
		"\u00a0https://example.com\u00a0":  "https://example.com",
	} {
		got, err := NormalizeURL(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestNormalizeURLErrors(t *testing.T) {
	tests := []struct {
		in   string
		kind validation.Kind
		msg  string
	}{
		{"", validation.KindMinLength, ""},
		{"javascript:alert(document.cookie)", validation.KindFormat, `scheme "javascript" is not allowed`},
		{"JAVASCRIPT:alert(1)", validation.KindFormat, `scheme "javascript"`},
		{"data:text/html,<script>alert(1)</script>", validation.KindFormat, "not allowed"},
		{"data:image/png;base64,AAAA", validation.KindFormat, `scheme "data"`},
		{"mailto:ann@example.com", validation.KindFormat, `scheme "mailto"`},
		{"ftp://example.com/", validation.KindFormat, `scheme "ftp"`},
		{"/users/ann", validation.KindFormat, "must be absolute"},
		{"example.com", validation.KindFormat, "must be absolute"},
		{"//example.com/ann", validation.KindFormat, "must be absolute"},
		{"http:///x", validation.KindFormat, "no host"},
		{"https://", validation.KindFormat, "no host"},
		{"https://user:pass@example.com/", validation.KindFormat, "user info"},
		{"https://example.com/a b", validation.KindFormat, "white space"},
		{"https://example.com/a/../b", validation.KindFormat, `".." segment`},
		{"https://example.com/./b", validation.KindFormat, `"." segment`},
		{"https://example.com//b", validation.KindFormat, "empty segment"},
		{"https://example.com:99999/", validation.KindFormat, "out of range"},
		{`https://example.com/"><script>`, validation.KindFormat, "percent-encode"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormalizeURL(tt.in)
			require.Error(t, err)
			assert.Empty(t, got)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
			var c *validation.Cause
			require.ErrorAs(t, err, &c)
			assert.Equal(t, tt.kind, c.Kind)
			if tt.kind == validation.KindFormat {
				assert.Equal(t, "uri", c.Details.Format)
				assert.Equal(t, tt.in, c.Details.Actual)
				assert.Contains(t, c.Details.Message, tt.msg)
			}
		})
	}
}

func ExampleNormalizer_Normalize_url() {
	var n Normalizer
	for _, s := range []string{" HTTPS://Example.COM/Ann ", "javascript:alert(1)", "https://example.com/a/../b", "http:///x"} {
		u, err := n.Normalize(AttrWebsite, s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(u)
	}
	// Output:
	// https://example.com/Ann
	// /website: format: scheme "javascript" is not allowed; only http and https are
	// /website: format: path has a ".." segment
	// /website: format: URL has no host
}

func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{"https://example.com/", " HTTP://EXAMPLE.COM:80/a?b#c ", "https://例子.广告/路径",
		"http://[::1]/", "javascript:alert(1)", "http:///x", "https://a/./b", "https://u@h/", "https://a/%2e%2e/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeURL(s)
		if err != nil {
			return
		}
		again, err := NormalizeURL(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, err)
		}
		u, perr := url.Parse(got)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			t.Fatalf("net/url disagrees on %q: %v %#v", got, perr, u)
		}
	})
}

func BenchmarkNormalizeURL(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"plain", "https://example.com/users/ann?tab=profile"},
		{"upper", "HTTPS://Example.com/users/ann"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NormalizeURL(bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
