package imageurl_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

func newResolver(t testing.TB, c imageurl.Config) *imageurl.Resolver {
	t.Helper()
	r, err := imageurl.NewResolver(c)
	require.NoError(t, err)
	return r
}

func TestResolverURL(t *testing.T) {
	ref := imageurl.Ref{AppID: "myapp", ObjectID: uuid}
	tests := []struct {
		name string
		c    imageurl.Config
		v    imageurl.Variant
		want string
	}{
		{"public https", imageurl.Config{PublicHost: "auth.example.com"}, imageurl.VariantProfile, "https://auth.example.com/_images/myapp/" + uuid + "/profile"},
		{"original", imageurl.Config{PublicHost: "auth.example.com"}, imageurl.VariantOriginal, "https://auth.example.com/_images/myapp/" + uuid + "/original"},
		{"cdn wins", imageurl.Config{PublicHost: "auth.example.com", CDNHost: "img.example.net"}, imageurl.VariantProfile, "https://img.example.net/_images/myapp/" + uuid + "/profile"},
		{"http with port", imageurl.Config{PublicHost: "localhost:3000", Scheme: "http"}, imageurl.VariantProfile, "http://localhost:3000/_images/myapp/" + uuid + "/profile"},
		{"host lower-cased, default port dropped", imageurl.Config{PublicHost: "Auth.Example.COM:443", Scheme: "HTTPS"}, imageurl.VariantProfile, "https://auth.example.com/_images/myapp/" + uuid + "/profile"},
		{"http default port dropped", imageurl.Config{PublicHost: "h:80", Scheme: "http"}, imageurl.VariantProfile, "http://h/_images/myapp/" + uuid + "/profile"},
		{"https on port 80 kept", imageurl.Config{PublicHost: "h:80"}, imageurl.VariantProfile, "https://h:80/_images/myapp/" + uuid + "/profile"},
		{"ipv6", imageurl.Config{PublicHost: "[::1]:8443"}, imageurl.VariantProfile, "https://[::1]:8443/_images/myapp/" + uuid + "/profile"},
		{"unknown variant escaped", imageurl.Config{PublicHost: "h"}, imageurl.Variant("a/b"), "https://h/_images/myapp/" + uuid + "/a%2Fb"},
		{"empty variant", imageurl.Config{PublicHost: "h"}, imageurl.Variant(""), "https://h/_images/myapp/" + uuid + "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newResolver(t, tt.c)
			assert.Equal(t, tt.want, r.URL(ref, tt.v))
		})
	}
}

func TestResolverURLInvalidRefNeverMapsBack(t *testing.T) {
	r := newResolver(t, imageurl.Config{PublicHost: "h"})
	for _, ref := range []imageurl.Ref{
		{AppID: "a/b", ObjectID: "c"},
		{AppID: "..", ObjectID: "c"},
		{AppID: "_images", ObjectID: "c"},
		{AppID: "a", ObjectID: "_images"},
		{AppID: "", ObjectID: "c"},
		{AppID: "a", ObjectID: ""},
		{AppID: "a", ObjectID: "b?c#d"},
	} {
		u := r.URL(ref, imageurl.VariantProfile)
		_, ok, err := r.Ref(u)
		assert.False(t, ok, u)
		assert.Error(t, err, u)
	}
	assert.Equal(t, "https://h/_images/%5Fimages/c/profile", r.URL(imageurl.Ref{AppID: "_images", ObjectID: "c"}, imageurl.VariantProfile))
}

