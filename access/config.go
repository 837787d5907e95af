package access

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
)

// StandardConfig is the access part of authgear.yaml's user_profile.standard_attributes:
//
//	access_control:
//	  - pointer: /given_name
//	    access_control: {end_user: readwrite, bearer: readonly, portal_ui: readwrite}
//
// It decodes with encoding/json (other members of standard_attributes, such as population,
// are ignored, so it can be decoded from the whole object). [StandardConfig.Rules] checks it.
type StandardConfig struct {
	AccessControl []Entry `json:"access_control,omitempty"`
}

// Entry is one rule of a StandardConfig: a JSON pointer naming a top-level standard attribute
// ("/given_name") and its rule.
type Entry struct {
	Pointer       string `json:"pointer"`
	AccessControl Rule   `json:"access_control"`

	// issues holds what UnmarshalJSON could not decode, reported by StandardConfig.Rules.
	issues *entryIssues
}

type entryIssues struct {
	causes      []*validation.Cause // locations relative to the entry
	skipPointer bool                // pointer missing or not a string: already reported
	skipRule    bool                // access_control missing or null: already reported
}

// UnmarshalJSON decodes {"pointer": "...", "access_control": {...}}. Like [Rule.UnmarshalJSON]
// it never fails on well-formed JSON: a value that is not an object, a missing or non-string
// pointer, a missing or null access_control and unknown members are kept and reported by
// [StandardConfig.Rules] with their locations.
func (e *Entry) UnmarshalJSON(data []byte) error {
	// Fast path: a well-formed entry (see lexer) decodes with one allocation, its pointer.
	lx := lexer{b: data}
	if fast, ok := lx.entry(); ok && lx.end() {
		*e = fast
		return nil
	}
	e.unmarshalSlow(data)
	return nil
}

// entry reads {"pointer": "...", "access_control": {...}} with both members present once, a
// pointer string without escapes in valid UTF-8, and a rule the lexer accepts.
func (l *lexer) entry() (Entry, bool) {
	var e Entry
	var ptr []byte
	var havePtr, haveRule bool
	ok := l.members(func(k []byte) bool {
		switch string(k) {
		case "pointer":
			if havePtr {
				return false
			}
			var ok bool
			ptr, ok = l.str()
			havePtr = ok && utf8.Valid(ptr)
			return havePtr
		case "access_control":
			if haveRule {
				return false
			}
			e.AccessControl, haveRule = l.rule()
			return haveRule
		}
		return false
	})
	if !ok || !havePtr || !haveRule {
		return Entry{}, false
	}
	e.Pointer = string(ptr)
	return e, true
}

// unmarshalSlow is UnmarshalJSON without its fast path: it decodes any input through a map
// and records every problem.
func (e *Entry) unmarshalSlow(data []byte) {
	*e = Entry{}
	is := &entryIssues{}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil || m == nil {
		is.causes = append(is.causes, typeCause("", "object", data))
		is.skipPointer, is.skipRule = true, true
		e.issues = is
		return
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k != "pointer" && k != "access_control" {
			is.causes = append(is.causes, &validation.Cause{Location: validation.Pointer(k), Kind: validation.KindUnknown, Details: validation.Details{
				Expected: []string{"pointer", "access_control"}, Actual: k,
				Message: "unknown member " + k + ` of an access_control entry: use "pointer" and "access_control"`,
			}})
		}
	}
	if raw, ok := m["pointer"]; !ok || jsonType(raw) == "null" {
		is.causes = append(is.causes, required("/pointer", "pointer"))
		is.skipPointer = true
	} else if jsonType(raw) != "string" || json.Unmarshal(raw, &e.Pointer) != nil {
		is.causes = append(is.causes, typeCause("/pointer", "string", raw))
		is.skipPointer = true
	}
	if raw, ok := m["access_control"]; !ok || jsonType(raw) == "null" {
		is.causes = append(is.causes, required("/access_control", "access_control"))
		is.skipRule = true
	} else {
		_ = e.AccessControl.UnmarshalJSON(raw) // never fails; problems are kept in the rule
	}
	if len(is.causes) > 0 || is.skipPointer || is.skipRule {
		e.issues = is
	}
}

func required(loc, member string) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindRequired, Details: validation.Details{
		Expected: member, Message: member + " is required",
	}}
}

