package access

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/profilekit/profilekit/validation"
)

// Rule gives one attribute a level for each configurable party, in the authgear.yaml shape
// {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}. The Admin API is
// not part of a rule: it always has full access.
//
// Only 8 combinations are legal (see [LegalRules]); [Rule.Validate] rejects the others and
// suggests [Rule.Nearest]. A Rule is a small comparable value (a rule decoded from JSON with
// problems also carries them, so it differs from the same levels built in Go).
//
// WriteOnce is our extension of the reference shape (JSON "write_once": true): a party whose
// level is ReadWrite may add the value while it is absent, but may not change or remove it
// once set; the Admin API still can. It does not change what anyone can read, and it has no
// effect on parties below ReadWrite. It is legal with every legal combination.
type Rule struct {
	EndUser   Level `json:"end_user,omitempty"`
	Bearer    Level `json:"bearer,omitempty"`
	Portal    Level `json:"portal_ui,omitempty"`
	WriteOnce bool  `json:"write_once,omitempty"`

	// issues holds what UnmarshalJSON could not decode, reported by Validate with locations
	// relative to the rule object. Nil for every rule built in Go.
	issues *ruleIssues
}

type ruleIssues struct{ causes []*validation.Cause }

// legalRules lists the legal combinations, end_user/bearer/portal_ui, in increasing order.
var legalRules = [...]Rule{
	{EndUser: Hidden, Bearer: Hidden, Portal: Hidden},
	{EndUser: Hidden, Bearer: Hidden, Portal: ReadOnly},
	{EndUser: Hidden, Bearer: Hidden, Portal: ReadWrite},
	{EndUser: Hidden, Bearer: ReadOnly, Portal: ReadOnly},
	{EndUser: Hidden, Bearer: ReadOnly, Portal: ReadWrite},
	{EndUser: ReadOnly, Bearer: ReadOnly, Portal: ReadOnly},
	{EndUser: ReadOnly, Bearer: ReadOnly, Portal: ReadWrite},
	{EndUser: ReadWrite, Bearer: ReadOnly, Portal: ReadWrite},
}

// LegalRules returns the 8 legal combinations (end_user/bearer/portal_ui), a fresh slice:
// hidden/hidden/hidden, hidden/hidden/readonly, hidden/hidden/readwrite,
// hidden/readonly/readonly, hidden/readonly/readwrite, readonly/readonly/readonly,
// readonly/readonly/readwrite, readwrite/readonly/readwrite.
func LegalRules() []Rule { return slices.Clone(legalRules[:]) }

// Level returns the party's level under r: the rule's member for EndUser, Bearer and Portal,
// ReadWrite for the Admin API, Hidden for anything that is not a party.
func (r Rule) Level(p Party) Level {
	switch p {
	case EndUser:
		return r.EndUser
	case Bearer:
		return r.Bearer
	case Portal:
		return r.Portal
	case AdminAPI:
		return ReadWrite
	}
	return Hidden
}

// Legal reports whether the levels of r form one of the 8 legal combinations: every member
// set; bearer never readwrite; bearer and end user each at most the portal; an end user who
// can see implies a bearer who can read. Decode problems (see [Rule.UnmarshalJSON]) are not
// considered; [Rule.Validate] reports them.
func (r Rule) Legal() bool {
	e, b, p := r.EndUser, r.Bearer, r.Portal
	return e.Valid() && b.Valid() && p.Valid() &&
		b != ReadWrite && b <= p && e <= p && (e == Hidden || b == ReadOnly)
}

