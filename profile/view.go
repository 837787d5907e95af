package profile

import (
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/stdattr"
)

// Field is one attribute as a party sees it: what a settings page or an admin form renders.
type Field struct {
	Path     string // JSON pointer: "/given_name", "/address", "/custom_attributes/shoe_size"
	Name     string // attribute name: "given_name", "shoe_size"
	Label    string // display label ("Shoe Size"); standard claims get their OIDC-style label
	Value    Value  // zero when absent
	Writable bool   // the party may change it (and, unless write-once and set, remove it)
	Required bool   // the party may not remove it (and a Replace from it must include it)
	Custom   *customattr.Attribute
}

// View is a profile as one party may see it.
type View struct {
	// Profile holds only what the party can read.
	Profile Profile
	// Fields lists every attribute the party can read, present or not, in display order
	// (standard claims in OIDC order, then custom attributes in definition order; each
	// present language-tagged variant right after its attribute, the address's after the
	// address), with whether the party may edit it now (a write-once attribute is writable
	// while absent).
	Fields []Field
}

// View returns what party may see of p: hidden attributes dropped, each readable attribute
// marked writable or not.
func (s *Schema) View(p *Profile, party access.Party) View {
	if p == nil {
		p = &Profile{}
	}
	var v View
	byPath := variantsByPath(p)
	// variants adds the variants of the attribute at path, right after its field.
	variants := func(path string) {
		for _, key := range byPath[path] {
			b, _, tag, ok := s.variantOf(key)
			if !ok {
				continue // a stored variant of no taggable attribute: kept, shown to no one
			}
			if v.Profile.Variants == nil {
				v.Profile.Variants = make(map[string]string)
			}
			v.Profile.Variants[key] = p.Variants[key]
			v.Fields = append(v.Fields, Field{Path: variantPointer(key), Name: key, Label: s.variantLabel(b, tag), Value: textValue(p.Variants[key]),
				Writable: s.variantRule(b).Allows(party, access.OpChange)})
		}
	}
	for a := stdattr.AttrName; a <= stdattr.AttrAddress; a++ {
		rule := s.stdRule[a]
		if !rule.Level(party).CanRead() {
			continue
		}
		f := Field{Path: claim.Pointers[a], Name: a.String(), Label: claim.Table[a].Label, Writable: rule.Allows(party, writeOp(p.Claims.Has(a))),
			Required: s.stdRequired[a].has(party)}
		if a == stdattr.AttrAddress {
			if p.Address != nil && !p.Address.IsZero() {
				addr := *p.Address
				v.Profile.Address = &addr
				f.Value = addressValue(&addr)
			}
		} else if val := *p.Field(a); val != "" {
			*v.Profile.Field(a) = val
			f.Value = textValue(val)
		}
		v.Fields = append(v.Fields, f)
		if a == stdattr.AttrAddress {
			for _, field := range addressFields {
				variants(addressPrefix + field)
			}
		} else {
			variants(a.String())
		}
	}
	for i := range s.custom {
		info := &s.custom[i]
		if !info.rule.Level(party).CanRead() {
			continue
		}
		f := Field{Path: info.pointer, Name: info.name, Label: info.attr.Label(), Custom: info.attr,
			Writable: info.rule.Allows(party, writeOp(!p.Custom[info.name].IsZero())), Required: info.required.has(party)}
		if val := p.Custom[info.name]; !val.IsZero() {
			if v.Profile.Custom == nil {
				v.Profile.Custom = make(map[string]customattr.Value)
			}
			v.Profile.Custom[info.name] = val
			f.Value = customValue(val)
		}
		v.Fields = append(v.Fields, f)
		variants(customPrefix + info.name)
	}
	return v
}

// releaseVariants adds to out, for every attribute whose variants the bearer may read and
// the request releases, the variant that best matches each requested locale (x/text's
// language.Matcher): a claim's at the top level, an address sub-field's inside "address"
// (which then becomes a map[string]any of the address's members), a custom attribute's
// inside "custom_attributes" (first-party clients only, as custom attributes are). It
// reports whether it released a variant of a standard claim (which, like the claim, makes
// updated_at due).
func (s *Schema) releaseVariants(p *Profile, locales []string, scopes func(string) bool, firstParty bool, out map[string]any) bool {
	var want []language.Tag
	for _, l := range locales {
		if t, err := language.Parse(l); err == nil {
			want = append(want, t)
		}
	}
	released := false
	byPath := variantsByPath(p)
	for _, path := range slices.Sorted(maps.Keys(byPath)) {
		keys := byPath[path]
		b, ok := s.taggable(path)
		switch {
		case !ok || !s.variantRule(b).Level(access.Bearer).CanRead():
			continue
		case b.custom >= 0 && !firstParty, b.field >= 0 && !scopes("address"), b.custom < 0 && b.field < 0 && !scopes(b.a.Scope()):
			continue
		}
		tags := make([]language.Tag, len(keys))
		for i, k := range keys {
			tags[i] = language.Make(k[len(path)+1:])
		}
		m := language.NewMatcher(tags)
		for _, w := range want {
			_, i, conf := m.Match(w)
			if conf == language.No {
				continue
			}
			// The container is made (or the address turned into a map) only for a variant released.
			into := out
			switch {
			case b.custom >= 0:
				into, _ = out["custom_attributes"].(map[string]any)
				if into == nil {
					into = make(map[string]any)
					out["custom_attributes"] = into
				}
			case b.field >= 0:
				into = addressMembers(out)
			}
			into[keys[i][strings.LastIndexByte(path, '/')+1:]] = p.Variants[keys[i]]
			released = released || b.custom < 0
		}
	}
	return released
}

