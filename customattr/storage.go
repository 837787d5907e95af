package customattr

import "slices"

// ToStorage re-keys values from attribute name (the representation form, {"x_age": 42}) to
// definition id (the storage form, {"0001": 42}). Names without a definition and zero (absent)
// values are left out; a
// caller validates its input first (Validate reports them as "unknown"). It is a pure function:
// byName is not modified and the values are not checked again.
func (s *Schema) ToStorage(byName map[string]Value) map[string]Value {
	out := make(map[string]Value, min(len(byName), len(s.attrs)))
	if len(byName) == 0 {
		return out
	}
	for i := range s.attrs {
		a := &s.attrs[i]
		if v := byName[a.name]; !v.IsZero() {
			out[a.def.ID] = v
		}
	}
	return out
}

// ToRepresentation re-keys stored values from definition id to attribute name. Stored ids
// without a definition and zero (absent) values are ignored, so they disappear from the
// document and are dropped on the
// next write of the storage form (see [Schema.Orphans] to find them first). It is a pure
// function: byID is not modified.
func (s *Schema) ToRepresentation(byID map[string]Value) map[string]Value {
	out := make(map[string]Value, min(len(byID), len(s.attrs)))
	if len(byID) == 0 {
		return out
	}
	for i := range s.attrs {
		a := &s.attrs[i]
		if v := byID[a.def.ID]; !v.IsZero() {
			out[a.name] = v
		}
	}
	return out
}

// Orphans lists, sorted, the ids in a stored map that no definition has: the values that
// ToRepresentation ignores and the next write drops.
func (s *Schema) Orphans(byID map[string]Value) []string {
	var out []string
	for id := range byID {
		if _, ok := s.byID[id]; !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
