package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slack is how much later than its timeout the server may close a connection in these tests
// (a loaded CI machine schedules late; a deadline never fires early).
const slack = 4 * time.Second

// dialLoopback connects to addr (a 127.0.0.1 listener) with a bound on every read and write.
func dialLoopback(t *testing.T, addr string) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.SetDeadline(time.Now().Add(20*time.Second)))
	return conn
}

// readUntilClosed reads from conn until the server closes it and returns what came.
func readUntilClosed(conn net.Conn) ([]byte, error) {
	b, err := io.ReadAll(conn)
	if errors.Is(err, syscall.ECONNRESET) {
		err = nil // the server closed with unread input: a reset is a close too
	}
	return b, err
}

// The server must not let a client hold a connection by going quiet: through run, with short
// timeouts from the flags, a body stalled mid-way is cut at the read timeout (with a 408), a
// request stalled in its headers at the read-header timeout, and an idle keep-alive at the
// idle timeout. A few connections of each kind at once (the fault probe held 100 of 100).
func TestSlowClientsAreCut(t *testing.T) {
	const (
		readHeaderTimeout = 500 * time.Millisecond
		readTimeout       = time.Second
		idleTimeout       = 400 * time.Millisecond
		conns             = 4
	)
	base, _ := startRun(t, "-db", filepath.Join(t.TempDir(), "users.db"),
		"-read-header-timeout", readHeaderTimeout.String(), "-read-timeout", readTimeout.String(),
		"-write-timeout", "5s", "-idle-timeout", idleTimeout.String())
	addr := strings.TrimPrefix(base, "http://")

	t.Run("body stalled mid-way", func(t *testing.T) {
		var wg sync.WaitGroup
		for range conns {
			wg.Go(func() {
				start := time.Now() // before the dial: the server's deadline starts later
				conn := dialLoopback(t, addr)
				_, err := fmt.Fprintf(conn, "PATCH /admin/users/alice HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\n"+
					"Content-Length: 64\r\n\r\n{\"given_name\": ", addr, mergePatch)
				if !assert.NoError(t, err) {
					return
				}
				got, err := readUntilClosed(conn)
				elapsed := time.Since(start)
				if !assert.NoError(t, err, "the server closes the connection before the client's own deadline") {
					return
				}
				assert.GreaterOrEqual(t, elapsed, readTimeout)
				assert.Less(t, elapsed, readTimeout+slack)
				resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(got)), nil)
				if !assert.NoError(t, err, "%q", got) {
					return
				}
				body, _ := io.ReadAll(resp.Body)
				assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode, "%s", body)
				assert.True(t, resp.Close, "Connection: close")
				assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
			})
		}
		wg.Wait()
	})

	t.Run("headers stalled mid-way", func(t *testing.T) {
		var wg sync.WaitGroup
		for range conns {
			wg.Go(func() {
				start := time.Now()
				conn := dialLoopback(t, addr)
				_, err := fmt.Fprintf(conn, "GET /admin/users/alice HTTP/1.1\r\nHost: %s\r\nAccept: appl", addr)
				if !assert.NoError(t, err) {
					return
				}
				_, err = readUntilClosed(conn)
				elapsed := time.Since(start)
				assert.NoError(t, err)
				assert.GreaterOrEqual(t, elapsed, readHeaderTimeout)
				assert.Less(t, elapsed, readHeaderTimeout+slack)
			})
		}
		wg.Wait()
	})

	t.Run("idle keep-alive", func(t *testing.T) {
		var wg sync.WaitGroup
		for range conns {
			wg.Go(func() {
				conn := dialLoopback(t, addr)
				br := bufio.NewReader(conn)
				// Two requests on the connection: it is kept alive between them.
				for i := range 2 {
					_, err := fmt.Fprintf(conn, "GET /admin/users/alice HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
					if !assert.NoError(t, err) {
						return
					}
					resp, err := http.ReadResponse(br, nil)
					if !assert.NoError(t, err) {
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					assert.Equal(t, http.StatusOK, resp.StatusCode, "request %d", i)
					assert.False(t, resp.Close, "request %d: the connection stays open", i)
				}
				idle := time.Now()
				rest, err := io.ReadAll(br)
				elapsed := time.Since(idle)
				assert.NoError(t, err, "the server closes the idle connection before the client's own deadline")
				assert.Empty(t, rest)
				// The server arms the idle deadline just after its last write, which may be a
				// hair before the client saw the response.
				assert.GreaterOrEqual(t, elapsed, idleTimeout-100*time.Millisecond)
				assert.Less(t, elapsed, idleTimeout+slack)
			})
		}
		wg.Wait()
	})
}

// Each client may have at most limiter.max requests in progress: with two PATCHes held inside
// the handler, a third request from the same address gets 429 with Retry-After and a problem
// body, another address is served, and once the two finish the client is served again and
// forgotten.
func TestPerClientCap(t *testing.T) {
	const limit = 2
	s := newTestServer(t, "")
	s.limiter.max = limit
	entered := make(chan struct{}, 2*limit)
	release := make(chan struct{})
	s.afterRead = func() {
		entered <- struct{}{}
		<-release
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	client := &http.Client{Timeout: 20 * time.Second}

	codes := make(chan int, limit)
	for i := range limit {
		go func() {
			req, _ := http.NewRequest("PATCH", ts.URL+"/admin/users/alice", strings.NewReader(fmt.Sprintf(`{"nickname": "n%d"}`, i)))
			req.Header.Set("Content-Type", mergePatch)
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				codes <- 0
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		}()
	}
	for range limit {
		select {
		case <-entered:
		case <-time.After(20 * time.Second):
			close(release)
			t.Fatal("the PATCHes did not reach the handler")
		}
	}

	// The (max+1)th concurrent request from 127.0.0.1 is refused.
	resp, err := client.Get(ts.URL + "/admin/users/alice")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusTooManyRequests, resp.StatusCode, "%s", body)
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	var pr problem
	require.NoError(t, json.Unmarshal(body, &pr))
	assert.Equal(t, problem{Type: "about:blank", Title: "Too Many Requests", Status: http.StatusTooManyRequests,
		Detail: "this client already has 2 requests in progress; retry when one has finished", Instance: "/admin/users/alice"}, pr)

	// Another client is not affected.
	w := call(s, "GET", "/admin/users/alice", "")
	assert.Equal(t, http.StatusOK, w.Code, "httptest's 192.0.2.1 has its own slots")

	close(release)
	for range limit {
		assert.Equal(t, http.StatusOK, <-codes)
	}
	require.Eventually(t, func() bool { return s.limiter.clients() == 0 }, 10*time.Second, 5*time.Millisecond,
		"a client is forgotten when its last request ends")
	resp, err = client.Get(ts.URL + "/admin/users/alice")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestClientLimiter(t *testing.T) {
	l := newClientLimiter(2)
	assert.True(t, l.acquire("a"))
	assert.True(t, l.acquire("a"))
	assert.False(t, l.acquire("a"))
	assert.True(t, l.acquire("b"))
	assert.Equal(t, 2, l.clients())
	l.release("a")
	assert.True(t, l.acquire("a"))
	l.release("a")
	l.release("a")
	l.release("b")
	assert.Equal(t, 0, l.clients(), "no entry is left behind")

	// Under concurrent use the count never exceeds max and ends at zero.
	var mu sync.Mutex
	held, peak := 0, 0
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if !l.acquire("c") {
				return
			}
			mu.Lock()
			held++
			peak = max(peak, held)
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			held--
			mu.Unlock()
			l.release("c")
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, peak, 2)
	assert.Equal(t, 0, l.clients())
}

func TestFlags(t *testing.T) {
	o, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	hs := newHTTPServer(http.NotFoundHandler(), o)
	assert.Equal(t, defaultReadHeaderTimeout, hs.ReadHeaderTimeout)
	assert.Equal(t, defaultReadTimeout, hs.ReadTimeout)
	assert.Equal(t, defaultWriteTimeout, hs.WriteTimeout)
	assert.Equal(t, defaultIdleTimeout, hs.IdleTimeout)
	assert.Equal(t, defaultMaxPerClient, o.maxPerClient)

	o, err = parseFlags([]string{"-read-header-timeout", "1s", "-read-timeout", "2s", "-write-timeout", "3s",
		"-idle-timeout", "4s", "-max-per-client", "5"}, io.Discard)
	require.NoError(t, err)
	hs = newHTTPServer(http.NotFoundHandler(), o)
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 4 * time.Second},
		[]time.Duration{hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout})
	assert.Equal(t, 5, o.maxPerClient)

	for _, args := range [][]string{
		{"-read-timeout", "0"}, {"-write-timeout", "-1s"}, {"-idle-timeout", "0s"}, {"-read-header-timeout", "0"},
		{"-max-per-client", "0"}, {"-read-timeout", "soon"},
	} {
		_, err := parseFlags(args, io.Discard)
		assert.Error(t, err, "%q", args)
		assert.Error(t, run(context.Background(), args, io.Discard, nil), "%q", args)
	}
}
