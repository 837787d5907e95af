package profile

import (
	"maps"
	"slices"
	"strings"

	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// FormPatch turns an HTML form post into a merge patch for Apply. Form keys are JSON pointers
// ("/given_name", "/address/locality", "/custom_attributes/shoe_size"); values are strings.
// This is the one place where an empty string means "remove": a browser cannot send null, so
// an emptied field becomes null. Numbers for number and integer custom attributes are parsed
// from the text (a JSON number with an optional leading "+"; hex, NaN, Inf and "1,000" are
// errors). Keys that are not pointers to attributes of the schema are causes of kind
// "unknown"; form fields that are not attributes (a CSRF token) must be removed by the caller.
func (s *Schema) FormPatch(form map[string]string) (map[string]any, error) {
	patch := make(map[string]any)
	var verr validation.Error
	for _, key := range slices.Sorted(maps.Keys(form)) {
		raw := form[key]
		empty := strings.TrimSpace(raw) == ""
		toks, ok := validation.SplitPointer(key)
		if !ok || len(toks) == 0 {
			// Not a JSON pointer: locate the cause at the key taken as one member name.
			c := unknownMember("/"+validation.EscapeToken(key), "form keys are JSON pointers to attributes, such as /given_name")
			c.Details.Actual = key
			verr.Add(c)
			continue
		}
		switch {
		case len(toks) == 1:
			a, ok := stdattr.Lookup(toks[0])
			if !ok || a.Derived() || a == stdattr.AttrAddress {
				verr.Add(unknownMember(key, "not a writable standard claim"))
				continue
			}
			patch[toks[0]] = nilIfEmpty(raw, empty)
		case len(toks) == 2 && toks[0] == "address":
			if addressIndex(toks[1]) < 0 {
				verr.Add(unknownMember(key, "not an OIDC address field"))
				continue
			}
			addr, _ := patch["address"].(map[string]any)
			if addr == nil {
				addr = make(map[string]any)
				patch["address"] = addr
			}
			addr[toks[1]] = nilIfEmpty(raw, empty)
		case len(toks) == 2 && toks[0] == "custom_attributes":
			idx, ok := s.customIndex(toks[1])
			if !ok {
				verr.Add(unknownMember(key, "no custom attribute of this name is defined"))
				continue
			}
			custom, _ := patch["custom_attributes"].(map[string]any)
			if custom == nil {
				custom = make(map[string]any)
				patch["custom_attributes"] = custom
			}
			if empty {
				custom[toks[1]] = nil
				continue
			}
			v, c := s.custom[idx].attr.ParseForm(raw)
			if c != nil {
				verr.Add(c.At(key))
				continue
			}
			custom[toks[1]] = v
		default:
			verr.Add(unknownMember(key, "not an attribute"))
		}
	}
	if err := verr.Err(); err != nil {
		return nil, err
	}
	return patch, nil
}

func nilIfEmpty(s string, empty bool) any {
	if empty {
		return nil
	}
	return s
}
