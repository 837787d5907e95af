package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
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

	"github.com/profilekit/profilekit/imageupload"
	"github.com/profilekit/profilekit/validation"
)

// testPNG is a w×h PNG with a gradient (so that the variant is not trivially uniform).
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.NRGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, m))
	return b.Bytes()
}

func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x), 64, uint8(y), 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, m, nil))
	return b.Bytes()
}

// hugeHeaderPNG is a small PNG whose IHDR declares 100000×100000 pixels, with a correct CRC:
// only the dimension check can refuse it.
func hugeHeaderPNG(t *testing.T) []byte {
	b := testPNG(t, 4, 4)
	require.Equal(t, "IHDR", string(b[12:16]))
	binary.BigEndian.PutUint32(b[16:20], 100000)
	binary.BigEndian.PutUint32(b[20:24], 100000)
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// multipartBody is a multipart/form-data body with one file part named field (and the fields
// before it), and its Content-Type.
func multipartBody(t *testing.T, field string, data []byte, before ...string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := 0; i+1 < len(before); i += 2 {
		require.NoError(t, mw.WriteField(before[i], before[i+1]))
	}
	fw, err := mw.CreateFormFile(field, "picture.bin")
	require.NoError(t, err)
	_, _ = fw.Write(data)
	require.NoError(t, mw.Close())
	return b.String(), mw.FormDataContentType()
}

// presignURI asks the Admin API for an upload URL and returns its path and query.
func presignURI(t *testing.T, s *server) string {
	t.Helper()
	w := call(s, "GET", "/admin/images/upload", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	var resp struct {
		Result struct {
			UploadURL string `json:"upload_url"`
		} `json:"result"`
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &resp))
	u, err := url.Parse(resp.Result.UploadURL)
	require.NoError(t, err)
	assert.Equal(t, "http", u.Scheme)
	assert.Equal(t, "example.com", u.Host, "the URL is on the host the request named")
	require.True(t, strings.HasPrefix(u.Path, "/_upload/demo/"), u.Path)
	return u.RequestURI()
}

// uploadTo POSTs data as the multipart field "file" to the upload URI.
func uploadTo(t *testing.T, s *server, uri string, data []byte) (int, string, *uploadResponse) {
	t.Helper()
	body, ct := multipartBody(t, "file", data)
	w := call(s, "POST", uri, body, "Content-Type", ct)
	res := &uploadResponse{w, w.Body.String()}
	if w.Code != http.StatusOK {
		problemOf(t, w)
		return w.Code, "", res
	}
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	var resp struct {
		Result struct {
			URL string `json:"url"`
		} `json:"result"`
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &resp))
	return w.Code, resp.Result.URL, res
}

type uploadResponse struct {
	*httptest.ResponseRecorder
	body string
}

