package imageupload_test

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

var (
	key1 = bytes.Repeat([]byte{0x11}, 32)
	key2 = bytes.Repeat([]byte{0x22}, 32)
	t0   = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
)

func ring1() imageupload.Keyring {
	return imageupload.Keyring{Current: "k1", Keys: map[string][]byte{"k1": key1}}
}

func target() imageupload.Target {
	return imageupload.Target{AppID: "myapp", ObjectID: "3f1c2a9e-0b7d-4c55-9a31-7e2f8d6b1c04", Expires: t0.Add(10 * time.Minute), MaxLength: 10 << 20}
}

var sentinels = []error{imageupload.ErrMalformed, imageupload.ErrUnknownKey, imageupload.ErrTampered, imageupload.ErrExpired}

// requireSentinel asserts that err matches want and none of the other sentinels.
func requireSentinel(t *testing.T, err, want error) {
	t.Helper()
	require.Error(t, err)
	for _, s := range sentinels {
		assert.Equal(t, s == want, errors.Is(err, s), "errors.Is(%v, %v)", err, s)
	}
}

func TestSignVerifyRoundTrip(t *testing.T) {
	urlForm := regexp.MustCompile(`^/_upload/myapp/[0-9a-f-]+\?exp=[1-9][0-9]*(&len=[1-9][0-9]*)?&kid=k1&sig=[A-Za-z0-9_-]{43}$`)
	for _, tc := range []struct {
		name   string
		target imageupload.Target
	}{
		{"with a length limit", target()},
		{"without a length limit", func() imageupload.Target { tg := target(); tg.MaxLength = 0; return tg }()},
		{"sub-second expiry is truncated", func() imageupload.Target {
			tg := target()
			tg.Expires = tg.Expires.Add(999 * time.Millisecond)
			return tg
		}()},
		{"expiry in another zone", func() imageupload.Target {
			tg := target()
			tg.Expires = tg.Expires.In(time.FixedZone("UTC+9", 9*3600))
			return tg
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := ring1()
			u, err := k.Sign(tc.target)
			require.NoError(t, err)
			assert.Regexp(t, urlForm, u)
			assert.Equal(t, tc.target.MaxLength > 0, strings.Contains(u, "&len="))
			again, err := k.Sign(tc.target)
			require.NoError(t, err)
			assert.Equal(t, u, again, "signing is deterministic")

			got, err := k.Verify(u, t0)
			require.NoError(t, err)
			assert.Equal(t, tc.target.AppID, got.AppID)
			assert.Equal(t, tc.target.ObjectID, got.ObjectID)
			assert.Equal(t, tc.target.MaxLength, got.MaxLength)
			assert.Equal(t, tc.target.Expires.Truncate(time.Second).Unix(), got.Expires.Unix())
			assert.Equal(t, time.UTC, got.Expires.Location())
			assert.Equal(t, "authgearimages:///myapp/"+tc.target.ObjectID, imageurl.Ref{AppID: got.AppID, ObjectID: got.ObjectID}.String())
		})
	}
}

func TestSignKnownAnswer(t *testing.T) {
	// A fixed answer, so that a change of the signed message or its encoding is noticed:
	// URLs already handed out would stop verifying. Computed apart from this package, with
	// Python's hmac over the message the package documentation describes:
	// base64url(HMAC-SHA-256(32×0x11, "profilekit/imageupload/v1\0k1\0a\0b\01700000000\00\0")).
	u, err := ring1().Sign(imageupload.Target{AppID: "a", ObjectID: "b", Expires: time.Unix(1700000000, 0)})
	require.NoError(t, err)
	assert.Equal(t, "/_upload/a/b?exp=1700000000&kid=k1&sig=", u[:len(u)-43])
	assert.Equal(t, "/_upload/a/b?exp=1700000000&kid=k1&sig=MO7izSpBldMHD_uqDzVacguquIv0vGngylo4V_pdNNk", u)
}

