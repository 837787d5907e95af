package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// Profile pictures (issue 17): the Admin API hands out pre-signed upload URLs, the upload
// route stores the file in SQLite, and /_images serves it and its profile variant.
const (
	demoAppID         = "demo"          // the app id of every image reference this server writes
	uploadURLTTL      = 5 * time.Minute // how long a pre-signed upload URL is valid
	maxUploadBytes    = 10 << 20        // the largest file (imageupload's default MaxBytes)
	multipartOverhead = 64 << 10        // room for the boundaries and part headers around the file
	imageCacheControl = "public, max-age=31536000, immutable"
	uploadKeyID       = "k1" // the id of the server's one upload key
)

const createImageTables = `
CREATE TABLE IF NOT EXISTS images (
	app_id       TEXT NOT NULL,
	object_id    TEXT NOT NULL,
	content_type TEXT NOT NULL,
	data         BLOB NOT NULL,    -- the uploaded file, as sent
	etag         TEXT NOT NULL,    -- hex SHA-256 of data
	created_at   INTEGER NOT NULL, -- Unix seconds
	PRIMARY KEY (app_id, object_id) -- an object is uploaded once: a second use of its URL is refused
);
CREATE TABLE IF NOT EXISTS image_variants (
	app_id       TEXT NOT NULL,
	object_id    TEXT NOT NULL,
	variant      TEXT NOT NULL,
	content_type TEXT NOT NULL,    -- '' when the original does not decode (the route answers 404)
	data         BLOB NOT NULL,
	etag         TEXT NOT NULL,
	PRIMARY KEY (app_id, object_id, variant),
	FOREIGN KEY (app_id, object_id) REFERENCES images (app_id, object_id)
)`

// errUsed is returned by store.putImage for an object that was uploaded already.
var errUsed = errors.New("object already uploaded")

// storedImage is one row of images or image_variants.
type storedImage struct {
	ContentType string
	Data        []byte
	ETag        string // hex SHA-256 of Data
}

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// imageExists reports whether the object was uploaded already.
func (s *store) imageExists(ctx context.Context, app, obj string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM images WHERE app_id = ? AND object_id = ?`, app, obj).Scan(&n)
	return n > 0, err
}

// putImage stores an upload; errUsed when the object exists (the insert is the one place
// that decides, so two concurrent uploads to one URL cannot both succeed).
func (s *store) putImage(ctx context.Context, app, obj string, img storedImage, now int64) error {
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO images (app_id, object_id, content_type, data, etag, created_at) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT DO NOTHING`, app, obj, img.ContentType, img.Data, img.ETag, now)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return errUsed
	}
	return nil
}

// getImage reads the original (variant "original") or a cached variant; errNotFound if absent.
func (s *store) getImage(ctx context.Context, app, obj string, v imageurl.Variant) (storedImage, error) {
	var img storedImage
	var err error
	if v == imageurl.VariantOriginal {
		err = s.db.QueryRowContext(ctx, `SELECT content_type, data, etag FROM images WHERE app_id = ? AND object_id = ?`,
			app, obj).Scan(&img.ContentType, &img.Data, &img.ETag)
	} else {
		err = s.db.QueryRowContext(ctx, `SELECT content_type, data, etag FROM image_variants WHERE app_id = ? AND object_id = ? AND variant = ?`,
			app, obj, string(v)).Scan(&img.ContentType, &img.Data, &img.ETag)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return storedImage{}, errNotFound
	}
	return img, err
}

