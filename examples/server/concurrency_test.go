package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
)

// counterConfig defines n integer custom attributes c0..c(n-1).
func counterConfig(n int) string {
	var defs []string
	for i := range n {
		defs = append(defs, fmt.Sprintf(`{"id": "%d", "pointer": "/c%d", "type": "integer"}`, 100+i, i))
	}
	return `{"custom_attributes": {"attributes": [` + strings.Join(defs, ",") + `]}}`
}

func patchOverHTTP(t *testing.T, url, body string, header ...string) (*http.Response, string) {
	req, err := http.NewRequest("PATCH", url, strings.NewReader(body))
	if err != nil {
		t.Error(err)
		return nil, ""
	}
	req.Header.Set("Content-Type", mergePatch)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return nil, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// N writers PATCH the same user at once without If-Match, each setting a different attribute.
// A barrier in the test hook holds every writer between its read and its write until all N
// have read version 1, so all N apply their patch to the same stale profile: a plain
// read-modify-write would keep one attribute and lose N-1. The compare-and-swap must refuse
// all but one write per version and the handler must re-read and re-apply, so every attribute
// arrives and the version ends at 1+N.
func TestConcurrentPatchesNoLostUpdate(t *testing.T) {
	const n = 8
	s := newTestServer(t, counterConfig(n))
	var reads atomic.Int32
	allRead := make(chan struct{})
	s.afterRead = func() {
		switch k := reads.Add(1); {
		case k < n:
			<-allRead
		case k == n:
			close(allRead)
		}
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			resp, body := patchOverHTTP(t, ts.URL+"/admin/users/alice", fmt.Sprintf(`{"custom_attributes": {"c%d": %d}}`, i, i+1))
			if resp != nil && resp.StatusCode != http.StatusOK {
				t.Errorf("writer %d: %d %s", i, resp.StatusCode, body)
			}
		})
	}
	wg.Wait()

	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	for i := range n {
		assert.Equal(t, customattr.IntValue(int64(i+1)), u.Profile.Custom["c"+strconv.Itoa(i)], "attribute c%d", i)
	}
	assert.Equal(t, int64(1+n), u.Version, "one version per write")
	// Every writer read once before the barrier released; the first swap won and the other
	// n-1 had to read again at least once: the race really happened.
	assert.GreaterOrEqual(t, int(reads.Load()), 2*n-1, "reads: %d", reads.Load())
	t.Logf("%d writers, %d reads (retries: %d)", n, reads.Load(), int(reads.Load())-n)
}

// N clients increment one counter K times each with If-Match: read the value and its ETag,
// PATCH value+1 with If-Match, start over on 412. The final count is exactly N*K: a stale
// If-Match never overwrites a newer value.
func TestConcurrentIncrementsWithIfMatch(t *testing.T) {
	const n, k = 6, 5
	s := newTestServer(t, counterConfig(1))
	ts := httptest.NewServer(s)
	defer ts.Close()
	url := ts.URL + "/admin/users/alice"

	var stale atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for done := 0; done < k; {
				resp, err := http.Get(url)
				if err != nil {
					t.Error(err)
					return
				}
				var p profile.Profile
				err = json.NewDecoder(resp.Body).Decode(&p)
				resp.Body.Close()
				if err != nil {
					t.Error(err)
					return
				}
				lit, _ := p.Custom["c0"].Number()
				cur, _ := lit.Int64()
				r, body := patchOverHTTP(t, url, fmt.Sprintf(`{"custom_attributes": {"c0": %d}}`, cur+1), "If-Match", resp.Header.Get("ETag"))
				switch {
				case r == nil:
					return
				case r.StatusCode == http.StatusOK:
					done++
				case r.StatusCode == http.StatusPreconditionFailed:
					stale.Add(1)
				default:
					t.Errorf("PATCH: %d %s", r.StatusCode, body)
					return
				}
			}
		})
	}
	wg.Wait()

	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, customattr.IntValue(n*k), u.Profile.Custom["c0"])
	assert.Equal(t, int64(1+n*k), u.Version)
	t.Logf("%d increments, %d refused with 412 and redone", n*k, stale.Load())
}

// A writer that keeps losing the race gives up with 409 after maxRetries attempts, writing
// nothing.
func TestPatchRetriesRunOut(t *testing.T) {
	s := newTestServer(t, counterConfig(2))
	s.maxRetries = 3
	attempts := 0
	s.afterRead = func() {
		attempts++
		// Another writer slips in between this read and its swap, every time.
		_, err := s.store.swap(context.Background(), "alice", int64(attempts), &profile.Profile{
			Custom: map[string]customattr.Value{"c1": customattr.IntValue(int64(attempts))}}, 1)
		require.NoError(t, err)
	}
	w := call(s, "PATCH", "/admin/users/alice", `{"custom_attributes": {"c0": 1}}`, "Content-Type", mergePatch)
	require.Equal(t, http.StatusConflict, w.Code)
	assert.Equal(t, problemConflict, problemOf(t, w).Type)
	assert.Equal(t, 3, attempts)
	s.afterRead = nil
	u, _ := s.store.get(context.Background(), "alice")
	assert.True(t, u.Profile.Custom["c0"].IsZero())
	assert.Equal(t, int64(4), u.Version)

	// With If-Match, losing the race after the check is a 412, not a retry.
	s.afterRead = func() {
		_, err := s.store.swap(context.Background(), "alice", 4, &profile.Profile{Claims: stdattr.Claims{GivenName: "Eve"}}, 1)
		require.NoError(t, err)
	}
	w = call(s, "PATCH", "/admin/users/alice", `{"custom_attributes": {"c0": 1}}`, "Content-Type", mergePatch, "If-Match", `"4"`)
	require.Equal(t, http.StatusPreconditionFailed, w.Code)
	s.afterRead = nil
	u, _ = s.store.get(context.Background(), "alice")
	assert.Equal(t, "Eve", u.Profile.GivenName)
	assert.True(t, u.Profile.Custom["c0"].IsZero())
}
