package profile

import (
	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/stdattr"
)

// Reconcile aligns the identity-coupled claims (email, phone_number, preferred_username) of p
// with the user's identities, newest first: a coupled claim whose value the user no longer owns
// is removed, and a missing coupled claim is filled from the newest identity of its kind. Run
// it whenever identities change. It is a pure function: p is not modified; the changes are
// returned for audit. With identity coupling off it returns p unchanged.
func (s *Schema) Reconcile(p *Profile, ids Identities) (Profile, []Change) {
	if p == nil {
		p = &Profile{}
	}
	next := p.Clone()
	if !s.coupling {
		return next, nil
	}
	var changes []Change
	for _, a := range [...]stdattr.Attr{stdattr.AttrEmail, stdattr.AttrPhoneNumber, stdattr.AttrPreferredUsername} {
		k := kindOf(a)
		f := next.Field(a)
		old := *f
		if old != "" {
			if _, owned, ok := ids.owner(s, k, old); ok {
				*f = owned
			} else {
				*f = ""
			}
		}
		if *f == "" {
			for _, id := range ids {
				if id.Kind != k {
					continue
				}
				if v, err := s.std.Normalize(a, id.Value); err == nil {
					*f = v
					break
				}
			}
		}
		if *f != old {
			changes = append(changes, Change{Path: claim.Pointers[a], Op: opOf(old != "", *f != ""), Old: textValue(old), New: textValue(*f)})
		}
	}
	return next, changes
}

// Populate fills p with standard claims ingested from an external identity provider (by the
// Normalizer's Ingest, `n := s.Normalizer(); n.Ingest(claims)`: the lenient regime, invalid
// values dropped and reported, never failing the whole): an absent attribute is set; an
// existing value is overwritten only when overwrite is true. Identity-coupled claims are never written
// here (they come from identities through Reconcile). Population ignores access control, as
// identity servers do: it is the server acting, not a party. It is a pure function.
func (s *Schema) Populate(p *Profile, in *stdattr.Claims, overwrite bool) (Profile, []Change) {
	if p == nil {
		p = &Profile{}
	}
	next := p.Clone()
	if in == nil {
		return next, nil
	}
	if s.cfg.StandardAttributes.Population.Strategy == PopulationNone {
		return next, nil
	}
	var changes []Change
	for a := stdattr.Attr(1); int(a) < claim.NumWritable; a++ {
		if a.Coupled() {
			continue
		}
		v := *in.Field(a)
		if v == "" {
			continue
		}
		f := next.Field(a)
		if *f == v || (*f != "" && !overwrite) {
			continue
		}
		changes = append(changes, Change{Path: claim.Pointers[a], Op: opOf(*f != "", true), Old: textValue(*f), New: textValue(v)})
		*f = v
	}
	if in.Address != nil && !in.Address.IsZero() && (next.Address == nil || next.Address.IsZero() || overwrite) {
		if !next.Address.Equal(in.Address) {
			addr := *in.Address
			changes = append(changes, Change{Path: "/address", Op: opOf(next.Address != nil && !next.Address.IsZero(), true),
				Old: addressValue(next.Address), New: addressValue(&addr)})
			next.Address = &addr
		}
	}
	return next, changes
}
