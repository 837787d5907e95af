package profile

import (
	"maps"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/stdattr"
)

// Stored is a profile in storage form: custom attributes keyed by their immutable definition
// ID (so renaming an attribute keeps its data), and picture as an image reference rather than
// a public URL. It marshals like Profile, with IDs as the keys of "custom_attributes".
type Stored struct {
	stdattr.Claims
	Custom map[string]customattr.Value `json:"custom_attributes,omitempty"`
	// Variants are the language-tagged variants of standard claims, as in Profile.
	Variants map[string]string `json:"variants,omitempty"`
}

// ToStorage converts a representation-form profile to storage form. Custom attributes that the
// schema does not define (orphans) are kept under their own key, unchanged; a picture that is a public URL on the configured image
// host becomes its reference. It is a pure function of p.
func (s *Schema) ToStorage(p *Profile) Stored {
	if p == nil {
		return Stored{}
	}
	st := Stored{Claims: p.Claims.Clone(), Variants: maps.Clone(p.Variants)}
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
	p = Profile{Claims: st.Claims.Clone(), Variants: maps.Clone(st.Variants)}
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
