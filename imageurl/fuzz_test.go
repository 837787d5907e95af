package imageurl_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"authgearimages:///myapp-123/" + uuid,
		"AuthgearImages:///a/b",
		"authgearimages:app/object",
		"authgearimages://host/a/b",
		"authgearimages:///a",
		"authgearimages:///a/b/c",
		"authgearimages:///../b",
		"authgearimages:///a//b",
		"authgearimages:///a%2Fb/c",
		"authgearimages:///a/b?q",
		"authgearimages:///a/b#f",
		"authgearimages://u@/a/b",
		"https://example.com/_images/a/b/profile",
		"",
	} {
		f.Add(s)
	}
	custom := imageurl.Parser{Scheme: "x-img"}
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := imageurl.Parser{}.Parse(s)
		if err != nil {
			var c *validation.Cause
			require.True(t, errors.As(err, &c))
			assert.Equal(t, validation.KindFormat, c.Kind)
			assert.Equal(t, "x_picture", c.Details.Format)
			assert.NotEmpty(t, c.Details.Message)
			assert.Equal(t, s, c.Details.Actual)
			assert.Equal(t, imageurl.Ref{}, ref)
			return
		}
		require.NoError(t, ref.Validate())
		assert.Empty(t, ref.Scheme)
		// Round trip: the canonical form is the input with its scheme in lower case.
		colon := strings.IndexByte(s, ':')
		require.Equal(t, strings.ToLower(s[:colon])+s[colon:], ref.String())
		again, err := imageurl.Parser{}.Parse(ref.String())
		require.NoError(t, err)
		assert.Equal(t, ref, again)

		// Independent oracle: net/url sees the same parts.
		u, err := url.Parse(s)
		require.NoError(t, err)
		assert.Equal(t, "authgearimages", u.Scheme)
		assert.Empty(t, u.Host)
		assert.Nil(t, u.User)
		assert.Empty(t, u.Opaque)
		assert.False(t, u.ForceQuery)
		assert.Empty(t, u.RawQuery)
		assert.Empty(t, u.Fragment)
		assert.Equal(t, "/"+ref.AppID+"/"+ref.ObjectID, u.Path)
		assert.Equal(t, u.Path, u.EscapedPath())

		// The same reference spelled with another scheme is accepted by that scheme's parser.
		cref, err := custom.Parse("x-img" + s[colon:])
		require.NoError(t, err)
		assert.Equal(t, imageurl.Ref{Scheme: "x-img", AppID: ref.AppID, ObjectID: ref.ObjectID}, cref)
	})
}

func FuzzResolver(f *testing.F) {
	f.Add("myapp", uuid, "https://auth.example.com/_images/myapp/"+uuid+"/profile")
	f.Add("a", "b", "http://AUTH.example.com:80/_images/a/b/")
	f.Add("_images", "x", "https://cdn.example.net/_images/_images/a/b")
	f.Add("..", "a/b", "https://auth.example.com/_images/a")
	f.Add("", "%2F", "https://auth.example.com/_images/a/b/thumb")
	f.Add("a b", "c", "https://auth.example.com/x/_images/a/b/original?x=1#y")
	f.Add("app", "obj", "authgearimages:///app/obj")
	f.Add("app", "obj", "https://user@auth.example.com/_images/a/b")
	public, err := imageurl.NewResolver(imageurl.Config{PublicHost: "auth.example.com"})
	require.NoError(f, err)
	cdn, err := imageurl.NewResolver(imageurl.Config{PublicHost: "auth.example.com", CDNHost: "cdn.example.net", ReferenceScheme: "authgearimages"})
	require.NoError(f, err)
	variants := []imageurl.Variant{imageurl.VariantProfile, imageurl.VariantOriginal}

	f.Fuzz(func(t *testing.T, app, obj, u string) {
		ref := imageurl.Ref{AppID: app, ObjectID: obj}
		valid := ref.Validate() == nil
		for _, r := range []*imageurl.Resolver{public, cdn} {
			for _, v := range variants {
				back, ok, err := r.Ref(r.URL(ref, v))
				if valid {
					// Round trip: URL(ref) maps back to ref.
					require.NoError(t, err)
					require.True(t, ok)
					require.Equal(t, ref, back)
				} else {
					// An invalid ref is escaped so that its URL never names another image.
					require.False(t, ok)
					require.Error(t, err)
				}
			}
			if valid {
				stored := ref.String()
				s, err := r.ToStorage(r.ToRepresentation(stored))
				require.NoError(t, err)
				require.Equal(t, stored, s)
			}

			// Arbitrary input: never panics, and whatever maps back is a valid reference that
			// round-trips again.
			got, ok, err := r.Ref(u)
			switch {
			case err != nil:
				require.False(t, ok)
				var c *validation.Cause
				require.True(t, errors.As(err, &c))
				assert.Equal(t, "x_picture", c.Details.Format)
				assert.Equal(t, u, c.Details.Actual)
				_, serr := r.ToStorage(u)
				require.Error(t, serr)
			case ok:
				require.NoError(t, got.Validate())
				again, ok2, err2 := r.Ref(r.URL(got, imageurl.VariantProfile))
				require.NoError(t, err2)
				require.True(t, ok2)
				require.Equal(t, got, again)
				s, err := r.ToStorage(u)
				require.NoError(t, err)
				require.Equal(t, got.String(), s)
				// Only http(s) URLs map back.
				lower := strings.ToLower(u)
				require.True(t, strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://"))
			default:
				s, err := r.ToStorage(u)
				require.NoError(t, err)
				require.Equal(t, u, s)
			}

			rep := r.ToRepresentation(u)
			if pr, err := (imageurl.Parser{}).Parse(u); err == nil {
				require.Equal(t, r.URL(pr, imageurl.VariantProfile), rep)
			} else {
				require.Equal(t, u, rep)
			}
		}
	})
}
