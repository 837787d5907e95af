package profile

import (
	"slices"
	"strings"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/stdattr"
)

// Stored is a profile in storage form: custom attributes keyed by their immutable definition
// ID (so renaming an attribute keeps its data), and picture as an image reference rather than
// a public URL. It marshals with encoding/json: the claims as in Profile, IDs as the keys of
// "custom_attributes", and every language-tagged variant in one "variants" object.
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
	st := Stored{Claims: p.Claims.Clone()}
	st.Variants, _ = s.renameVariants(p.Variants, true)
	if s.images != nil && st.Picture != "" {
		if ref, err := s.images.ToStorage(st.Picture); err == nil {
			st.Picture = ref
		}
	}
	if len(p.Custom) > 0 {
		if st.Custom = s.rekeyCustom(p.Custom, true); len(st.Custom) == 0 {
			st.Custom = nil
		}
	}
	return st
}

// FromStorage converts a storage-form profile to representation form: custom attributes keyed
// by name, picture references resolved to public URLs. Stored IDs without a definition
// (orphans: a definition removed outside the evolution checker, a profile from another
// deployment) are kept under their ID and returned, sorted, as orphans: no update drops them
// and ToStorage writes them back unchanged. The IDs of such variants
// ("custom_attributes/<ID>#ja") are among the orphans too. It is a pure function of st.
func (s *Schema) FromStorage(st *Stored) (p Profile, orphans []string) {
	if st == nil {
		return Profile{}, nil
	}
	p = Profile{Claims: st.Claims.Clone()}
	var variantOrphans []string
	p.Variants, variantOrphans = s.renameVariants(st.Variants, false)
	if s.images != nil && p.Picture != "" {
		p.Picture = s.images.ToRepresentation(p.Picture)
	}
	if len(st.Custom) > 0 {
		if p.Custom = s.rekeyCustom(st.Custom, false); len(p.Custom) == 0 {
			p.Custom = nil
		}
		orphans = s.customOrphans(st.Custom)
	}
	for _, id := range variantOrphans {
		if !slices.Contains(orphans, id) {
			orphans = append(orphans, id)
		}
	}
	slices.Sort(orphans)
	return p, orphans
}

// renameVariants copies variants, rekeying those of custom attributes from name to ID
// (toID) or from ID to name. A variant whose attribute is not found is kept under its own
// key, like an orphan, unless a renamed variant takes that key (an orphan ID that is also a
// name), as customattr's rekeying of values does. The second return lists, for FromStorage,
// the IDs of variants whose attribute is not found.
func (s *Schema) renameVariants(variants map[string]string, toID bool) (map[string]string, []string) {
	if len(variants) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(variants))
	var kept []string // keys of variants of no attribute found: written last, where free
	var orphans []string
	for key, v := range variants {
		rest, ok := strings.CutPrefix(key, customPrefix)
		i := strings.IndexByte(rest, '#')
		if !ok || i < 0 {
			out[key] = v // a standard claim's or an address sub-field's: no rekeying
			continue
		}
		var a *customattr.Attribute
		if toID {
			a, ok = s.customs.Lookup(rest[:i])
		} else {
			a, ok = s.customs.LookupID(rest[:i])
		}
		if !ok {
			kept = append(kept, key)
			if !toID && !slices.Contains(orphans, rest[:i]) {
				orphans = append(orphans, rest[:i])
			}
			continue
		}
		to := a.Name()
		if toID {
			to = a.Definition().ID
		}
		out[customPrefix+to+rest[i:]] = v
	}
	for _, key := range kept {
		if _, taken := out[key]; !taken {
			out[key] = variants[key]
		}
	}
	return out, orphans
}
