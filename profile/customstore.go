package profile

import (
	"slices"

	"github.com/profilekit/profilekit/customattr"
)

// rekeyCustom re-keys custom attribute values from attribute name (the representation form,
// {"x_age": 42}) to definition id (the storage form, {"0001": 42}) when toID, or back. Zero
// (absent) values are left out. A key that names no definition is an orphan (a value stored
// under a definition that no longer exists): it is kept under its own key, unchanged, so that
// no conversion ever loses data. in is not modified and the values are not checked again.
func (s *Schema) rekeyCustom(in map[string]customattr.Value, toID bool) map[string]customattr.Value {
	out := make(map[string]customattr.Value, len(in))
	if len(in) == 0 {
		return out
	}
	known := 0
	for i := range s.custom {
		from, to := s.custom[i].name, s.custom[i].id
		if !toID {
			from, to = to, from
		}
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
		if v.IsZero() || s.isCustomKey(k, toID) {
			continue
		}
		out[k] = v
	}
	return out
}

// isCustomKey reports whether k is some attribute's name (toID) or definition id.
func (s *Schema) isCustomKey(k string, toID bool) bool {
	var ok bool
	if toID {
		_, ok = s.customs.Lookup(k)
	} else {
		_, ok = s.customs.LookupID(k)
	}
	return ok
}

// customOrphans lists, sorted, the ids in a stored map that no definition has: values kept as
// they are by FromStorage and by every update, invisible to every party but the Admin API.
func (s *Schema) customOrphans(byID map[string]customattr.Value) []string {
	var out []string
	for id := range byID {
		if !s.isCustomKey(id, false) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
