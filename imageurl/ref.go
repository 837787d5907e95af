package imageurl

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/validation"
)

// DefaultScheme is the reference scheme used when none is configured, the one Authgear uses.
const DefaultScheme = "authgearimages"

// formatName is the Details.Format of every cause this package reports for a picture value
// (Details.Format "x_picture").
const formatName = format.Picture

// reservedSegment is the path segment that introduces an image in a public URL. It cannot be a
// component of a reference, or the public URL would not map back unambiguously.
const reservedSegment = "_images"

// Ref is a parsed image reference SCHEME:///APP_ID/OBJECT_ID.
//
// AppID and ObjectID hold only unreserved URI characters (ASCII letters, digits and "-._~"),
// are non-empty, and are neither "." nor ".." nor "_images"; [Ref.Validate] checks this for a
// Ref built by hand. Scheme is the reference scheme in lower case, or "" for [DefaultScheme]:
// parsing never stores DefaultScheme itself, so two references with the same meaning compare
// equal with ==, and Ref{AppID: a, ObjectID: o} is a default-scheme reference.
type Ref struct {
	Scheme   string
	AppID    string
	ObjectID string
}

// schemeName returns the reference's scheme, DefaultScheme when Scheme is empty.
func (r Ref) schemeName() string {
	if r.Scheme == "" {
		return DefaultScheme
	}
	return r.Scheme
}

// String formats the reference as SCHEME:///APP_ID/OBJECT_ID, the canonical form: Parse of the
// result returns r again (with a default scheme stored as ""). For a Ref that does not pass
// [Ref.Validate], the invalid components are percent-escaped, so the result never reads as a
// different reference; Parse rejects it.
func (r Ref) String() string {
	return r.schemeName() + ":///" + escapeComponent(r.AppID) + "/" + escapeComponent(r.ObjectID)
}

// Validate reports whether r is a well-formed reference: a valid scheme (RFC 3986 syntax, not
// http or https) unless empty, and AppID and ObjectID as described on [Ref]. The error is a
// *validation.Cause of kind format (Format "x_picture") with an empty location.
func (r Ref) Validate() error {
	if r.Scheme != "" {
		if c := checkScheme(r.Scheme); c != nil {
			return c
		}
	}
	if p := checkComponent(r.AppID, partApp); p.code != 0 {
		return p.cause(r.String(), r.schemeName())
	}
	if p := checkComponent(r.ObjectID, partObject); p.code != 0 {
		return p.cause(r.String(), r.schemeName())
	}
	return nil
}

// Parser parses references of one scheme. The zero value parses [DefaultScheme]; set Scheme to
// use another one (compared case-insensitively, as RFC 3986 says of schemes). A Parser is a
// plain value: copy it freely and use it from any number of goroutines.
type Parser struct {
	Scheme string // reference scheme; "" means DefaultScheme
}

// Validate reports whether the configured scheme is usable: RFC 3986 scheme syntax
// (a letter, then letters, digits, "+", "-", "."), and not "http" or "https", which would make
// references indistinguishable from public URLs. The error is a *validation.Cause with an empty
// location, kind pattern or reserved.
func (p Parser) Validate() error {
	if p.Scheme == "" {
		return nil
	}
	if c := checkScheme(p.Scheme); c != nil {
		return c
	}
	return nil
}

// schemeName returns the scheme the parser accepts, in lower case.
func (p Parser) schemeName() string {
	if p.Scheme == "" {
		return DefaultScheme
	}
	return lowerASCII(p.Scheme)
}

// refScheme is the value stored in Ref.Scheme for this parser: "" for the default scheme.
func (p Parser) refScheme() string {
	if p.Scheme == "" || format.EqualFoldASCII(p.Scheme, DefaultScheme) {
		return ""
	}
	return lowerASCII(p.Scheme)
}

