package main

import (
	"fmt"
	"net"
	"net/http"
	"sync"
)

// clientLimiter caps the requests in progress per client: a counting semaphore per remote IP
// address, kept in a map from which an address is removed as soon as its last request ends,
// so the map holds only the clients with a request in progress.
//
// The client is the connection's remote address: behind a reverse proxy every request comes
// from the proxy's address, and a real deployment would key on the address the proxy reports
// (only when it comes from that trusted proxy) or cap at the proxy instead.
type clientLimiter struct {
	max      int // requests in progress allowed per client; set before serving
	mu       sync.Mutex
	inFlight map[string]int // client IP -> requests in progress (> 0)
}

func newClientLimiter(max int) *clientLimiter {
	return &clientLimiter{max: max, inFlight: map[string]int{}}
}

// acquire takes a slot for ip, or reports false when ip already has max requests in progress.
func (l *clientLimiter) acquire(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inFlight[ip] >= l.max {
		return false
	}
	l.inFlight[ip]++
	return true
}

// release gives back a slot taken by acquire, forgetting ip with its last one.
func (l *clientLimiter) release(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inFlight[ip] <= 1 {
		delete(l.inFlight, ip)
		return
	}
	l.inFlight[ip]--
}

// clients returns how many clients have a request in progress.
func (l *clientLimiter) clients() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.inFlight)
}

// clientIP is the IP address of the request's remote end, without the port.
func clientIP(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// limitPerClient answers 429 Too Many Requests, with Retry-After and a problem body, to a
// request whose client already has limiter.max requests in progress, and serves the others
// with next. Together with the read timeout it bounds what one client can hold: at most max
// handlers, each for at most the read timeout while its body trickles in.
func (s *server) limitPerClient(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := clientIP(r)
		if !s.limiter.acquire(ip) {
			w.Header().Set("Retry-After", "1")
			s.problem(w, r, problem{Status: http.StatusTooManyRequests,
				Detail: fmt.Sprintf("this client already has %d requests in progress; retry when one has finished", s.limiter.max)})
			return
		}
		defer s.limiter.release(ip)
		next.ServeHTTP(w, r)
	})
}
