package imageurl

import (
	"fmt"
	"github.com/profilekit/profilekit/internal/format"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/validation"
)

// Variant is the rendition of an image that a public URL serves.
type Variant string

// The variants the image server serves. Any other variant is answered with 404 there.
const (
	VariantProfile  Variant = "profile"  // cropped and resized to 240x240, EXIF-rotated
	VariantOriginal Variant = "original" // the uploaded bytes
)

// valid reports whether v is VariantProfile or VariantOriginal.
func (v Variant) valid() bool { return v == VariantProfile || v == VariantOriginal }

// Config configures a Resolver. It decodes from JSON with the tags shown.
type Config struct {
	// PublicHost is the host of the identity server that serves /_images, as host or
	// host:port ("auth.example.com", "localhost:3000", "[::1]:8080"): no scheme, no path, no
	// user info. Required.
	PublicHost string `json:"public_host"`
	// CDNHost is an optional host in front of the image server. When set, URL uses it, and
	// public URLs on either host map back to references.
	CDNHost string `json:"cdn_host,omitempty"`
	// Scheme of the public URLs that URL writes: "http" or "https"; "" means "https".
	Scheme string `json:"scheme,omitempty"`
	// ReferenceScheme is the scheme of stored references; "" means DefaultScheme.
	ReferenceScheme string `json:"reference_scheme,omitempty"`
}

// Resolver converts between image references (the storage form of the picture claim) and the
// public URLs that serve them (the representation form):
//
//	authgearimages:///APP_ID/OBJECT_ID  <->  https://HOST/_images/APP_ID/OBJECT_ID/profile
//
// Build it with NewResolver; it is immutable and safe for concurrent use. Its methods do no
// I/O and never panic: a nil or zero Resolver has no hosts, so URL returns "" and every other
// method leaves its input as it is.
type Resolver struct {
	scheme    string // "http" or "https"
	public    host
	cdn       host // zero when no CDN host is configured
	prefix    string
	parser    Parser // validated, scheme in lower case
	refScheme string // Ref.Scheme for references this resolver produces
}

// host is a configured host, normalized: the name in lower case and the port as a number,
// 0 when absent or the default port of the resolver's scheme.
type host struct {
	name string // "" when not configured
	port int
}

// NewResolver validates c and builds a Resolver. A configuration error is a *validation.Error
// whose causes are located at the JSON pointer of the offending field ("/public_host",
// "/cdn_host", "/scheme", "/reference_scheme").
func NewResolver(c Config) (*Resolver, error) {
	var verr validation.Error
	r := &Resolver{scheme: "https"}
	switch {
	case c.Scheme == "":
	case format.EqualFoldASCII(c.Scheme, "https"):
	case format.EqualFoldASCII(c.Scheme, "http"):
		r.scheme = "http"
	default:
		verr.Add(&validation.Cause{Location: "/scheme", Kind: validation.KindEnum, Details: validation.Details{
			Expected: []string{"http", "https"},
			Actual:   c.Scheme,
			Message:  fmt.Sprintf("scheme %q is not http or https", c.Scheme),
		}})
	}
	defPort := 443
	if r.scheme == "http" {
		defPort = 80
	}
	if c.PublicHost == "" {
		verr.Add(&validation.Cause{Location: "/public_host", Kind: validation.KindRequired, Details: validation.Details{
			Message: "the public host is required",
		}})
	} else if h, msg := parseHostConfig(c.PublicHost, defPort); msg != "" {
		verr.Add(hostCause("/public_host", c.PublicHost, msg))
	} else {
		r.public = h
	}
	if c.CDNHost != "" {
		if h, msg := parseHostConfig(c.CDNHost, defPort); msg != "" {
			verr.Add(hostCause("/cdn_host", c.CDNHost, msg))
		} else {
			r.cdn = h
		}
	}
	r.parser = Parser{Scheme: c.ReferenceScheme}
	if cause := checkSchemeIfSet(c.ReferenceScheme); cause != nil {
		verr.Add(cause.Under("/reference_scheme"))
	}
	if err := verr.Err(); err != nil {
		return nil, err
	}
	r.parser.Scheme = r.parser.schemeName()
	r.refScheme = r.parser.refScheme()
	out := r.public
	if r.cdn.name != "" {
		out = r.cdn
	}
	r.prefix = r.scheme + "://" + out.String() + "/_images/"
	return r, nil
}

func checkSchemeIfSet(s string) *validation.Cause {
	if s == "" {
		return nil
	}
	return checkScheme(s)
}

func hostCause(loc, actual, msg string) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindFormat, Details: validation.Details{
		Format:  "hostname",
		Actual:  actual,
		Message: msg,
	}}
}

