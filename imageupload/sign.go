package imageupload

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

// Sentinels of [Keyring.Verify], matched with errors.Is. Every error Verify returns for a
// URL wraps exactly one of them; a misconfigured Keyring is a *validation.Error instead.
var (
	// ErrMalformed: the URL is not one that Sign writes (wrong path, a missing, repeated,
	// reordered or unknown query parameter, a value of the wrong syntax).
	ErrMalformed = errors.New("imageupload: malformed upload URL")
	// ErrUnknownKey: the URL names a key id that the keyring does not list (a key retired
	// too early, or a forged kid).
	ErrUnknownKey = errors.New("imageupload: upload URL signed with an unknown key")
	// ErrTampered: the signature does not match the path and parameters (any of them
	// changed, or the signature itself).
	ErrTampered = errors.New("imageupload: upload URL signature does not match")
	// ErrExpired: the signature is genuine but the URL's expiry is not after the time given.
	ErrExpired = errors.New("imageupload: upload URL expired")
)

// uploadPrefix starts the path of every upload URL.
const uploadPrefix = "/_upload/"

// minKeyLen is the shortest key accepted: the output size of SHA-256, as RFC 2104 advises.
const minKeyLen = 32

// maxKeyIDLen caps a key id, which travels in every URL.
const maxKeyIDLen = 64

// sigLen is the length of an HMAC-SHA-256 in unpadded base64url.
const sigLen = 43

// macDomain separates these MACs from any other use of the same key.
const macDomain = "profilekit/imageupload/v1"

var sigEncoding = base64.RawURLEncoding.Strict()

// Target is what an upload URL grants: one upload of one object of one app, until Expires,
// of at most MaxLength bytes. The upload becomes the image reference
// imageurl.Ref{AppID: t.AppID, ObjectID: t.ObjectID} (authgearimages:///APP_ID/OBJECT_ID).
type Target struct {
	// AppID and ObjectID are the components of the reference the upload becomes
	// (authgearimages:///APP_ID/OBJECT_ID): ASCII letters, digits and "-._~", not ".", ".."
	// or "_images", as package imageurl requires. The ObjectID must be fresh for each URL
	// (a random id the caller draws): it is what a caller records to refuse a second upload.
	AppID    string `json:"app_id"`
	ObjectID string `json:"object_id"`
	// Expires is the first instant at which the URL is no longer valid. Required; it is
	// signed in whole seconds (Sign truncates it), and Verify returns it in UTC.
	Expires time.Time `json:"expires"`
	// MaxLength is the largest file, in bytes, the upload may carry; 0 means no limit of
	// its own (the Config's MaxBytes still applies). It limits the file, not the multipart
	// request around it.
	MaxLength int64 `json:"max_length,omitempty"`
}

// Keyring holds the HMAC-SHA-256 keys of upload URLs by key id. Sign uses the key named
// Current; Verify accepts a URL signed by any key listed. To rotate, add the new key, make it
// Current, and delete the old one once the longest-lived URL it signed has expired.
//
// A Keyring is a plain value the caller fills from its own secret store; its methods only
// read it, so one Keyring may serve any number of goroutines as long as nobody changes it.
type Keyring struct {
	// Current is the id of the key that signs. It must be listed in Keys.
	Current string `json:"current"`
	// Keys maps each key id (1 to 64 ASCII letters, digits and "-._~") to its secret, at
	// least 32 bytes drawn from a cryptographic random source.
	Keys map[string][]byte `json:"keys"`
}

// validate checks the keyring; forSign also requires a usable Current key.
func (k Keyring) validate(forSign bool) *validation.Error {
	var verr validation.Error
	if len(k.Keys) == 0 {
		verr.Add(&validation.Cause{Location: "/keys", Kind: validation.KindRequired, Details: validation.Details{
			Message: "the keyring holds no keys",
		}})
	}
	for id, key := range k.Keys {
		loc := "/keys/" + jsonptr.Escape(id)
		if !validKeyID(id) {
			verr.Add(&validation.Cause{Location: loc, Kind: validation.KindPattern, Details: validation.Details{
				Expected: "^[A-Za-z0-9._~-]{1,64}$",
				Actual:   id,
				Message:  fmt.Sprintf("key id %q must be 1 to 64 ASCII letters, digits and - . _ ~", id),
			}})
		}
		if len(key) < minKeyLen {
			verr.Add(&validation.Cause{Location: loc, Kind: validation.KindMinLength, Details: validation.Details{
				Expected: minKeyLen,
				Actual:   len(key),
				Message:  fmt.Sprintf("key %q is %d bytes; an HMAC-SHA-256 key needs at least %d", id, len(key), minKeyLen),
			}})
		}
	}
	if forSign && len(k.Keys) > 0 {
		if _, ok := k.Keys[k.Current]; !ok {
			verr.Add(&validation.Cause{Location: "/current", Kind: validation.KindEnum, Details: validation.Details{
				Actual:  k.Current,
				Message: fmt.Sprintf("the current key id %q is not in the keyring", k.Current),
			}})
		}
	}
	if len(verr.Causes) == 0 {
		return nil
	}
	verr.Err() // sorts the causes
	return &verr
}

