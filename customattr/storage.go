package customattr

import "slices"

// ToStorage re-keys values from attribute name (the representation form, {"x_age": 42}) to
// definition id (the storage form, {"0001": 42}). Zero (absent) values are left out. A key
// that names no definition is an orphan (a value stored under a definition that no longer
// exists): it is kept under its own key, unchanged, so that no conversion ever loses data. It
// is a pure function: byName is not modified and the values are not checked again.
func (s *Schema) ToStorage(byName map[string]Value) map[string]Value {
	return s.rekey(byName, func(a *Attribute) (string, string) { return a.name, a.def.ID })
}

// ToRepresentation re-keys stored values from definition id to attribute name. Zero (absent)
// values are left out; ids without a definition (orphans, see [Schema.Orphans]) are kept
// under their id, unchanged, so that writing the result back loses nothing. It is a pure
// function: byID is not modified.
func (s *Schema) ToRepresentation(byID map[string]Value) map[string]Value {
	return s.rekey(byID, func(a *Attribute) (string, string) { return a.def.ID, a.name })
}

// rekey maps the keys of in from one form to the other (keys gives an attribute's key in the
// form of in and in the form of the result) and keeps unknown keys as they are.
func (s *Schema) rekey(in map[string]Value, keys func(*Attribute) (from, to string)) map[string]Value {
	out := make(map[string]Value, len(in))
	if len(in) == 0 {
		return out
	}
	known := 0
	attrs := s.list()
	for i := range attrs {
		from, to := keys(&attrs[i])
		if v, ok := in[from]; ok {
			known++
			if !v.IsZero() {
				out[to] = v
			}
		}
	}
	if known == len(in) {
		return out
	}
	for k, v := range in {
		if s.isKey(k, keys) || v.IsZero() {
			continue
		}
		out[k] = v
	}
	return out
}

// isKey reports whether k is some attribute's key in the form that keys gives first.
func (s *Schema) isKey(k string, keys func(*Attribute) (from, to string)) bool {
	attrs := s.list()
	for i := range attrs {
		if from, _ := keys(&attrs[i]); from == k {
			return true
		}
	}
	return false
}

// Orphans lists, sorted, the ids in a stored map that no definition has: values kept as they
// are by ToRepresentation and by every update, invisible to every party but the Admin API.
func (s *Schema) Orphans(byID map[string]Value) []string {
	var out []string
	for id := range byID {
		if _, ok := s.LookupID(id); !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
