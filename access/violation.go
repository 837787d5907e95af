package access

import (
	"github.com/profilekit/profilekit/internal/jsonptr"
	"github.com/profilekit/profilekit/validation"
)

// change is one proposed change of an attribute's value, as the caller classified it by
// comparing the stored value with the new one (see [Policy.Check]).
type change struct {
	Attr string // the attribute's name ("email", "shoe_size")
	Op   Op     // OpAdd, OpChange or OpRemove
}

// violation is a change the party may not make.
type violation struct {
	Attr      string // the attribute
	Party     Party  // who tried
	Level     Level  // the party's level for the attribute (Hidden when the policy does not know it)
	Op        Op     // what was tried
	WriteOnce bool   // refused only because the attribute is write-once and already set
	class     class  // the attribute's class; 0 when the policy does not know it
}

// cause turns v into a cause located at "/<attr>" (a caller that nests custom attributes
// relocates it, e.g. with Under("/custom_attributes")). Its kind is forbidden, with
// Details.Party, Details.Level and Details.Operation the strings of v's party, level and
// operation and Details.Message saying why; an attribute the policy does not know is kind
// unknown instead, since no level could allow writing it.
func (v violation) cause() *validation.Cause {
	c := &validation.Cause{Location: jsonptr.Join(v.Attr), Kind: validation.KindForbidden, Details: validation.Details{
		Party: v.Party.String(), Level: v.Level.String(), Operation: v.Op.String(),
	}}
	switch {
	case v.class == 0:
		c.Kind = validation.KindUnknown
		c.Details.Actual = v.Attr
		c.Details.Message = "the access policy has no attribute " + v.Attr
	case v.class == classDerived:
		c.Details.Message = v.Attr + " is derived and nobody writes it"
	case v.WriteOnce:
		c.Details.Message = v.Attr + " is write-once: " + v.Party.String() + " may add it while it is absent, not " + verb(v.Op) + " it once set"
	default:
		c.Details.Message = v.Party.String() + " may not " + verb(v.Op) + " " + v.Attr + ": its level is " + v.Level.String()
	}
	return c
}

func verb(o Op) string {
	if o.valid() {
		return o.String()
	}
	return "apply " + o.String() + " to"
}

// check returns the changes the party may not make, in the order given; nil when every change
// is allowed. A change is allowed when [Policy.Check] allows it: the party's level is ReadWrite
// and, on a write-once attribute, the change is an OpAdd or the party is the Admin API. The
// bearer never writes; nobody writes a derived claim or an attribute the policy does not know.
func (p *Policy) check(party Party, changes []change) []violation {
	return p.appendViolations(nil, party, changes)
}

// appendViolations is [Policy.check] appending to dst, so a caller that reuses dst makes no
// allocation.
func (p *Policy) appendViolations(dst []violation, party Party, changes []change) []violation {
	for _, ch := range changes {
		i, ok := p.lookup(ch.Attr)
		if !ok {
			dst = append(dst, violation{Attr: ch.Attr, Party: party, Level: Hidden, Op: ch.Op})
			continue
		}
		if p.allowsAt(party, i, ch.Op) {
			continue
		}
		e := &p.entries[i]
		l := p.levelAt(party, i)
		dst = append(dst, violation{
			Attr: ch.Attr, Party: party, Level: l, Op: ch.Op, class: e.class,
			WriteOnce: l == ReadWrite && e.writeOnce && (ch.Op == OpChange || ch.Op == OpRemove),
		})
	}
	return dst
}

// Check reports whether party may apply op to the attribute attr: nil when the rule allows it
// ([Rule.Allows]; nobody writes a derived claim or an attribute the policy does not know),
// otherwise a *validation.Cause located at "/<attr>" (a caller that nests custom
// attributes relocates it, e.g. with Under("/custom_attributes")). Its kind is forbidden, with
// Details.Party, Details.Level and Details.Operation the strings of the party, its level and
// the operation, and Details.Message saying why (write-once is blamed only when it is the
// reason, and then Details.Level is "readwrite" and Details.Operation "change" or "remove";
// nobody writes a derived claim); an attribute the policy does not know is kind
// unknown instead, since no level could allow writing it. A caller passes only real changes:
// an attribute sent back with its stored value unchanged is not a change and never refused.
func (p *Policy) Check(party Party, attr string, op Op) error {
	var buf [1]violation
	if vs := p.appendViolations(buf[:0], party, []change{{Attr: attr, Op: op}}); len(vs) > 0 {
		return vs[0].cause()
	}
	return nil
}
