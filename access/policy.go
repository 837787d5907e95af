package access

import (
	"maps"
	"slices"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/internal/strictjson"
	"github.com/profilekit/profilekit/validation"
)

// Config is the input of [NewPolicy]: the rules of standard attributes and of custom
// attributes, keyed by attribute name. Standard names not listed get their [DefaultRule];
// every custom attribute must be listed (use DefaultRule(name) for one configured without
// access_control). The two maps are separate so that a misspelt standard name is an error
// rather than a new custom attribute.
//
// Error locations from NewPolicy are JSON pointers into this value, as its JSON form
// {"standard": {...}, "custom": {...}} spells them: "/standard/given_name",
// "/custom/shoe_size/end_user".
type Config struct {
	Standard map[string]Rule `json:"standard,omitempty"`
	Custom   map[string]Rule `json:"custom,omitempty"`
}

// class says what kind of attribute a policy entry is.
type class uint8

// The classes. The zero value is not a class: it is what an attribute unknown to a policy has.
const (
	classStandard class = iota + 1 // one of the 16 writable OIDC standard attributes
	classDerived                   // email_verified, phone_number_verified, updated_at: read-only for everyone
	classCustom                    // a custom attribute
)

// String returns "standard", "derived", "custom", or "unknown" for the zero value and others.
func (c class) String() string {
	switch c {
	case classStandard:
		return "standard"
	case classDerived:
		return "derived"
	case classCustom:
		return "custom"
	}
	return "unknown"
}

// entry is one attribute of a policy with its decisions precomputed per party.
type entry struct {
	name      string
	rule      Rule
	levels    [numParties]Level // indexed by Party; [0] (not a party) is Hidden
	writeOnce bool
	class     class
}

// Policy says, for every attribute it knows, what each party may see and change. It is built
// once by [NewPolicy] (an empty Config gives the default rules) and never changes, so it is safe for concurrent use.
//
// It knows the 16 standard attributes, the 3 derived claims and the custom attributes it was
// given, in one name space (custom names that collide with standard ones are refused). An
// attribute it does not know is hidden from every party, the Admin API included, and nobody
// may write it. A nil *Policy knows no attribute. Callers that decide about the same
// attributes many times resolve each rule once with [Policy.Rule] and decide with
// [Rule.Level] and [Rule.Allows] (profile compiles them into its Schema this way).
type Policy struct {
	entries []entry
	index   map[string]int // name -> index into entries
}

