package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// The settings page starts a session in a cookie a script cannot read and a cross-site request
// does not carry; the same browser keeps its session; over TLS the cookie is Secure and
// __Host- prefixed.
func TestSessionCookie(t *testing.T) {
	s := newTestServer(t, "")
	w := call(s, "GET", "/settings?user=alice", "")
	require.Equal(t, http.StatusOK, w.Code)
	cookies := w.Result().Cookies()
	require.Len(t, cookies, 1)
	c := cookies[0]
	assert.Equal(t, "profilekit_session", c.Name)
	assert.True(t, validSessionID(c.Value), "%q", c.Value)
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteLaxMode, c.SameSite)
	assert.Equal(t, "/", c.Path)
	assert.False(t, c.Secure, "plain HTTP: a Secure cookie would not come back")
	assert.Zero(t, c.MaxAge, "a session cookie: no Max-Age")
	assert.True(t, c.Expires.IsZero(), "a session cookie: no Expires")

	// The same browser keeps its session; another gets another one.
	w = call(s, "GET", "/settings?user=alice", "", "Cookie", c.Name+"="+c.Value)
	assert.Empty(t, w.Result().Cookies(), "a valid session cookie is kept")
	other := call(s, "GET", "/settings?user=alice", "").Result().Cookies()
	require.Len(t, other, 1)
	assert.NotEqual(t, c.Value, other[0].Value)

	// A malformed cookie is replaced.
	w = call(s, "GET", "/settings?user=alice", "", "Cookie", "profilekit_session=forged")
	require.Len(t, w.Result().Cookies(), 1)
	assert.True(t, validSessionID(w.Result().Cookies()[0].Value))

	// Over TLS: Secure, and the __Host- prefix (Secure, Path=/, no Domain, enforced by browsers).
	w = call(s, "GET", "https://example.com/settings?user=alice", "")
	require.Len(t, w.Result().Cookies(), 1)
	tc := w.Result().Cookies()[0]
	assert.Equal(t, "__Host-profilekit_session", tc.Name)
	assert.True(t, tc.Secure)
	assert.True(t, tc.HttpOnly)
	assert.Equal(t, "/", tc.Path)
	assert.Empty(t, tc.Domain)
}

// settingsForm renders alice's page in browser b and returns the form a browser would submit.
func settingsForm(t *testing.T, b *browser) url.Values {
	t.Helper()
	form := formValues(getSettings(t, b, "alice"))
	form.Set("/given_name", "Alicia")
	return form
}