func TestVerifyExpiry(t *testing.T) {
	k := ring1()
	tg := target()
	u, err := k.Sign(tg)
	require.NoError(t, err)
	for _, tc := range []struct {
		name    string
		now     time.Time
		expired bool
	}{
		{"long before", t0.Add(-24 * time.Hour), false},
		{"a second before", tg.Expires.Add(-time.Second), false},
		{"a nanosecond before", tg.Expires.Add(-time.Nanosecond), false},
		{"at the expiry", tg.Expires, true},
		{"after", tg.Expires.Add(time.Hour), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := k.Verify(u, tc.now)
			if !tc.expired {
				require.NoError(t, err)
				return
			}
			requireSentinel(t, err, imageupload.ErrExpired)
			assert.Equal(t, imageupload.Target{}, got)
			assert.Contains(t, err.Error(), "2026-03-01T12:10:00Z")
		})
	}
}

func TestVerifyTampered(t *testing.T) {
	k := imageupload.Keyring{Current: "k1", Keys: map[string][]byte{"k1": key1, "k2": key2}}
	u, err := k.Sign(target())
	require.NoError(t, err)
	sig := u[len(u)-43:]
	flipped := map[byte]byte{'A': 'B'}[sig[0]]
	if flipped == 0 {
		flipped = 'A'
	}
	for _, tc := range []struct {
		name, from, to string
	}{
		{"app id", "/_upload/myapp/", "/_upload/myapq/"},
		{"object id", "/3f1c2a9e-", "/3f1c2a9f-"},
		{"expiry later", "exp=1772367000", "exp=1772367001"},
		{"expiry much later", "exp=1772367000", "exp=9772367000"},
		{"length limit raised", "len=10485760", "len=10485761"},
		{"length limit removed", "&len=10485760", ""},
		{"key id swapped for another listed key", "kid=k1", "kid=k2"},
		{"signature", "sig=" + sig, "sig=" + string(flipped) + sig[1:]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, u, tc.from)
			bad := strings.Replace(u, tc.from, tc.to, 1)
			got, err := k.Verify(bad, t0)
			requireSentinel(t, err, imageupload.ErrTampered)
			assert.Equal(t, imageupload.Target{}, got)
			// Tampering wins over expiry: an expiry is only reported for a genuine URL.
			_, err = k.Verify(bad, t0.Add(24*time.Hour))
			requireSentinel(t, err, imageupload.ErrTampered)
		})
	}
	t.Run("length limit added", func(t *testing.T) {
		tg := target()
		tg.MaxLength = 0
		u, err := k.Sign(tg)
		require.NoError(t, err)
		bad := strings.Replace(u, "&kid=", "&len=1&kid=", 1)
		_, err = k.Verify(bad, t0)
		requireSentinel(t, err, imageupload.ErrTampered)
	})
	t.Run("another key's secret", func(t *testing.T) {
		other := imageupload.Keyring{Current: "k1", Keys: map[string][]byte{"k1": key2}}
		_, err := other.Verify(u, t0)
		requireSentinel(t, err, imageupload.ErrTampered)
	})
}

func TestVerifyUnknownKey(t *testing.T) {
	u, err := ring1().Sign(target())
	require.NoError(t, err)
	k := imageupload.Keyring{Current: "k2", Keys: map[string][]byte{"k2": key2}}
	_, err = k.Verify(u, t0)
	requireSentinel(t, err, imageupload.ErrUnknownKey)
	assert.Contains(t, err.Error(), `"k1"`)
	_, err = ring1().Verify(strings.Replace(u, "kid=k1", "kid=nope", 1), t0)
	requireSentinel(t, err, imageupload.ErrUnknownKey)
}