// putVariant caches a built variant (the first writer wins; variants are deterministic).
func (s *store) putVariant(ctx context.Context, app, obj string, v imageurl.Variant, img storedImage) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO image_variants (app_id, object_id, variant, content_type, data, etag) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT DO NOTHING`, app, obj, string(v), img.ContentType, img.Data, img.ETag)
	return err
}

// newObjectID draws a fresh object id: 128 random bits in hex.
func newObjectID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

// uploadKeyring is the server's keyring for upload URLs: one key.
func uploadKeyring(key []byte) imageupload.Keyring {
	return imageupload.Keyring{Current: uploadKeyID, Keys: map[string][]byte{uploadKeyID: key}}
}

// presign signs an upload URL (path and query) for a fresh object of the demo app.
func (s *server) presign() (string, error) {
	return s.uploadKeys.Sign(imageupload.Target{AppID: demoAppID, ObjectID: newObjectID(),
		Expires: s.now().Add(uploadURLTTL), MaxLength: maxUploadBytes})
}

// adminImageUpload is GET /admin/images/upload: a pre-signed upload URL, valid 5 minutes,
// for one file of at most 10 MiB.
func (s *server) adminImageUpload(w http.ResponseWriter, r *http.Request) {
	u, err := s.presign()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"result": map[string]string{"upload_url": scheme + "://" + r.Host + u}})
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// uploadError is a failed upload: the status and problem to answer with.
type uploadError struct{ p problem }

func (e *uploadError) Error() string { return e.p.Detail }

// maxFieldBytes caps a multipart field other than "file" (the settings form's csrf_token).
const maxFieldBytes = 4 << 10

// receiveUpload verifies the signed request URI, reads the multipart field "file" with the
// image checks and stores it. It returns the target, or an *uploadError (or another error:
// a 500). beforeFile, when not nil, is called with the fields that precede "file" before a
// byte of the file is read; an error it returns ends the upload.
func (s *server) receiveUpload(w http.ResponseWriter, r *http.Request, requestURI string,
	beforeFile func(fields map[string]string) *uploadError) (imageupload.Target, error) {
	fail := func(status int, detail string) (imageupload.Target, error) {
		return imageupload.Target{}, &uploadError{problem{Status: status, Detail: detail}}
	}
	t, err := s.uploadKeys.Verify(requestURI, s.now())
	switch {
	case errors.Is(err, imageupload.ErrExpired):
		return fail(http.StatusForbidden, "the upload URL has expired: ask for a new one")
	case err != nil:
		return fail(http.StatusForbidden, "the upload URL is not valid: "+err.Error())
	case t.AppID != demoAppID:
		return fail(http.StatusForbidden, "the upload URL is for another app")
	}
	if used, err := s.store.imageExists(r.Context(), t.AppID, t.ObjectID); err != nil {
		return imageupload.Target{}, err
	} else if used {
		return fail(http.StatusForbidden, "the upload URL was used already: ask for a new one")
	}
	maxFile := int64(maxUploadBytes)
	if t.MaxLength > 0 {
		maxFile = min(maxFile, t.MaxLength)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFile+multipartOverhead)
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		return fail(http.StatusUnsupportedMediaType, fmt.Sprintf("an upload needs Content-Type multipart/form-data, got %q", r.Header.Get("Content-Type")))
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return fail(http.StatusBadRequest, "not a multipart body: "+err.Error())
	}
	bodyErr := func(err error) (imageupload.Target, error) {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("the file is larger than %d bytes", maxFile))
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return fail(http.StatusRequestTimeout, "the body did not arrive within the server's read timeout")
		}
		return fail(http.StatusBadRequest, "reading the multipart body: "+err.Error())
	}
	var part *multipart.Part
	fields := map[string]string{}
	for {
		part, err = mr.NextPart()
		if errors.Is(err, io.EOF) {
			return fail(http.StatusBadRequest, `the multipart body has no field "file"`)
		}
		if err != nil {
			return bodyErr(err)
		}
		if part.FormName() == "file" {
			break
		}
		// Another field: kept for beforeFile when small, else refused.
		b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
		if err != nil {
			return bodyErr(err)
		}
		if len(b) > maxFieldBytes {
			return fail(http.StatusBadRequest, fmt.Sprintf("the multipart field %q is longer than %d bytes", part.FormName(), maxFieldBytes))
		}
		if _, dup := fields[part.FormName()]; !dup {
			fields[part.FormName()] = string(b)
		}
	}
	if beforeFile != nil {
		if ue := beforeFile(fields); ue != nil {
			return imageupload.Target{}, ue
		}
	}
	cfg := s.images
	cfg.MaxBytes = maxFile
	cr := &countingReader{r: part}
	img, err := cfg.Read(cr)
	if err != nil {
		cause, ok := errors.AsType[*validation.Cause](err)
		switch {
		case !ok:
			return bodyErr(err)
		case cause.Kind == validation.KindLimit && cr.n > maxFile:
			return fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("the file is larger than %d bytes", maxFile))
		}
		// A body cut short inside the file is a bad request, not a bad image (Read cannot tell
		// a truncated part from a short file): the rest of the part, at most the body cap, is
		// read to tell them apart.
		if _, err := io.Copy(io.Discard, part); err != nil {
			return bodyErr(err)
		}
		return imageupload.Target{}, &uploadError{problem{Status: http.StatusUnprocessableEntity,
			Type: problemImage, Title: "Not an acceptable image", Detail: cause.Error(), Causes: []*validation.Cause{cause}}}
	}
	// The file must end with its part, and the body with the closing boundary: a body cut
	// short is refused even when what arrived was an image.
	if _, err := io.Copy(io.Discard, part); err != nil {
		return bodyErr(err)
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return bodyErr(err)
		}
		if _, err := io.Copy(io.Discard, p); err != nil {
			return bodyErr(err)
		}
	}
	err = s.store.putImage(r.Context(), t.AppID, t.ObjectID,
		storedImage{ContentType: img.ContentType, Data: img.Data, ETag: hashOf(img.Data)}, s.now().Unix())
	if errors.Is(err, errUsed) {
		return fail(http.StatusForbidden, "the upload URL was used already: ask for a new one")
	}
	if err != nil {
		return imageupload.Target{}, err
	}
	s.log.Info("image uploaded", "app", t.AppID, "object", t.ObjectID, "type", img.ContentType,
		"bytes", len(img.Data), "width", img.Width, "height", img.Height)
	return t, nil
}

// upload is POST /_upload/{app}/{object}?exp=…&kid=…&sig=…: the file, as multipart/form-data
// field "file". It answers {"result": {"url": "authgearimages:///APP_ID/OBJECT_ID"}}.
func (s *server) upload(w http.ResponseWriter, r *http.Request) {
	uri := r.RequestURI
	if uri == "" {
		uri = r.URL.RequestURI()
	}
	t, err := s.receiveUpload(w, r, uri, nil)
	if err != nil {
		if ue, ok := errors.AsType[*uploadError](err); ok {
			s.problem(w, r, ue.p)
			return
		}
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"result": map[string]string{"url": imageurl.Ref{AppID: t.AppID, ObjectID: t.ObjectID}.String()}})
}

// imageGet is GET /_images/{app}/{object}/{variant}: the original upload or its profile
// variant (built on the first request and cached in SQLite). Responses are immutable: an
// object id is never reused, so its bytes never change.
func (s *server) imageGet(w http.ResponseWriter, r *http.Request) {
	app, obj, v := r.PathValue("app"), r.PathValue("object"), imageurl.Variant(r.PathValue("variant"))
	notFound := func() { s.problem(w, r, problem{Status: http.StatusNotFound, Detail: "no such image"}) }
	if (imageurl.Ref{AppID: app, ObjectID: obj}).Validate() != nil || (v != imageurl.VariantProfile && v != imageurl.VariantOriginal) {
		notFound()
		return
	}
	img, err := s.store.getImage(r.Context(), app, obj, v)
	if errors.Is(err, errNotFound) && v != imageurl.VariantOriginal {
		img, err = s.buildVariant(r.Context(), app, obj, v)
	}
	if err == nil && img.ContentType == "" {
		err = errNotFound // a variant that could not be built (buildVariant)
	}
	switch {
	case errors.Is(err, errNotFound):
		notFound()
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	etag := strconv.Quote(img.ETag)
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", imageCacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	if inm, err := parseETagCondition(r.Header.Values("If-None-Match")); err == nil && inm.matchWeak(etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", img.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(img.Data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(img.Data)
	}
}

// buildVariant decodes the original and builds variant v, at most two decodes at a time
// (a full decode may cost hundreds of MB), and caches it.
func (s *server) buildVariant(ctx context.Context, app, obj string, v imageurl.Variant) (storedImage, error) {
	orig, err := s.store.getImage(ctx, app, obj, imageurl.VariantOriginal)
	if err != nil {
		return storedImage{}, err
	}
	select {
	case s.decodes <- struct{}{}:
		defer func() { <-s.decodes }()
	case <-ctx.Done():
		return storedImage{}, ctx.Err()
	}
	// Another request may have built it while this one waited.
	if img, err := s.store.getImage(ctx, app, obj, v); err == nil {
		return img, nil
	}
	out, err := s.images.Variant(orig.Data, v)
	if cause, ok := errors.AsType[*validation.Cause](err); ok {
		// The upload's header passed the checks but its pixels do not decode (a file cut
		// short after its header): remembered as a variant without a type, so the decode
		// is not retried on every request, and answered 404.
		s.log.Warn("image does not decode", "app", app, "object", obj, "variant", string(v), "err", cause)
		if err := s.store.putVariant(ctx, app, obj, v, storedImage{Data: []byte{}}); err != nil {
			return storedImage{}, err
		}
		return storedImage{}, errNotFound
	}
	if err != nil {
		return storedImage{}, fmt.Errorf("image %s/%s: variant %s: %w", app, obj, v, err)
	}
	img := storedImage{ContentType: out.ContentType, Data: out.Data, ETag: hashOf(out.Data)}
	if err := s.store.putVariant(ctx, app, obj, v, img); err != nil {
		return storedImage{}, err
	}
	return img, nil
}

// settingsPicture is POST /settings/picture?user=<id>: the settings page's picture form,
// multipart/form-data with csrf_token first and then file. It presigns an upload URL itself,
// stores the file as POST /_upload would, and sets picture to the new reference as an end-user
// merge patch (so the access rules apply), then redirects (303) to the page. A refused image
// re-renders the page with the reason next to the picture (422, or 413 for a file too big).
func (s *server) settingsPicture(w http.ResponseWriter, r *http.Request) {
	u, ok := s.settingsUser(w, r)
	if !ok {
		return
	}
	sid, ok := sessionOf(r)
	if !ok {
		refuseSession(w, errNoSession)
		return
	}
	if !s.pictureWritable(&u) {
		http.Error(w, "the picture is not editable by the end user under this config", http.StatusForbidden)
		return
	}
	uri, err := s.presign()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var sessionErr error
	t, err := s.receiveUpload(w, r, uri, func(fields map[string]string) *uploadError {
		if sessionErr = s.checkSessionToken(sid, u.ID, fields[formCSRF]); sessionErr != nil {
			return &uploadError{problem{Status: http.StatusForbidden, Detail: sessionErr.Error()}}
		}
		return nil
	})
	if sessionErr != nil {
		refuseSession(w, sessionErr)
		return
	}
	if err != nil {
		ue, ok := errors.AsType[*uploadError](err)
		switch {
		case !ok:
			s.internal(w, r, err)
		case ue.p.Status == http.StatusUnprocessableEntity || ue.p.Status == http.StatusRequestEntityTooLarge:
			page := s.page(&u, sid, nil, nil)
			page.PictureError = ue.p.Detail
			s.render(w, ue.p.Status, page)
		default:
			http.Error(w, ue.p.Detail, ue.p.Status)
		}
		return
	}
	patch, _ := json.Marshal(map[string]string{"picture": imageurl.Ref{AppID: t.AppID, ObjectID: t.ObjectID}.String()})
	for attempt := 1; ; attempt++ {
		next, changes, err := s.schema.ApplyJSON(&u.Profile, patch, profile.Update{
			Party: access.EndUser, Mode: profile.MergePatch, Identities: u.Identities, UpdatedAt: u.UpdatedAt})
		if err != nil {
			s.invalid(w, r, err)
			return
		}
		if len(changes) == 0 {
			break
		}
		_, err = s.store.swap(r.Context(), u.ID, u.Version, &next, s.now().Unix())
		if errors.Is(err, errStale) && attempt < s.maxRetries {
			if u, ok = s.settingsUser(w, r); !ok {
				return
			}
			continue
		}
		if err != nil {
			s.internal(w, r, err)
			return
		}
		s.log.Info("profile updated", "user", u.ID, "party", "end_user", "mode", "merge_patch", "changes", changeList(changes))
		break
	}
	http.Redirect(w, r, "/settings?"+url.Values{"user": {u.ID}, "saved": {"1"}}.Encode(), http.StatusSeeOther)
}

// pictureWritable reports whether the end user may change u's picture.
func (s *server) pictureWritable(u *user) bool {
	for _, f := range s.schema.View(&u.Profile, access.EndUser).Fields {
		if f.Name == "picture" {
			return f.Writable
		}
	}
	return false
}
