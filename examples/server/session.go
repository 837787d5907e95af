package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// The settings page's session (see the package documentation): a random session ID in an
// HttpOnly, SameSite=Lax session cookie (Secure and __Host- prefixed over TLS), and in the form a
// session token "<issued-at>.<mac>" whose MAC, under the server's key, binds it to the session
// ID, the user ID and its issue time, accepted for sessionTTL on the server's clock. Nothing is
// stored server-side: the ID only ties the tokens to the browser that holds the cookie. A real
// service would start the session at login, keep it server-side (so that logging out ends it)
// and take the user from it instead of ?user=.

// sessionCookieName is the cookie's name: with the __Host- prefix over TLS.
func sessionCookieName(r *http.Request) string {
	if r.TLS != nil {
		return "__Host-profilekit_session"
	}
	return "profilekit_session"
}

// sessionIDLen is the length of rand.Text's output: 26 base32 characters, 128 bits.
const sessionIDLen = 26

func validSessionID(id string) bool {
	if len(id) != sessionIDLen {
		return false
	}
	for i := range len(id) {
		if c := id[i]; !('A' <= c && c <= 'Z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}

// sessionOf returns the session ID in r's session cookie, if r has a well-formed one.
func sessionOf(r *http.Request) (string, bool) {
	c, err := r.Cookie(sessionCookieName(r))
	if err != nil || !validSessionID(c.Value) {
		return "", false
	}
	return c.Value, true
}

// startSession returns r's session ID, first starting a session (a fresh random ID, set in the
// cookie on w) when r has none.
func startSession(w http.ResponseWriter, r *http.Request) string {
	if id, ok := sessionOf(r); ok {
		return id
	}
	id := rand.Text()
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookieName(r),
		Value:    id,
		Path:     "/",
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteLaxMode,
	})
	return id
}

// sessionMAC is the MAC of a token issued at issuedAt (its decimal text, as in the token) for
// the user's page in the session.
func (s *server) sessionMAC(sessionID, userID, issuedAt string) []byte {
	m := hmac.New(sha256.New, s.sessionKey)
	// The parts cannot run into each other: the session ID is base32, the user ID matches
	// userID (no NUL), issued-at is digits.
	m.Write([]byte("profilekit settings v1\x00" + sessionID + "\x00" + userID + "\x00" + issuedAt))
	return m.Sum(nil)
}

// sessionToken is the token of the settings form of userID's page in the session, issued now.
func (s *server) sessionToken(sessionID, userID string) string {
	iat := strconv.FormatInt(s.now().Unix(), 10)
	return iat + "." + base64.RawURLEncoding.EncodeToString(s.sessionMAC(sessionID, userID, iat))
}

var (
	errTokenInvalid = errors.New("the form did not come from this session: reload the settings page")
	errTokenExpired = errors.New("the form has expired: reload the settings page")
)

// checkSessionToken verifies a token for userID's page in the session: errTokenInvalid when it
// is malformed or its MAC does not verify (another session, another user, altered, forged),
// errTokenExpired when it verifies but was issued a session TTL ago or more. The MAC is checked
// first, so a forged token never learns whether its time would have passed.
func (s *server) checkSessionToken(sessionID, userID, token string) error {
	iat, mac, ok := strings.Cut(token, ".")
	if !ok || iat == "" || len(iat) > 19 || strings.Trim(iat, "0123456789") != "" {
		return errTokenInvalid
	}
	got, err := base64.RawURLEncoding.DecodeString(mac)
	if err != nil || !hmac.Equal(got, s.sessionMAC(sessionID, userID, iat)) {
		return errTokenInvalid
	}
	issued, err := strconv.ParseInt(iat, 10, 64)
	if err != nil {
		return errTokenInvalid
	}
	now := s.now()
	if now.Before(time.Unix(issued, 0).Add(-time.Minute)) {
		return errTokenInvalid // issued in the future: the clock was set back, or the key leaked
	}
	if !now.Before(time.Unix(issued, 0).Add(s.sessionTTL)) {
		return errTokenExpired
	}
	return nil
}

// refuseSession answers a settings POST whose session or token does not hold: 401 with a
// challenge when there is no session or the token expired (the user must reload the page to
// get a fresh one), 403 when the token is not this session's.
func refuseSession(w http.ResponseWriter, err error) {
	if errors.Is(err, errTokenInvalid) {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	// RFC 9110 §11.6.1: a 401 carries a challenge. The scheme is that of the expired
	// draft-broyer-http-cookie-auth: authenticate by loading the form that sets the cookie.
	w.Header().Set("WWW-Authenticate", `Cookie realm="profilekit-demo", form-action="/settings"`)
	http.Error(w, err.Error(), http.StatusUnauthorized)
}

var errNoSession = errors.New("no session cookie (it ends with the browser session): reload the settings page")

// minSessionKey is the shortest key -session-key-file may hold: HMAC-SHA256's output size.
const minSessionKey = 32

// readSessionKey reads the key of -session-key-file: the file's bytes, without a final line
// break, at least minSessionKey of them.
func readSessionKey(path string) ([]byte, error) { return readKeyFile("session key", path) }

// readKeyFile reads an HMAC key file (-session-key-file, -upload-key-file): the file's bytes,
// without a final line break, at least minSessionKey of them. what names the key in errors.
func readKeyFile(what, path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b = []byte(strings.TrimRight(string(b), "\r\n"))
	if len(b) < minSessionKey {
		return nil, fmt.Errorf("%s %s: %d bytes, want at least %d (e.g. head -c 32 /dev/urandom | base64 > %[2]s)", what, path, len(b), minSessionKey)
	}
	return b, nil
}

// newSessionKey draws a random key for a process without -session-key-file.
func newSessionKey() []byte {
	k := make([]byte, 32)
	_, _ = rand.Read(k) // crypto/rand.Read never fails (Go 1.24+)
	return k
}