// Sign returns the upload URL of t as a path and query for the caller to mount on its own
// host:
//
//	/_upload/APP_ID/OBJECT_ID?exp=UNIX_SECONDS[&len=MAX_LENGTH]&kid=KEY_ID&sig=SIGNATURE
//
// exp is t.Expires in Unix seconds, len is t.MaxLength (left out when 0), kid is k.Current
// and sig is the unpadded base64url HMAC-SHA-256, under the key k.Current names, of all of
// them. The same Target and key give the same URL. A target or keyring that is not valid is
// a *validation.Error (locations "/app_id", "/object_id", "/expires", "/max_length" for the
// target, "/current" and "/keys/KEY_ID" for the keyring).
func (k Keyring) Sign(t Target) (string, error) {
	if verr := k.validate(true); verr != nil {
		return "", verr
	}
	if verr := t.validate(); verr != nil {
		return "", verr
	}
	exp := t.Expires.Unix()
	var sig [sha256.Size]byte
	mac(sig[:0], k.Keys[k.Current], k.Current, t.AppID, t.ObjectID, exp, t.MaxLength)

	var b strings.Builder
	b.Grow(len(uploadPrefix) + len(t.AppID) + len(t.ObjectID) + len(k.Current) + sigLen + 64)
	b.WriteString(uploadPrefix)
	b.WriteString(t.AppID)
	b.WriteByte('/')
	b.WriteString(t.ObjectID)
	b.WriteString("?exp=")
	var num [20]byte
	b.Write(strconv.AppendInt(num[:0], exp, 10))
	if t.MaxLength > 0 {
		b.WriteString("&len=")
		b.Write(strconv.AppendInt(num[:0], t.MaxLength, 10))
	}
	b.WriteString("&kid=")
	b.WriteString(k.Current)
	b.WriteString("&sig=")
	var enc [sigLen]byte
	sigEncoding.Encode(enc[:], sig[:])
	b.Write(enc[:])
	return b.String(), nil
}

func (t Target) validate() *validation.Error {
	var verr validation.Error
	// Each component on its own, beside a valid one, so that each gets its own cause.
	if err := (imageurl.Ref{AppID: t.AppID, ObjectID: "x"}).Validate(); err != nil {
		verr.Add(componentCause(err, "/app_id", t.AppID))
	}
	if err := (imageurl.Ref{AppID: "x", ObjectID: t.ObjectID}).Validate(); err != nil {
		verr.Add(componentCause(err, "/object_id", t.ObjectID))
	}
	if t.Expires.IsZero() || t.Expires.Unix() <= 0 {
		verr.Add(&validation.Cause{Location: "/expires", Kind: validation.KindRequired, Details: validation.Details{
			Message: "an upload URL needs an expiry after 1970-01-01T00:00:01Z",
		}})
	}
	if t.MaxLength < 0 {
		verr.Add(&validation.Cause{Location: "/max_length", Kind: validation.KindMinimum, Details: validation.Details{
			Expected: 0,
			Actual:   t.MaxLength,
			Message:  "max_length is negative; use 0 for no limit of the URL's own",
		}})
	}
	if len(verr.Causes) == 0 {
		return nil
	}
	verr.Err()
	return &verr
}

// componentCause locates imageurl's cause for one component, quoting the component itself.
func componentCause(err error, loc, value string) *validation.Cause {
	c, ok := err.(*validation.Cause)
	if !ok {
		c = &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Message: err.Error()}}
	}
	c.Details.Actual = value
	return c.Under(loc)
}

