package stdattr_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

func TestNormalizePictureAccepts(t *testing.T) {
	const obj = "0c2ee1e1-8d34-4a3f-9c4a-39e4b2f1d6a7"
	tests := []struct{ in, want string }{
		{"authgearimages:///myapp-123/" + obj, "authgearimages:///myapp-123/" + obj},
		{"  authgearimages:///app/obj\n", "authgearimages:///app/obj"},
		{"AuthgearImages:///app/obj", "authgearimages:///app/obj"},
		{"https://example.com/me.png", "https://example.com/me.png"},
		{"http://example.com/me.png", "http://example.com/me.png"},
		{" HTTPS://Example.COM/Me.png ", "https://example.com/Me.png"},
		{"https://auth.example.com/_images/app/obj/profile", "https://auth.example.com/_images/app/obj/profile"},
		{"https://example.com/a.png?size=200#x", "https://example.com/a.png?size=200#x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := stdattr.NormalizePicture(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := stdattr.NormalizePicture(got)
			require.NoError(t, err)
			assert.Equal(t, got, again, "idempotent")
		})
	}
}

func TestNormalizePictureRejects(t *testing.T) {
	tests := []struct {
		name, in string
		msg      string // "" when only the kind and format are checked
	}{
		{"opaque", "authgearimages:app/object", "the opaque form authgearimages:APP_ID/OBJECT_ID is not an image reference; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"host", "authgearimages://host/a/b", `host "host" is not allowed: an image reference has an empty host, authgearimages:///APP_ID/OBJECT_ID`},
		{"one segment", "authgearimages:///a", "1 path segments; expected exactly 2, authgearimages:///APP_ID/OBJECT_ID"},
		{"three segments", "authgearimages:///a/b/c", "3 path segments; expected exactly 2, authgearimages:///APP_ID/OBJECT_ID"},
		{"dotdot", "authgearimages:///../b", `dot segment ".." is not allowed as APP_ID`},
		{"empty segment", "authgearimages:///a//b", "empty path segment; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"percent slash", "authgearimages:///a%2Fb/c", `percent-encoded slash "%2F" is not allowed in APP_ID`},
		{"query", "authgearimages:///a/b?x", "a query is not allowed in an image reference"},
		{"fragment", "authgearimages:///a/b#x", "a fragment is not allowed in an image reference"},
		{"javascript", "javascript:alert(1)", `scheme "javascript" is not allowed: expected http, https or authgearimages`},
		{"data", "data:image/png;base64,AAAA", `scheme "data" is not allowed: expected http, https or authgearimages`},
		{"ftp", "FTP://example.com/a.png", `scheme "ftp" is not allowed: expected http, https or authgearimages`},
		{"relative", "/me.png", "not an absolute URL: expected an http(s) URL or authgearimages:///APP_ID/OBJECT_ID"},
		{"scheme-relative", "//example.com/me.png", "not an absolute URL: expected an http(s) URL or authgearimages:///APP_ID/OBJECT_ID"},
		{"bare word", "me.png", "not an absolute URL: expected an http(s) URL or authgearimages:///APP_ID/OBJECT_ID"},
		{"long s lookalike", "authgearimageſ:///a/b", "not an absolute URL: expected an http(s) URL or authgearimages:///APP_ID/OBJECT_ID"},
		{"other image scheme", "myimages:///a/b", `scheme "myimages" is not allowed: expected http, https or authgearimages`},
		// URL failures come from the shared URL rules, reported as x_picture.
		{"user info", "https://user:pw@example.com/a.png", ""},
		{"no host", "https:///a.png", ""},
		{"dot segment in URL", "https://example.com/a/../b.png", ""},
		{"space in URL", "https://example.com/a b.png", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stdattr.NormalizePicture(tt.in)
			assert.Empty(t, got)
			var c *validation.Cause
			require.True(t, errors.As(err, &c), "%v", err)
			assert.Equal(t, validation.KindFormat, c.Kind)
			assert.Equal(t, "x_picture", c.Details.Format)
			assert.Empty(t, c.Location)
			assert.NotEmpty(t, c.Details.Message)
			if tt.msg != "" {
				assert.Equal(t, tt.msg, c.Details.Message)
				assert.Equal(t, tt.in, c.Details.Actual)
			}
		})
	}
}

func TestNormalizePictureLength(t *testing.T) {
	for _, in := range []string{"", "   ", "\t\n"} {
		_, err := stdattr.NormalizePicture(in)
		var c *validation.Cause
		require.True(t, errors.As(err, &c))
		assert.Equal(t, validation.KindMinLength, c.Kind, "%q", in)
	}
	long := "authgearimages:///app/" + strings.Repeat("a", 3000)
	_, err := stdattr.NormalizePicture(long)
	var c *validation.Cause
	require.True(t, errors.As(err, &c))
	assert.Equal(t, validation.KindMaxLength, c.Kind)
	assert.Equal(t, len(long), c.Details.Actual)
}

func TestPictureParserCustomScheme(t *testing.T) {
	p := imageurl.Parser{Scheme: "acmeimages"}
	require.NoError(t, p.Validate())

	got, err := stdattr.NormalizePictureWith(p, " ACMEimages:///shop/42 ")
	require.NoError(t, err)
	assert.Equal(t, "acmeimages:///shop/42", got)

	got, err = stdattr.NormalizePictureWith(p, "https://example.com/a.png")
	require.NoError(t, err)
	assert.Equal(t, "https://example.com/a.png", got)

	_, err = stdattr.NormalizePictureWith(p, "authgearimages:///shop/42")
	var c *validation.Cause
	require.True(t, errors.As(err, &c))
	assert.Equal(t, `scheme "authgearimages" is not allowed: expected http, https or acmeimages`, c.Details.Message)

	_, err = stdattr.NormalizePictureWith(p, "acmeimages:shop/42")
	require.True(t, errors.As(err, &c))
	assert.Equal(t, "the opaque form acmeimages:APP_ID/OBJECT_ID is not an image reference; expected acmeimages:///APP_ID/OBJECT_ID", c.Details.Message)
}

func TestPictureParserInvalidScheme(t *testing.T) {
	for _, scheme := range []string{"https", "1x", "a b"} {
		p := imageurl.Parser{Scheme: scheme}
		verr := p.Validate()
		require.Error(t, verr, scheme)
		for _, in := range []string{"https://example.com/a.png", scheme + ":///a/b", "x"} {
			_, err := stdattr.NormalizePictureWith(p, in)
			assert.Equal(t, verr, err, "a misconfigured parser accepts nothing (%q, %q)", scheme, in)
		}
	}
}

func ExampleNormalizer_Normalize_picture() {
	var n stdattr.Normalizer // image references of the authgearimages scheme
	for _, in := range []string{
		"AuthgearImages:///myapp/0c2ee1e1",
		" https://Example.com/me.png",
		"authgearimages:myapp/0c2ee1e1",
		"javascript:alert(1)",
	} {
		out, err := n.Normalize(stdattr.AttrPicture, in)
		fmt.Printf("%q %v\n", out, err)
	}
	// Output:
	// "authgearimages:///myapp/0c2ee1e1" <nil>
	// "https://example.com/me.png" <nil>
	// "" /picture: format: the opaque form authgearimages:APP_ID/OBJECT_ID is not an image reference; expected authgearimages:///APP_ID/OBJECT_ID
	// "" /picture: format: scheme "javascript" is not allowed: expected http, https or authgearimages
}

func ExampleNormalizer_picture() {
	n := stdattr.Normalizer{Picture: imageurl.Parser{Scheme: "acmeimages"}}
	out, err := n.Normalize(stdattr.AttrPicture, "ACMEImages:///shop/42")
	fmt.Println(out, err)
	// Output:
	// acmeimages:///shop/42 <nil>
}

func FuzzNormalizePicture(f *testing.F) {
	for _, s := range []string{
		"authgearimages:///app/obj",
		"AUTHGEARIMAGES:///app/obj",
		"authgearimages:app/obj",
		"authgearimages://h/a/b",
		"https://example.com/a.png",
		" HTTP://EXAMPLE.com/a/b?c#d ",
		"javascript:alert(1)",
		"",
		"/rel",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := stdattr.NormalizePicture(s)
		if err != nil {
			var c *validation.Cause
			require.True(t, errors.As(err, &c))
			require.NotNil(t, c)
			assert.Contains(t, []validation.Kind{validation.KindFormat, validation.KindMinLength, validation.KindMaxLength}, c.Kind)
			if c.Kind == validation.KindFormat {
				assert.Equal(t, "x_picture", c.Details.Format)
				assert.NotEmpty(t, c.Details.Message)
			}
			return
		}
		// The output re-validates to itself and is one of the two accepted shapes.
		again, err := stdattr.NormalizePicture(out)
		require.NoError(t, err)
		require.Equal(t, out, again)
		if ref, perr := (imageurl.Parser{}).Parse(out); perr == nil {
			require.Equal(t, out, ref.String())
		} else {
			require.True(t, strings.HasPrefix(out, "https://") || strings.HasPrefix(out, "http://"), out)
		}
	})
}

func BenchmarkNormalizePictureRef(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stdattr.NormalizePicture("authgearimages:///myapp-123/0c2ee1e1-8d34-4a3f-9c4a-39e4b2f1d6a7"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNormalizePictureURL(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stdattr.NormalizePicture("https://example.com/avatars/0c2ee1e1.png"); err != nil {
			b.Fatal(err)
		}
	}
}
