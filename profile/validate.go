package profile

import (
	"strings"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/internal/claim"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// Validate checks a whole profile (one read from a database, built in a test, or returned by
// Apply) against the schema: every present value must be valid and already in normalized
// form, and every custom attribute must be defined: an orphan (a value of a definition that is
// gone, which Apply and FromStorage keep rather than lose) is reported as kind "unknown", since
// Validate says whether the profile fits the schema exactly. A required attribute that is
// absent is a cause of kind "required" (Details.Expected the parties that require it): the
// "complete your profile" check. It returns a *validation.Error listing every problem, or
// nil. Access and ownership are not checked: they concern changes.
func (s *Schema) Validate(p *Profile) error {
	if p == nil {
		p = &Profile{}
	}
	var verr validation.Error
	missing := func(loc string, ps parties, present bool) {
		if ps == 0 || present {
			return
		}
		var names []string
		for party := access.EndUser; party <= access.AdminAPI; party++ {
			if ps.has(party) {
				names = append(names, party.String())
			}
		}
		verr.Add(&validation.Cause{Location: loc, Kind: validation.KindRequired, Details: validation.Details{
			Expected: names, Message: "required for " + strings.Join(names, ", ") + " and absent"}})
	}
	for a := stdattr.AttrName; a <= stdattr.AttrAddress; a++ {
		missing(claim.Pointers[a], s.stdRequired[a], p.Has(a))
	}
	for i := range s.custom {
		missing(s.custom[i].pointer, s.custom[i].required, !p.Custom[s.custom[i].name].IsZero())
	}
	for a := stdattr.Attr(1); int(a) < claim.NumWritable; a++ {
		v := *p.Field(a)
		if v == "" {
			continue
		}
		n, err := s.std.Normalize(a, v)
		if err != nil {
			verr.Add(causeOf(err).Under(claim.Pointers[a]))
			continue
		}
		if a == stdattr.AttrPicture {
			var c *validation.Cause
			if n, c = s.pictureRepresentation(n); c != nil {
				verr.Add(c.Under(claim.Pointers[a]))
				continue
			}
		}
		if n != v {
			verr.Add(notNormalized(claim.Pointers[a], v, n))
		}
	}
	if p.Address != nil {
		for i, field := range addressFields {
			v := *p.Address.Field(field)
			if v == "" {
				continue
			}
			n, err := s.std.NormalizeAddressField(field, v)
			if err != nil {
				verr.Add(causeOf(err).Under(addressPointers[i]))
				continue
			}
			if n != v {
				verr.Add(notNormalized(addressPointers[i], v, n))
			}
		}
	}
	for key, v := range p.Variants {
		if v == "" {
			continue
		}
		loc := variantPointer(key)
		b, path, tag, ok := s.variantOf(key)
		if !ok {
			verr.Add(unknownMember(loc, "not an attribute that may carry language-tagged variants"))
			continue
		}
		if canonical, c := s.variantTag(tag); c != nil {
			verr.Add(c.Under(loc))
			continue
		} else if canonical != tag {
			verr.Add(notNormalized(loc, key, path+"#"+canonical))
			continue
		}
		n, err := s.normalizeVariant(b, v)
		if err != nil {
			c := causeOf(err)
			c.Location = loc
			verr.Add(c)
			continue
		}
		if n != v {
			verr.Add(notNormalized(loc, v, n))
		}
	}
	for name, v := range p.Custom {
		if v.IsZero() {
			continue
		}
		idx, ok := s.customIndex(name)
		if !ok {
			verr.Add(unknownMember("/custom_attributes/"+jsonptr.Escape(name), "no custom attribute of this name is defined"))
			continue
		}
		info := &s.custom[idx]
		n, err := info.attr.Check(v)
		if err != nil {
			verr.Add(causeOf(err).Under(info.pointer))
			continue
		}
		if n != v {
			verr.Add(&validation.Cause{Location: info.pointer, Kind: validation.KindFormat, Details: validation.Details{
				Actual: v, Expected: n, Message: "value is valid but not in normalized form"}})
		}
	}
	return verr.Err()
}

func notNormalized(loc, actual, expected string) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindFormat, Details: validation.Details{
		Actual: actual, Expected: expected, Message: "value is valid but not in normalized form"}}
}

// hasKind reports whether some cause of e is of kind k.
func hasKind(e *validation.Error, k validation.Kind) bool { return e.Has(k) }
