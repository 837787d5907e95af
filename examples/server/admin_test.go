package main

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/validation"
)

const mergePatch = "application/merge-patch+json"

func TestAdminGet(t *testing.T) {
	s := newTestServer(t, "")

	w := call(s, "GET", "/admin/users/alice", "")
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, `"1"`, w.Header().Get("ETag"))
	p := profileOf(t, w)
	assert.Equal(t, "Alice", p.GivenName)
	assert.Equal(t, "+14155552671", p.PhoneNumber, "seeded through Apply, so normalized to E.164")
	assert.Equal(t, customattr.IntValue(12), p.Custom["risk_score"], "the Admin API sees attributes hidden from everyone else")
	assert.Equal(t, customattr.StringValue("E000123"), p.Custom["employee_id"])

	w = call(s, "GET", "/admin/users/alice", "", "If-None-Match", `"1"`)
	assert.Equal(t, http.StatusNotModified, w.Code)
	assert.Empty(t, w.Body.String())

	for _, target := range []string{"/admin/users/bob", "/admin/users/a%20b"} {
		w = call(s, "GET", target, "")
		require.Equal(t, http.StatusNotFound, w.Code, target)
		pr := problemOf(t, w)
		assert.Equal(t, "about:blank", pr.Type)
		assert.Equal(t, "Not Found", pr.Title)
		assert.Contains(t, pr.Detail, "no user")
		assert.Empty(t, pr.Causes)
	}

	w = call(s, "DELETE", "/admin/users/alice", "")
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
}