// A session token is accepted only in its own session, for its own user, unaltered, signed
// with the server's key, and for the session TTL after it was issued (on the server's clock).
func TestSessionTokenRefused(t *testing.T) {
	s := newTestServer(t, "")
	start := time.Unix(1800000000, 0)
	now := start
	s.now = func() time.Time { return now }
	s.sessionTTL = 30 * time.Minute
	b := &browser{s: s}
	form := settingsForm(t, b)
	token := form.Get(formCSRF)
	iat, mac, ok := strings.Cut(token, ".")
	require.True(t, ok, token)
	assert.Equal(t, strconv.FormatInt(start.Unix(), 10), iat, "the token carries its issue time")

	post := func(b *browser, token string) *httptest.ResponseRecorder {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f.Set(formCSRF, token)
		return b.postForm("/settings?user=alice", f)
	}
	unchanged := func() {
		t.Helper()
		u, err := s.store.get(context.Background(), "alice")
		require.NoError(t, err)
		require.Equal(t, int64(1), u.Version, "nothing was written")
	}

	t.Run("expired", func(t *testing.T) {
		now = start.Add(30 * time.Minute)
		defer func() { now = start }()
		w := post(b, token)
		require.Equal(t, http.StatusUnauthorized, w.Code, w.Body.String())
		assert.Contains(t, w.Header().Get("WWW-Authenticate"), `realm="profilekit-demo"`, "a 401 carries a challenge")
		assert.Contains(t, w.Body.String(), "expired")
		unchanged()
		now = start.Add(2 * time.Hour)
		assert.Equal(t, http.StatusUnauthorized, post(b, token).Code)
		unchanged()
	})

	t.Run("no session cookie", func(t *testing.T) {
		w := post(&browser{s: s}, token)
		require.Equal(t, http.StatusUnauthorized, w.Code, w.Body.String())
		assert.NotEmpty(t, w.Header().Get("WWW-Authenticate"))
		unchanged()
	})

	t.Run("token from another session", func(t *testing.T) {
		other := &browser{s: s}
		settingsForm(t, other) // another browser, its own session cookie
		require.NotEqual(t, b.cookie.Value, other.cookie.Value)
		w := post(other, token)
		require.Equal(t, http.StatusForbidden, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "did not come from this session")
		unchanged()
		// And the other session's own token is no good in b's session either.
		assert.Equal(t, http.StatusForbidden, post(b, s.sessionToken(other.cookie.Value, "alice")).Code)
		unchanged()
	})

	t.Run("forged", func(t *testing.T) {
		rawMAC, err := base64.RawURLEncoding.DecodeString(mac)
		require.NoError(t, err)
		flipped := append([]byte(nil), rawMAC...)
		flipped[0] ^= 1
		otherKey := newTestServer(t, "")
		otherKey.now = s.now
		old := hmac.New(sha256.New, s.sessionKey) // the old scheme: an HMAC of the user ID only
		old.Write([]byte("settings\x00alice"))
		later := strconv.FormatInt(start.Add(10*time.Minute).Unix(), 10)
		future := strconv.FormatInt(start.Add(time.Hour).Unix(), 10)
		for name, forged := range map[string]string{
			"MAC altered":                       iat + "." + base64.RawURLEncoding.EncodeToString(flipped),
			"issue time moved later":            later + "." + mac,
			"issue time with a leading zero":    "0" + token,
			"under another key":                 otherKey.sessionToken(b.cookie.Value, "alice"),
			"the old user-ID-only HMAC":         base64.RawURLEncoding.EncodeToString(old.Sum(nil)),
			"MAC only":                          mac,
			"issue time only":                   iat + ".",
			"empty":                             "",
			"not base64":                        iat + ".!!!",
			"MAC truncated":                     token[:len(token)-2],
			"a valid MAC, issued in the future": future + "." + base64.RawURLEncoding.EncodeToString(s.sessionMAC(b.cookie.Value, "alice", future)),
		} {
			w := post(b, forged)
			assert.Equal(t, http.StatusForbidden, w.Code, "%s: %s", name, w.Body.String())
		}
		unchanged()
	})

	t.Run("valid until the TTL", func(t *testing.T) {
		now = start.Add(30*time.Minute - time.Second)
		defer func() { now = start }()
		w := post(b, token)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		u, err := s.store.get(context.Background(), "alice")
		require.NoError(t, err)
		assert.Equal(t, "Alicia", u.Profile.GivenName)
	})
}