func TestResolverRef(t *testing.T) {
	r := newResolver(t, imageurl.Config{PublicHost: "auth.example.com", CDNHost: "img.example.net:8443"})
	want := imageurl.Ref{AppID: "myapp", ObjectID: uuid}
	mapped := []string{
		"https://auth.example.com/_images/myapp/" + uuid + "/profile",
		"https://auth.example.com/_images/myapp/" + uuid + "/original",
		"https://auth.example.com/_images/myapp/" + uuid,                              // missing variant
		"https://auth.example.com/_images/myapp/" + uuid + "/",                        // trailing slash
		"https://auth.example.com/_images/myapp/" + uuid + "/profile/",                // variant and trailing slash
		"http://auth.example.com/_images/myapp/" + uuid + "/profile",                  // hosts, not schemes
		"HTTPS://AUTH.Example.COM/_images/myapp/" + uuid + "/profile",                 // case-insensitive scheme and host
		"https://auth.example.com:443/_images/myapp/" + uuid + "/profile",             // default port
		"http://auth.example.com:80/_images/myapp/" + uuid + "/profile",               // default port of http
		"https://auth.example.com:/_images/myapp/" + uuid + "/profile",                // empty port
		"https://img.example.net:8443/_images/myapp/" + uuid + "/profile",             // CDN host
		"https://auth.example.com/prefix/_images/myapp/" + uuid + "/profile",          // segment anywhere
		"https://auth.example.com/_images/x/_images/myapp/" + uuid,                    // last occurrence
		"https://auth.example.com/_images/myapp/" + uuid + "?x-authgear-metadata=e30", // upload URL: query ignored
		"https://auth.example.com/_images/myapp/" + uuid + "/profile#top",             // fragment ignored
		"https://auth.example.com/_images/myapp/" + uuid + "?",
	}
	for _, u := range mapped {
		t.Run(u, func(t *testing.T) {
			got, ok, err := r.Ref(u)
			require.NoError(t, err)
			assert.True(t, ok)
			assert.Equal(t, want, got)
			s, err := r.ToStorage(u)
			require.NoError(t, err)
			assert.Equal(t, "authgearimages:///myapp/"+uuid, s)
		})
	}

	unchanged := []string{
		"https://other.example.com/_images/myapp/" + uuid + "/profile", // other host
		"https://example.com/_images/myapp/" + uuid + "/profile",       // parent domain
		"https://auth.example.com.evil.com/_images/a/b",                // suffix trick
		"https://auth.example.com:8443/_images/a/b",                    // other port
		"https://img.example.net/_images/a/b",                          // CDN host without its port
		"https://auth.example.com@evil.com/_images/a/b",                // user info
		"https://user@auth.example.com/_images/a/b",                    // user info on our host
		"https://auth.example.com/avatar.png",                          // no _images segment
		"https://auth.example.com/",
		"https://auth.example.com",
		"https://auth.example.com/x_images/a/b",   // not a whole segment
		"https://auth.example.com/_imagesx/a/b",   // not a whole segment
		"https://auth.example.com/_IMAGES/a/b",    // segment is case-sensitive
		"https://auth.example.com/%5Fimages/a/b",  // escaped segment is not the segment
		"https://auth.example.com?/_images/a/b",   // _images only in the query
		"https://auth.example.com/a#/_images/a/b", // _images only in the fragment
		"ftp://auth.example.com/_images/a/b",      // not http(s)
		"//auth.example.com/_images/a/b",          // scheme-relative
		"/_images/a/b",                            // relative
		"authgearimages:///a/b",                   // already a reference
		"https:auth.example.com/_images/a/b",      // no authority
		"https://auth.example.com:99999/_images/a/b",
		"https://auth.example.com:x/_images/a/b",
		"https://[::1/_images/a/b",
		"",
		"not a url",
	}
	for _, u := range unchanged {
		t.Run("unchanged "+u, func(t *testing.T) {
			got, ok, err := r.Ref(u)
			require.NoError(t, err)
			assert.False(t, ok)
			assert.Equal(t, imageurl.Ref{}, got)
			s, err := r.ToStorage(u)
			require.NoError(t, err)
			assert.Equal(t, u, s)
		})
	}
}