// String formats the host as host or host:port.
func (h host) String() string {
	if h.port == 0 {
		return h.name
	}
	return h.name + ":" + strconv.Itoa(h.port)
}

// parseHostConfig validates a configured host[:port] and normalizes it; msg says what is wrong.
func parseHostConfig(s string, defPort int) (h host, msg string) {
	if strings.Contains(s, "://") {
		return host{}, fmt.Sprintf("%q must be a host without a scheme", s)
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		return host{}, fmt.Sprintf("%q must be a host without a path, query or fragment", s)
	}
	if strings.IndexByte(s, '@') >= 0 {
		return host{}, fmt.Sprintf("%q must be a host without user info", s)
	}
	name, port, ok := splitHostPort(s, defPort)
	if !ok {
		return host{}, fmt.Sprintf("%q has an invalid port; expected host or host:1-65535", s)
	}
	if !validHostName(name) {
		return host{}, fmt.Sprintf("%q is not a valid host name (letters, digits, - _ . in non-empty labels, or a bracketed IPv6 address)", s)
	}
	return host{name: strings.ToLower(name), port: port}, ""
}

// splitHostPort splits host[:port]; the port is 0 when absent, empty, or defPort.
func splitHostPort(s string, defPort int) (name string, port int, ok bool) {
	var tail string
	if strings.HasPrefix(s, "[") {
		j := strings.IndexByte(s, ']')
		if j < 0 {
			return "", 0, false
		}
		name, tail = s[:j+1], s[j+1:]
	} else if k := strings.IndexByte(s, ':'); k >= 0 {
		name, tail = s[:k], s[k:]
	} else {
		name = s
	}
	if tail == "" || tail == ":" {
		return name, 0, true
	}
	if tail[0] != ':' || len(tail) > 6 {
		return "", 0, false
	}
	for i := 1; i < len(tail); i++ {
		c := tail[i]
		if c < '0' || c > '9' {
			return "", 0, false
		}
		port = port*10 + int(c-'0')
	}
	if port < 1 || port > 65535 {
		return "", 0, false
	}
	if port == defPort {
		port = 0
	}
	return name, port, true
}

// validHostName accepts a registered name of non-empty labels of letters, digits, "-" and "_"
// (which covers IPv4 addresses), at most 253 bytes, or a bracketed IPv6 address.
func validHostName(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	if s[0] == '[' {
		if len(s) < 4 || s[len(s)-1] != ']' {
			return false
		}
		for i := 1; i < len(s)-1; i++ {
			c := s[i]
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' || c == ':' || c == '.') {
				return false
			}
		}
		return strings.Contains(s, ":")
	}
	label := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if label == 0 {
				return false
			}
			label = 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_':
			label++
			if label > 63 {
				return false
			}
		default:
			return false
		}
	}
	return label > 0
}

// URL returns the public URL of ref's variant: SCHEME://HOST/_images/APP_ID/OBJECT_ID/VARIANT,
// on the CDN host when one is configured. ref.Scheme is not consulted: a reference means the
// same image whatever it is spelled with. A ref that fails [Ref.Validate], or a variant that is
// not [Variant.Valid], is percent-escaped into the URL, so the result never names a different
// image; Ref reports such a URL as an error. The result needs one allocation.
func (r *Resolver) URL(ref Ref, v Variant) string {
	if r == nil || r.prefix == "" {
		return ""
	}
	return r.prefix + escapeComponent(ref.AppID) + "/" + escapeComponent(ref.ObjectID) + "/" + escapeVariant(v)
}

func escapeVariant(v Variant) string {
	if v.valid() {
		return string(v)
	}
	return escapeComponent(string(v))
}

// Ref maps a public image URL back to its reference. The rules, in order:
//
//   - u must be an absolute http or https URL (either scheme, whatever the resolver writes)
//     whose host is the public or the CDN host, compared case-insensitively, with the same
//     port (an absent port, an empty one, and the default port of u's scheme are the same).
//     Otherwise u is not one of ours: ok is false and err nil. A URL with user info is never
//     one of ours.
//   - Its path must contain a segment "_images"; the last one counts. Otherwise ok is false
//     and err nil: the URL is on our host but is not an image.
//   - After "_images" come APP_ID, OBJECT_ID and an optional variant ("profile" or
//     "original"), with an optional trailing slash. The query and the fragment are ignored.
//     Too few or too many segments, an unknown variant, or a component that Parse would
//     reject is an error: a *validation.Cause of kind format, Format "x_picture", Actual u.
//
// The returned Ref carries the resolver's reference scheme. Ref does not allocate unless it
// reports an error.
func (r *Resolver) Ref(u string) (ref Ref, ok bool, err error) {
	ref, ok, pb := r.ref(u)
	if pb.code != 0 {
		return Ref{}, false, pb.cause(u, r.parser.schemeName())
	}
	return ref, ok, nil
}