// Verify checks an upload URL as the request carries it: the path and the raw query, as in
// net/http's Request.RequestURI or URL.RequestURI ("/_upload/APP_ID/OBJECT_ID?exp=…"),
// exactly as Sign wrote it (no reordered, repeated or extra parameters, no percent-encoding).
// It returns the Target the URL grants when the signature is genuine (by any key the keyring
// lists, compared in constant time) and now is before the expiry.
//
// The checks run in this order, and the error wraps the sentinel of the first that fails:
// the syntax ([ErrMalformed]), the key id ([ErrUnknownKey]), the signature ([ErrTampered]),
// the expiry ([ErrExpired]); so an expiry is only reported for a URL the keyring signed. A
// keyring that is not valid is a *validation.Error, whatever the URL.
//
// Verify keeps no record: a URL stays valid until it expires, however often it is used. A
// server that allows one upload per URL records Target.AppID and Target.ObjectID (which Sign
// bound to this URL and no other) in its own store when an upload succeeds, and refuses a
// second upload to the same object.
func (k Keyring) Verify(requestURI string, now time.Time) (Target, error) {
	if verr := k.validate(false); verr != nil {
		return Target{}, verr
	}
	u, why := parseUploadURL(requestURI)
	if why != "" {
		return Target{}, fmt.Errorf("%w: %s", ErrMalformed, why)
	}
	key, ok := k.Keys[u.kid]
	if !ok {
		return Target{}, fmt.Errorf("%w: key id %q", ErrUnknownKey, u.kid)
	}
	var want, got [sha256.Size]byte
	mac(want[:0], key, u.kid, u.app, u.obj, u.exp, u.length)
	// parseUploadURL checked the length and alphabet, so this cannot fail.
	if _, err := sigEncoding.Decode(got[:], []byte(u.sig)); err != nil || !hmac.Equal(want[:], got[:]) {
		return Target{}, ErrTampered
	}
	expires := time.Unix(u.exp, 0).UTC()
	if !now.Before(expires) {
		return Target{}, fmt.Errorf("%w at %s", ErrExpired, expires.Format(time.RFC3339))
	}
	return Target{AppID: u.app, ObjectID: u.obj, Expires: expires, MaxLength: u.length}, nil
}

// mac appends to dst the HMAC-SHA-256 under key of the signed fields, each ended by a NUL
// byte (no field can hold one) after a domain string.
func mac(dst, key []byte, kid, app, obj string, exp, length int64) []byte {
	var buf [256]byte
	msg := append(buf[:0], macDomain...)
	msg = append(msg, 0)
	msg = append(msg, kid...)
	msg = append(msg, 0)
	msg = append(msg, app...)
	msg = append(msg, 0)
	msg = append(msg, obj...)
	msg = append(msg, 0)
	msg = strconv.AppendInt(msg, exp, 10)
	msg = append(msg, 0)
	msg = strconv.AppendInt(msg, length, 10)
	msg = append(msg, 0)
	h := hmac.New(sha256.New, key)
	h.Write(msg)
	return h.Sum(dst)
}

// uploadURL is a parsed upload URL, its signature not yet checked.
type uploadURL struct {
	app, obj, kid, sig string
	exp, length        int64
}

// parseUploadURL parses the form Sign writes, or says why s is not in it.
func parseUploadURL(s string) (u uploadURL, why string) {
	rest, ok := strings.CutPrefix(s, uploadPrefix)
	if !ok {
		return u, "the path does not start with " + uploadPrefix
	}
	path, query, ok := strings.Cut(rest, "?")
	if !ok {
		return u, "no query"
	}
	app, obj, ok := strings.Cut(path, "/")
	if !ok {
		return u, "the path is not " + uploadPrefix + "APP_ID/OBJECT_ID"
	}
	if (imageurl.Ref{AppID: app, ObjectID: obj}).Validate() != nil {
		return u, "the path is not " + uploadPrefix + "APP_ID/OBJECT_ID of letters, digits and - . _ ~"
	}
	u.app, u.obj = app, obj

	val, query, ok := param(query, "exp")
	if !ok {
		return u, "the query does not start with exp="
	}
	if u.exp, ok = positive(val); !ok {
		return u, "exp is not a positive decimal number of seconds"
	}
	if val, q, ok := param(query, "&len"); ok {
		if u.length, ok = positive(val); !ok {
			return u, "len is not a positive decimal number of bytes"
		}
		query = q
	}
	if val, query, ok = param(query, "&kid"); !ok {
		return u, "kid= does not follow exp (and len)"
	}
	if !validKeyID(val) {
		return u, "kid is not 1 to 64 letters, digits and - . _ ~"
	}
	u.kid = val
	if val, query, ok = param(query, "&sig"); !ok {
		return u, "sig= does not follow kid"
	}
	if query != "" {
		return u, "something follows sig"
	}
	if len(val) != sigLen || !base64URL(val) {
		return u, "sig is not 43 characters of unpadded base64url"
	}
	u.sig = val
	return u, ""
}

// param reads "name=value" from the start of query (name includes the "&" that separates it
// from the parameter before) and returns the value and the rest, from the next "&" on.
func param(query, name string) (value, rest string, ok bool) {
	if len(query) <= len(name) || query[:len(name)] != name || query[len(name)] != '=' {
		return "", query, false
	}
	query = query[len(name)+1:]
	if i := strings.IndexByte(query, '&'); i >= 0 {
		return query[:i], query[i:], true
	}
	return query, "", true
}

// positive parses a decimal number without sign or leading zeros, 1 to MaxInt64.
func positive(s string) (int64, bool) {
	if s == "" || len(s) > 19 || s[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func validKeyID(s string) bool {
	if s == "" || len(s) > maxKeyIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			return false
		}
	}
	return true
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func base64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
