package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// server is the HTTP service: the Admin API, UserInfo and the settings page over one store.
type server struct {
	schema     *profile.Schema
	settings   settingsConfig // what the settings page reads from the config beyond the schema
	store      *store
	log        *slog.Logger
	sessionKey []byte           // HMAC key of the settings form's session tokens: random per process unless -session-key-file
	sessionTTL time.Duration    // how long a session token is accepted after it was issued
	now        func() time.Time // the clock for updated_at and the session tokens' expiry
	maxRetries int              // read-apply-swap attempts of a write without a specific If-Match
	// afterRead, when set (tests only), runs between a write's read and its compare-and-swap,
	// to force concurrent writers to interleave there.
	afterRead func()
	limiter   *clientLimiter // requests in progress per client IP (limiter.max: -max-per-client)
	// Profile pictures (images.go): the keyring of the upload URLs (one key, random per
	// process unless -upload-key-file), the image checks, and a bound on concurrent decodes.
	uploadKeys imageupload.Keyring
	images     imageupload.Config
	decodes    chan struct{}
	mux        *http.ServeMux
	handler    http.Handler // mux behind cross-origin protection and the per-client cap
}

// settingsConfig is what the settings page needs from the config that the compiled schema
// does not expose: the supported languages (the locale select offers them) and whether email,
// phone_number and preferred_username are coupled to the user's identities (they are then
// selects of the user's own identities).
type settingsConfig struct {
	languages []string
	coupled   bool
}

func settingsConfigOf(c profile.Config) settingsConfig {
	return settingsConfig{languages: slices.Clone(c.SupportedLanguages), coupled: c.IdentityCoupling != profile.CouplingOff}
}

// newServer serves schema, compiled from cfg, over st.
func newServer(schema *profile.Schema, cfg profile.Config, st *store, logger *slog.Logger) *server {
	s := &server{schema: schema, settings: settingsConfigOf(cfg), store: st, log: logger, now: time.Now, maxRetries: 16,
		sessionKey: newSessionKey(), sessionTTL: defaultSessionTTL,
		limiter: newClientLimiter(defaultMaxPerClient), mux: http.NewServeMux(),
		uploadKeys: uploadKeyring(newSessionKey()), images: imageupload.Config{MaxBytes: maxUploadBytes},
		decodes: make(chan struct{}, 2)}
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("GET /admin/users/{id}", s.adminGet)
	s.mux.HandleFunc("PUT /admin/users/{id}", func(w http.ResponseWriter, r *http.Request) { s.adminWrite(w, r, profile.Replace) })
	s.mux.HandleFunc("PATCH /admin/users/{id}", func(w http.ResponseWriter, r *http.Request) { s.adminWrite(w, r, profile.MergePatch) })
	s.mux.HandleFunc("GET /userinfo", s.userinfo)
	s.mux.HandleFunc("GET /settings", s.settingsGet)
	s.mux.HandleFunc("POST /settings", s.settingsPost)
	s.mux.HandleFunc("GET /admin/images/upload", s.adminImageUpload)
	s.mux.HandleFunc("POST /_upload/{app}/{object}", s.upload)
	s.mux.HandleFunc("GET /_images/{app}/{object}/{variant}", s.imageGet)
	s.mux.HandleFunc("POST /settings/picture", s.settingsPicture)
	// Cross-origin protection on every POST, PUT, PATCH and DELETE: a browser's request from
	// another origin (Sec-Fetch-Site other than same-origin or none, or else an Origin whose
	// host is not the request's Host) is refused with a 403 problem. Requests without either
	// header (curl, other servers) pass: they carry no ambient browser credentials to abuse.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, problem{Status: http.StatusForbidden,
			Detail: "cross-origin request refused: the browser reports that it comes from another site (Sec-Fetch-Site or Origin)"})
	}))
	// An upload URL is its own credential (signed, single-use, short-lived): a client on
	// another origin may POST to it, as to the reference server's.
	cop.AddInsecureBypassPattern("POST /_upload/{app}/{object}")
	s.handler = s.limitPerClient(cop.Handler(s.mux))
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *server) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, `profilekit example server (a demo: see the package documentation)

GET   /admin/users/%[1]s          the Admin API view, ETag = version
PUT   /admin/users/%[1]s          replace (If-Match optional)
PATCH /admin/users/%[1]s          merge patch, Content-Type: application/merge-patch+json
GET   /userinfo                    Authorization: Bearer demo:%[1]s:openid+profile+email[:first]  (DEMO tokens)
GET   /settings?user=%[1]s        the end user's settings page (DEMO session)
GET   /admin/images/upload         a pre-signed upload URL (5 minutes, one file under 10 MiB)
POST  /_upload/APP/OBJECT?...      multipart/form-data field "file" -> {"result": {"url": "authgearimages:///APP/OBJECT"}}
GET   /_images/APP/OBJECT/profile  the picture (also /original)
`, demoUserID)
}