func TestRotation(t *testing.T) {
	old := ring1()
	oldURL, err := old.Sign(target())
	require.NoError(t, err)

	// Step 1: add the new key and sign with it; URLs of the old key still verify.
	rotated := imageupload.Keyring{Current: "k2", Keys: map[string][]byte{"k1": key1, "k2": key2}}
	newURL, err := rotated.Sign(target())
	require.NoError(t, err)
	assert.Contains(t, newURL, "&kid=k2&")
	assert.NotEqual(t, oldURL, newURL)
	for _, u := range []string{oldURL, newURL} {
		got, err := rotated.Verify(u, t0)
		require.NoError(t, err, u)
		assert.Equal(t, "myapp", got.AppID)
	}
	// A server not yet rotated does not know the new key.
	_, err = old.Verify(newURL, t0)
	requireSentinel(t, err, imageupload.ErrUnknownKey)

	// Step 2: once the old URLs have expired, drop the old key.
	retired := imageupload.Keyring{Current: "k2", Keys: map[string][]byte{"k2": key2}}
	_, err = retired.Verify(oldURL, t0)
	requireSentinel(t, err, imageupload.ErrUnknownKey)
	_, err = retired.Verify(newURL, t0)
	require.NoError(t, err)
}

func TestVerifyMalformed(t *testing.T) {
	k := ring1()
	u, err := k.Sign(target())
	require.NoError(t, err)
	path, query, _ := strings.Cut(u, "?")
	exp, rest, _ := strings.Cut(query, "&")
	length, rest, _ := strings.Cut(rest, "&")
	kid, sig, _ := strings.Cut(rest, "&")
	for _, tc := range []struct {
		name, uri string
	}{
		{"empty", ""},
		{"root", "/"},
		{"prefix only", "/_upload/"},
		{"another prefix", strings.Replace(u, "/_upload/", "/upload/", 1)},
		{"a full URL", "https://auth.example.com" + u},
		{"no query", path},
		{"empty query", path + "?"},
		{"one segment", "/_upload/myapp?" + query},
		{"three segments", "/_upload/myapp/x/y?" + query},
		{"empty app id", "/_upload//x?" + query},
		{"reserved object id", "/_upload/myapp/_images?" + query},
		{"dot segment", "/_upload/myapp/..?" + query},
		{"percent-encoded path", strings.Replace(u, "myapp", "my%61pp", 1)},
		{"percent-encoded query", strings.Replace(u, "kid=k1", "kid=k%31", 1)},
		{"reordered", path + "?" + kid + "&" + exp + "&" + length + "&" + sig},
		{"sig first", path + "?" + sig + "&" + exp + "&" + length + "&" + kid},
		{"repeated exp", path + "?" + exp + "&" + exp + "&" + length + "&" + kid + "&" + sig},
		{"repeated sig", u + "&" + sig},
		{"unknown parameter", u + "&x=1"},
		{"unknown parameter inside", path + "?" + exp + "&x=1&" + length + "&" + kid + "&" + sig},
		{"trailing ampersand", u + "&"},
		{"fragment", u + "#frag"},
		{"missing exp", path + "?" + length + "&" + kid + "&" + sig},
		{"missing kid", path + "?" + exp + "&" + length + "&" + sig},
		{"missing sig", path + "?" + exp + "&" + length + "&" + kid},
		{"exp with a leading zero", strings.Replace(u, "exp=", "exp=0", 1)},
		{"exp zero", strings.Replace(u, exp, "exp=0", 1)},
		{"exp negative", strings.Replace(u, "exp=", "exp=-", 1)},
		{"exp with a plus", strings.Replace(u, "exp=", "exp=+", 1)},
		{"exp not a number", strings.Replace(u, exp, "exp=soon", 1)},
		{"exp overflows", strings.Replace(u, exp, "exp=9223372036854775808", 1)},
		{"exp empty", strings.Replace(u, exp, "exp=", 1)},
		{"no equals sign", strings.Replace(u, exp, "exp", 1)},
		{"len zero", strings.Replace(u, length, "len=0", 1)},
		{"len negative", strings.Replace(u, length, "len=-1", 1)},
		{"len empty", strings.Replace(u, length, "len=", 1)},
		{"kid empty", strings.Replace(u, kid, "kid=", 1)},
		{"kid too long", strings.Replace(u, kid, "kid="+strings.Repeat("k", 65), 1)},
		{"kid with a space", strings.Replace(u, kid, "kid=k+1", 1)},
		{"sig short", u[:len(u)-1]},
		{"sig long", u + "A"},
		{"sig padded", u[:len(u)-1] + "="},
		{"sig in standard base64", u[:len(u)-1] + "+"},
		{"upper-case parameter", strings.Replace(u, "exp=", "EXP=", 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := k.Verify(tc.uri, t0)
			requireSentinel(t, err, imageupload.ErrMalformed)
			assert.Equal(t, imageupload.Target{}, got)
			assert.True(t, strings.HasPrefix(err.Error(), "imageupload: malformed upload URL: "), err.Error())
		})
	}
}

