package access

import (
	"bytes"
	"slices"
	"strings"

	"github.com/profilekit/profilekit/internal/strictjson"
	"github.com/profilekit/profilekit/validation"
)

// Rule gives one attribute a level for each configurable party, in the authgear.yaml shape
// {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}. The Admin API is
// not part of a rule: it always has full access.
//
// Only 8 combinations (end_user/bearer/portal_ui) are legal: hidden/hidden/hidden,
// hidden/hidden/readonly, hidden/hidden/readwrite, hidden/readonly/readonly,
// hidden/readonly/readwrite, readonly/readonly/readonly, readonly/readonly/readwrite and
// readwrite/readonly/readwrite. [Rule.Validate] rejects the others and suggests the nearest
// legal one (in Details.Suggest). A Rule is a small comparable value.
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
}

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

// Allows reports whether party may apply op to an attribute with rule r: it needs level
// ReadWrite; on a write-once rule only OpAdd is allowed, except to the Admin API; an Op that
// is not OpAdd, OpChange or OpRemove is allowed only to the Admin API. This is the one
// decision function: [Policy.Check] and profile's update pipeline use it. (A derived claim is
// written by nobody; [Policy.Check] says so for them.) It costs a few nanoseconds and never
// allocates.
func (r Rule) Allows(party Party, op Op) bool {
	if r.Level(party) != ReadWrite {
		return false
	}
	switch op {
	case OpAdd:
		return true
	case OpChange, OpRemove:
		return !r.WriteOnce || party == AdminAPI
	}
	return party == AdminAPI
}

// legal reports whether the levels of r form one of the 8 legal combinations: every member
// set; bearer never readwrite; bearer and end user each at most the portal; an end user who
// can see implies a bearer who can read.
func (r Rule) legal() bool {
	e, b, p := r.EndUser, r.Bearer, r.Portal
	return e.valid() && b.valid() && p.valid() &&
		b != ReadWrite && b <= p && e <= p && (e == Hidden || b == ReadOnly)
}

// nearest returns the legal rule closest to r, the one the reference console would adjust to:
// it keeps the end user's level, sets the bearer to readonly when the end user can see (and
// lowers a readwrite bearer to readonly otherwise), and raises the portal to at least both.
// A member that is unset or out of range counts as hidden (nothing is granted that the rule
// did not give), so {"end_user": "readwrite"} becomes readwrite/readonly/readwrite and an
// empty rule becomes hidden/hidden/hidden. WriteOnce is kept. A legal rule is its own nearest.
func (r Rule) nearest() Rule {
	clean := func(l Level) Level {
		if l.valid() {
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

// Validate reports whether r's levels are one of the legal combinations: nil, or a
// *validation.Error with one cause at "" (the caller relocates it with Cause.Under) of kind
// enum, as the reference config schema reports it: Details.Expected lists the legal rules,
// Details.Actual is r, Details.Suggest is the nearest legal rule, and Details.Message says
// every reason r is illegal (a member missing, not a level, or above what the others allow).
// The nearest rule is the one the reference console would adjust to: it keeps the end user's
// level, sets the bearer to readonly when the end user can see (and lowers a readwrite bearer
// to readonly otherwise), and raises the portal to at least both; a member that is unset or
// out of range counts as hidden, so {"end_user": "readwrite"} suggests
// readwrite/readonly/readwrite and an empty rule hidden/hidden/hidden. WriteOnce is kept.
func (r Rule) Validate() error {
	if r.legal() {
		return nil
	}
	var why []string
	for _, m := range [...]struct {
		name string
		l    Level
	}{{"end_user", r.EndUser}, {"bearer", r.Bearer}, {"portal_ui", r.Portal}} {
		switch {
		case m.l == Unset:
			why = append(why, m.name+" is missing")
		case !m.l.valid():
			why = append(why, m.name+" is not a level")
		}
	}
	e, b, p := r.EndUser, r.Bearer, r.Portal
	if b == ReadWrite {
		why = append(why, "the bearer can never write")
	}
	if e.valid() && p.valid() && e > p {
		why = append(why, "the end user has more access than the portal")
	}
	if b.valid() && p.valid() && b > p {
		why = append(why, "the bearer has more access than the portal")
	}
	if e >= ReadOnly && e.valid() && b == Hidden {
		why = append(why, "an end user who can see the attribute implies a bearer who can read it")
	}
	n := r.nearest()
	return &validation.Error{Causes: []*validation.Cause{{Kind: validation.KindEnum, Details: validation.Details{
		Expected: slices.Clone(legalRules[:]),
		Actual:   r,
		Suggest:  n,
		Message: "illegal access rule " + r.String() + " (end_user/bearer/portal_ui): " +
			strings.Join(why, "; ") + "; the nearest legal rule is " + n.String(),
	}}}}
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

// UnmarshalJSON decodes the authgear.yaml shape strictly, with the one config decoder
// (internal/strictjson): a level that is not one of "hidden", "readonly", "readwrite", a
// "write_once" that is not a boolean, an unknown or repeated member, or a value that is not an
// object is a *validation.Error located relative to the rule ("/end_user"), every problem at
// once; r is then unchanged. A missing member leaves the level Unset (a partial rule, which
// [Rule.Validate] rejects). JSON null leaves the rule unchanged, as encoding/json does.
func (r *Rule) UnmarshalJSON(data []byte) error {
	p := plainRule(*r)
	if err := ruleCodec.Decode(data, &p); err != nil {
		return err
	}
	*r = Rule(p)
	return nil
}

// plainRule is Rule without its methods, decoded by its json tags.
type plainRule Rule

var ruleCodec = strictjson.For[plainRule]()