func (r *Resolver) ref(u string) (Ref, bool, problem) {
	if r == nil || r.prefix == "" {
		return Ref{}, false, problem{}
	}
	colon := strings.IndexByte(u, ':')
	if colon < 0 {
		return Ref{}, false, problem{}
	}
	var defPort int
	switch scheme := u[:colon]; {
	case format.EqualFoldASCII(scheme, "https"):
		defPort = 443
	case format.EqualFoldASCII(scheme, "http"):
		defPort = 80
	default:
		return Ref{}, false, problem{}
	}
	rest := u[colon+1:]
	if !strings.HasPrefix(rest, "//") {
		return Ref{}, false, problem{}
	}
	rest = rest[2:]
	end := indexAuthorityEnd(rest)
	if !r.ours(rest[:end], defPort) {
		return Ref{}, false, problem{}
	}
	path := rest[end:]
	if i := indexQueryOrFragment(path); i >= 0 {
		path = path[:i]
	}
	at := lastImagesSegment(path)
	if at < 0 {
		return Ref{}, false, problem{}
	}
	after := path[at:] // "" or "/..."
	if after != "" {
		after = after[1:]
	}
	after = strings.TrimSuffix(after, "/")
	n := 0
	if after != "" {
		n = strings.Count(after, "/") + 1
	}
	if n < 2 {
		return Ref{}, false, problem{code: probTooFew, n: n}
	}
	if n > 3 {
		return Ref{}, false, problem{code: probTooMany, n: n}
	}
	slash := strings.IndexByte(after, '/')
	app, obj := after[:slash], after[slash+1:]
	var variant string
	if n == 3 {
		k := strings.IndexByte(obj, '/')
		obj, variant = obj[:k], obj[k+1:]
	}
	if pb := checkComponent(app, partApp); pb.code != 0 {
		return Ref{}, false, pb
	}
	if pb := checkComponent(obj, partObject); pb.code != 0 {
		return Ref{}, false, pb
	}
	if n == 3 && !Variant(variant).valid() {
		if variant == "" {
			return Ref{}, false, problem{code: probEmptySegment}
		}
		return Ref{}, false, problem{code: probVariant, value: variant}
	}
	return Ref{Scheme: r.refScheme, AppID: app, ObjectID: obj}, true, problem{}
}

// ours reports whether the authority auth names the public or the CDN host.
func (r *Resolver) ours(auth string, defPort int) bool {
	if strings.IndexByte(auth, '@') >= 0 {
		return false
	}
	name, port, ok := splitHostPort(auth, defPort)
	if !ok {
		return false
	}
	return r.public.matches(name, port) || r.cdn.matches(name, port)
}

func (h host) matches(name string, port int) bool {
	return h.name != "" && port == h.port && format.EqualFoldASCII(name, h.name)
}

// lastImagesSegment returns the index just past the last path segment "_images" in path
// (where "/" or the end follows), or -1 when there is none.
func lastImagesSegment(path string) int {
	end := len(path)
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] != '/' {
			continue
		}
		if path[i+1:end] == reservedSegment {
			return end
		}
		end = i
	}
	return -1
}

// ToStorage converts a picture value from representation form to storage form: a public image
// URL on one of the resolver's hosts becomes its reference (SCHEME:///APP_ID/OBJECT_ID);
// anything else (a URL on another host or without an "_images" segment, a reference, any other
// string) is returned unchanged. A malformed image URL on our host is an error (see
// [Resolver.Ref]). It does not validate the picture; do that first (stdattr.Normalizer.Normalize with AttrPicture).
func (r *Resolver) ToStorage(picture string) (string, error) {
	ref, ok, pb := r.ref(picture)
	if pb.code != 0 {
		return "", pb.cause(picture, r.parser.schemeName())
	}
	if !ok {
		return picture, nil
	}
	return ref.String(), nil
}

// ToRepresentation converts a stored picture value to representation form: a valid reference
// of the resolver's scheme becomes its public URL with the profile variant; anything else
// (an http(s) URL, a malformed reference such as the opaque form SCHEME:APP_ID/OBJECT_ID) is
// returned unchanged, never as a broken URL.
func (r *Resolver) ToRepresentation(stored string) string {
	if r == nil || r.prefix == "" {
		return stored
	}
	ref, pb := r.parser.parse(stored)
	if pb.code != 0 {
		return stored
	}
	return r.URL(ref, VariantProfile)
}