// Nearest returns the legal rule closest to r, the one the reference console would adjust to:
// it keeps the end user's level, sets the bearer to readonly when the end user can see (and
// lowers a readwrite bearer to readonly otherwise), and raises the portal to at least both.
// A member that is unset or out of range counts as hidden (nothing is granted that the rule
// did not give), so {"end_user": "readwrite"} becomes readwrite/readonly/readwrite and an
// empty rule becomes hidden/hidden/hidden. WriteOnce is kept. A legal rule is its own nearest.
func (r Rule) Nearest() Rule {
	clean := func(l Level) Level {
		if l.Valid() {
			return l
		}
		return Hidden
	}
	e, b, p := clean(r.EndUser), clean(r.Bearer), clean(r.Portal)
	if e >= ReadOnly || b == ReadWrite {
		b = ReadOnly
	}
	p = max(p, e, b)
	return Rule{EndUser: e, Bearer: b, Portal: p, WriteOnce: r.WriteOnce}
}

// String renders the levels as "end_user/bearer/portal_ui", e.g. "readwrite/readonly/readwrite",
// followed by " write_once" when set.
func (r Rule) String() string {
	s := r.EndUser.String() + "/" + r.Bearer.String() + "/" + r.Portal.String()
	if r.WriteOnce {
		s += " write_once"
	}
	return s
}

// Check reports whether r's levels are one of the legal combinations. An illegal rule gives a
// cause with an empty location (the caller attaches the rule's location) of kind enum, as the
// reference config schema reports it: Details.Expected lists the legal rules, Details.Actual
// is r, Details.Suggest is [Rule.Nearest], and Details.Message says every reason r is illegal.
// A legal rule gives nil. Decode problems are not considered; [Rule.Validate] reports them.
func (r Rule) Check() *validation.Cause { return r.check([3]bool{}) }

// check is Check for a rule whose members flagged in undecoded failed to decode (and are
// reported by their own causes, so they are not called missing).
func (r Rule) check(undecoded [3]bool) *validation.Cause {
	if r.Legal() {
		return nil
	}
	var why []string
	for i, m := range [...]struct {
		name string
		l    Level
	}{{"end_user", r.EndUser}, {"bearer", r.Bearer}, {"portal_ui", r.Portal}} {
		switch {
		case undecoded[i]:
		case m.l == Unset:
			why = append(why, m.name+" is missing")
		case !m.l.Valid():
			why = append(why, m.name+" is not a level")
		}
	}
	e, b, p := r.EndUser, r.Bearer, r.Portal
	if b == ReadWrite {
		why = append(why, "the bearer can never write")
	}
	if e.Valid() && p.Valid() && e > p {
		why = append(why, "the end user has more access than the portal")
	}
	if b.Valid() && p.Valid() && b > p {
		why = append(why, "the bearer has more access than the portal")
	}
	if e >= ReadOnly && e.Valid() && b == Hidden {
		why = append(why, "an end user who can see the attribute implies a bearer who can read it")
	}
	n := r.Nearest()
	actual := r
	actual.issues = nil
	return &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
		Expected: LegalRules(),
		Actual:   actual,
		Suggest:  n,
		Message: "illegal access rule " + r.String() + " (end_user/bearer/portal_ui): " +
			strings.Join(why, "; ") + "; the nearest legal rule is " + n.String(),
	}}
}

// Validate reports every problem of r as a *validation.Error whose locations are relative to
// the rule object: decode problems at their member ("/end_user": a level that is not a string
// or not one of the three; "/write_once": not a boolean; "/foo": an unknown member; "": not an
// object), and the illegal combination at "" (see [Rule.Check]). When some levels failed to
// decode, the combination is reported only if no levels in their place could make the rule
// legal (a readwrite bearer, say). A legal rule gives nil. Relocate the causes with
// Cause.Under.
func (r Rule) Validate() error {
	var e validation.Error
	if r.issues == nil {
		e.Add(r.Check())
		return e.Err()
	}
	var undecoded [3]bool
	for _, c := range r.issues.causes {
		cc := *c
		e.Add(&cc)
		switch c.Location {
		case "":
			return e.Err() // not an object: nothing else to say
		case "/end_user":
			undecoded[0] = true
		case "/bearer":
			undecoded[1] = true
		case "/portal_ui":
			undecoded[2] = true
		}
	}
	// The decoded members may already be illegal whatever the others become.
	if !r.completable(undecoded) {
		e.Add(r.check(undecoded))
	}
	return e.Err()
}