// userID is the shape of the IDs this demo accepts; anything else is an unknown user.
var userID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func (s *server) load(w http.ResponseWriter, r *http.Request, id string) (user, bool) {
	if !userID.MatchString(id) {
		s.problem(w, r, problem{Status: http.StatusNotFound, Detail: "no user " + strconv.Quote(id)})
		return user{}, false
	}
	u, err := s.store.get(r.Context(), id)
	switch {
	case errors.Is(err, errNotFound):
		s.problem(w, r, problem{Status: http.StatusNotFound, Detail: "no user " + strconv.Quote(id)})
		return user{}, false
	case err != nil:
		s.internal(w, r, err)
		return user{}, false
	}
	return u, true
}

// adminGet is GET /admin/users/{id}: the full profile as the Admin API sees it.
func (s *server) adminGet(w http.ResponseWriter, r *http.Request) {
	u, ok := s.load(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	etag := etagOf(u.Version)
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "no-cache")
	// Every If-None-Match line counts, compared weakly; an unreadable one is ignored (the
	// answer is then the full 200, which is always correct for a GET).
	if inm, err := parseETagCondition(r.Header.Values("If-None-Match")); err == nil && inm.matchWeak(etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	v := s.schema.View(&u.Profile, access.AdminAPI)
	writeJSON(w, http.StatusOK, v.Profile)
}

// adminWrite is PUT (Replace) and PATCH (RFC 7396 merge patch) on /admin/users/{id}.
//
// Every write is read, apply, compare-and-swap on the version. With a specific If-Match (a
// list of entity-tags, from every If-Match line), a stored version that no listed tag matches
// under the strong comparison is 412 (before or after the apply: nothing is written); a weak
// tag never matches. Without If-Match (or with "*", which matches any existing user), a lost
// race re-reads and re-applies the same request, up to maxRetries times, then gives up with
// 409. An If-Match that is not a valid list of entity-tags is 400.
func (s *server) adminWrite(w http.ResponseWriter, r *http.Request, mode profile.Mode) {
	want := "application/json"
	if mode == profile.MergePatch {
		want = "application/merge-patch+json"
	}
	// A PATCH in plain JSON is read as a merge patch too, as Auth0's Management API does:
	// clients that send application/json mean it.
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != want && !(mode == profile.MergePatch && mt == "application/json")) {
		if mode == profile.MergePatch {
			w.Header().Set("Accept-Patch", want)
		}
		s.problem(w, r, problem{Status: http.StatusUnsupportedMediaType,
			Detail: fmt.Sprintf("%s needs Content-Type %s, got %q", r.Method, want, r.Header.Get("Content-Type"))})
		return
	}
	ifMatch, err := parseETagCondition(r.Header.Values("If-Match"))
	if err != nil {
		s.problem(w, r, problem{Status: http.StatusBadRequest, Detail: "If-Match is not a valid list of entity-tags: " + err.Error()})
		return
	}
	specific := ifMatch.present && !ifMatch.any
	id := r.PathValue("id")
	limit := int64(s.schema.Limits().MaxBytes)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			s.problem(w, r, problem{Status: http.StatusRequestEntityTooLarge, Detail: fmt.Sprintf("the body is larger than %d bytes", limit)})
			return
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			s.problem(w, r, problem{Status: http.StatusRequestTimeout, Detail: "the body did not arrive within the server's read timeout"})
			return
		}
		s.problem(w, r, problem{Status: http.StatusBadRequest, Detail: "reading the body: " + err.Error()})
		return
	}

	for attempt := 1; ; attempt++ {
		u, ok := s.load(w, r, id)
		if !ok {
			return
		}
		if specific && !ifMatch.matchStrong(etagOf(u.Version)) {
			w.Header().Set("ETag", etagOf(u.Version))
			s.problem(w, r, problem{Status: http.StatusPreconditionFailed,
				Detail: fmt.Sprintf("If-Match %s does not match the current version %s; GET the user again and redo the change",
					strings.Join(r.Header.Values("If-Match"), ", "), etagOf(u.Version))})
			return
		}
		if s.afterRead != nil {
			s.afterRead()
		}
		next, changes, err := s.schema.ApplyJSON(&u.Profile, body, profile.Update{
			Party: access.AdminAPI, Mode: mode, Identities: u.Identities, UpdatedAt: u.UpdatedAt})
		if err != nil {
			s.invalid(w, r, err)
			return
		}
		version := u.Version
		if len(changes) > 0 {
			version, err = s.store.swap(r.Context(), id, u.Version, &next, s.now().Unix())
			switch {
			case errors.Is(err, errStale) && specific:
				s.problem(w, r, problem{Status: http.StatusPreconditionFailed,
					Detail: fmt.Sprintf("the user changed while %s was applied; GET the user again and redo the change", etagOf(u.Version))})
				return
			case errors.Is(err, errStale) && attempt < s.maxRetries:
				continue
			case errors.Is(err, errStale):
				s.problem(w, r, problem{Status: http.StatusConflict, Type: problemConflict, Title: "Edit conflict",
					Detail: fmt.Sprintf("the user kept changing during %d attempts; retry later", attempt)})
				return
			case errors.Is(err, errNotFound):
				s.problem(w, r, problem{Status: http.StatusNotFound, Detail: "no user " + strconv.Quote(id)})
				return
			case err != nil:
				s.internal(w, r, err)
				return
			}
			s.log.Info("profile updated", "user", id, "party", "admin_api", "mode", mode.String(),
				"version", version, "attempts", attempt, "changes", changeList(changes))
		}
		w.Header().Set("ETag", etagOf(version))
		writeJSON(w, http.StatusOK, next)
		return
	}
}

