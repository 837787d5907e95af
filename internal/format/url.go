package format

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
)

// FormatURI is the Details.Format of the causes URL reports.
const FormatURI = "uri"

// MaxURLLength is the maximum length of a URL in runes, the limit browsers and servers commonly
// honour.
const MaxURLLength = 2048

// URL normalizes an absolute http or https URL, as used for the profile, website and picture
// claims and custom attributes of type url.
//
// First the rules of [Text] apply (one line, trimmed, NFC, no control characters, at most
// MaxURLLength runes); a failure there is reported with Details.Format "uri". Then:
//   - No white space inside, and only the ASCII characters RFC 3986 allows (letters, digits,
//     -._~ :/?#[]@ !$&'()*+,;= and %); any other ASCII character (space " < > \ ^ ` { | })
//     must be percent-encoded, and every % must start a valid escape. Non-ASCII letters are
//     kept as typed (an IRI). [ and ] only around an IPv6 host; # only once.
//   - The scheme is http or https, in any case, normalized to lower case; javascript:,
//     data:, mailto:, ftp:// and relative URLs are rejected. "//" follows the scheme.
//   - There is a host: a DNS name (IDN labels in Unicode form allowed; labels as for
//     [Email] domains, but a single label such as "localhost" is allowed), a dotted-quad
//     IPv4 address, or an IPv6 address in brackets (no zone). A name whose last label is
//     numeric but is not a valid IPv4 address (http://1.2.3/, http://0x7f.1/) is rejected:
//     browsers would read it as an IP address. The host is lower-cased.
//   - No user info (user:pass@host): it is the classic way to disguise a link's real host.
//   - An optional port, 1–65535.
//   - The path is clean: no "." or ".." segments (also when percent-encoded as %2e) and no
//     empty segments ("//"); a trailing slash is fine.
//   - Query and fragment are free (within the character rules above).
//
// Apart from the lower-casing of scheme and host, the URL is kept exactly as typed; a valid URL
// with a lower-case scheme and host is returned as it came (after trimming) without
// allocating. The grammar is checked by a scanner of its own rather than net/url, which
// accepts much that is not allowed here (user info, empty hosts, spaces, backslashes, bad
// ports) and costs an allocation; the tests check that net/url parses every URL accepted here
// to the same scheme and host.
func URL(s string) (string, *validation.Cause) {
	if urlFast(s) {
		return s, nil
	}
	return urlFull(s)
}

// urlFast reports whether s is a URL of the common shape that [URL] returns unchanged, in one
// pass: "http://" or "https://" in lower case, a host name of lower-case ASCII letters, digits,
// hyphens and dots whose labels are non-empty, at most MaxLabelLength long, without a hyphen
// at either end, and whose last label starts with a letter (so it is neither numeric nor an
// IPv4 address), at most MaxDomainLength long; then nothing, or a clean path (no empty, "."
// or ".." segment but a trailing "/") and perhaps a query, both of characters that need no
// percent-encoding ('%' itself, '#', brackets and a port are left to the full check). It is a
// second implementation on the update's hot path: false means only "not this shape", and
// TestURLFast and FuzzURL hold every true to urlFull's answer.
func urlFast(s string) bool {
	var i int
	switch {
	case len(s) > MaxURLLength:
		return false
	case strings.HasPrefix(s, "https://"):
		i = len("https://")
	case strings.HasPrefix(s, "http://"):
		i = len("http://")
	default:
		return false
	}
	i, _, ok := fastDomain(s, i)
	if !ok {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '/' {
		return false
	}
	for seg := i + 1; ; { // s[seg-1] is '/'
		i++
		if i == len(s) || s[i] == '/' || s[i] == '?' {
			switch n := i - seg; {
			case n == 0 && i < len(s) && s[i] == '/':
				return false // an empty segment
			case n == 1 && s[seg] == '.', n == 2 && s[seg] == '.' && s[seg+1] == '.':
				return false
			}
			if i == len(s) {
				return true
			}
			if s[i] == '?' {
				break
			}
			seg = i + 1
			continue
		}
		if c := s[i]; c >= utf8.RuneSelf || urlClass[c] != uOK {
			return false
		}
	}
	for i++; i < len(s); i++ { // the query
		if c := s[i]; c >= utf8.RuneSelf || urlClass[c] != uOK {
			return false
		}
	}
	return true
}

// fastDomain scans, from s[start], a host name of the shape the fast paths take: labels of
// lower-case ASCII letters, digits and hyphens, non-empty, at most MaxLabelLength long, no
// hyphen at either end, separated by single dots, the last starting with a letter (so it is
// neither numeric nor part of an IPv4 address), at most MaxDomainLength in all. It stops at the
// first other byte and returns its index and the number of labels; ok is false if what it
// read is not of that shape. It is urlFast's and emailFast's one copy of that loop.
func fastDomain(s string, start int) (end, labels int, ok bool) {
	i, label := start, start
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			continue
		case c == '-':
			if i == label {
				return 0, 0, false
			}
			continue
		case c == '.':
			if i == label || s[i-1] == '-' || i-label > MaxLabelLength {
				return 0, 0, false
			}
			label, labels = i+1, labels+1
			continue
		}
		break
	}
	if i == label || s[i-1] == '-' || i-label > MaxLabelLength || i-start > MaxDomainLength ||
		s[label] < 'a' || s[label] > 'z' {
		return 0, 0, false
	}
	return i, labels + 1, true
}