// addressMembers turns the released address of out into a map of its members, to which
// variants are added, and returns it.
func addressMembers(out map[string]any) map[string]any {
	if m, ok := out["address"].(map[string]any); ok {
		return m
	}
	m := make(map[string]any)
	if addr, ok := out["address"].(*stdattr.Address); ok {
		for _, f := range addressFields {
			if v := *addr.Field(f); v != "" {
				m[f] = v
			}
		}
	}
	out["address"] = m
	return m
}

// variantsByPath groups the present variants of p by the path of their attribute, each
// group sorted by key.
func variantsByPath(p *Profile) map[string][]string {
	if len(p.Variants) == 0 {
		return nil
	}
	byPath := map[string][]string{}
	for _, key := range slices.Sorted(maps.Keys(p.Variants)) {
		if path, _, ok := splitVariant(key); ok && p.Variants[key] != "" {
			byPath[path] = append(byPath[path], key)
		}
	}
	return byPath
}

// writeOp is the operation that editing a field would be: adding it when absent (which a
// write-once rule allows), changing it when present.
func writeOp(present bool) access.Op {
	if present {
		return access.OpChange
	}
	return access.OpAdd
}

// UserInfoRequest describes a UserInfo (or ID token) request by a session bearer.
type UserInfoRequest struct {
	// Subject is the user's ID, emitted as "sub" when not empty.
	Subject string
	// Scopes are the granted OIDC scopes; "profile", "email", "phone" and "address" release
	// their claims (OIDC Core §5.4). "openid" releases none by itself.
	Scopes []string
	// FirstParty is true for the identity server's own clients: they receive every claim the
	// bearer may read regardless of scopes, and custom attributes under "custom_attributes".
	// Third-party clients get only scope-released standard claims and never custom attributes.
	FirstParty bool
	// Identities decide email_verified and phone_number_verified.
	Identities Identities
	// UpdatedAt is the profile's last update (Unix seconds); 0 omits updated_at.
	UpdatedAt int64
	// ClaimsLocales are the requested claims_locales (OIDC Core §5.2, §5.5), in order of
	// preference: for each attribute the request releases that has language-tagged variants,
	// the variant that best matches each requested locale is released too, with its tag
	// (also when the untagged value is absent), next to where the untagged value goes. An
	// address with a variant released is then a map[string]any of its members (a
	// *stdattr.Address otherwise).
	ClaimsLocales []string
}

// UserInfo returns the claims of p that a session bearer receives: only what the bearer may
// read, filtered by scopes for third-party clients. Absent claims are omitted, never null or
// empty. Derived claims follow their parents: email_verified appears exactly when email does
// (so a hidden email does not leak through it), updated_at when any standard claim or
// variant of one does. The address is a *stdattr.Address, or a map[string]any of its members
// when ClaimsLocales release a variant of a sub-field.
func (s *Schema) UserInfo(p *Profile, r UserInfoRequest) map[string]any {
	if p == nil {
		p = &Profile{}
	}
	out := make(map[string]any)
	if r.Subject != "" {
		out["sub"] = r.Subject
	}
	scopes := func(sc string) bool { return r.FirstParty || slices.Contains(r.Scopes, sc) }
	anyClaim := false
	for a := stdattr.AttrName; a <= stdattr.AttrAddress; a++ {
		if !scopes(a.Scope()) || !s.stdRule[a].Level(access.Bearer).CanRead() {
			continue
		}
		if a == stdattr.AttrAddress {
			if p.Address != nil && !p.Address.IsZero() {
				addr := *p.Address
				out["address"] = &addr
				anyClaim = true
			}
			continue
		}
		if v := *p.Field(a); v != "" {
			out[a.String()] = v
			anyClaim = true
			switch a {
			case stdattr.AttrEmail:
				out["email_verified"] = s.verified(r.Identities, IdentityEmail, v)
			case stdattr.AttrPhoneNumber:
				out["phone_number_verified"] = s.verified(r.Identities, IdentityPhone, v)
			}
		}
	}
	if r.FirstParty {
		custom := make(map[string]any)
		for i := range s.custom {
			info := &s.custom[i]
			if v := p.Custom[info.name]; !v.IsZero() && info.rule.Level(access.Bearer).CanRead() {
				custom[info.name] = v
			}
		}
		if len(custom) > 0 {
			out["custom_attributes"] = custom
		}
	}
	if len(r.ClaimsLocales) > 0 && len(p.Variants) > 0 && s.releaseVariants(p, r.ClaimsLocales, scopes, r.FirstParty, out) {
		anyClaim = true
	}
	if r.UpdatedAt != 0 && anyClaim && scopes("profile") {
		out["updated_at"] = r.UpdatedAt
	}
	return out
}