func TestResolverRefErrors(t *testing.T) {
	r := newResolver(t, imageurl.Config{PublicHost: "h.example"})
	const too = "expected _images/APP_ID/OBJECT_ID[/VARIANT]"
	tests := []struct {
		u, msg string
	}{
		{"https://h.example/_images", "too few path segments after _images (0); " + too},
		{"https://h.example/_images/", "too few path segments after _images (0); " + too},
		{"https://h.example/_images?x", "too few path segments after _images (0); " + too},
		{"https://h.example/_images/app", "too few path segments after _images (1); " + too},
		{"https://h.example/_images/app/", "too few path segments after _images (1); " + too},
		{"https://h.example/_images/a/b/_images", "too few path segments after _images (0); " + too},
		{"https://h.example/_images/a/b/profile/x", "too many path segments after _images (4); " + too},
		{"https://h.example/_images/a/b/profile//", "too many path segments after _images (4); " + too},
		{"https://h.example/_images/a/b/thumbnail", `unknown image variant "thumbnail"; expected "profile" or "original"`},
		{"https://h.example/_images/a/b/Profile", `unknown image variant "Profile"; expected "profile" or "original"`},
		{"https://h.example/_images/a/b//", "empty path segment; expected authgearimages:///APP_ID/OBJECT_ID"},
		{"https://h.example/_images//b", "APP_ID is empty"},
		{"https://h.example/_images/a//profile", "OBJECT_ID is empty"},
		{"https://h.example/_images/../b", `dot segment ".." is not allowed as APP_ID`},
		{"https://h.example/_images/a/%2E%2E", `percent-encoding "%2E" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
		{"https://h.example/_images/a%2Fb/c", `percent-encoded slash "%2F" is not allowed in APP_ID`},
		{"https://h.example/_images/a/b;c", `character ";" is not allowed in OBJECT_ID: use only ASCII letters, digits and - . _ ~`},
	}
	for _, tt := range tests {
		t.Run(tt.u, func(t *testing.T) {
			ref, ok, err := r.Ref(tt.u)
			assert.False(t, ok)
			assert.Equal(t, imageurl.Ref{}, ref)
			var c *validation.Cause
			require.True(t, errors.As(err, &c))
			assert.Equal(t, validation.KindFormat, c.Kind)
			assert.Equal(t, "x_picture", c.Details.Format)
			assert.Equal(t, tt.msg, c.Details.Message)
			assert.Equal(t, tt.u, c.Details.Actual)

			s, err := r.ToStorage(tt.u)
			assert.Empty(t, s)
			var c2 *validation.Cause
			require.True(t, errors.As(err, &c2))
			assert.Equal(t, c, c2, "ToStorage reports the same problem")
		})
	}
}

func TestResolverConversions(t *testing.T) {
	r := newResolver(t, imageurl.Config{PublicHost: "auth.example.com", CDNHost: "cdn.example.com"})
	ref := "authgearimages:///myapp/" + uuid
	public := "https://cdn.example.com/_images/myapp/" + uuid + "/profile"

	assert.Equal(t, public, r.ToRepresentation(ref))
	assert.Equal(t, public, r.ToRepresentation("AUTHGEARIMAGES:///myapp/"+uuid))
	s, err := r.ToStorage(public)
	require.NoError(t, err)
	assert.Equal(t, ref, s)

	for _, stored := range []string{
		"https://example.com/me.png",
		"authgearimages:myapp/obj", // the opaque quirk: left alone, never a broken URL
		"authgearimages://host/a/b",
		"authgearimages:///a/b/c",
		"myimages:///a/b", // another scheme
		"",
		"garbage",
	} {
		assert.Equal(t, stored, r.ToRepresentation(stored), stored)
	}

	// A reference passes ToStorage unchanged (it is not a URL on our host).
	s, err = r.ToStorage(ref)
	require.NoError(t, err)
	assert.Equal(t, ref, s)
}

func TestResolverCustomReferenceScheme(t *testing.T) {
	r := newResolver(t, imageurl.Config{PublicHost: "id.example.org", ReferenceScheme: "OrgImages"})

	s, err := r.ToStorage("https://id.example.org/_images/app/obj/original")
	require.NoError(t, err)
	assert.Equal(t, "orgimages:///app/obj", s)
	ref, ok, err := r.Ref("https://id.example.org/_images/app/obj")
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, imageurl.Ref{Scheme: "orgimages", AppID: "app", ObjectID: "obj"}, ref)

	assert.Equal(t, "https://id.example.org/_images/app/obj/profile", r.ToRepresentation("orgimages:///app/obj"))
	assert.Equal(t, "authgearimages:///app/obj", r.ToRepresentation("authgearimages:///app/obj"), "other scheme unchanged")

	_, _, err = r.Ref("https://id.example.org/_images/app")
	var c *validation.Cause
	require.True(t, errors.As(err, &c))
	assert.Equal(t, "x_picture", c.Details.Format)
}

func TestNewResolverErrors(t *testing.T) {
	tests := []struct {
		name string
		c    imageurl.Config
		locs []string
		kind validation.Kind
	}{
		{"missing host", imageurl.Config{}, []string{"/public_host"}, validation.KindRequired},
		{"scheme in host", imageurl.Config{PublicHost: "https://auth.example.com"}, []string{"/public_host"}, validation.KindFormat},
		{"path in host", imageurl.Config{PublicHost: "auth.example.com/x"}, []string{"/public_host"}, validation.KindFormat},
		{"user info", imageurl.Config{PublicHost: "u@auth.example.com"}, []string{"/public_host"}, validation.KindFormat},
		{"bad port", imageurl.Config{PublicHost: "h:0"}, []string{"/public_host"}, validation.KindFormat},
		{"port too big", imageurl.Config{PublicHost: "h:65536"}, []string{"/public_host"}, validation.KindFormat},
		{"port letters", imageurl.Config{PublicHost: "h:ab"}, []string{"/public_host"}, validation.KindFormat},
		{"empty label", imageurl.Config{PublicHost: "a..b"}, []string{"/public_host"}, validation.KindFormat},
		{"trailing dot", imageurl.Config{PublicHost: "a.b."}, []string{"/public_host"}, validation.KindFormat},
		{"space", imageurl.Config{PublicHost: "a b"}, []string{"/public_host"}, validation.KindFormat},
		{"unclosed ipv6", imageurl.Config{PublicHost: "[::1"}, []string{"/public_host"}, validation.KindFormat},
		{"bad cdn", imageurl.Config{PublicHost: "h", CDNHost: "cdn/x"}, []string{"/cdn_host"}, validation.KindFormat},
		{"bad scheme", imageurl.Config{PublicHost: "h", Scheme: "ftp"}, []string{"/scheme"}, validation.KindEnum},
		{"bad reference scheme", imageurl.Config{PublicHost: "h", ReferenceScheme: "9x"}, []string{"/reference_scheme"}, validation.KindPattern},
		{"reference scheme https", imageurl.Config{PublicHost: "h", ReferenceScheme: "https"}, []string{"/reference_scheme"}, validation.KindReserved},
		{"everything", imageurl.Config{CDNHost: "x/", Scheme: "ws", ReferenceScheme: "http"}, []string{"/cdn_host", "/public_host", "/reference_scheme", "/scheme"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := imageurl.NewResolver(tt.c)
			assert.Nil(t, r)
			var verr *validation.Error
			require.True(t, errors.As(err, &verr))
			var locs []string
			for _, c := range verr.Causes {
				locs = append(locs, c.Location)
				if tt.kind != "" {
					assert.Equal(t, tt.kind, c.Kind)
				}
				assert.NotEmpty(t, c.Details.Message)
			}
			assert.Equal(t, tt.locs, locs)
		})
	}
}

func TestZeroResolver(t *testing.T) {
	for _, r := range []*imageurl.Resolver{nil, {}} {
		assert.Empty(t, r.URL(imageurl.Ref{AppID: "a", ObjectID: "b"}, imageurl.VariantProfile))
		ref, ok, err := r.Ref("https://h/_images/a")
		assert.NoError(t, err)
		assert.False(t, ok)
		assert.Equal(t, imageurl.Ref{}, ref)
		s, err := r.ToStorage("https://h/_images/a/b")
		assert.NoError(t, err)
		assert.Equal(t, "https://h/_images/a/b", s)
		assert.Equal(t, "authgearimages:///a/b", r.ToRepresentation("authgearimages:///a/b"))
		assert.Equal(t, "", r.URL(imageurl.Ref{AppID: "a", ObjectID: "b"}, imageurl.VariantProfile))
	}
}

func TestResolverConcurrent(t *testing.T) {
	r := newResolver(t, imageurl.Config{PublicHost: "h", CDNHost: "c"})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 200 {
				ref := imageurl.Ref{AppID: "app", ObjectID: string(rune('a' + (i+j)%26))}
				u := r.URL(ref, imageurl.VariantOriginal)
				got, ok, err := r.Ref(u)
				assert.NoError(t, err)
				assert.True(t, ok)
				assert.Equal(t, ref, got)
			}
		})
	}
	wg.Wait()
}

func TestVariantValid(t *testing.T) {
}