// The whole flow a client follows: presign, upload, write the reference into picture, read
// the profile (the public URL), fetch the image (200, then 304).
func TestImageSeedFlow(t *testing.T) {
	s := newTestServer(t, "")
	uri := presignURI(t, s)
	obj := strings.TrimPrefix(strings.SplitN(uri, "?", 2)[0], "/_upload/demo/")
	require.Len(t, obj, 32, "a 128-bit random object id in hex")
	require.NotEqual(t, uri, presignURI(t, s), "every URL names a fresh object")

	upload := testPNG(t, 300, 200)
	code, ref, res := uploadTo(t, s, uri, upload)
	require.Equal(t, http.StatusOK, code, res.body)
	require.Equal(t, "authgearimages:///demo/"+obj, ref)

	w := call(s, "PATCH", "/admin/users/alice", `{"picture": "`+ref+`"}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	public := "http://127.0.0.1:8080/_images/demo/" + obj + "/profile"
	assert.Equal(t, public, profileOf(t, w).Picture)
	w = call(s, "GET", "/admin/users/alice", "")
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, public, profileOf(t, w).Picture)
	w = call(s, "GET", "/userinfo", "", "Authorization", "Bearer demo:alice:openid+profile")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"picture": "`+public+`"`)
	// Stored as the reference, not the URL: the public host may change.
	var stored string
	require.NoError(t, s.store.db.QueryRow(`SELECT json_extract(profile, '$.picture') FROM users WHERE id = 'alice'`).Scan(&stored))
	assert.Equal(t, ref, stored)

	pu, err := url.Parse(public)
	require.NoError(t, err)
	w = call(s, "GET", pu.Path, "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, "image/png", w.Header().Get("Content-Type"))
	assert.Equal(t, "public, max-age=31536000, immutable", w.Header().Get("Cache-Control"))
	assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
	sum := sha256.Sum256(w.Body.Bytes())
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	assert.Equal(t, etag, w.Header().Get("ETag"), "the ETag is the content hash")
	assert.Equal(t, strconv.Itoa(w.Body.Len()), w.Header().Get("Content-Length"))
	cfg, err := png.DecodeConfig(bytes.NewReader(w.Body.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, [2]int{256, 256}, [2]int{cfg.Width, cfg.Height}, "the profile variant is a 256×256 square")
	first := w.Body.String()

	w = call(s, "GET", pu.Path, "", "If-None-Match", etag)
	assert.Equal(t, http.StatusNotModified, w.Code)
	assert.Empty(t, w.Body.String())
	assert.Equal(t, etag, w.Header().Get("ETag"))
	assert.Equal(t, "public, max-age=31536000, immutable", w.Header().Get("Cache-Control"))
	w = call(s, "GET", pu.Path, "", "If-None-Match", `W/`+etag)
	assert.Equal(t, http.StatusNotModified, w.Code, "If-None-Match compares weakly")
	w = call(s, "GET", pu.Path, "", "If-None-Match", `"other"`)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, first, w.Body.String(), "the cached variant is served again")
	var variants int
	require.NoError(t, s.store.db.QueryRow(`SELECT count(*) FROM image_variants`).Scan(&variants))
	assert.Equal(t, 1, variants, "built once, cached in SQLite")

	w = call(s, "GET", "/_images/demo/"+obj+"/original", "")
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "image/png", w.Header().Get("Content-Type"))
	assert.Equal(t, upload, w.Body.Bytes(), "the original is the upload itself")
	sum = sha256.Sum256(upload)
	assert.Equal(t, `"`+hex.EncodeToString(sum[:])+`"`, w.Header().Get("ETag"))

	for _, path := range []string{
		"/_images/demo/0123456789abcdef0123456789abcdef/profile", // never uploaded
		"/_images/other/" + obj + "/profile",                     // another app
		"/_images/demo/" + obj + "/thumbnail",                    // no such variant
		"/_images/demo/" + obj,
	} {
		w := call(s, "GET", path, "")
		assert.Equal(t, http.StatusNotFound, w.Code, path)
	}

	// The URL was used: a second upload to it is refused, and the stored image is kept.
	code, _, res = uploadTo(t, s, uri, testPNG(t, 10, 10))
	require.Equal(t, http.StatusForbidden, code, res.body)
	assert.Contains(t, res.body, "used already")
	w = call(s, "GET", "/_images/demo/"+obj+"/original", "")
	assert.Equal(t, upload, w.Body.Bytes())
}

// A JPEG upload gets a JPEG profile variant.
func TestImageJPEGVariant(t *testing.T) {
	s := newTestServer(t, "")
	uri := presignURI(t, s)
	code, ref, res := uploadTo(t, s, uri, testJPEG(t, 64, 100))
	require.Equal(t, http.StatusOK, code, res.body)
	obj := strings.TrimPrefix(ref, "authgearimages:///demo/")
	w := call(s, "GET", "/_images/demo/"+obj+"/profile", "")
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "image/jpeg", w.Header().Get("Content-Type"))
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(w.Body.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, 256, cfg.Width)
	w = call(s, "HEAD", "/_images/demo/"+obj+"/original", "")
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "image/jpeg", w.Header().Get("Content-Type"))
}