func TestAdminPatch(t *testing.T) {
	s := newTestServer(t, "")
	get := func() (string, *json.RawMessage) {
		w := call(s, "GET", "/admin/users/alice", "")
		require.Equal(t, http.StatusOK, w.Code)
		raw := json.RawMessage(w.Body.Bytes())
		return w.Header().Get("ETag"), &raw
	}

	// A valid patch with the current ETag: applied, version bumped, nulls remove.
	w := call(s, "PATCH", "/admin/users/alice",
		`{"given_name": " Alicia ", "custom_attributes": {"shoe_size": null, "tickets": 4}}`,
		"Content-Type", mergePatch, "If-Match", `"1"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, `"2"`, w.Header().Get("ETag"))
	p := profileOf(t, w)
	assert.Equal(t, "Alicia", p.GivenName, "trimmed")
	assert.Equal(t, "Liddell", p.FamilyName, "absent members are kept")
	assert.True(t, p.Custom["shoe_size"].IsZero(), "null removes")
	assert.Equal(t, customattr.IntValue(4), p.Custom["tickets"])
	etag, before := get()
	assert.Equal(t, `"2"`, etag)
	assert.Contains(t, string(*before), `"Alicia"`)

	// Every refused write below must leave the stored user exactly as it was.
	unchanged := func() {
		t.Helper()
		etag, now := get()
		assert.Equal(t, `"2"`, etag)
		assert.JSONEq(t, string(*before), string(*now))
	}

	tests := []struct {
		name        string
		body        string
		header      []string
		status      int
		problemType string
		causes      map[string]validation.Kind // location -> kind
	}{
		{name: "stale If-Match", body: `{"given_name": "Mallory"}`, header: []string{"Content-Type", mergePatch, "If-Match", `"1"`},
			status: http.StatusPreconditionFailed, problemType: "about:blank"},
		{name: "weak ETag never matches If-Match", body: `{"given_name": "Mallory"}`, header: []string{"Content-Type", mergePatch, "If-Match", `W/"2"`},
			status: http.StatusPreconditionFailed, problemType: "about:blank"},
		{name: "plain JSON is read as a merge patch", body: `{"given_name": "Mallory"}`, header: []string{"Content-Type", "application/json", "If-Match", `"1"`},
			status: http.StatusPreconditionFailed, problemType: "about:blank"},
		{name: "text is not a merge patch", body: `{"given_name": "Mallory"}`, header: []string{"Content-Type", "text/plain"},
			status: http.StatusUnsupportedMediaType, problemType: "about:blank"},
		{name: "no content type", body: `{"given_name": "Mallory"}`,
			status: http.StatusUnsupportedMediaType, problemType: "about:blank"},
		{name: "invalid values", body: `{"given_name": "Mallory", "birthdate": "1900-02-29", "custom_attributes": {"shoe_size": 99}}`,
			header: []string{"Content-Type", mergePatch + "; charset=utf-8", "If-Match", `"2"`},
			status: http.StatusBadRequest, problemType: problemInvalid,
			causes: map[string]validation.Kind{"/birthdate": validation.KindFormat, "/custom_attributes/shoe_size": validation.KindMaximum}},
		{name: "malformed JSON", body: `{"given_name": "x"`, header: []string{"Content-Type", mergePatch},
			status: http.StatusBadRequest, problemType: problemInvalid, causes: map[string]validation.Kind{"": validation.KindSyntax}},
		{name: "unknown attribute", body: `{"shoe_size": 40}`, header: []string{"Content-Type", mergePatch},
			status: http.StatusBadRequest, problemType: problemInvalid, causes: map[string]validation.Kind{"/shoe_size": validation.KindUnknown}},
		{name: "email the user does not own", body: `{"email": "mallory@example.com"}`, header: []string{"Content-Type", mergePatch},
			status: http.StatusUnprocessableEntity, problemType: problemUnowned, causes: map[string]validation.Kind{"/email": validation.KindUnowned}},
		{name: "invalid and unowned: the invalid value decides", body: `{"email": "mallory@example.com", "locale": "xx-QQ"}`, header: []string{"Content-Type", mergePatch},
			status: http.StatusBadRequest, problemType: problemInvalid,
			causes: map[string]validation.Kind{"/email": validation.KindUnowned, "/locale": validation.KindFormat}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := call(s, "PATCH", "/admin/users/alice", tt.body, tt.header...)
			require.Equal(t, tt.status, w.Code, w.Body.String())
			pr := problemOf(t, w)
			assert.Equal(t, tt.problemType, pr.Type)
			assert.Equal(t, "/admin/users/alice", pr.Instance)
			got := map[string]validation.Kind{}
			for _, c := range pr.Causes {
				got[c.Location] = c.Kind
			}
			if tt.causes == nil {
				tt.causes = map[string]validation.Kind{}
			}
			assert.Equal(t, tt.causes, got)
			if tt.status == http.StatusUnsupportedMediaType {
				assert.Equal(t, mergePatch, w.Header().Get("Accept-Patch"))
			}
			if tt.status == http.StatusPreconditionFailed {
				assert.Equal(t, `"2"`, w.Header().Get("ETag"), "a 412 tells the current version")
			}
			unchanged()
		})
	}

	// The causes keep their JSON shape inside the problem.
	w = call(s, "PATCH", "/admin/users/alice", `{"birthdate": "1900-02-29"}`, "Content-Type", mergePatch)
	require.Equal(t, http.StatusBadRequest, w.Code)
	var raw struct {
		Causes []map[string]any `json:"causes"`
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &raw))
	require.Len(t, raw.Causes, 1)
	assert.Equal(t, map[string]any{"location": "/birthdate", "kind": "format", "details": map[string]any{
		"actual": "1900-02-29", "format": "birthdate", "error": "February 1900 has 28 days"}}, raw.Causes[0])

	// An empty patch changes nothing and keeps the version.
	w = call(s, "PATCH", "/admin/users/alice", `{}`, "Content-Type", mergePatch, "If-Match", `"2"`)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, `"2"`, w.Header().Get("ETag"))
	unchanged()

	// If-Match: * matches any existing version.
	w = call(s, "PATCH", "/admin/users/alice", `{"nickname": "Al"}`, "Content-Type", mergePatch, "If-Match", `*`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, `"3"`, w.Header().Get("ETag"))

	// A list of ETags matches if any does.
	w = call(s, "PATCH", "/admin/users/alice", `{"nickname": "Ally"}`, "Content-Type", mergePatch, "If-Match", `"1", "3"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, `"4"`, w.Header().Get("ETag"))

	w = call(s, "PATCH", "/admin/users/bob", `{}`, "Content-Type", mergePatch)
	assert.Equal(t, http.StatusNotFound, w.Code)
	problemOf(t, w)
}

func TestAdminPut(t *testing.T) {
	s := newTestServer(t, "")
	full := `{"given_name": "Alice", "email": "alice@example.com", "birthdate": "0000-02-29",
	  "custom_attributes": {"employee_id": "E000124", "department": "sales"}}`

	w := call(s, "PUT", "/admin/users/alice", full, "Content-Type", "application/json", "If-Match", `"1"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, `"2"`, w.Header().Get("ETag"))
	p := profileOf(t, w)
	assert.Equal(t, "0000-02-29", p.Birthdate)
	assert.Empty(t, p.FamilyName, "Replace removes what was not sent")
	assert.Nil(t, p.Address)
	assert.Empty(t, p.PhoneNumber)
	assert.Equal(t, []string{"department", "employee_id"}, slices.Sorted(maps.Keys(p.Custom)))

	got := profileOf(t, call(s, "GET", "/admin/users/alice", ""))
	assert.True(t, p.Equal(&got), "the stored profile is the one returned")

	w = call(s, "PUT", "/admin/users/alice", `{"given_name": "Mallory"}`, "Content-Type", "application/json", "If-Match", `"1"`)
	require.Equal(t, http.StatusPreconditionFailed, w.Code)
	problemOf(t, w)

	w = call(s, "PUT", "/admin/users/alice", `{"given_name": "Mallory"}`, "Content-Type", "text/plain")
	require.Equal(t, http.StatusUnsupportedMediaType, w.Code)
	assert.Empty(t, w.Header().Get("Accept-Patch"), "Accept-Patch is for PATCH")
	problemOf(t, w)

	w = call(s, "PUT", "/admin/users/alice", `{"given_name": "Mallory", "custom_attributes": {"department": "marketing"}}`,
		"Content-Type", "application/json")
	require.Equal(t, http.StatusBadRequest, w.Code)
	pr := problemOf(t, w)
	require.Len(t, pr.Causes, 1)
	assert.Equal(t, "/custom_attributes/department", pr.Causes[0].Location)
	assert.Equal(t, validation.KindEnum, pr.Causes[0].Kind)

	w = call(s, "PUT", "/admin/users/bob", full, "Content-Type", "application/json")
	require.Equal(t, http.StatusNotFound, w.Code)
	problemOf(t, w)

	got = profileOf(t, call(s, "GET", "/admin/users/alice", ""))
	assert.True(t, p.Equal(&got), "no refused write changed anything")

	// A body over the schema's size limit is refused before it is decoded.
	big := `{"given_name": "` + strings.Repeat("a", s.schema.Limits().MaxBytes) + `"}`
	w = call(s, "PUT", "/admin/users/alice", big, "Content-Type", "application/json")
	require.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	problemOf(t, w)
}

// The status of a failed update follows the worst class of its causes. The Admin API can
// change everything, so a forbidden cause cannot come from it: the mapping is checked on
// errors built here.
func TestInvalidStatus(t *testing.T) {
	s := newTestServer(t, "")
	cause := func(loc string, k validation.Kind) *validation.Cause {
		return &validation.Cause{Location: loc, Kind: k}
	}
	tests := []struct {
		causes []*validation.Cause
		status int
		typ    string
	}{
		{[]*validation.Cause{cause("/email", validation.KindForbidden)}, http.StatusForbidden, problemForbidden},
		{[]*validation.Cause{cause("/birthdate", validation.KindFormat), cause("/email", validation.KindForbidden)}, http.StatusForbidden, problemForbidden},
		{[]*validation.Cause{cause("/birthdate", validation.KindFormat), cause("/email", validation.KindUnowned)}, http.StatusBadRequest, problemInvalid},
		{[]*validation.Cause{cause("/email", validation.KindUnowned)}, http.StatusUnprocessableEntity, problemUnowned},
	}
	for _, tt := range tests {
		w := call(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.invalid(w, r, (&validation.Error{Causes: tt.causes}).Err())
		}), "PATCH", "/admin/users/alice", "")
		assert.Equal(t, tt.status, w.Code)
		pr := problemOf(t, w)
		assert.Equal(t, tt.typ, pr.Type)
		assert.Len(t, pr.Causes, len(tt.causes))
	}
}
