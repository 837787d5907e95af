package profile

import (
	"maps"
	"strings"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/stdattr"
)

// Stored is a profile in storage form: custom attributes keyed by their immutable definition
// ID (so renaming an attribute keeps its data), and picture as an image reference rather than
// a public URL. It marshals like Profile, with IDs as the keys of "custom_attributes".
type Stored struct {
	stdattr.Claims
	Custom map[string]customattr.Value `json:"custom_attributes,omitempty"`
	// Variants are the language-tagged variants, keyed as in Profile except that a custom
	// attribute's are keyed by its definition ID: "custom_attributes/<ID>#ja-Kana-JP".
	Variants map[string]string `json:"variants,omitempty"`
}

// ToStorage converts a representation-form profile to storage form. Custom attributes that the
// schema does not define (orphans) are kept under their own key, unchanged; a picture that is a public URL on the configured image
// host becomes its reference. It is a pure function of p.
func (s *Schema) ToStorage(p *Profile) Stored {
	if p == nil {
		return Stored{}
	}
	st := Stored{Claims: p.Claims.Clone(), Variants: s.renameVariants(p.Variants, true)}
	if s.images != nil && st.Picture != "" {
		if ref, err := s.images.ToStorage(st.Picture); err == nil {
			st.Picture = ref
		}
	}
	if len(p.Custom) > 0 {
		if st.Custom = s.customs.ToStorage(p.Custom); len(st.Custom) == 0 {
			st.Custom = nil
		}
	}
	return st
}

// FromStorage converts a storage-form profile to representation form: custom attributes keyed
// by name, picture references resolved to public URLs. Stored IDs without a definition
// (orphans: a definition removed outside the evolution checker, a profile from another
// deployment) are kept under their ID and returned, sorted, as orphans: no update drops them
// and ToStorage writes them back unchanged. It is a pure function of st.
func (s *Schema) FromStorage(st *Stored) (p Profile, orphans []string) {
	if st == nil {
		return Profile{}, nil
	}
	p = Profile{Claims: st.Claims.Clone(), Variants: s.renameVariants(st.Variants, false)}
	if s.images != nil && p.Picture != "" {
		p.Picture = s.images.ToRepresentation(p.Picture)
	}
	if len(st.Custom) > 0 {
		if p.Custom = s.customs.ToRepresentation(st.Custom); len(p.Custom) == 0 {
			p.Custom = nil
		}
		orphans = s.customs.Orphans(st.Custom)
	}
	return p, orphans
}

// renameVariants copies variants, rekeying those of custom attributes from name to ID
// (toID) or from ID to name. A variant whose attribute is not found is kept under its own
// key, like an orphan.
func (s *Schema) renameVariants(variants map[string]string, toID bool) map[string]string {
	out := maps.Clone(variants)
	for key, v := range variants {
		rest, ok := strings.CutPrefix(key, customPrefix)
		i := strings.LastIndexByte(rest, '#') // an ID may hold "#"; a tag never does
		if !ok || i < 0 {
			continue
		}
		var a *customattr.Attribute
		if toID {
			a, ok = s.customs.Lookup(rest[:i])
		} else {
			a, ok = s.customs.LookupID(rest[:i])
		}
		if !ok {
			continue
		}
		to := a.Name()
		if toID {
			to = a.Definition().ID
		}
		delete(out, key)
		out[customPrefix+to+rest[i:]] = v
	}
	return out
}