// Parse parses s as SCHEME:///APP_ID/OBJECT_ID. The scheme is matched case-insensitively;
// everything else is exact: no surrounding white space, an empty host ("///"), exactly two
// non-empty path segments of unreserved characters (no ".", "..", "_images", no
// percent-encoding), no user info, no query and no fragment. Every accepted input is canonical
// except for the case of its scheme, so String of the result is s with the scheme in lower case.
//
// A failure is a *validation.Cause of kind format, Format "x_picture", a Message saying what is
// wrong and Actual s, with an empty location. If p's own scheme is invalid, Parse returns the
// error of [Parser.Validate] and accepts nothing.
func (p Parser) Parse(s string) (Ref, error) {
	if c := p.Validate(); c != nil {
		return Ref{}, c
	}
	ref, pb := p.parse(s)
	if pb.code != 0 {
		return Ref{}, pb.cause(s, p.schemeName())
	}
	return ref, nil
}

// parse is Parse without building errors, for callers on a hot path that only need to know
// whether s is a reference. p's scheme must already be valid.
func (p Parser) parse(s string) (Ref, problem) {
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		if s == "" {
			return Ref{}, problem{code: probEmpty}
		}
		return Ref{}, problem{code: probNoScheme}
	}
	scheme := s[:colon]
	want := DefaultScheme
	if p.Scheme != "" {
		want = p.Scheme
	}
	if !format.EqualFoldASCII(scheme, want) {
		return Ref{}, problem{code: probScheme, value: scheme}
	}
	rest := s[colon+1:]
	if !strings.HasPrefix(rest, "//") {
		if strings.HasPrefix(rest, "/") {
			return Ref{}, problem{code: probNoAuthority}
		}
		return Ref{}, problem{code: probOpaque}
	}
	rest = rest[2:]
	// Fast path: "/APP_ID/OBJECT_ID" of allowed characters, which is all that is accepted.
	if app, obj, ok := splitCanonicalPath(rest); ok {
		return Ref{Scheme: p.refScheme(), AppID: app, ObjectID: obj}, problem{}
	}
	// The authority runs to the first "/", "?" or "#" and must be empty.
	end := indexAuthorityEnd(rest)
	if auth := rest[:end]; auth != "" {
		if strings.IndexByte(auth, '@') >= 0 {
			return Ref{}, problem{code: probUserInfo}
		}
		return Ref{}, problem{code: probHost, value: auth}
	}
	path := rest[end:]
	if i := indexQueryOrFragment(path); i >= 0 {
		if path[i] == '?' {
			return Ref{}, problem{code: probQuery}
		}
		return Ref{}, problem{code: probFragment}
	}
	if path == "" || path == "/" {
		return Ref{}, problem{code: probNoPath}
	}
	// path starts with "/" here (the authority ended at a "/").
	path = path[1:]
	n := strings.Count(path, "/") + 1
	if strings.Contains(path, "//") || path[0] == '/' || path[len(path)-1] == '/' {
		trailing := path[len(path)-1] == '/'
		return Ref{}, problem{code: probEmptySegment, trailing: trailing}
	}
	if n != 2 {
		return Ref{}, problem{code: probSegments, n: n}
	}
	slash := strings.IndexByte(path, '/')
	app, obj := path[:slash], path[slash+1:]
	if pb := checkComponent(app, partApp); pb.code != 0 {
		return Ref{}, pb
	}
	if pb := checkComponent(obj, partObject); pb.code != 0 {
		return Ref{}, pb
	}
	return Ref{Scheme: p.refScheme(), AppID: app, ObjectID: obj}, problem{}
}

// splitCanonicalPath splits "/APP_ID/OBJECT_ID" when both components are valid, in one pass.
func splitCanonicalPath(s string) (app, obj string, ok bool) {
	if len(s) < 4 || s[0] != '/' {
		return "", "", false
	}
	slash := 0
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == '/' {
			if slash != 0 {
				return "", "", false
			}
			slash = i
			continue
		}
		if !unreserved(c) {
			return "", "", false
		}
	}
	if slash == 0 {
		return "", "", false
	}
	app, obj = s[1:slash], s[slash+1:]
	if !validComponent(app) || !validComponent(obj) {
		return "", "", false
	}
	return app, obj, true
}