func changeList(changes []profile.Change) string {
	parts := make([]string, len(changes))
	for i, c := range changes {
		parts[i] = c.Op.String() + " " + c.Path
	}
	return strings.Join(parts, ", ")
}

// userinfo is GET /userinfo: the claims a session bearer receives, by the scopes of its token.
func (s *server) userinfo(w http.ResponseWriter, r *http.Request) {
	tok, err := parseDemoToken(r.Header.Get("Authorization"))
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="profilekit-demo", error="invalid_token", error_description=`+strconv.Quote(err.Error()))
		s.problem(w, r, problem{Status: http.StatusUnauthorized, Detail: err.Error()})
		return
	}
	if !slices.Contains(tok.Scopes, "openid") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="profilekit-demo", error="insufficient_scope", scope="openid"`)
		s.problem(w, r, problem{Status: http.StatusForbidden, Detail: "UserInfo needs the openid scope"})
		return
	}
	u, err := s.store.get(r.Context(), tok.User)
	if errors.Is(err, errNotFound) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="profilekit-demo", error="invalid_token", error_description="unknown user"`)
		s.problem(w, r, problem{Status: http.StatusUnauthorized, Detail: "the token names an unknown user"})
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	claims := s.schema.UserInfo(&u.Profile, profile.UserInfoRequest{
		Subject: u.ID, Scopes: tok.Scopes, FirstParty: tok.FirstParty,
		Identities: u.Identities, UpdatedAt: u.UpdatedAt})
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, claims)
}

// demoToken is what a DEMO bearer token says. THIS IS NOT AUTHENTICATION: anyone can write
// a token for any user. A real server validates a signed access token or looks an opaque one
// up; it never trusts what the client writes. The scheme exists so that UserInfo can be tried
// with curl:
//
//	Authorization: Bearer demo:<user-id>:<scope>+<scope>...[:first]
//
// ":first" marks a first-party client (it receives every claim the bearer may read, custom
// attributes included); without it the client is a third party, limited to its scopes.
type demoToken struct {
	User       string
	Scopes     []string
	FirstParty bool
}

func parseDemoToken(h string) (demoToken, error) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return demoToken{}, errors.New(`want "Authorization: Bearer demo:<user-id>:<scope>+<scope>[:first]"`)
	}
	parts := strings.Split(strings.TrimSpace(tok), ":")
	if len(parts) < 3 || len(parts) > 4 || parts[0] != "demo" || !userID.MatchString(parts[1]) {
		return demoToken{}, errors.New(`not a demo token: want demo:<user-id>:<scope>+<scope>[:first]`)
	}
	t := demoToken{User: parts[1]}
	for sc := range strings.SplitSeq(parts[2], "+") {
		if sc != "" {
			t.Scopes = append(t.Scopes, sc)
		}
	}
	if len(parts) == 4 {
		if parts[3] != "first" {
			return demoToken{}, fmt.Errorf(`the fourth part of a demo token is "first" or absent, not %q`, parts[3])
		}
		t.FirstParty = true
	}
	return t, nil
}

// Problem types of this service (RFC 9457 §3.1.1: URIs that identify, not locations to fetch).
// Plain HTTP errors (404, 412, 415, ...) use "about:blank" with the status phrase as title.
const (
	problemInvalid   = "urn:profilekit:problem:invalid-value" // 400: a value breaks a rule, or the JSON is malformed
	problemForbidden = "urn:profilekit:problem:forbidden"     // 403: a change the party's access level forbids
	problemUnowned   = "urn:profilekit:problem:unowned"       // 422: an email/phone/username the user does not own
	problemConflict  = "urn:profilekit:problem:edit-conflict" // 409: the user kept changing; retries ran out
	problemImage     = "urn:profilekit:problem:image"         // 422: an upload that is no acceptable image
)

// problem is an RFC 9457 problem details object, with the validation causes as an extension.
type problem struct {
	Type     string              `json:"type"`
	Title    string              `json:"title"`
	Status   int                 `json:"status"`
	Detail   string              `json:"detail,omitempty"`
	Instance string              `json:"instance,omitempty"`
	Causes   []*validation.Cause `json:"causes,omitempty"`
}

func (s *server) problem(w http.ResponseWriter, r *http.Request, p problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	if p.Instance == "" {
		p.Instance = r.URL.Path
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_, _ = w.Write(append(b, '\n'))
}

// invalid answers a failed Apply. The status follows the worst class among the causes:
// 403 if any change is forbidden to the party, else 400 if any value is invalid or the JSON
// malformed, else 422 when the only problems are identity-coupled values the user does not own
// (well-formed, valid values that this user cannot take).
func (s *server) invalid(w http.ResponseWriter, r *http.Request, err error) {
	verr, ok := errors.AsType[*validation.Error](err)
	if !ok {
		s.internal(w, r, err)
		return
	}
	msgs := make([]string, len(verr.Causes))
	for i, c := range verr.Causes {
		msgs[i] = c.Error()
	}
	p := problem{Causes: verr.Causes, Detail: strings.Join(msgs, "; ")}
	switch {
	case verr.Has(validation.KindForbidden):
		p.Status, p.Type, p.Title = http.StatusForbidden, problemForbidden, "Change not allowed"
	case errors.Is(err, validation.ErrInvalid):
		p.Status, p.Type, p.Title = http.StatusBadRequest, problemInvalid, "Invalid profile update"
	default:
		p.Status, p.Type, p.Title = http.StatusUnprocessableEntity, problemUnowned, "Value not owned by the user"
	}
	s.problem(w, r, p)
}

func (s *server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	s.problem(w, r, problem{Status: http.StatusInternalServerError})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