// What the upload route refuses, and with which status.
func TestImageUploadRefused(t *testing.T) {
	s := newTestServer(t, "")
	small := testPNG(t, 8, 8)

	t.Run("bad files", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			data   []byte
			status int
			kind   validation.Kind
			detail string
		}{
			{"not an image", []byte("hello, this is plain text and no picture at all"), http.StatusUnprocessableEntity, validation.KindFormat, ""},
			{"empty file", []byte{}, http.StatusUnprocessableEntity, validation.KindFormat, ""},
			{"a PNG with a forged huge header", hugeHeaderPNG(t), http.StatusUnprocessableEntity, validation.KindLimit, "pixels"},
			{"11 MB", append(bytes.Clone(small), make([]byte, 11<<20)...), http.StatusRequestEntityTooLarge, "", "larger than 10485760 bytes"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				body, ct := multipartBody(t, "file", tc.data)
				w := call(s, "POST", presignURI(t, s), body, "Content-Type", ct)
				require.Equal(t, tc.status, w.Code, w.Body.String())
				p := problemOf(t, w)
				assert.Contains(t, p.Detail, tc.detail)
				if tc.kind != "" {
					require.Len(t, p.Causes, 1)
					assert.Equal(t, "/file", p.Causes[0].Location)
					assert.Equal(t, tc.kind, p.Causes[0].Kind)
					assert.Equal(t, problemImage, p.Type)
				}
			})
		}
	})

	t.Run("bad bodies", func(t *testing.T) {
		good, ct := multipartBody(t, "file", testPNG(t, 64, 64))
		cut := strings.LastIndex(good, "\r\n--")
		for _, tc := range []struct {
			name, body, ct string
			status         int
		}{
			{"wrong field name", func() string { b, _ := multipartBody(t, "picture", small); return b }(), "", http.StatusBadRequest},
			{"truncated in the file", good[:len(good)/2], ct, http.StatusBadRequest},
			{"no closing boundary", good[:cut], ct, http.StatusBadRequest},
			{"not multipart", string(small), "image/png", http.StatusUnsupportedMediaType},
			{"no boundary parameter", good, "multipart/form-data", http.StatusBadRequest},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ct := tc.ct
				if ct == "" {
					ct = "multipart/form-data; boundary=" + strings.SplitN(tc.body[2:], "\r\n", 2)[0]
				}
				uri := presignURI(t, s)
				w := call(s, "POST", uri, tc.body, "Content-Type", ct)
				require.Equal(t, tc.status, w.Code, w.Body.String())
				problemOf(t, w)
				// A failed upload does not use the URL up.
				code, _, res := uploadTo(t, s, uri, small)
				assert.Equal(t, http.StatusOK, code, res.body)
			})
		}
	})

	t.Run("bad URLs", func(t *testing.T) {
		uri := presignURI(t, s)
		other := imageupload.Keyring{Current: "k2", Keys: map[string][]byte{"k2": bytes.Repeat([]byte{7}, 32)}}
		unknownKey, err := other.Sign(imageupload.Target{AppID: demoAppID, ObjectID: "abc", Expires: s.now().Add(time.Minute)})
		require.NoError(t, err)
		forgedKey, err := imageupload.Keyring{Current: uploadKeyID, Keys: map[string][]byte{uploadKeyID: bytes.Repeat([]byte{7}, 32)}}.
			Sign(imageupload.Target{AppID: demoAppID, ObjectID: "abc", Expires: s.now().Add(time.Minute)})
		require.NoError(t, err)
		otherApp, err := s.uploadKeys.Sign(imageupload.Target{AppID: "other", ObjectID: "abc", Expires: s.now().Add(time.Minute)})
		require.NoError(t, err)
		path, query, _ := strings.Cut(uri, "?")
		flip := map[bool]string{true: "1", false: "0"}[path[len(path)-1] == '0']
		for _, tc := range []struct{ name, uri, detail string }{
			{"another object", path[:len(path)-1] + flip + "?" + query, "does not match"},
			{"a longer expiry", strings.Replace(uri, "exp=", "exp=9", 1), "does not match"},
			{"a forged signature", uri[:len(uri)-4] + "AAAA", "does not match"},
			{"signed with another secret", forgedKey, "does not match"},
			{"an unknown key", unknownKey, "unknown key"},
			{"another app", otherApp, "another app"},
			{"no signature", path, "malformed"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				code, _, res := uploadTo(t, s, tc.uri, small)
				require.Equal(t, http.StatusForbidden, code, res.body)
				assert.Contains(t, res.body, tc.detail)
			})
		}
		t.Run("expired", func(t *testing.T) {
			s := newTestServer(t, "")
			uri := presignURI(t, s)
			now := s.now()
			s.now = func() time.Time { return now.Add(5*time.Minute + time.Second) }
			code, _, res := uploadTo(t, s, uri, small)
			require.Equal(t, http.StatusForbidden, code, res.body)
			assert.Contains(t, res.body, "expired")
			s.now = func() time.Time { return now.Add(4 * time.Minute) }
			code, _, res = uploadTo(t, s, uri, small)
			require.Equal(t, http.StatusOK, code, res.body)
		})
		t.Run("reused", func(t *testing.T) {
			code, _, res := uploadTo(t, s, uri, small)
			require.Equal(t, http.StatusOK, code, res.body)
			code, _, res = uploadTo(t, s, uri, small)
			require.Equal(t, http.StatusForbidden, code, res.body)
		})
	})
}