// validComponent reports whether s is a valid component, given that its bytes are unreserved.
func validComponent(s string) bool {
	return s != "" && s != "." && s != ".." && s != reservedSegment
}

// indexAuthorityEnd returns the index of the first "/", "?" or "#" in s, or len(s).
func indexAuthorityEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '/' || c == '?' || c == '#' {
			return i
		}
	}
	return len(s)
}

// indexQueryOrFragment returns the index of the first "?" or "#" in s, or -1.
func indexQueryOrFragment(s string) int {
	q := strings.IndexByte(s, '?')
	h := strings.IndexByte(s, '#')
	if q < 0 || (h >= 0 && h < q) {
		return h
	}
	return q
}

// part names a component in messages.
type part uint8

const (
	partApp part = iota
	partObject
	partVariant
)

func (pt part) String() string {
	switch pt {
	case partApp:
		return "APP_ID"
	case partObject:
		return "OBJECT_ID"
	default:
		return "variant"
	}
}

// problemCode says what is wrong with a candidate reference or image URL.
type problemCode uint8

const (
	probNone problemCode = iota
	probEmpty
	probNoScheme
	probScheme
	probNoAuthority
	probOpaque
	probUserInfo
	probHost
	probQuery
	probFragment
	probNoPath
	probEmptySegment
	probSegments
	probEmptyComponent
	probDot
	probReserved
	probPercentSlash
	probPercent
	probChar
	probTooFew
	probTooMany
	probVariant
)

// problem is a failure found without allocating; cause turns it into a *validation.Cause.
type problem struct {
	code     problemCode
	part     part
	value    string // the offending scheme, host, component or escape
	n        int    // a segment count
	trailing bool   // probEmptySegment: the empty segment is a trailing slash
}

const allowed = "use only ASCII letters, digits and - . _ ~"

func (pb problem) message(scheme string) string {
	form := scheme + ":///APP_ID/OBJECT_ID"
	switch pb.code {
	case probEmpty:
		return "empty image reference"
	case probNoScheme:
		return "not an image reference: no scheme; expected " + form
	case probScheme:
		return fmt.Sprintf("scheme %q is not %q; expected %s", pb.value, scheme, form)
	case probNoAuthority:
		return "missing the empty host: expected three slashes, " + form
	case probOpaque:
		return "the opaque form " + scheme + ":APP_ID/OBJECT_ID is not an image reference; expected " + form
	case probUserInfo:
		return "user info is not allowed in an image reference; expected " + form
	case probHost:
		return fmt.Sprintf("host %q is not allowed: an image reference has an empty host, %s", pb.value, form)
	case probQuery:
		return "a query is not allowed in an image reference"
	case probFragment:
		return "a fragment is not allowed in an image reference"
	case probNoPath:
		return "missing APP_ID and OBJECT_ID; expected " + form
	case probEmptySegment:
		if pb.trailing {
			return "empty path segment (a trailing slash); expected " + form
		}
		return "empty path segment; expected " + form
	case probSegments:
		return fmt.Sprintf("%d path segments; expected exactly 2, %s", pb.n, form)
	case probEmptyComponent:
		return pb.part.String() + " is empty"
	case probDot:
		return fmt.Sprintf("dot segment %q is not allowed as %s", pb.value, pb.part)
	case probReserved:
		return fmt.Sprintf("%q is reserved and cannot be the %s", pb.value, pb.part)
	case probPercentSlash:
		return fmt.Sprintf("percent-encoded slash %q is not allowed in %s", pb.value, pb.part)
	case probPercent:
		return fmt.Sprintf("percent-encoding %q is not allowed in %s: %s", pb.value, pb.part, allowed)
	case probChar:
		return fmt.Sprintf("character %q is not allowed in %s: %s", pb.value, pb.part, allowed)
	case probTooFew:
		return fmt.Sprintf("too few path segments after _images (%d); expected _images/APP_ID/OBJECT_ID[/VARIANT]", pb.n)
	case probTooMany:
		return fmt.Sprintf("too many path segments after _images (%d); expected _images/APP_ID/OBJECT_ID[/VARIANT]", pb.n)
	case probVariant:
		return fmt.Sprintf("unknown image variant %q; expected %q or %q", pb.value, VariantProfile, VariantOriginal)
	}
	return "invalid image reference"
}

