package profile

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// ApplyForm applies an HTML form post to current as a merge patch (up.Mode is ignored), and
// reports every problem at once: the fields it cannot parse and every problem of the rest,
// as Apply does. Form keys are JSON pointers ("/given_name", "/address/locality",
// "/custom_attributes/shoe_size"); values are strings. This is the one place where an empty
// string means "remove": a browser cannot send null, so an emptied field becomes null.
// Numbers for number and integer custom attributes are parsed from the text (a JSON number
// with an optional leading "+"; hex, NaN, Inf and "1,000" are errors). A boolean custom
// attribute is a checkbox: "on" (what a checked box without a value attribute posts) and
// "true" set true, "false" and "off" set false (any letter case), and, as for every field,
// an empty value removes it; anything else is kind "type". A browser posts nothing for an
// unchecked box, which leaves the value as it is: to let unchecking set false, post "false"
// for the key when the box is unchecked (a hidden field of the same name with value "false"
// placed after the checkbox, keeping the first value of each key as url.Values.Get does), or
// offer a select of "", "true" and "false". A date is the text <input type="date"> posts,
// YYYY-MM-DD. Keys that are not pointers to attributes of the schema are causes of kind
// "unknown"; form fields that are not attributes (a CSRF token) must be removed by the caller.
// A multi-valued custom attribute is posted either whole, one element a line (a <textarea>),
// or element by element as repeated inputs keyed by position ("/custom_attributes/tags/0",
// "/custom_attributes/tags/1", …; blank inputs are left out, so an "add one more" input may
// stay empty, and all of them blank remove the list); a cause about an element names the input
// that posted it. Posting one list both ways is kind "duplicated".
func (s *Schema) ApplyForm(current *Profile, form map[string]string, up Update) (Profile, []Change, error) {
	var verr validation.Error
	patch := s.formPatch(form, &verr)
	up.Mode = MergePatch
	data := encodeMap(patch, s.limits, &verr)
	if hasKind(&verr, validation.KindLimit) {
		return Profile{}, nil, verr.Err()
	}
	return s.applyJSON(current, data, up, &verr)
}

// formPatch turns a form post into a merge patch, adding a cause for each field it cannot
// parse and leaving that field out.
func (s *Schema) formPatch(form map[string]string, verr *validation.Error) map[string]any {
	patch := make(map[string]any)
	var lists map[string][]formElem // the elements posted one by one, per attribute name
	for _, key := range slices.Sorted(maps.Keys(form)) {
		raw := form[key]
		empty := strings.TrimSpace(raw) == ""
		toks, ok := jsonptr.Split(key)
		if !ok || len(toks) == 0 {
			// Not a JSON pointer: locate the cause at the key taken as one member name.
			c := unknownMember("/"+jsonptr.Escape(key), "form keys are JSON pointers to attributes, such as /given_name")
			c.Details.Actual = key
			verr.Add(c)
			continue
		}
		switch {
		case len(toks) == 1 && strings.Contains(toks[0], "#"):
			patch[toks[0]] = nilIfEmpty(raw, empty) // a language-tagged variant: the decoder checks it
		case len(toks) == 1:
			a, ok := stdattr.Lookup(toks[0])
			if !ok || a.Derived() || a == stdattr.AttrAddress {
				verr.Add(unknownMember(key, "not a writable standard claim"))
				continue
			}
			patch[toks[0]] = nilIfEmpty(raw, empty)
		case len(toks) == 2 && toks[0] == "address":
			if addressIndex(toks[1]) < 0 && !strings.Contains(toks[1], "#") { // a variant: the decoder checks it
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
			variant := strings.Contains(toks[1], "#") // a language-tagged variant: the decoder checks it
			if !ok && !variant {
				verr.Add(unknownMember(key, "no custom attribute of this name is defined"))
				continue
			}
			custom, _ := patch["custom_attributes"].(map[string]any)
			if custom == nil {
				custom = make(map[string]any)
				patch["custom_attributes"] = custom
			}
			if variant || empty {
				custom[toks[1]] = nilIfEmpty(raw, empty)
				continue
			}
			v, err := s.custom[idx].attr.ParseForm(raw)
			if err != nil {
				verr.Add(causeOf(err).Under(key))
				continue
			}
			custom[toks[1]] = v
		case len(toks) == 3 && toks[0] == "custom_attributes":
			// One element of a multi-valued attribute: repeated inputs named by position.
			idx, ok := s.customIndex(toks[1])
			pos, okPos := formPosition(toks[2])
			if !ok || !s.custom[idx].multiple || !okPos {
				verr.Add(unknownMember(key, "an element pointer (/custom_attributes/NAME/0 to /999) names an element of a multi-valued custom attribute"))
				continue
			}
			if lists == nil {
				lists = make(map[string][]formElem)
			}
			if !empty {
				lists[toks[1]] = append(lists[toks[1]], formElem{pos, raw})
			} else if _, seen := lists[toks[1]]; !seen {
				lists[toks[1]] = nil // every element blank: the list is removed
			}
		default:
			verr.Add(unknownMember(key, "not an attribute"))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(lists)) {
		custom, _ := patch["custom_attributes"].(map[string]any)
		if custom == nil {
			custom = make(map[string]any)
			patch["custom_attributes"] = custom
		}
		loc := "/custom_attributes/" + jsonptr.Escape(name)
		if _, both := custom[name]; both {
			verr.Add(&validation.Cause{Location: loc, Kind: validation.KindDuplicated, Details: validation.Details{
				Message: "the form posts the list both whole and element by element"}})
			delete(custom, name)
			continue
		}
		elems := lists[name]
		if len(elems) == 0 {
			custom[name] = nil
			continue
		}
		slices.SortFunc(elems, func(a, b formElem) int { return a.pos - b.pos })
		lines := make([]string, len(elems))
		for i, e := range elems {
			lines[i] = oneLine.Replace(e.raw)
		}
		idx, _ := s.customIndex(name)
		v, err := s.custom[idx].attr.ParseForm(strings.Join(lines, "\n"))
		if err != nil {
			c := causeOf(err)
			// A cause about the k-th element is located at the field that posted it.
			if tok, rest, _ := strings.Cut(strings.TrimPrefix(c.Location, "/"), "/"); c.Location != "" {
				if k, err := strconv.Atoi(tok); err == nil && k >= 0 && k < len(elems) {
					c.Location = "/" + strconv.Itoa(elems[k].pos)
					if rest != "" {
						c.Location += "/" + rest
					}
				}
			}
			verr.Add(c.Under(loc))
			continue
		}
		custom[name] = v
	}
	return patch
}

// oneLine makes one posted element one line of the text ParseForm splits into elements.
var oneLine = strings.NewReplacer("\r", " ", "\n", " ")

// formElem is one posted element of a multi-valued attribute: its position and text.
type formElem struct {
	pos int
	raw string
}

// formPosition parses the position token of an element pointer: "0" to "999", no leading zeros.
func formPosition(tok string) (int, bool) {
	n, err := strconv.Atoi(tok)
	if err != nil || n < 0 || n >= 1000 || strconv.Itoa(n) != tok {
		return 0, false
	}
	return n, true
}

func nilIfEmpty(s string, empty bool) any {
	if empty {
		return nil
	}
	return s
}