// urlFull is URL without its fast path: the whole check.
func urlFull(s string) (string, *validation.Cause) {
	t := s
	if len(s) > MaxURLLength || !plainASCII(s, false) {
		var c *validation.Cause
		if t, c = text(s, false, MaxURLLength, FormatURI); c != nil {
			return "", c
		}
	}
	p, msg := scanURL(t)
	if msg != "" {
		return "", formatCause(FormatURI, s, msg)
	}
	scheme, host := t[:p.schemeEnd], t[p.hostStart:p.hostEnd]
	if p.host == host && !hasUpperASCII(scheme) {
		return t, nil
	}
	// One allocation for the result: the lower-case scheme, the text up to the host, the
	// lower-case host, the rest.
	var b strings.Builder
	b.Grow(len(t) - len(host) + len(p.host))
	for i := 0; i < len(scheme); i++ {
		c := scheme[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	b.WriteString(t[p.schemeEnd:p.hostStart])
	b.WriteString(p.host)
	b.WriteString(t[p.hostEnd:])
	return b.String(), nil
}

// HasHTTPScheme reports whether s, after leading white space, starts with "http:" or
// "https:" in any case: the test that tells an http(s) picture URL from an image reference
// before the full check. It does not validate anything else.
func HasHTTPScheme(s string) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if len(s) < 5 || !strings.EqualFold(s[:4], "http") {
		return false
	}
	return s[4] == ':' || len(s) > 5 && (s[4] == 's' || s[4] == 'S') && s[5] == ':'
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// urlParts are byte offsets into a URL that passed scanURL.
type urlParts struct {
	schemeEnd int // the ":" after the scheme
	hostStart int // the host, without brackets for IPv6
	hostEnd   int
	host      string // the host, lower-cased
}

// URL character classes for the ASCII bytes.
const (
	uOK      = iota // unreserved, sub-delims, ":", "/", "?", "@"
	uBad            // must be percent-encoded
	uSpace          // white space
	uPercent        // "%"
	uBracket        // "[" or "]"
	uHash           // "#"
)

var urlClass = func() (t [128]uint8) {
	for i := range t {
		t[i] = uBad
	}
	for _, c := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:/?@" {
		t[c] = uOK
	}
	t[' '] = uSpace
	t['%'] = uPercent
	t['['], t[']'] = uBracket, uBracket
	t['#'] = uHash
	return t
}()

// scanURL checks t (trimmed, NFC, free of control characters) against the rules of URL and
// returns where its scheme and host are, or the reason it is not acceptable.
func scanURL(t string) (urlParts, string) {
	var p urlParts
	// Characters first, so that every later message is about structure.
	hashes := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(t[i:])
			if unicode.IsSpace(r) {
				return p, fmt.Sprintf("white space (U+%04X) inside a URL is not allowed", r)
			}
			i += size - 1
			continue
		}
		switch urlClass[c] {
		case uBad:
			if c == '\\' {
				return p, "a backslash is not allowed in a URL"
			}
			return p, fmt.Sprintf("character %q is not allowed in a URL; percent-encode it", c)
		case uSpace:
			return p, "white space inside a URL is not allowed; percent-encode it as %20"
		case uPercent:
			if i+2 >= len(t) || !isHex(t[i+1]) || !isHex(t[i+2]) {
				return p, fmt.Sprintf("invalid percent-encoding at byte offset %d", i)
			}
		case uHash:
			hashes++
			if hashes > 1 {
				return p, "a URL has at most one #"
			}
		}
	}

	// Scheme.
	colon := strings.IndexAny(t, ":/?#")
	if colon <= 0 || t[colon] != ':' {
		return p, "URL must be absolute, starting with https:// or http://"
	}
	scheme := t[:colon]
	if !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "http") {
		if !ValidScheme(scheme) {
			return p, "URL must be absolute, starting with https:// or http://"
		}
		return p, fmt.Sprintf("scheme %q is not allowed; only http and https are", strings.ToLower(scheme))
	}
	p.schemeEnd = colon
	rest := t[colon+1:]
	if !strings.HasPrefix(rest, "//") {
		return p, "missing // after " + strings.ToLower(scheme) + ":"
	}
	start := colon + 3

	// Authority.
	end := len(t)
	if i := strings.IndexAny(t[start:], "/?#"); i >= 0 {
		end = start + i
	}
	auth := t[start:end]
	if strings.IndexByte(auth, '@') >= 0 {
		return p, "user info (user:pass@) is not allowed in a URL"
	}
	if auth == "" {
		return p, "URL has no host"
	}
	hostport := auth
	if auth[0] == '[' {
		rb := strings.IndexByte(auth, ']')
		if rb < 0 {
			return p, "missing ] after an IPv6 address"
		}
		a, err := netip.ParseAddr(auth[1:rb])
		if err != nil || !a.Is6() || a.Zone() != "" {
			return p, fmt.Sprintf("invalid IPv6 address %q", auth[1:rb])
		}
		p.hostStart, p.hostEnd = start+1, start+rb
		p.host = lowerDomain(auth[1:rb]) // hex digits
		hostport = auth[rb+1:]
		if hostport != "" && hostport[0] != ':' {
			return p, "unexpected characters after ]"
		}
	} else {
		if strings.IndexByte(auth, '[') >= 0 || strings.IndexByte(auth, ']') >= 0 {
			return p, "[ and ] are only allowed around an IPv6 host"
		}
		h := auth
		if i := strings.IndexByte(auth, ':'); i >= 0 {
			h = auth[:i]
		}
		p.hostStart, p.hostEnd = start, start+len(h)
		hostport = auth[len(h):]
		if h == "" {
			return p, "URL has no host"
		}
		p.host = lowerDomain(h)
		if msg := checkHost(p.host); msg != "" {
			return p, msg
		}
	}
	if hostport != "" { // ":port"
		port := hostport[1:]
		if port == "" {
			return p, "empty port after :"
		}
		n := 0
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' {
				return p, fmt.Sprintf("port %q is not a number", port)
			}
			if n = n*10 + int(port[i]-'0'); n > 65535 {
				break
			}
		}
		if n < 1 || n > 65535 {
			return p, fmt.Sprintf("port %s is out of range 1-65535", port)
		}
	}

	// Path, then query and fragment (only their characters matter).
	tail := t[end:]
	if strings.IndexByte(tail, '[') >= 0 || strings.IndexByte(tail, ']') >= 0 {
		return p, "[ and ] are only allowed around an IPv6 host; percent-encode them"
	}
	path := tail
	if i := strings.IndexAny(tail, "?#"); i >= 0 {
		path = tail[:i]
	}
	if msg := checkPath(path); msg != "" {
		return p, msg
	}
	return p, ""
}