// Rules checks the entries and returns the rules they give, keyed by attribute name (standard
// attributes not listed are absent: [NewPolicy] gives them their default). Every problem is
// reported at once as a *validation.Error, with locations into the StandardConfig as JSON:
//   - "/access_control/2/pointer": a pointer that is not one of the 16 top-level standard
//     attributes (kind enum, Details.Expected the legal pointers, Details.Suggest the pointer
//     meant, when one is: "/address" for "/address/country", "/email" for "/email_verified"
//     or "/emial"), or a pointer already listed (kind duplicated);
//   - "/access_control/2/access_control": an illegal or partial rule (kind enum, with
//     Details.Suggest the nearest legal rule), or a missing one (kind required), and below it
//     the rule's decode problems ("/access_control/2/access_control/bearer");
//   - "/access_control/2": an entry that is not an object, and its unknown members.
func (s StandardConfig) Rules() (map[string]Rule, error) {
	var errs validation.Error
	rules := make(map[string]Rule, len(s.AccessControl))
	first := make(map[string]int, len(s.AccessControl))
	for i, e := range s.AccessControl {
		at := "/access_control/" + strconv.Itoa(i)
		is := e.issues
		if is == nil {
			is = &entryIssues{}
		}
		for _, c := range is.causes {
			cc := *c
			errs.Add(cc.Under(at))
		}
		name, ok := "", false
		if !is.skipPointer {
			var c *validation.Cause
			name, c = pointerName(e.Pointer)
			if c != nil {
				errs.Add(c.At(at + "/pointer"))
			} else if j, dup := first[name]; dup {
				errs.Add(&validation.Cause{Location: at + "/pointer", Kind: validation.KindDuplicated, Details: validation.Details{
					Actual:  e.Pointer,
					Message: e.Pointer + " already has a rule at /access_control/" + strconv.Itoa(j),
				}})
			} else {
				first[name], ok = i, true
			}
		}
		if !is.skipRule {
			if err := e.AccessControl.Validate(); err != nil {
				for _, c := range err.(*validation.Error).Causes {
					errs.Add(c.Under(at + "/access_control"))
				}
				ok = false
			}
		}
		if ok && !is.skipRule {
			r := e.AccessControl
			r.issues = nil
			rules[name] = r
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return rules, nil
}

// pointerName checks a standard-attribute pointer and returns the attribute's name.
func pointerName(ptr string) (string, *validation.Cause) {
	tokens, ok := validation.SplitPointer(ptr)
	if ok && len(tokens) == 1 && isStandard(tokens[0]) {
		return tokens[0], nil
	}
	c := &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{
		Expected: standardPointers(), Actual: ptr,
	}}
	suggest := func(name, msg string) {
		c.Details.Suggest = "/" + name
		c.Details.Message = msg
	}
	switch {
	case ptr == "":
		c.Details.Message = "the pointer is empty; it must name a standard attribute, such as /given_name"
	case !ok && ptr[0] != '/' && isStandard(ptr):
		suggest(ptr, "a JSON pointer starts with /: write /"+ptr)
	case !ok:
		c.Details.Message = strconv.Quote(ptr) + " is not a JSON pointer"
	case len(tokens) > 1 && isStandard(tokens[0]):
		suggest(tokens[0], ptr+" is inside /"+tokens[0]+": only top-level attributes have access rules; give /"+tokens[0]+" a rule")
	case len(tokens) > 1:
		c.Details.Message = ptr + " is not a standard attribute: only top-level standard attributes have access rules here"
	case derivedParent(tokens[0]) != "":
		parent := derivedParent(tokens[0])
		suggest(parent, ptr+" is derived from /"+parent+" and follows its rule; give /"+parent+" a rule instead")
	case tokens[0] == nameUpdatedAt:
		c.Details.Message = "/updated_at is derived: it is readable by a party that can read any attribute and has no rule of its own"
	default:
		c.Details.Message = ptr + " is not a standard attribute (custom attributes take their rule from their own access_control)"
		if n := nearestName(tokens[0]); n != "" {
			suggest(n, c.Details.Message+"; did you mean /"+n+"?")
		}
	}
	return "", c
}

func standardPointers() []string {
	out := make([]string, len(standardNames))
	for i, n := range standardNames {
		out[i] = "/" + n
	}
	return out
}