func (pb problem) cause(actual, scheme string) *validation.Cause {
	return &validation.Cause{
		Kind: validation.KindFormat,
		Details: validation.Details{
			Format:  formatName,
			Message: pb.message(scheme),
			Actual:  actual,
		},
	}
}

// checkComponent checks one APP_ID, OBJECT_ID or variant segment against the allow-list.
func checkComponent(s string, pt part) problem {
	switch s {
	case "":
		return problem{code: probEmptyComponent, part: pt}
	case ".", "..":
		return problem{code: probDot, part: pt, value: s}
	case reservedSegment:
		return problem{code: probReserved, part: pt, value: s}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			continue
		}
		if c == '%' {
			esc := s[i:min(i+3, len(s))]
			if strings.EqualFold(esc, "%2f") {
				return problem{code: probPercentSlash, part: pt, value: esc}
			}
			return problem{code: probPercent, part: pt, value: esc}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return problem{code: probChar, part: pt, value: s[i : i+1]}
		}
		return problem{code: probChar, part: pt, value: s[i : i+size]}
	}
	return problem{}
}

// unreservedTable marks the RFC 3986 unreserved characters; built once, never mutated.
var unreservedTable = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~'
	}
	return t
}()

// unreserved reports whether c is an RFC 3986 unreserved character.
func unreserved(c byte) bool { return unreservedTable[c] }

// isComponent reports whether s is a valid APP_ID or OBJECT_ID (fast form of checkComponent).
func isComponent(s string) bool {
	for i := 0; i < len(s); i++ {
		if !unreservedTable[s[i]] {
			return false
		}
	}
	return validComponent(s)
}

// escapeComponent returns s when it is a valid component, else s with every byte outside the
// allow-list percent-escaped and a reserved value ("", ".", "..", "_images") made unmistakably
// invalid, so a formatted Ref or URL never reads as a different, valid one.
func escapeComponent(s string) string {
	if isComponent(s) {
		return s
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		// Escape the first byte of a dot segment or of "_images" as well, so that the escaped
		// form is never "." , ".." or "_images" (Parse refuses percent-encoding).
		if unreserved(c) && !(i == 0 && (s == "." || s == ".." || s == reservedSegment)) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String() // "" stays "": an empty segment fails to parse as well
}

// checkScheme checks a configured scheme name.
func checkScheme(s string) *validation.Cause {
	if !format.ValidScheme(s) {
		return &validation.Cause{
			Kind: validation.KindPattern,
			Details: validation.Details{
				Expected: "^[A-Za-z][A-Za-z0-9+.-]*$",
				Actual:   s,
				Message:  fmt.Sprintf("reference scheme %q is not an RFC 3986 scheme name", s),
			},
		}
	}
	if format.EqualFoldASCII(s, "http") || format.EqualFoldASCII(s, "https") {
		return &validation.Cause{
			Kind: validation.KindReserved,
			Details: validation.Details{
				Actual:  s,
				Message: fmt.Sprintf("reference scheme %q would be confused with a public URL", s),
			},
		}
	}
	return nil
}

// lowerASCII lower-cases ASCII letters, returning s itself when it has none in upper case.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