// checkHost checks a lower-cased host name or IPv4 address.
func checkHost(h string) string {
	if h[0] >= '0' && h[0] <= '9' && strings.IndexByte(h, '.') >= 0 && allDigitsAndDots(h) {
		if a, err := netip.ParseAddr(h); err == nil && a.Is4() {
			return ""
		}
		return fmt.Sprintf("invalid IPv4 address %q", h)
	}
	return checkDomain(h, 1, "host")
}

func allDigitsAndDots(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return true
}

// checkPath checks that a path is empty or absolute and clean: no empty segment except a
// trailing one, no "." or ".." segment (percent-encoded dots count).
func checkPath(path string) string {
	if path == "" {
		return ""
	}
	// path starts with "/" (the authority ended at the first "/", "?" or "#").
	for rest := path[1:]; ; {
		seg, tail, more := strings.Cut(rest, "/")
		if seg == "" && more {
			return "path has an empty segment (//)"
		}
		if dotSegment(seg) {
			return fmt.Sprintf("path has a %q segment", seg)
		}
		if !more {
			return ""
		}
		rest = tail
	}
}

// dotSegment reports whether seg is "." or "..", maybe with dots written as %2e.
func dotSegment(seg string) bool {
	switch len(seg) {
	case 1:
		return seg == "."
	case 2:
		return seg == ".."
	case 3:
		return strings.EqualFold(seg, "%2e")
	case 4:
		return strings.EqualFold(seg, ".%2e") || strings.EqualFold(seg, "%2e.")
	case 6:
		return strings.EqualFold(seg, "%2e%2e")
	}
	return false
}
