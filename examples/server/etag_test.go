package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patchWithIfMatch PATCHes alice with one If-Match field line per element of lines (none when
// lines is empty), the way a client that repeats the field sends it.
func patchWithIfMatch(s *server, body string, lines ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("PATCH", "/admin/users/alice", strings.NewReader(body))
	r.Header.Set("Content-Type", mergePatch)
	for _, l := range lines {
		r.Header.Add("If-Match", l)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// If-Match is a list of entity-tags spread over every field line (RFC 9110 §5.3, §13.1.1),
// compared strongly: any listed strong tag equal to the current ETag matches, "*" matches an
// existing user, a weak tag never matches, and no match is 412 with nothing written.
func TestIfMatchList(t *testing.T) {
	tests := []struct {
		name   string
		lines  []string // If-Match field lines; the current ETag is "1"
		status int
	}{
		{"two lines, the second holds the current ETag", []string{`"7"`, `"1"`}, http.StatusOK},
		{"two lines, the first holds the current ETag", []string{`"1"`, `"7"`}, http.StatusOK},
		{"a list, the current ETag second", []string{`"a", "1"`}, http.StatusOK},
		{"a list with empty elements and tabs", []string{`, "a",,` + "\t" + `"1" ,`}, http.StatusOK},
		{"a comma inside a tag does not split it", []string{`"a,1", "1"`}, http.StatusOK},
		{"*", []string{`*`}, http.StatusOK},
		{"* with whitespace", []string{` * `}, http.StatusOK},
		{"weak tag of the current version", []string{`W/"1"`}, http.StatusPreconditionFailed},
		{"weak tag on a second line", []string{`"7"`, `W/"1"`}, http.StatusPreconditionFailed},
		{"no listed tag matches", []string{`"7"`, `"8", "9"`}, http.StatusPreconditionFailed},
		{"the current version inside a longer tag", []string{`"1,7"`}, http.StatusPreconditionFailed},
		{"an empty field is an empty list", []string{``}, http.StatusPreconditionFailed},
		{"an unquoted tag", []string{`1`}, http.StatusBadRequest},
		{"an unterminated tag", []string{`"1`}, http.StatusBadRequest},
		{"two tags without a comma", []string{`"7" "1"`}, http.StatusBadRequest},
		{"* on one line and a tag on another", []string{`*`, `"1"`}, http.StatusBadRequest},
		{"a lower-case weak prefix", []string{`w/"1"`}, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, "")
			w := patchWithIfMatch(s, `{"given_name": "Alicia"}`, tt.lines...)
			require.Equal(t, tt.status, w.Code, w.Body.String())
			after := call(s, "GET", "/admin/users/alice", "")
			if tt.status == http.StatusOK {
				assert.Equal(t, `"2"`, w.Header().Get("ETag"))
				assert.Equal(t, "Alicia", profileOf(t, w).GivenName)
				assert.Equal(t, `"2"`, after.Header().Get("ETag"))
				return
			}
			pr := problemOf(t, w)
			assert.Equal(t, "about:blank", pr.Type)
			assert.Contains(t, pr.Detail, "If-Match")
			if tt.status == http.StatusPreconditionFailed {
				assert.Equal(t, `"1"`, w.Header().Get("ETag"), "a 412 tells the current version")
			}
			assert.Equal(t, `"1"`, after.Header().Get("ETag"), "nothing was written")
			assert.Equal(t, "Alice", profileOf(t, after).GivenName)
		})
	}

	// A user that does not exist is 404 whatever the If-Match: PUT and PATCH do not create.
	s := newTestServer(t, "")
	w := call(s, "PATCH", "/admin/users/bob", `{}`, "Content-Type", mergePatch, "If-Match", "*")
	assert.Equal(t, http.StatusNotFound, w.Code)
}

// Over a real connection: two If-Match lines on the wire reach the handler as two values and
// the second one's tag is honoured.
func TestIfMatchTwoLinesOnTheWire(t *testing.T) {
	s := newTestServer(t, "")
	ts := httptest.NewServer(s)
	defer ts.Close()
	conn, err := net.DialTimeout("tcp", ts.Listener.Addr().String(), 5*time.Second)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	body := `{"given_name": "Alicia"}`
	_, err = fmt.Fprintf(conn, "PATCH /admin/users/alice HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\n"+
		"If-Match: \"5\"\r\nIf-Match: \"1\"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
		ts.Listener.Addr(), mergePatch, len(body), body)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, `"2"`, resp.Header.Get("ETag"))
}

// If-None-Match is read from every line too and compared weakly: W/"1" is a match for a GET.
func TestIfNoneMatchList(t *testing.T) {
	s := newTestServer(t, "")
	get := func(lines ...string) int {
		r := httptest.NewRequest("GET", "/admin/users/alice", nil)
		for _, l := range lines {
			r.Header.Add("If-None-Match", l)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w.Code
	}
	assert.Equal(t, http.StatusNotModified, get(`"7"`, `"1"`))
	assert.Equal(t, http.StatusNotModified, get(`"7", W/"1"`))
	assert.Equal(t, http.StatusNotModified, get(`*`))
	assert.Equal(t, http.StatusOK, get(`"7"`, `"8"`))
	assert.Equal(t, http.StatusOK, get(`1`), "an unreadable If-None-Match is ignored")
	assert.Equal(t, http.StatusOK, get())
}

func TestParseETagCondition(t *testing.T) {
	tests := []struct {
		lines []string
		want  etagCondition
		err   string
	}{
		{nil, etagCondition{}, ""},
		{[]string{""}, etagCondition{present: true}, ""},
		{[]string{"*"}, etagCondition{present: true, any: true}, ""},
		{[]string{`"a,b", W/"c"`, "\"\", \"\x80!#~\""}, etagCondition{present: true, tags: []entityTag{
			{opaque: `"a,b"`}, {opaque: `"c"`, weak: true}, {opaque: `""`}, {opaque: "\"\x80!#~\""}}}, ""},
		{[]string{`"a" , ,"b"`}, etagCondition{present: true, tags: []entityTag{{opaque: `"a"`}, {opaque: `"b"`}}}, ""},
		{[]string{`a`}, etagCondition{}, "quoted string"},
		{[]string{`W/a`}, etagCondition{}, "quoted string"},
		{[]string{`W/`}, etagCondition{}, "quoted string"},
		{[]string{`"a`}, etagCondition{}, "closing double quote"},
		{[]string{`"a b"`}, etagCondition{}, "not allowed"},
		{[]string{"\"a\x7fb\""}, etagCondition{}, "not allowed"},
		{[]string{`"a""b"`}, etagCondition{}, "separated by commas"},
		{[]string{`"a" x`}, etagCondition{}, "separated by commas"},
		{[]string{`*, "a"`}, etagCondition{}, "whole field"},
		{[]string{`*`, `*`}, etagCondition{}, "whole field"},
		{[]string{`**`}, etagCondition{}, "separated by commas"},
	}
	for _, tt := range tests {
		got, err := parseETagCondition(tt.lines)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, "%q", tt.lines)
			continue
		}
		require.NoError(t, err, "%q", tt.lines)
		assert.Equal(t, tt.want, got, "%q", tt.lines)
	}

	c, err := parseETagCondition([]string{`W/"1", "2"`})
	require.NoError(t, err)
	assert.False(t, c.matchStrong(`"1"`), "strong comparison: a weak tag never matches")
	assert.True(t, c.matchStrong(`"2"`))
	assert.True(t, c.matchWeak(`"1"`), "weak comparison ignores W/")
	assert.False(t, c.matchStrong(`"3"`))
}
