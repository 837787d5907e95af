package profile

import (
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/profilekit/profilekit/internal/format"

	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/internal/iso3166"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// Schema is a compiled Config: the checks of every attribute, the access policy and the
// options, ready to validate updates. It is immutable and safe for concurrent use; compile it
// once and share it.
type Schema struct {
	cfg     Config
	std     stdattr.Normalizer
	customs *customattr.Schema
	custom  []customInfo // in definition (display) order
	// customByName indexes custom by name when there are more than 16 (nil otherwise).
	customByName map[string]int
	policy       *access.Policy
	stdRule      [claim.NumWritable + 4]access.Rule // the rule in force per stdattr.Attr (derived included)
	stdRequired  [claim.NumWritable + 1]parties     // the parties that require each writable standard claim
	images       *imageurl.Resolver
	limits       Limits
	coupling     bool
	textMax      int                         // the most runes of a standard text claim
	tagged       [claim.NumWritable + 1]bool // the claims that may carry language-tagged variants
	taggedAddr   [numAddressFields]bool      // the address sub-fields that may
	tagLanguages stdattr.Languages           // the languages tags must match (zero: any)
	maxVariants  int                         // the most variants of one claim
}

type customInfo struct {
	attr     *customattr.Attribute
	name     string
	id       string      // the definition id, its key in the storage form
	pointer  string      // "/custom_attributes/<name>"
	jsonType string      // "string", "number", "boolean" or "array"
	multiple bool        // multi-valued: a JSON array of values
	tagged   bool        // may carry language-tagged variants (LanguageTags.Custom)
	rule     access.Rule // the rule in force
	required parties     // the parties that require it
	// textMax is the most runes a string value may have; patternSize the number of
	// instructions of the compiled pattern (0 for none): what checking a value may cost.
	textMax, patternSize int
}

// Compile checks c and builds a Schema. Every problem is reported at once as a
// *validation.Error located in the config: "/custom_attributes/attributes/1/pointer",
// "/standard_attributes/access_control/0/access_control", "/phone/default_region".
func Compile(c Config) (*Schema, error) {
	var verr validation.Error
	c = cloneConfig(c) // the schema is immutable: nothing the caller holds may change it
	s := &Schema{cfg: c, limits: c.Limits}
	def := defaultLimits()
	// A limit is 0 (the default) or at least its floor: below that no real update fits (a
	// profile nests two levels deep; "{}" is two bytes).
	for _, l := range []struct {
		v     *int
		def   int
		floor int
		loc   string
	}{
		{&s.limits.MaxBytes, def.MaxBytes, minMaxBytes, "/limits/max_bytes"},
		{&s.limits.MaxKeys, def.MaxKeys, minMaxKeys, "/limits/max_keys"},
		{&s.limits.MaxDepth, def.MaxDepth, minMaxDepth, "/limits/max_depth"},
	} {
		switch {
		case *l.v == 0:
			*l.v = l.def
		case *l.v < l.floor:
			verr.Add(&validation.Cause{Location: l.loc, Kind: validation.KindMinimum, Details: validation.Details{
				Expected: l.floor, Actual: *l.v, Message: "0 (the default) or at least " + itoa(l.floor)}})
		}
	}

	// Options.
	s.std.MaxLength = c.MaxLength
	s.textMax = c.MaxLength
	if s.textMax <= 0 {
		s.textMax = format.DefaultMaxLength
	}
	if c.MaxLength < 0 {
		verr.Add(&validation.Cause{Location: "/max_length", Kind: validation.KindMinimum, Details: validation.Details{Expected: 0, Actual: c.MaxLength}})
	}
	s.std.AddressCountryCode = c.AddressCountryCode
	if cause := checkEnum(c.Phone.Validation, PhoneValid, PhonePossible); cause != nil {
		verr.Add(cause.Under("/phone/validation"))
	}
	s.std.PhonePossible = c.Phone.Validation == PhonePossible
	if c.Phone.DefaultRegion != "" {
		r, cause := iso3166.Normalize(strings.TrimSpace(c.Phone.DefaultRegion), false)
		if cause != nil {
			verr.Add(cause.Under("/phone/default_region"))
		}
		s.std.PhoneRegion = r
	}
	if len(c.SupportedLanguages) > 0 {
		langs, err := stdattr.NewLanguages(c.SupportedLanguages...)
		if err != nil {
			addUnder(&verr, err, "/supported_languages")
		}
		s.std.Languages = langs
	}
	if cause := checkEnum(c.IdentityCoupling, CouplingEnforce, CouplingOff); cause != nil {
		verr.Add(cause.Under("/identity_coupling"))
	}
	s.coupling = c.IdentityCoupling != CouplingOff
	if cause := checkEnum(c.StandardAttributes.Population.Strategy, PopulationOnSignup, PopulationNone); cause != nil {
		verr.Add(cause.Under("/standard_attributes/population/strategy"))
	}
	if c.Images != nil {
		r, err := imageurl.NewResolver(*c.Images)
		if err != nil {
			addUnder(&verr, err, "/images")
		}
		s.images = r
		if r != nil {
			s.std.Picture = imageurl.Parser{Scheme: c.Images.ReferenceScheme} // validated by NewResolver
		}
	}

	// Language-tagged claims.
	tags := c.LanguageTags
	if len(tags.Claims) == 0 {
		tags.Claims = defaultTagged[:]
		if c.AddressCountryCode {
			tags.Claims = tags.Claims[:len(tags.Claims)-1] // country is a code
		}
	}
	for i, name := range tags.Claims {
		// The location is made only for a cause: compiling a valid config builds none.
		cause := func(k validation.Kind, d validation.Details) {
			verr.Add(&validation.Cause{Location: "/language_tags/claims/" + itoa(i), Kind: k, Details: d})
		}
		dup := func() { cause(validation.KindDuplicated, validation.Details{Actual: name}) }
		// A refused entry is refused once: a repetition of it is a duplicate (looked for only
		// on this path, so that a valid list costs no comparisons).
		refuse := func(d validation.Details) {
			if slices.Contains(tags.Claims[:i], name) {
				dup()
				return
			}
			cause(validation.KindEnum, d)
		}
		if field, ok := strings.CutPrefix(name, addressPrefix); ok {
			switch j := addressIndex(field); {
			case j < 0:
				refuse(validation.Details{
					Expected: addressFields[:], Actual: name, Message: field + " is not an OIDC address field"})
			case field == "postal_code" || (field == "country" && c.AddressCountryCode):
				refuse(validation.Details{
					Actual: name, Message: name + " is a code, not human-readable text: it has no language variants"})
			case s.taggedAddr[j]:
				dup()
			default:
				s.taggedAddr[j] = true
			}
			continue
		}
		a, ok := stdattr.Lookup(name)
		switch {
		case !ok || a.Derived() || a == stdattr.AttrAddress:
			refuse(validation.Details{
				Actual: name, Message: name + " is not a standard string claim that can be tagged (an address sub-field is written address/locality)"})
		case a.Coupled():
			refuse(validation.Details{
				Actual: name, Message: name + " is identity-coupled: its value is one of the user's identities and has no language variants"})
		case s.tagged[a]:
			dup()
		default:
			s.tagged[a] = true
		}
	}
	if len(tags.Languages) > 0 {
		langs, err := stdattr.NewLanguages(tags.Languages...)
		if err != nil {
			addUnder(&verr, err, "/language_tags/languages")
		}
		s.tagLanguages = langs
	}
	switch {
	case tags.MaxVariants == 0:
		s.maxVariants = 8
	case tags.MaxVariants < 0:
		verr.Add(&validation.Cause{Location: "/language_tags/max_variants", Kind: validation.KindMinimum, Details: validation.Details{Expected: 0, Actual: tags.MaxVariants}})
	default:
		s.maxVariants = tags.MaxVariants
	}

	// Custom attributes.
	defs := make([]customattr.Definition, len(c.CustomAttributes.Attributes))
	for i, ca := range c.CustomAttributes.Attributes {
		defs[i] = ca.Definition
	}
	customs, err := customattr.Compile(defs, customattr.Options{
		PhoneDefaultRegion: s.std.PhoneRegion,
		PhonePossible:      s.std.PhonePossible,
	})
	if err != nil {
		addUnder(&verr, err, "/custom_attributes/attributes")
	}
	s.customs = customs
	taggedCustom := make(map[string]bool, len(tags.Custom))
	var defByName map[string]int
	if len(tags.Custom) > 0 {
		defByName = make(map[string]int, len(defs))
		for j := len(defs) - 1; j >= 0; j-- { // the first of a name, as Compile reports a repeat
			defByName[defs[j].Name()] = j
		}
	}
	for i, name := range tags.Custom {
		loc := "/language_tags/custom/" + itoa(i)
		j, ok := defByName[name]
		switch {
		case (!ok || defs[j].Type != customattr.String || defs[j].Multiple) && slices.Contains(tags.Custom[:i], name):
			// A refused entry is refused once: a repetition of it is a duplicate.
			verr.Add(&validation.Cause{Location: loc, Kind: validation.KindDuplicated, Details: validation.Details{Actual: name}})
		case !ok:
			verr.Add(&validation.Cause{Location: loc, Kind: validation.KindEnum, Details: validation.Details{
				Actual: name, Message: name + " is not a defined custom attribute"}})
		case defs[j].Type != customattr.String || defs[j].Multiple:
			verr.Add(&validation.Cause{Location: loc, Kind: validation.KindEnum, Details: validation.Details{
				Actual: name, Message: name + " is not a single-valued custom attribute of type string: only those have language variants"}})
		case taggedCustom[name]:
			verr.Add(&validation.Cause{Location: loc, Kind: validation.KindDuplicated, Details: validation.Details{Actual: name}})
		default:
			taggedCustom[name] = true
		}
	}

	// Access policy.
	var pc access.Config
	std := access.StandardConfig{AccessControl: c.StandardAttributes.AccessControl}
	rules, err := std.Rules()
	if err != nil {
		addUnder(&verr, err, "/standard_attributes")
	}
	pc.Standard = rules
	pc.Custom = make(map[string]access.Rule, len(c.CustomAttributes.Attributes))
	for i, ca := range c.CustomAttributes.Attributes {
		rule := access.DefaultRule(ca.Name())
		if ca.AccessControl != nil {
			rule = *ca.AccessControl
			if err := rule.Validate(); err != nil {
				addUnder(&verr, err, "/custom_attributes/attributes/"+itoa(i)+"/access_control")
				continue
			}
		}
		pc.Custom[ca.Name()] = rule
	}
	// Required attributes: each party that requires one must be able to write it.
	for i, e := range c.StandardAttributes.AccessControl {
		a, ok := stdattr.Lookup(strings.TrimPrefix(e.Pointer, "/"))
		if !ok || a.Derived() {
			continue // reported by Rules
		}
		s.stdRequired[a] = requiredParties(&verr, e.Required, e.AccessControl, "/standard_attributes/access_control/"+itoa(i)+"/required")
	}
	customRequired := make([]parties, len(c.CustomAttributes.Attributes))
	for i, ca := range c.CustomAttributes.Attributes {
		customRequired[i] = requiredParties(&verr, ca.Required, pc.Custom[ca.Name()], "/custom_attributes/attributes/"+itoa(i)+"/required")
	}
	if len(verr.Causes) > 0 {
		return nil, verr.Err()
	}
	policy, err := access.NewPolicy(pc)
	if err != nil {
		addUnder(&verr, err, "/access")
		return nil, verr.Err()
	}
	s.policy = policy
	// Per-party decisions are compiled into the Schema: every update reads a rule by index.
	for a := stdattr.AttrName; a <= stdattr.AttrUpdatedAt; a++ {
		s.stdRule[a], _ = policy.Rule(a.String())
	}
	attrs := customs.Attributes()
	s.custom = make([]customInfo, len(attrs))
	for i, attr := range attrs {
		def := attr.Definition()
		jt := "string"
		if def.Type == customattr.Number || def.Type == customattr.Integer {
			jt = "number"
		} else if def.Type == customattr.Boolean {
			jt = "boolean"
		}
		if def.Multiple {
			jt = "array"
		}
		rule, _ := policy.Rule(attr.Name())
		textMax := def.MaxLength
		if textMax == 0 {
			textMax = format.DefaultMaxLength
		}
		s.custom[i] = customInfo{attr: attr, name: attr.Name(), id: def.ID, pointer: "/custom_attributes/" + attr.Name(), jsonType: jt, multiple: def.Multiple, tagged: taggedCustom[attr.Name()], rule: rule,
			required: customRequired[i], textMax: textMax, patternSize: programSize(def.Pattern)}
	}
	if len(s.custom) > 16 {
		s.customByName = make(map[string]int, len(s.custom))
		for i := range s.custom {
			s.customByName[s.custom[i].name] = i
		}
	}
	return s, nil
}

// defaultTagged are the attributes that may carry language-tagged variants when the config
// names none: the human-readable standard claims and address sub-fields, country last (it is
// left out when AddressCountryCode makes it a code). Read only.
var defaultTagged = [...]string{"name", "given_name", "family_name", "middle_name", "nickname", "profile", "website",
	"address/formatted", "address/street_address", "address/locality", "address/region", "address/country"}

// Floors of the configurable limits.
const (
	minMaxBytes = 64
	minMaxKeys  = 8
	minMaxDepth = 2
)

// cloneConfig copies every slice and pointer of c, so the copy shares nothing mutable.
func cloneConfig(c Config) Config {
	c.StandardAttributes.AccessControl = slices.Clone(c.StandardAttributes.AccessControl)
	for i := range c.StandardAttributes.AccessControl {
		e := &c.StandardAttributes.AccessControl[i]
		e.Required = slices.Clone(e.Required)
	}
	c.SupportedLanguages = slices.Clone(c.SupportedLanguages)
	c.LanguageTags.Claims = slices.Clone(c.LanguageTags.Claims)
	c.LanguageTags.Custom = slices.Clone(c.LanguageTags.Custom)
	c.LanguageTags.Languages = slices.Clone(c.LanguageTags.Languages)
	if c.Images != nil {
		img := *c.Images
		c.Images = &img
	}
	attrs := slices.Clone(c.CustomAttributes.Attributes)
	for i := range attrs {
		attrs[i].Enum = slices.Clone(attrs[i].Enum)
		attrs[i].Required = slices.Clone(attrs[i].Required)
		if attrs[i].AccessControl != nil {
			r := *attrs[i].AccessControl
			attrs[i].AccessControl = &r
		}
	}
	c.CustomAttributes.Attributes = attrs
	return c
}

// Policy returns the schema's access policy.
func (s *Schema) Policy() *access.Policy { return s.policy }

// Custom returns the compiled custom attribute definitions, in display order.
func (s *Schema) Custom() *customattr.Schema { return s.customs }

// Normalizer returns the standard-claim normalizer the schema uses.
func (s *Schema) Normalizer() stdattr.Normalizer { return s.std }

// Limits returns the limits in force (defaults filled in).
func (s *Schema) Limits() Limits { return s.limits }

func (s *Schema) customIndex(name string) (int, bool) {
	// Linear for the few attributes real configs have: no hashing, no allocation.
	if s.customByName == nil {
		for i := range s.custom {
			if s.custom[i].name == name {
				return i, true
			}
		}
		return 0, false
	}
	i, ok := s.customByName[name]
	return i, ok
}

// parties is a set of parties, one bit per access.Party.
type parties uint8

func (ps parties) has(p access.Party) bool { return ps&(1<<p) != 0 }

// requiredParties checks the parties that require an attribute with rule r: each a party that
// can write it (the Admin API always can; the bearer never does), none twice.
func requiredParties(verr *validation.Error, list []access.Party, r access.Rule, loc string) parties {
	var ps parties
	for j, p := range list {
		at := loc + "/" + itoa(j)
		switch {
		case !p.Valid():
			verr.Add(&validation.Cause{Location: at, Kind: validation.KindEnum, Details: validation.Details{
				Expected: []string{"end_user", "portal_ui", "admin_api"}, Actual: p.String(), Message: p.String() + " is not a party"}})
		case ps.has(p):
			verr.Add(&validation.Cause{Location: at, Kind: validation.KindDuplicated, Details: validation.Details{
				Actual: p.String(), Message: p.String() + " is listed twice"}})
		case !r.Level(p).CanWrite():
			verr.Add(&validation.Cause{Location: at, Kind: validation.KindEnum, Details: validation.Details{
				Actual: p.String(), Level: r.Level(p).String(),
				Message: "an attribute required for " + p.String() + " must be writable by it; its level is " + r.Level(p).String()}})
		default:
			ps |= 1 << p
		}
	}
	return ps
}

// programSize is the number of instructions of pattern compiled as Go's regexp compiles it,
// the factor by which matching costs more than a scan; 0 for no pattern (or one customattr
// refuses, which never reaches an update).
func programSize(pattern string) int {
	if pattern == "" {
		return 0
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

// causeOf returns err as a *validation.Cause for the caller to relocate.
func causeOf(err error) *validation.Cause {
	if c, ok := err.(*validation.Cause); ok {
		return c // the checks make fresh causes and share none: relocating it is safe
	}
	if e, ok := err.(*validation.Error); ok && len(e.Causes) > 0 {
		cc := *e.Causes[0]
		return &cc
	}
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Message: err.Error()}}
}

// addUnder adds err's causes to verr, relocated under prefix.
func addUnder(verr *validation.Error, err error, prefix string) {
	switch e := err.(type) {
	case *validation.Error:
		for _, c := range e.Causes {
			cc := *c
			verr.Add(cc.Under(prefix))
		}
	case *validation.Cause:
		cc := *e
		verr.Add(cc.Under(prefix))
	default:
		verr.Add(&validation.Cause{Location: prefix, Kind: validation.KindFormat, Details: validation.Details{Message: err.Error()}})
	}
}
