package access

import (
	"errors"
	"strconv"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/internal/strictjson"
	"github.com/profilekit/profilekit/validation"
)

// StandardConfig is the access part of authgear.yaml's user_profile.standard_attributes:
//
//	access_control:
//	  - pointer: /given_name
//	    access_control: {end_user: readwrite, bearer: readonly, portal_ui: readwrite}
//
// Its UnmarshalJSON is strict (unknown and repeated members, wrong types: a
// *validation.Error located into the object, "/access_control/2/access_control/bearer");
// [StandardConfig.Rules] checks what decoded.
type StandardConfig struct {
	AccessControl []Entry `json:"access_control,omitempty"`
}

// UnmarshalJSON decodes {"access_control": [...]} with the one config decoder
// (internal/strictjson), reporting every problem at once with its location; sc is then
// unchanged.
func (sc *StandardConfig) UnmarshalJSON(data []byte) error {
	p := plainStandardConfig(*sc)
	if err := standardCodec.Decode(data, &p); err != nil {
		return err
	}
	*sc = StandardConfig(p)
	return nil
}

// Entry is one rule of a StandardConfig: a JSON pointer naming a top-level standard attribute
// ("/given_name") and its rule.
type Entry struct {
	Pointer       string `json:"pointer"`
	AccessControl Rule   `json:"access_control"`
	// Required lists the parties for which the attribute is required: an update from one of
	// them may not remove it, and a Replace from one of them must include it. Each must be able
	// to write the attribute. A profilekit extension of the reference shape.
	Required []Party `json:"required,omitempty"`
}

// UnmarshalJSON decodes {"pointer": "...", "access_control": {...}} strictly, like
// [Rule.UnmarshalJSON]: unknown or repeated members and values of the wrong type are a
// *validation.Error located relative to the entry, and e is then unchanged. A missing member
// is left zero, which [StandardConfig.Rules] reports.
func (e *Entry) UnmarshalJSON(data []byte) error {
	p := plainEntry(*e)
	if err := entryCodec.Decode(data, &p); err != nil {
		return err
	}
	*e = Entry(p)
	return nil
}

// plainEntry and plainStandardConfig are the types without their methods, decoded by their
// json tags.
type (
	plainEntry          Entry
	plainStandardConfig StandardConfig
)

var (
	entryCodec    = strictjson.For[plainEntry]()
	standardCodec = strictjson.For[plainStandardConfig]()
)

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
		name, ok := "", false
		if e.Pointer == "" {
			errs.Add(required(at+"/pointer", "pointer"))
		} else if c := pointerCause(e.Pointer); c != nil {
			errs.Add(c.Under(at + "/pointer"))
		} else if j, dup := first[e.Pointer[1:]]; dup {
			errs.Add(&validation.Cause{Location: at + "/pointer", Kind: validation.KindDuplicated, Details: validation.Details{
				Actual:  e.Pointer,
				Message: e.Pointer + " already has a rule at /access_control/" + strconv.Itoa(j),
			}})
		} else {
			name = e.Pointer[1:]
			first[name], ok = i, true
		}
		if e.AccessControl == (Rule{}) {
			errs.Add(required(at+"/access_control", "access_control"))
			ok = false
		} else if err := e.AccessControl.Validate(); err != nil {
			addUnder(&errs, err, at+"/access_control")
			ok = false
		}
		if ok {
			rules[name] = e.AccessControl
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return rules, nil
}

// pointerCause checks a standard-attribute pointer: nil when it is "/" and the name of one of
// the 16 writable standard attributes, else the cause, with a suggestion when one is meant.
func pointerCause(ptr string) *validation.Cause {
	tokens, ok := jsonptr.Split(ptr)
	if ok && len(tokens) == 1 && isStandard(tokens[0]) {
		return nil
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
		if n := strictjson.Nearest(tokens[0], standardNames[:]); n != "" {
			suggest(n, c.Details.Message+"; did you mean /"+n+"?")
		}
	}
	return c
}

func required(loc, member string) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindRequired, Details: validation.Details{
		Expected: member, Message: member + " is required",
	}}
}

// addUnder adds err's causes to errs, relocated under prefix.
func addUnder(errs *validation.Error, err error, prefix string) {
	var e *validation.Error
	if errors.As(err, &e) {
		for _, c := range e.Causes {
			errs.Add(c.Under(prefix))
		}
	}
}

func standardPointers() []string {
	out := make([]string, len(standardNames))
	for i, n := range standardNames {
		out[i] = "/" + n
	}
	return out
}
