package stdattr

import "github.com/profilekit/profilekit/internal/format"

// NormalizeURL checks a profile or website claim and returns it normalized: surrounding white
// space trimmed, NFC, scheme and host lower-cased, everything else kept as typed.
//
// The URL must be absolute, with scheme http or https and a host (a DNS name, IDN allowed, an
// IPv4 address or a bracketed IPv6 address); javascript:, data:, mailto:, ftp:// and other
// schemes, relative URLs and host-less ones (http:///x) are rejected, as are user info
// (user:pass@), white space and characters that must be percent-encoded (" < > \ ^ ` { | }),
// malformed percent escapes, ports outside 1–65535, and unclean paths ("." or ".." segments,
// also as %2e, and empty segments as in //; a trailing slash is fine). Query and fragment are
// free. At most 2048 runes. Errors are *validation.Cause values of kind format
// (Details.Format "uri"), minLength or maxLength.
func NormalizeURL(s string) (string, error) {
	t, c := format.URL(s)
	if c != nil {
		return "", c
	}
	return t, nil
}