// Cross-origin protection covers every unsafe method of every route: a browser's request from
// another origin is refused with a 403 problem before any handler runs; same-origin requests
// and non-browser requests (no Sec-Fetch-Site, no Origin) pass. httptest's requests have Host
// example.com.
func TestCrossOriginProtection(t *testing.T) {
	s := newTestServer(t, "")
	n := 0
	patch := func(header ...string) *httptest.ResponseRecorder {
		n++ // a different nickname each time: every accepted PATCH writes a version
		return call(s, "PATCH", "/admin/users/alice", `{"nickname": "x`+strconv.Itoa(n)+`"}`, append(header, "Content-Type", mergePatch)...)
	}
	refused := [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "same-site"},
		{"Sec-Fetch-Site", "cross-site", "Origin", "http://example.com"},
		{"Origin", "https://evil.example"},
		{"Origin", "http://example.com:8080"},
		{"Origin", "null"},
	}
	for _, h := range refused {
		w := patch(h...)
		require.Equal(t, http.StatusForbidden, w.Code, "%q: %s", h, w.Body.String())
		pr := problemOf(t, w)
		assert.Equal(t, "about:blank", pr.Type)
		assert.Contains(t, pr.Detail, "cross-origin")
	}
	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, int64(1), u.Version, "no refused request wrote")

	for _, m := range []string{"PUT", "POST", "DELETE"} {
		w := call(s, m, "/admin/users/alice", `{}`, "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site")
		assert.Equal(t, http.StatusForbidden, w.Code, m)
	}
	assert.Equal(t, http.StatusMethodNotAllowed, call(s, "DELETE", "/admin/users/alice", "", "Sec-Fetch-Site", "same-origin").Code,
		"a same-origin DELETE reaches the mux")
	assert.Equal(t, http.StatusOK, call(s, "GET", "/admin/users/alice", "", "Sec-Fetch-Site", "cross-site").Code,
		"safe methods are not checked")

	allowed := [][]string{
		{"Sec-Fetch-Site", "same-origin"},
		{"Sec-Fetch-Site", "none"}, // typed into the address bar
		{"Origin", "http://example.com"},
		{}, // curl
	}
	for i, h := range allowed {
		w := patch(append(h, "If-Match", etagOf(int64(1+i)))...)
		assert.Equal(t, http.StatusOK, w.Code, "%q: %s", h, w.Body.String())
	}

	// The settings form: a valid session and token, posted from another site, is refused; the
	// same post from the page's own origin is saved.
	b := &browser{s: s}
	form := settingsForm(t, b)
	w := b.postForm("/settings?user=alice", form, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	require.Equal(t, http.StatusForbidden, w.Code, w.Body.String())
	u, _ = s.store.get(context.Background(), "alice")
	assert.Equal(t, "Alice", u.Profile.GivenName)
	w = b.postForm("/settings?user=alice", form, "Sec-Fetch-Site", "same-origin", "Origin", "http://example.com")
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	u, _ = s.store.get(context.Background(), "alice")
	assert.Equal(t, "Alicia", u.Profile.GivenName)
}

// Through run and a real cookie jar on 127.0.0.1: a settings form survives a restart only when
// -session-key-file gives the key; without it the new process draws a new key and refuses the
// old form.
func TestSessionKeyFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "users.db")
	keyFile := filepath.Join(dir, "session.key")
	require.NoError(t, os.WriteFile(keyFile, []byte(strings.Repeat("k", 32)+"\n"), 0o600))

	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	client := &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var form url.Values
	var page *url.URL

	serve := func(name string, args []string, f func(base string)) {
		t.Run(name, func(t *testing.T) {
			base, _ := startRun(t, append([]string{"-db", db}, args...)...)
			f(base)
		})
	}
	postStatus := func(t *testing.T, base string) int {
		u, _ := url.Parse(base + "/settings?user=alice")
		// The jar's cookie was set for the first process's host:port; move it to this one.
		jar.SetCookies(u, jar.Cookies(page))
		resp, err := client.PostForm(u.String(), form)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}

	serve("first process renders the form", []string{"-session-key-file", keyFile}, func(base string) {
		page, _ = url.Parse(base + "/settings?user=alice")
		resp, err := client.Get(page.String())
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Len(t, jar.Cookies(page), 1)
		doc, err := html.Parse(strings.NewReader(string(body)))
		require.NoError(t, err)
		form = formValues(doc)
		form.Set("/given_name", "Alicia")
	})
	require.NotNil(t, form)
	serve("a restart without the key refuses it", nil, func(base string) {
		assert.Equal(t, http.StatusForbidden, postStatus(t, base))
	})
	serve("a restart with the key accepts it", []string{"-session-key-file", keyFile}, func(base string) {
		assert.Equal(t, http.StatusSeeOther, postStatus(t, base))
	})

	short := filepath.Join(dir, "short.key")
	require.NoError(t, os.WriteFile(short, []byte("too short\n"), 0o600))
	_, err = readSessionKey(short)
	assert.ErrorContains(t, err, "at least 32")
	assert.Error(t, run(context.Background(), []string{"-db", db, "-session-key-file", short}, io.Discard, nil))
	assert.Error(t, run(context.Background(), []string{"-db", db, "-session-key-file", filepath.Join(dir, "missing")}, io.Discard, nil))
	k, err := readSessionKey(keyFile)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("k", 32), string(k), "the final line break is not part of the key")
}