// postPicture sends the settings page's picture form: csrf_token, then the file.
func postPicture(t *testing.T, b *browser, token string, data []byte, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	body, ct := multipartBody(t, "file", data, formCSRF, token)
	return b.do("POST", "/settings/picture?user=alice", body, append(header, "Content-Type", ct)...)
}

// The settings page shows the picture form when picture is writable; the form uploads, sets
// picture, and the page then shows the new picture.
func TestSettingsPicture(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	form := find(doc, hasAttr("id", "picture-form"))
	require.NotNil(t, form, "picture is writable to the end user by default")
	assert.Equal(t, "multipart/form-data", mustAttr(t, form, "enctype"))
	assert.Equal(t, "/settings/picture?user=alice", mustAttr(t, form, "action"))
	assert.Nil(t, find(doc, hasAttr("id", "picture-current")), "no picture yet")
	token := mustAttr(t, find(form, hasAttr("name", formCSRF)), "value")
	require.NotNil(t, find(form, hasAttr("name", "file")))

	w := postPicture(t, b, token, []byte("not an image"))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code)
	errDoc := parseHTML(t, w.Body.String())
	msg := find(errDoc, hasAttr("id", "picture-error"))
	require.NotNil(t, msg, w.Body.String())
	assert.Contains(t, textOf(msg), "/file")

	w = postPicture(t, b, token, testPNG(t, 40, 40))
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	assert.Equal(t, "/settings?saved=1&user=alice", w.Header().Get("Location"))
	pic := profileOf(t, call(s, "GET", "/admin/users/alice", "")).Picture
	require.True(t, strings.HasPrefix(pic, "http://127.0.0.1:8080/_images/demo/"), pic)
	doc = getSettings(t, b, "alice")
	img := find(doc, hasAttr("id", "picture-current"))
	require.NotNil(t, img)
	assert.Equal(t, pic, mustAttr(t, img, "src"))
	pu, _ := url.Parse(pic)
	assert.Equal(t, http.StatusOK, call(s, "GET", pu.Path, "").Code)

	// The session token and cross-origin protection apply.
	w = postPicture(t, b, "1800000000.AAAA", testPNG(t, 4, 4))
	assert.Equal(t, http.StatusForbidden, w.Code, w.Body.String())
	w = postPicture(t, &browser{s: s}, token, testPNG(t, 4, 4))
	assert.Equal(t, http.StatusUnauthorized, w.Code, "no session cookie")
	w = postPicture(t, b, token, testPNG(t, 4, 4), "Sec-Fetch-Site", "cross-site")
	assert.Equal(t, http.StatusForbidden, w.Code)
	assert.Equal(t, pic, profileOf(t, call(s, "GET", "/admin/users/alice", "")).Picture, "nothing refused was written")
}

// Without end-user write access to picture there is no form, and the route refuses.
func TestSettingsPictureReadOnly(t *testing.T) {
	cfg := strings.Replace(string(demoConfig), `"access_control": [`,
		`"access_control": [
        {"pointer": "/picture", "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}},`, 1)
	s := newTestServer(t, cfg)
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	assert.Nil(t, find(doc, hasAttr("id", "picture-form")))
	token := mustAttr(t, find(doc, hasAttr("name", formCSRF)), "value")
	w := postPicture(t, b, token, testPNG(t, 4, 4))
	assert.Equal(t, http.StatusForbidden, w.Code)
}