// NewPolicy checks c and builds a policy. Every problem is reported at once as a
// *validation.Error with locations into c (see [Config]):
//   - a standard name that is not one of the 16 writable standard claims: kind unknown at "/standard/<name>",
//     with Details.Suggest the name meant (a near spelling, or the parent of a derived claim);
//   - a custom name that is empty (kind minLength) or that is a standard or derived name
//     (kind reserved) at "/custom/<name>";
//   - an illegal or partial rule, or one that did not decode: the causes of [Rule.Validate]
//     under "/standard/<name>" or "/custom/<name>".
//
// On error the policy is nil.
func NewPolicy(c Config) (*Policy, error) {
	// Locations are made only for causes (Err sorts the causes by them), so checking a
	// valid config allocates nothing here.
	var errs validation.Error
	for name, r := range c.Standard {
		if !isStandard(name) {
			errs.Add(unknownStandard(name, jsonptr.Join("standard", name)))
			continue
		}
		addRuleCauses(&errs, r, "standard", name)
	}
	for name, r := range c.Custom {
		switch {
		case name == "":
			errs.Add(&validation.Cause{Location: jsonptr.Join("custom", name), Kind: validation.KindMinLength, Details: validation.Details{
				Expected: 1, Actual: 0, Message: "a custom attribute needs a name",
			}})
			continue
		case isStandard(name) || isDerived(name):
			errs.Add(&validation.Cause{Location: jsonptr.Join("custom", name), Kind: validation.KindReserved, Details: validation.Details{
				Actual: name, Message: name + " is a standard attribute; a custom attribute cannot take its name",
			}})
			continue
		}
		addRuleCauses(&errs, r, "custom", name)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return build(c.Standard, c.Custom), nil
}

// addRuleCauses adds r's problems relocated under /class/name.
func addRuleCauses(errs *validation.Error, r Rule, class, name string) {
	if err := r.Validate(); err != nil {
		loc := jsonptr.Join(class, name)
		for _, cause := range err.(*validation.Error).Causes {
			errs.Add(cause.Under(loc))
		}
	}
}

// unknownStandard reports a name that is not a standard attribute, at loc.
func unknownStandard(name, loc string) *validation.Cause {
	c := &validation.Cause{Location: loc, Kind: validation.KindUnknown, Details: validation.Details{
		Expected: slices.Clone(standardNames[:]), Actual: name,
	}}
	switch parent := derivedParent(name); {
	case parent != "":
		c.Details.Message = name + " is derived from " + parent + " and follows its rule; give " + parent + " a rule instead"
		c.Details.Suggest = parent
	case name == nameUpdatedAt:
		c.Details.Message = "updated_at is derived: it is readable by a party that can read any attribute and has no rule of its own"
	default:
		c.Details.Message = name + " is not a standard attribute (custom attributes have rules of their own)"
		if n := strictjson.Nearest(name, standardNames[:]); n != "" {
			c.Details.Suggest = n
			c.Details.Message += "; did you mean " + n + "?"
		}
	}
	return c
}

// build assembles a policy from checked rules.
func build(standard, custom map[string]Rule) *Policy {
	customNames := slices.Sorted(maps.Keys(custom))
	p := &Policy{
		entries: make([]entry, 0, len(standardNames)+len(derivedNames)+len(customNames)),
		index:   make(map[string]int, len(standardNames)+len(derivedNames)+len(customNames)),
	}
	add := func(name string, r Rule, cl class) {
		e := entry{name: name, rule: r, writeOnce: r.WriteOnce, class: cl}
		e.levels = [numParties]Level{Hidden, r.EndUser, r.Bearer, r.Portal, ReadWrite}
		if cl == classDerived {
			e.levels[AdminAPI] = ReadOnly
		}
		p.index[name] = len(p.entries)
		p.entries = append(p.entries, e)
	}
	for _, name := range standardNames {
		r, ok := standard[name]
		if !ok {
			r = DefaultRule(name)
		}
		add(name, r, classStandard)
	}
	// updated_at is readable by a party that can read any standard or custom attribute.
	var sees [numParties]bool
	note := func(r Rule) {
		for _, party := range [...]Party{EndUser, Bearer, Portal} {
			sees[party] = sees[party] || r.Level(party).CanRead()
		}
	}
	for _, e := range p.entries {
		note(e.rule)
	}
	for _, name := range customNames {
		note(custom[name])
	}
	for _, name := range [...]string{nameEmailVerified, namePhoneVerified} {
		add(name, capReadOnly(p.entries[p.index[derivedParent(name)]].rule), classDerived)
	}
	lvl := func(party Party) Level {
		if sees[party] {
			return ReadOnly
		}
		return Hidden
	}
	add(nameUpdatedAt, Rule{EndUser: lvl(EndUser), Bearer: lvl(Bearer), Portal: lvl(Portal)}, classDerived)
	for _, name := range customNames {
		add(name, custom[name], classCustom)
	}
	return p
}

// Len is the number of attributes the policy knows: 16 standard, 3 derived, and the custom ones.
func (p *Policy) len() int {
	if p == nil {
		return 0
	}
	return len(p.entries)
}

// Index returns the index of a known attribute, for the index-based methods.
func (p *Policy) lookup(name string) (int, bool) {
	if p == nil {
		return 0, false
	}
	i, ok := p.index[name]
	return i, ok
}

// NameAt returns the name of the attribute at index i, "" when i is out of range.
func (p *Policy) nameAt(i int) string {
	if p == nil || uint(i) >= uint(len(p.entries)) {
		return ""
	}
	return p.entries[i].name
}

// ClassAt returns the class of the attribute at index i; 0 (unknown) when i is out of range.
func (p *Policy) classAt(i int) class {
	if p == nil || uint(i) >= uint(len(p.entries)) {
		return 0
	}
	return p.entries[i].class
}

// RuleAt returns the rule of the attribute at index i, always legal: the configured or default
// rule for standard and custom attributes; for a derived claim, the rule it effectively has
// (its parent's capped at readonly, or for updated_at readonly for each party that can read
// some attribute). Out of range gives the zero Rule.
func (p *Policy) ruleAt(i int) Rule {
	if p == nil || uint(i) >= uint(len(p.entries)) {
		return Rule{}
	}
	return p.entries[i].rule
}

// LevelAt returns the party's level for the attribute at index i: the rule's member for
// EndUser, Bearer and Portal; ReadWrite for the Admin API (ReadOnly on a derived claim, which
// nobody writes); Hidden when i is out of range or party is not a party.
func (p *Policy) levelAt(party Party, i int) Level {
	if p == nil || uint(i) >= uint(len(p.entries)) || int(party) >= numParties {
		return Hidden
	}
	return p.entries[i].levels[party]
}

// AllowsAt reports whether the party may apply op to the attribute at index i: it needs level
// ReadWrite; on a write-once attribute only OpAdd is allowed, except to the Admin API; an Op
// that is not OpAdd, OpChange or OpRemove is allowed only to the Admin API. It costs a few
// nanoseconds and never allocates.
func (p *Policy) allowsAt(party Party, i int, op Op) bool {
	if p == nil || uint(i) >= uint(len(p.entries)) || int(party) >= numParties {
		return false
	}
	e := &p.entries[i]
	return e.class != classDerived && e.rule.Allows(party, op)
}

// Rule returns the rule in force for attr: the configured or default rule of a standard or
// custom attribute; for a derived claim the rule it effectively has (its parent's capped at
// readonly; for updated_at, readonly for each party that can read some attribute), which
// allows no write. ok is false when the policy does not know attr. Resolve rules once and
// decide with [Rule.Level] and [Rule.Allows] where the same attributes are decided many times.
func (p *Policy) Rule(attr string) (r Rule, ok bool) {
	i, ok := p.lookup(attr)
	if !ok {
		return Rule{}, false
	}
	return p.entries[i].rule, true
}

// Level returns the party's level for attr (the rule's member, ReadWrite for the Admin API,
// ReadOnly on a derived claim); Hidden when the policy does not know attr. A derived claim is
// readable (Level(party, attr).CanRead()) exactly when its parent is; updated_at when the
// party can read any attribute of the policy.
func (p *Policy) Level(party Party, attr string) Level {
	i, ok := p.lookup(attr)
	if !ok {
		return Hidden
	}
	return p.levelAt(party, i)
}

// allows reports whether the party may apply op to attr (see [Rule.Allows]; nobody writes a
// derived claim); false when the policy does not know attr. [Policy.Check] is its error form.
func (p *Policy) allows(party Party, attr string, op Op) bool {
	i, ok := p.lookup(attr)
	return ok && p.allowsAt(party, i, op)
}
