package imageurl_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

const uuid = "0c2ee1e1-8d34-4a3f-9c4a-39e4b2f1d6a7"

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want imageurl.Ref
		out  string // canonical String(); "" means the input itself
	}{
		{in: "authgearimages:///myapp-123/" + uuid, want: imageurl.Ref{AppID: "myapp-123", ObjectID: uuid}},
		{in: "authgearimages:///a/b", want: imageurl.Ref{AppID: "a", ObjectID: "b"}},
		{in: "authgearimages:///A.b_c~d/0-9", want: imageurl.Ref{AppID: "A.b_c~d", ObjectID: "0-9"}},
		{in: "authgearimages:///.../..a", want: imageurl.Ref{AppID: "...", ObjectID: "..a"}},
		{in: "authgearimages:///_images_/x_images", want: imageurl.Ref{AppID: "_images_", ObjectID: "x_images"}},
		{in: "authgearimages:///app/" + "0C2EE1E1-8D34-4A3F-9C4A-39E4B2F1D6A7", want: imageurl.Ref{AppID: "app", ObjectID: "0C2EE1E1-8D34-4A3F-9C4A-39E4B2F1D6A7"}},
		// The scheme is case-insensitive (RFC 3986 3.1); String writes it in lower case.
		{in: "AuthgearImages:///app/obj", want: imageurl.Ref{AppID: "app", ObjectID: "obj"}, out: "authgearimages:///app/obj"},
		{in: "AUTHGEARIMAGES:///app/obj", want: imageurl.Ref{AppID: "app", ObjectID: "obj"}, out: "authgearimages:///app/obj"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := imageurl.Parser{}.Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.NoError(t, got.Validate())
			want := tt.out
			if want == "" {
				want = tt.in
			}
			assert.Equal(t, want, got.String())
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, in, msg string
	}{
		{"empty", "", "empty image reference"},
		{"no scheme", "myapp/obj", "not an image reference: no scheme; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"relative", "///app/obj", "not an image reference: no scheme; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"other scheme", "https://example.com/app/obj", `scheme "https" is not "authgearimages"; expected authgearimages:///APP_ID/OBJECT_ID`},
		{"lookalike scheme", "authgearimage:///app/obj", `scheme "authgearimage" is not "authgearimages"; expected authgearimages:///APP_ID/OBJECT_ID`},
		{"leading space", " authgearimages:///app/obj", `scheme " authgearimages" is not "authgearimages"; expected authgearimages:///APP_ID/OBJECT_ID`},
		{"opaque", "authgearimages:app/object", "the opaque form authgearimages:APP_ID/OBJECT_ID is not an image reference; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"opaque empty", "authgearimages:", "the opaque form authgearimages:APP_ID/OBJECT_ID is not an image reference; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"one slash", "authgearimages:/app/object", "missing the empty host: expected three slashes, authgearimages:///APP_ID/OBJECT_ID"},
		{"host", "authgearimages://host/a/b", `host "host" is not allowed: an image reference has an empty host, authgearimages:///APP_ID/OBJECT_ID`},
		{"host two segments", "authgearimages://app/obj", `host "app" is not allowed: an image reference has an empty host, authgearimages:///APP_ID/OBJECT_ID`},
		{"host with port", "authgearimages://h:1/a/b", `host "h:1" is not allowed: an image reference has an empty host, authgearimages:///APP_ID/OBJECT_ID`},
		{"user info", "authgearimages://user@/a/b", "user info is not allowed in an image reference; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"user info and host", "authgearimages://u:p@h/a/b", "user info is not allowed in an image reference; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"query", "authgearimages:///a/b?x=1", "a query is not allowed in an image reference"},
		{"empty query", "authgearimages:///a/b?", "a query is not allowed in an image reference"},
		{"fragment", "authgearimages:///a/b#f", "a fragment is not allowed in an image reference"},
		{"query only", "authgearimages://?x", "a query is not allowed in an image reference"},
		{"no path", "authgearimages://", "missing APP_ID and OBJECT_ID; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"root path", "authgearimages:///", "missing APP_ID and OBJECT_ID; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"one segment", "authgearimages:///app", "1 path segments; expected exactly 2, authgearimages:///APP_ID/OBJECT_ID"},
		{"three segments", "authgearimages:///a/b/c", "3 path segments; expected exactly 2, authgearimages:///APP_ID/OBJECT_ID"},
		{"trailing slash", "authgearimages:///a/b/", "empty path segment (a trailing slash); expected authgearimages:///APP_ID/OBJECT_ID"},
		{"double slash", "authgearimages:///a//b", "empty path segment; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"four slashes", "authgearimages:////a/b", "empty path segment; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"empty object", "authgearimages:///a/", "empty path segment (a trailing slash); expected authgearimages:///APP_ID/OBJECT_ID"},
		{"dotdot app", "authgearimages:///../obj", `dot segment ".." is not allowed as APP_ID`},
		{"dot object", "authgearimages:///app/.", `dot segment "." is not allowed as OBJECT_ID`},
		{"dotdot traversal", "authgearimages:///../app/object", "3 path segments; expected exactly 2, authgearimages:///APP_ID/OBJECT_ID"},
		{"reserved", "authgearimages:///_images/obj", `"_images" is reserved and cannot be the APP_ID`},
		{"percent slash", "authgearimages:///app%2Fx/obj", `percent-encoded slash "%2F" is not allowed in APP_ID`},
		{"percent slash lower", "authgearimages:///app/a%2fb", `percent-encoded slash "%2f" is not allowed in OBJECT_ID`},
		{"percent letter", "authgearimages:///app/%41bc", `percent-encoding "%41" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
		{"percent dot", "authgearimages:///%2E%2E/obj", `percent-encoding "%2E" is not allowed in APP_ID: use only ASCII letters, digits and - . _ ~`},
		{"percent truncated", "authgearimages:///app/x%", `percent-encoding "%" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
		{"space", "authgearimages:///my app/obj", `character " " is not allowed in APP_ID: use only ASCII letters, digits and - . _ ~`},
		{"trailing space", "authgearimages:///app/obj ", `character " " is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
		{"backslash", `authgearimages:///app/a\b`, `character "\\" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
		{"non-ascii", "authgearimages:///app/ßild", `character "ß" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
		{"invalid utf8", "authgearimages:///app/\xff", `character "\xff" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
		{"newline", "authgearimages:///app/obj\n", `character "\n" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
		{"semicolon", "authgearimages:///app/obj;x", `character ";" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, err := imageurl.Parser{}.Parse(tt.in)
			require.Error(t, err)
			assert.Equal(t, imageurl.Ref{}, ref)
			var c *validation.Cause
			require.True(t, errors.As(err, &c))
			assert.Equal(t, validation.KindFormat, c.Kind)
			assert.Equal(t, "x_picture", c.Details.Format)
			assert.Equal(t, tt.msg, c.Details.Message)
			assert.Equal(t, tt.in, c.Details.Actual)
			assert.Empty(t, c.Location)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
		})
	}
}

func TestParserCustomScheme(t *testing.T) {
	p := imageurl.Parser{Scheme: "myimages"}
	require.NoError(t, p.Validate())

	ref, err := p.Parse("MyImages:///app/obj")
	require.NoError(t, err)
	assert.Equal(t, imageurl.Ref{Scheme: "myimages", AppID: "app", ObjectID: "obj"}, ref)
	assert.Equal(t, "myimages:///app/obj", ref.String(), "the scheme in lower case")
	assert.Equal(t, "myimages:///app/obj", ref.String())

	_, err = p.Parse("authgearimages:///app/obj")
	var c *validation.Cause
	require.True(t, errors.As(err, &c))
	assert.Equal(t, `scheme "authgearimages" is not "myimages"; expected myimages:///APP_ID/OBJECT_ID`, c.Details.Message)

	// The default scheme spelled out is the default scheme: Ref.Scheme stays "".
	ref, err = imageurl.Parser{Scheme: "AuthgearImages"}.Parse("authgearimages:///app/obj")
	require.NoError(t, err)
	assert.Equal(t, imageurl.Ref{AppID: "app", ObjectID: "obj"}, ref)

	// A mixed-case configured scheme is stored and written in lower case.
	ref, err = imageurl.Parser{Scheme: "My.Img+S-1"}.Parse("my.img+s-1:///a/b")
	require.NoError(t, err)
	assert.Equal(t, "my.img+s-1", ref.Scheme)
	assert.Equal(t, "my.img+s-1:///a/b", ref.String())
}

func TestParserInvalidScheme(t *testing.T) {
	tests := []struct {
		scheme string
		kind   validation.Kind
	}{
		{"1images", validation.KindPattern},
		{"my images", validation.KindPattern},
		{"img:", validation.KindPattern},
		{"+img", validation.KindPattern},
		{"imäges", validation.KindPattern},
		{"http", validation.KindReserved},
		{"HTTPS", validation.KindReserved},
	}
	for _, tt := range tests {
		t.Run(tt.scheme, func(t *testing.T) {
			p := imageurl.Parser{Scheme: tt.scheme}
			err := p.Validate()
			var c *validation.Cause
			require.True(t, errors.As(err, &c))
			assert.Equal(t, tt.kind, c.Kind)
			assert.Equal(t, tt.scheme, c.Details.Actual)
			assert.NotEmpty(t, c.Details.Message)

			// Parse with a broken parser reports the configuration error and accepts nothing.
			_, perr := p.Parse(tt.scheme + ":///a/b")
			assert.Equal(t, err, perr)
		})
	}
}

func TestRefValidateAndString(t *testing.T) {
	assert.NoError(t, imageurl.Ref{AppID: "a", ObjectID: "b"}.Validate())
	assert.NoError(t, imageurl.Ref{Scheme: "x-img", AppID: "a", ObjectID: "b"}.Validate())
	assert.Equal(t, "authgearimages:///a/b", imageurl.Ref{AppID: "a", ObjectID: "b"}.String(), "the default scheme")

	tests := []struct {
		ref imageurl.Ref
		str string
	}{
		{imageurl.Ref{AppID: "a/b", ObjectID: "c"}, "authgearimages:///a%2Fb/c"},
		{imageurl.Ref{AppID: "..", ObjectID: "c"}, "authgearimages:///%2E./c"},
		{imageurl.Ref{AppID: "a", ObjectID: "."}, "authgearimages:///a/%2E"},
		{imageurl.Ref{AppID: "_images", ObjectID: "c"}, "authgearimages:///%5Fimages/c"},
		{imageurl.Ref{AppID: "", ObjectID: "c"}, "authgearimages:////c"},
		{imageurl.Ref{AppID: "a b", ObjectID: "?#"}, "authgearimages:///a%20b/%3F%23"},
		{imageurl.Ref{AppID: "50%", ObjectID: "c"}, "authgearimages:///50%25/c"},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			require.Error(t, tt.ref.Validate())
			assert.Equal(t, tt.str, tt.ref.String())
			// The escaped form never parses, so it can never be mistaken for another image.
			_, err := imageurl.Parser{}.Parse(tt.ref.String())
			assert.Error(t, err)
		})
	}
	err := imageurl.Ref{Scheme: "http", AppID: "a", ObjectID: "b"}.Validate()
	var c *validation.Cause
	require.True(t, errors.As(err, &c))
	assert.Equal(t, validation.KindReserved, c.Kind)
}