// completable reports whether some choice of levels for the undecoded members makes r legal.
func (r Rule) completable(undecoded [3]bool) bool {
	choices := func(l Level, bad bool) []Level {
		if bad {
			return []Level{Hidden, ReadOnly, ReadWrite}
		}
		return []Level{l}
	}
	for _, e := range choices(r.EndUser, undecoded[0]) {
		for _, b := range choices(r.Bearer, undecoded[1]) {
			for _, p := range choices(r.Portal, undecoded[2]) {
				if (Rule{EndUser: e, Bearer: b, Portal: p}).Legal() {
					return true
				}
			}
		}
	}
	return false
}

// MarshalJSON writes the authgear.yaml shape: "end_user", "bearer" and "portal_ui" with their
// level strings (a member that is Unset is left out, a value outside the levels is written as
// its String form, which UnmarshalJSON rejects), and "write_once": true when set.
func (r Rule) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	sep := ""
	for _, m := range [...]struct {
		name string
		l    Level
	}{{"end_user", r.EndUser}, {"bearer", r.Bearer}, {"portal_ui", r.Portal}} {
		if m.l == Unset {
			continue
		}
		b.WriteString(sep + `"` + m.name + `":"` + m.l.String() + `"`)
		sep = ","
	}
	if r.WriteOnce {
		b.WriteString(sep + `"write_once":true`)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON decodes the authgear.yaml shape. It never fails on well-formed JSON: whatever it
// cannot decode (a value that is not an object, a level that is not one of "hidden",
// "readonly", "readwrite", a "write_once" that is not a boolean, an unknown member) leaves that
// part of the rule unset and is kept for [Rule.Validate] to report with its location, so that a
// whole config reports every problem at once instead of stopping at the first. A missing member
// leaves the level Unset (a partial rule, which Validate rejects). JSON null leaves the rule
// unchanged, as encoding/json does for null.
func (r *Rule) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	// Fast path: a well-formed rule with known members only decodes without allocating.
	// Anything else takes the slow path below, which reports it.
	lx := lexer{b: data}
	if fast, ok := lx.rule(); ok && lx.end() {
		*r = fast
		return nil
	}
	r.unmarshalSlow(data)
	return nil
}

// unmarshalSlow is UnmarshalJSON without its fast path: it decodes any well-formed JSON
// through a map and records every problem.
func (r *Rule) unmarshalSlow(data []byte) {
	*r = Rule{}
	var issues []*validation.Cause
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		issues = append(issues, typeCause("", "object", data))
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		raw := m[k]
		loc := validation.Pointer(k)
		var dst *Level
		switch k {
		case "end_user":
			dst = &r.EndUser
		case "bearer":
			dst = &r.Bearer
		case "portal_ui":
			dst = &r.Portal
		case "write_once":
			if err := json.Unmarshal(raw, &r.WriteOnce); err != nil || jsonType(raw) != "boolean" {
				r.WriteOnce = false
				issues = append(issues, typeCause(loc, "boolean", raw))
			}
			continue
		default:
			issues = append(issues, &validation.Cause{Location: loc, Kind: validation.KindUnknown, Details: validation.Details{
				Expected: []string{"end_user", "bearer", "portal_ui", "write_once"}, Actual: k,
				Message: "unknown member " + k + ` of an access rule: use "end_user", "bearer", "portal_ui" or "write_once"`,
			}})
			continue
		}
		var s string
		if jsonType(raw) != "string" || json.Unmarshal(raw, &s) != nil {
			issues = append(issues, typeCause(loc, "string", raw))
			continue
		}
		l, c := ParseLevel(s)
		if c != nil {
			issues = append(issues, c.At(loc))
			continue
		}
		*dst = l
	}
	if len(issues) > 0 {
		r.issues = &ruleIssues{causes: issues}
	}
}