// Two uploads to one URL at once: the images table's primary key lets exactly one succeed.
func TestImageUploadRace(t *testing.T) {
	s := newTestServer(t, "")
	uri := presignURI(t, s)
	body, ct := multipartBody(t, "file", testPNG(t, 32, 32))
	const n = 4
	codes := make(chan int, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			codes <- call(s, "POST", uri, body, "Content-Type", ct).Code
		}()
	}
	close(start)
	got := map[int]int{}
	for range n {
		got[<-codes]++
	}
	assert.Equal(t, map[int]int{http.StatusOK: 1, http.StatusForbidden: n - 1}, got)
}

// A PNG cut short after its header passes the upload checks (no pixel is decoded there); its
// profile variant cannot be built, which is a 404, remembered so the decode is not retried.
func TestImageVariantOfTruncatedFile(t *testing.T) {
	s := newTestServer(t, "")
	full := testPNG(t, 200, 200)
	code, ref, res := uploadTo(t, s, presignURI(t, s), full[:len(full)*2/3])
	require.Equal(t, http.StatusOK, code, res.body)
	obj := strings.TrimPrefix(ref, "authgearimages:///demo/")
	for range 2 {
		w := call(s, "GET", "/_images/demo/"+obj+"/profile", "")
		assert.Equal(t, http.StatusNotFound, w.Code, w.Body.String())
	}
	var n int
	require.NoError(t, s.store.db.QueryRow(`SELECT count(*) FROM image_variants WHERE content_type = ''`).Scan(&n))
	assert.Equal(t, 1, n)
	assert.Equal(t, http.StatusOK, call(s, "GET", "/_images/demo/"+obj+"/original", "").Code)
}

// -upload-key-file keeps upload URLs valid across a restart; without it they die with the
// process. A key file that is too short stops the start.
func TestUploadKeyFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "users.db")
	keyFile := filepath.Join(dir, "upload.key")
	require.NoError(t, os.WriteFile(keyFile, []byte(strings.Repeat("u", 32)+"\n"), 0o600))
	client := &http.Client{Timeout: 20 * time.Second}
	presign := func(t *testing.T, base string) string {
		resp, err := client.Get(base + "/admin/images/upload")
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var body struct {
			Result struct {
				UploadURL string `json:"upload_url"`
			} `json:"result"`
		}
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
		require.True(t, strings.HasPrefix(body.Result.UploadURL, base+"/_upload/demo/"), body.Result.UploadURL)
		return strings.TrimPrefix(body.Result.UploadURL, base)
	}
	upload := func(t *testing.T, base, uri string) int {
		body, ct := multipartBody(t, "file", testPNG(t, 16, 16))
		resp, err := client.Post(base+uri, ct, strings.NewReader(body))
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	var uri, uri2 string
	t.Run("first process signs", func(t *testing.T) {
		base, _ := startRun(t, "-db", db, "-upload-key-file", keyFile)
		uri, uri2 = presign(t, base), presign(t, base)
	})
	t.Run("a restart without the key refuses the URL", func(t *testing.T) {
		base, _ := startRun(t, "-db", db)
		assert.Equal(t, http.StatusForbidden, upload(t, base, uri))
	})
	t.Run("a restart with the key accepts it, once", func(t *testing.T) {
		base, _ := startRun(t, "-db", db, "-upload-key-file", keyFile)
		assert.Equal(t, http.StatusOK, upload(t, base, uri))
		assert.Equal(t, http.StatusForbidden, upload(t, base, uri), "the used object is recorded in the database")
		assert.Equal(t, http.StatusOK, upload(t, base, uri2))
	})
	short := filepath.Join(dir, "short.key")
	require.NoError(t, os.WriteFile(short, []byte("short"), 0o600))
	err := run(context.Background(), []string{"-db", db, "-upload-key-file", short}, io.Discard, nil)
	assert.ErrorContains(t, err, "upload key")
}