func TestKeyringInvalid(t *testing.T) {
	for _, tc := range []struct {
		name      string
		k         imageupload.Keyring
		locations []string
		verifyToo bool
	}{
		{"zero", imageupload.Keyring{}, []string{"/keys"}, true},
		{"short key", imageupload.Keyring{Current: "k1", Keys: map[string][]byte{"k1": key1[:31]}}, []string{"/keys/k1"}, true},
		{"bad key id", imageupload.Keyring{Current: "a/b", Keys: map[string][]byte{"a/b": key1}}, []string{"/keys/a~1b"}, true},
		{"current not listed", imageupload.Keyring{Current: "k2", Keys: map[string][]byte{"k1": key1}}, []string{"/current"}, false},
		{"no current", imageupload.Keyring{Keys: map[string][]byte{"k1": key1}}, []string{"/current"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.k.Sign(target())
			var verr *validation.Error
			require.ErrorAs(t, err, &verr)
			var locs []string
			for _, c := range verr.Causes {
				locs = append(locs, c.Location)
				assert.NotEmpty(t, c.Details.Message)
			}
			assert.Equal(t, tc.locations, locs)
			_, err = tc.k.Verify("/_upload/a/b?exp=1&kid=k1&sig="+strings.Repeat("A", 43), t0)
			if tc.verifyToo {
				require.ErrorAs(t, err, &verr)
				for _, s := range sentinels {
					assert.NotErrorIs(t, err, s)
				}
			} else {
				assert.NotErrorAs(t, err, &verr)
			}
		})
	}
}

func TestTargetInvalid(t *testing.T) {
	for _, tc := range []struct {
		name      string
		edit      func(*imageupload.Target)
		locations []string
	}{
		{"empty app id", func(tg *imageupload.Target) { tg.AppID = "" }, []string{"/app_id"}},
		{"app id with a slash", func(tg *imageupload.Target) { tg.AppID = "a/b" }, []string{"/app_id"}},
		{"reserved object id", func(tg *imageupload.Target) { tg.ObjectID = "_images" }, []string{"/object_id"}},
		{"both ids", func(tg *imageupload.Target) { tg.AppID, tg.ObjectID = "..", "a b" }, []string{"/app_id", "/object_id"}},
		{"no expiry", func(tg *imageupload.Target) { tg.Expires = time.Time{} }, []string{"/expires"}},
		{"expiry before 1970", func(tg *imageupload.Target) { tg.Expires = time.Unix(-5, 0) }, []string{"/expires"}},
		{"negative length", func(tg *imageupload.Target) { tg.MaxLength = -1 }, []string{"/max_length"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tg := target()
			tc.edit(&tg)
			u, err := ring1().Sign(tg)
			assert.Empty(t, u)
			var verr *validation.Error
			require.ErrorAs(t, err, &verr)
			var locs []string
			for _, c := range verr.Causes {
				locs = append(locs, c.Location)
			}
			assert.Equal(t, tc.locations, locs)
		})
	}
}