// lexer reads the common, well-formed shapes of rules and entries straight from the bytes,
// without allocating. Each method reports ok=false for anything outside that shape (escapes in
// strings, unknown or duplicate members, wrong types, null, malformed JSON); the caller then
// decodes the input with the general slow path, which reports the problems. A shape the lexer
// accepts is one the slow path decodes to the same value with no problems.
type lexer struct {
	b []byte
	i int
}

func (l *lexer) ws() {
	for l.i < len(l.b) {
		switch l.b[l.i] {
		case ' ', '\t', '\n', '\r':
			l.i++
		default:
			return
		}
	}
}

// byte consumes c after optional white space.
func (l *lexer) byte(c byte) bool {
	l.ws()
	if l.i < len(l.b) && l.b[l.i] == c {
		l.i++
		return true
	}
	return false
}

// end reports whether only white space remains.
func (l *lexer) end() bool {
	l.ws()
	return l.i == len(l.b)
}

// str consumes a string without escapes or control characters and returns its raw bytes
// (which may still be invalid UTF-8: callers check what they keep).
func (l *lexer) str() ([]byte, bool) {
	if !l.byte('"') {
		return nil, false
	}
	start := l.i
	for ; l.i < len(l.b); l.i++ {
		switch c := l.b[l.i]; {
		case c == '"':
			l.i++
			return l.b[start : l.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

// lit consumes the literal w after optional white space.
func (l *lexer) lit(w string) bool {
	l.ws()
	if len(l.b)-l.i >= len(w) && string(l.b[l.i:l.i+len(w)]) == w {
		l.i += len(w)
		return true
	}
	return false
}

// members calls member for each key of an object, after which the value is the member
// callback's to consume. It reports false when the object is malformed or member does.
func (l *lexer) members(member func(key []byte) bool) bool {
	if !l.byte('{') {
		return false
	}
	if l.byte('}') {
		return true
	}
	for {
		k, ok := l.str()
		if !ok || !l.byte(':') || !member(k) {
			return false
		}
		if l.byte('}') {
			return true
		}
		if !l.byte(',') {
			return false
		}
	}
}

// rule reads a rule object whose members are all known, each at most once, with levels among
// "hidden", "readonly", "readwrite" and a boolean write_once.
func (l *lexer) rule() (Rule, bool) {
	var r Rule
	var seen [4]bool
	ok := l.members(func(k []byte) bool {
		var dst *Level
		var n int
		switch string(k) {
		case "end_user":
			dst, n = &r.EndUser, 0
		case "bearer":
			dst, n = &r.Bearer, 1
		case "portal_ui":
			dst, n = &r.Portal, 2
		case "write_once":
			if seen[3] {
				return false
			}
			seen[3] = true
			switch {
			case l.lit("true"):
				r.WriteOnce = true
			case l.lit("false"):
			default:
				return false
			}
			return true
		default:
			return false
		}
		if seen[n] {
			return false
		}
		seen[n] = true
		v, ok := l.str()
		if !ok {
			return false
		}
		switch string(v) {
		case "hidden":
			*dst = Hidden
		case "readonly":
			*dst = ReadOnly
		case "readwrite":
			*dst = ReadWrite
		default:
			return false
		}
		return true
	})
	return r, ok
}

// typeCause reports a JSON value of the wrong type at loc.
func typeCause(loc, expected string, raw []byte) *validation.Cause {
	actual := jsonType(raw)
	return &validation.Cause{Location: loc, Kind: validation.KindType, Details: validation.Details{
		Expected: expected, Actual: actual,
		Message: "expected " + expected + ", got " + actual,
	}}
}

// jsonType names the JSON type of a well-formed value by its first byte.
func jsonType(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}
