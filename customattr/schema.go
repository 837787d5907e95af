package customattr

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/internal/label"

	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/internal/phone"
	"github.com/profilekit/profilekit/validation"
)

// Options tune how values are checked. The zero value is the default.
type Options struct {
	// PhoneDefaultRegion is the ISO 3166-1 alpha-2 region assumed for phone numbers written
	// without "+"; "" requires the international form. Same meaning as for the standard
	// phone_number attribute.
	PhoneDefaultRegion string
	// PhonePossible accepts possible phone numbers (a length check) instead of only valid ones.
	PhonePossible bool
	// AllowXK accepts "XK" (Kosovo, a user-assigned code widely used, e.g. by libphonenumber and
	// Authgear) as a country_code. ISO 3166-1 does not assign it, so it is off by default.
	AllowXK bool
}

// Schema is a compiled, valid list of custom attribute definitions. It is immutable and safe
// for concurrent use. Its order is the definitions' order, which is the display order.
type Schema struct {
	attrs  []Attribute
	byName map[string]int
	byID   map[string]int
}

// Attribute is one compiled definition: its bounds parsed, its pattern compiled, its labels
// made. It is immutable and safe for concurrent use.
type Attribute struct {
	def     Definition
	name    string
	label   string
	min     bound
	max     bound
	minDate string // a date attribute's bounds, "" for none
	maxDate string
	re      *regexp.Regexp
	fixed   fixedPattern // re as a byte-set sequence, if it is of that shape (isFixed)
	isFixed bool
	options []Option
	enumSet map[string]struct{}
	phone   phone.Options
	allowXK bool
}

// bound is a parsed inclusive bound; set is false when there is none.
type bound struct {
	set bool
	lit json.Number
	dec decimal
	// expected is lit as a cause's Details.Expected, boxed once at compile time rather than
	// for every value out of range (a json.Number is immutable, so causes may share it).
	expected any
}

// Option is one enum option with its default display label.
type Option struct {
	// Value is the option's value, as stored.
	Value string
	// Label is the option's default display label ("bed_and_breakfast" is
	// "Bed and Breakfast"), made as an attribute's (see [Attribute.Label]).
	Label string
}

// maxListItems is the most elements a multi-valued attribute may hold.
const maxListItems = 1000

// Compile checks the whole definition list and compiles it with the options o (the zero
// Options is the default). Every problem is reported at once in a [*validation.Error] whose
// locations point into defs ("/2/pointer", "/0/minimum"):
//   - "required": a missing id, pointer or type, or the options of an enum;
//   - "pattern" or "reserved": a pointer that breaks the name rule: a one-level JSON pointer
//     whose token is a valid, unreserved attribute name (lower-case letters, digits and "_",
//     starting with a letter, not ending with "_"; no JSON pointer escapes; see [IsReserved]);
//   - "duplicated": an id or a name used before in the list (reported at the later entry);
//   - "enum" at /i/type: an unknown type (Details.Expected lists the valid ones);
//   - "type": a bound that is not a JSON number, or not an integer for an integer attribute,
//     or a number for a date attribute;
//   - "format" (Details.Format "date"): a date attribute's bound that is not a date YYYY-MM-DD
//     (1900-02-29 is not one), at /i/minimum or /i/maximum;
//   - "minimum"/"maximum": a bound outside the range of values (int64 for integer, float64 for
//     number); "maximum" at /i/minimum (and /i/min_length) when minimum > maximum (equal is fine);
//   - "minLength", "duplicated", "pattern" at /i/enum/k: an empty, repeated or malformed option
//     (options match [A-Za-z0-9_]+); "minLength" at /i/enum for an empty list;
//   - "unknown": a constraint that does not apply to the type (a minimum on an email or a
//     boolean, a pattern on an enum): rejected rather than ignored, so a typo in a config is
//     seen; a boolean takes no constraint at all;
//   - "format" at /i/pattern: a pattern that is not valid RE2 syntax;
//   - "format" at "" (the list): an Options.PhoneDefaultRegion without phone numbering data;
//   - "maxLength" or "limit": a list, an enum or a pattern beyond the caps on what a list may
//     cost (see [maxAttributes] and the constants after it); Details.Expected is the cap.
func Compile(defs []Definition, o Options) (*Schema, error) {
	var verr validation.Error
	if c := checkListLength(len(defs)); c != nil {
		verr.Add(c)
		return nil, verr.Err()
	}
	var left budget
	s := &Schema{
		attrs:  make([]Attribute, len(defs)),
		byName: make(map[string]int, len(defs)),
		byID:   make(map[string]int, len(defs)),
	}
	if o.PhoneDefaultRegion != "" && !phone.SupportedRegion(o.PhoneDefaultRegion) {
		verr.Add(&validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
			Format: "iso3166-1-alpha-2", Actual: o.PhoneDefaultRegion,
			Message: "Options.PhoneDefaultRegion is not a region with phone numbering data",
		}})
	}
	title := label.New()
	po := phone.Options{DefaultRegion: o.PhoneDefaultRegion, Possible: o.PhonePossible}
	for i, d := range defs {
		base := "/" + strconv.Itoa(i)
		at := func(member string) string { return base + "/" + member }
		a := &s.attrs[i]
		a.def = d
		a.def.Enum = slices.Clone(d.Enum)
		a.name = d.Name()
		a.phone = po
		a.allowXK = o.AllowXK

		if d.ID == "" {
			verr.Add(required("id").Under(at("id")))
		} else if strings.Contains(d.ID, "#") {
			// "#" separates a language-tagged variant's key from its tag in storage
			// ("custom_attributes/<ID>#ja"), and a stored value's key from nothing else.
			verr.Add(&validation.Cause{Location: at("id"), Kind: validation.KindPattern, Details: validation.Details{
				Expected: "no \"#\"", Actual: d.ID, Message: "an id must not contain \"#\", which starts a language tag"}})
		} else if j, dup := s.byID[d.ID]; dup {
			verr.Add(duplicated(d.ID, "id", j).Under(at("id")))
		} else {
			s.byID[d.ID] = i
		}

		if c := checkPointer(d.Pointer); c != nil {
			verr.Add(c.Under(at("pointer")))
		} else if j, dup := s.byName[a.name]; dup {
			verr.Add(duplicated(a.name, "name", j).Under(at("pointer")))
		} else {
			s.byName[a.name] = i
			a.label = title.Label(a.name)
		}

		switch {
		case d.Type == "":
			verr.Add(required("type").Under(at("type")))
			continue
		case !d.Type.valid():
			verr.Add(&validation.Cause{Location: at("type"), Kind: validation.KindEnum, Details: validation.Details{
				Expected: typeNames(), Actual: string(d.Type),
				Message: "unknown type " + strconv.Quote(string(d.Type)) + "; valid types: " + validTypesText,
			}})
			continue
		}

		// Constraints that do not apply to the type.
		notFor := func(member string, set bool) {
			if set {
				verr.Add(&validation.Cause{Location: at(member), Kind: validation.KindUnknown, Details: validation.Details{
					Actual:  member,
					Message: member + " does not apply to a custom attribute of type " + string(d.Type),
				}})
			}
		}
		if !d.Type.isNumeric() && d.Type != Date {
			notFor("minimum", d.Minimum != "")
			notFor("maximum", d.Maximum != "")
		}
		if d.Type != Enum {
			notFor("enum", d.Enum != nil)
		}
		if d.Type != String {
			notFor("min_length", d.MinLength != 0)
			notFor("max_length", d.MaxLength != 0)
			notFor("pattern", d.Pattern != "")
		}
		if !d.Multiple {
			for _, m := range []struct {
				member string
				set    bool
			}{{"min_items", d.MinItems != 0}, {"max_items", d.MaxItems != 0}, {"unique_items", d.UniqueItems}} {
				if m.set {
					verr.Add(&validation.Cause{Location: at(m.member), Kind: validation.KindUnknown, Details: validation.Details{
						Actual: m.member, Message: m.member + " applies only to a multi-valued attribute (multiple: true)"}})
				}
			}
		}
		for _, m := range []struct {
			member string
			v      int
		}{{"min_items", d.MinItems}, {"max_items", d.MaxItems}} {
			switch {
			case m.v < 0:
				verr.Add(&validation.Cause{Location: at(m.member), Kind: validation.KindMinimum, Details: validation.Details{Expected: 0, Actual: m.v}})
			case m.v > maxListItems:
				verr.Add(&validation.Cause{Location: at(m.member), Kind: validation.KindMaximum, Details: validation.Details{Expected: maxListItems, Actual: m.v}})
			}
		}
		if d.MaxItems > 0 && d.MinItems > d.MaxItems {
			verr.Add(&validation.Cause{Location: at("min_items"), Kind: validation.KindMaximum, Details: validation.Details{
				Expected: d.MaxItems, Actual: d.MinItems, Message: "min_items is greater than max_items"}})
		}

		switch d.Type {
		case Number, Integer:
			var c1, c2 *validation.Cause
			a.min, c1 = compileBound(d.Minimum, d.Type)
			a.max, c2 = compileBound(d.Maximum, d.Type)
			if c1 != nil {
				verr.Add(c1.Under(at("minimum")))
			}
			if c2 != nil {
				verr.Add(c2.Under(at("maximum")))
			}
			if a.min.set && a.max.set && a.min.dec.cmp(&a.max.dec) > 0 {
				verr.Add(&validation.Cause{Location: at("minimum"), Kind: validation.KindMaximum, Details: validation.Details{
					Expected: a.max.lit, Actual: a.min.lit, Message: "minimum is greater than maximum",
				}})
			}
		case Date:
			var c1, c2 *validation.Cause
			a.minDate, c1 = compileDateBound(d.Minimum)
			a.maxDate, c2 = compileDateBound(d.Maximum)
			if c1 != nil {
				verr.Add(c1.Under(at("minimum")))
			}
			if c2 != nil {
				verr.Add(c2.Under(at("maximum")))
			}
			if a.minDate != "" && a.maxDate != "" && a.minDate > a.maxDate {
				verr.Add(&validation.Cause{Location: at("minimum"), Kind: validation.KindMaximum, Details: validation.Details{
					Expected: a.maxDate, Actual: a.minDate, Message: "minimum is later than maximum",
				}})
			}
		case Enum:
			if c := left.chargeEnum(len(d.Enum)); c != nil {
				verr.Add(c.Under(at("enum")))
			} else {
				compileEnum(a, d.Enum, at("enum"), title, &verr)
			}
		case String:
			compileString(a, d, at, &left, &verr)
		}
	}
	if err := verr.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func required(member string) *validation.Cause {
	return &validation.Cause{Kind: validation.KindRequired, Details: validation.Details{Message: member + " is required"}}
}

func duplicated(v, what string, first int) *validation.Cause {
	return &validation.Cause{Kind: validation.KindDuplicated, Details: validation.Details{
		Actual: v, Message: "the " + what + " " + strconv.Quote(v) + " is already used at /" + strconv.Itoa(first),
	}}
}

func compileBound(b Bound, t Type) (bound, *validation.Cause) {
	if b == "" {
		return bound{}, nil
	}
	lit := json.Number(b)
	d, ok := parseDecimal(string(lit))
	if !ok {
		return bound{}, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
			Expected: "number", Actual: "string", Message: "not a JSON number literal: " + strconv.Quote(string(lit)),
		}}
	}
	if t == Integer {
		_, over, ok := d.int64()
		if !ok {
			return bound{}, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
				Expected: "integer", Actual: "number", Message: "the bound " + string(lit) + " of an integer attribute is not an integer",
			}}
		}
		if over != 0 {
			return bound{}, rangeCause(over, true, lit)
		}
	} else if over := floatRange(d); over != 0 {
		return bound{}, rangeCause(over, false, lit)
	}
	return bound{set: true, lit: lit, dec: d, expected: lit}, nil
}

// compileDateBound checks the bound b of a date attribute: a date YYYY-MM-DD, written exactly
// (no surrounding white space). It returns the date, "" for no bound.
func compileDateBound(b Bound) (string, *validation.Cause) {
	if b == "" {
		return "", nil
	}
	if _, ok := parseDecimal(string(b)); ok {
		return "", &validation.Cause{Kind: validation.KindType, Details: validation.Details{
			Expected: "date", Actual: "number", Message: "the bound of a date attribute is a date string \"YYYY-MM-DD\", not the number " + string(b),
		}}
	}
	t, c := format.Date(string(b))
	if c == nil && t != string(b) {
		c = &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
			Format: format.FormatDate, Actual: string(b), Message: "surrounding white space is not allowed in a bound",
		}}
	}
	if c != nil {
		if c.Details.Message == "" {
			c.Details.Message = "expected a date YYYY-MM-DD"
		}
		c.Details.Message = "not a date bound: " + c.Details.Message
		return "", c
	}
	return t, nil
}

// floatRange reports whether d lies above (+1) or below (-1) the finite float64 range.
func floatRange(d decimal) int {
	if d.exp <= 308 { // |d| < 10^308 < MaxFloat64
		return 0
	}
	if d.neg {
		if d.cmp(&minFloat64Dec) < 0 {
			return -1
		}
		return 0
	}
	if d.cmp(&maxFloat64Dec) > 0 {
		return 1
	}
	return 0
}

// rangeCause reports a number outside the int64 (integer) or float64 (number) range.
func rangeCause(over int, integer bool, actual json.Number) *validation.Cause {
	kind, lim := validation.KindMaximum, json.Number(maxFloat64Lit)
	what := "the largest float64"
	if integer {
		lim, what = json.Number(maxInt64Lit), "the largest int64"
	}
	if over < 0 {
		kind, lim, what = validation.KindMinimum, json.Number(minFloat64Lit), "the smallest float64"
		if integer {
			lim, what = json.Number(minInt64Lit), "the smallest int64"
		}
	}
	return &validation.Cause{Kind: kind, Details: validation.Details{
		Expected: lim, Actual: actual, Message: "beyond " + what,
	}}
}

const optionPattern = "^[A-Za-z0-9_]+$"

func compileEnum(a *Attribute, opts []string, loc string, title label.Labeler, verr *validation.Error) {
	if opts == nil {
		verr.Add(&validation.Cause{Location: loc, Kind: validation.KindRequired, Details: validation.Details{Message: "an enum attribute needs its options"}})
		return
	}
	if len(opts) == 0 {
		verr.Add(&validation.Cause{Location: loc, Kind: validation.KindMinLength, Details: validation.Details{
			Expected: 1, Actual: 0, Message: "an enum attribute needs at least one option",
		}})
		return
	}
	a.enumSet = make(map[string]struct{}, len(opts))
	a.options = make([]Option, 0, len(opts))
	for k, v := range opts {
		l := loc + "/" + strconv.Itoa(k)
		switch {
		case v == "":
			verr.Add(&validation.Cause{Location: l, Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}})
			continue
		case !isOption(v):
			verr.Add(&validation.Cause{Location: l, Kind: validation.KindPattern, Details: validation.Details{
				Expected: optionPattern, Actual: v, Message: "an enum option may only hold A-Z, a-z, 0-9 and _",
			}})
			continue
		}
		if _, dup := a.enumSet[v]; dup {
			verr.Add(&validation.Cause{Location: l, Kind: validation.KindDuplicated, Details: validation.Details{
				Actual: v, Message: "the option " + strconv.Quote(v) + " appears twice",
			}})
			continue
		}
		a.enumSet[v] = struct{}{}
		a.options = append(a.options, Option{Value: v, Label: title.Label(v)})
	}
}

func isOption(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return v != ""
}

func compileString(a *Attribute, d Definition, at func(string) string, left *budget, verr *validation.Error) {
	lenOK := true
	for _, m := range []struct {
		member string
		v      int
	}{{"min_length", d.MinLength}, {"max_length", d.MaxLength}} {
		switch {
		case m.v < 0:
			lenOK = false
			verr.Add(&validation.Cause{Location: at(m.member), Kind: validation.KindMinimum, Details: validation.Details{Expected: 0, Actual: m.v}})
		case m.v > maxLengthLimit:
			lenOK = false
			verr.Add(&validation.Cause{Location: at(m.member), Kind: validation.KindMaximum, Details: validation.Details{Expected: maxLengthLimit, Actual: m.v}})
		}
	}
	if lenOK && d.MaxLength != 0 && d.MinLength > d.MaxLength {
		verr.Add(&validation.Cause{Location: at("min_length"), Kind: validation.KindMaximum, Details: validation.Details{
			Expected: d.MaxLength, Actual: d.MinLength, Message: "min_length is greater than max_length",
		}})
	}
	if d.Pattern != "" {
		if c := compilePattern(a, d.Pattern, left); c != nil {
			verr.Add(c.Under(at("pattern")))
		}
	}
}

// list is the attributes, none for a nil Schema (which is a schema without attributes).
func (s *Schema) list() []Attribute {
	if s == nil {
		return nil
	}
	return s.attrs
}

// Attributes returns the attributes in display order. The slice is new; the attributes are
// shared and immutable. A nil *Schema has no attributes.
func (s *Schema) Attributes() []*Attribute {
	attrs := s.list()
	out := make([]*Attribute, len(attrs))
	for i := range attrs {
		out[i] = &attrs[i]
	}
	return out
}

// Lookup returns the attribute named name ("x_age", without "/").
func (s *Schema) Lookup(name string) (*Attribute, bool) {
	if s == nil {
		return nil, false
	}
	i, ok := s.byName[name]
	if !ok {
		return nil, false
	}
	return &s.attrs[i], true
}

// LookupID returns the attribute whose definition id is id.
func (s *Schema) LookupID(id string) (*Attribute, bool) {
	if s == nil {
		return nil, false
	}
	i, ok := s.byID[id]
	if !ok {
		return nil, false
	}
	return &s.attrs[i], true
}

// Definition returns a copy of the attribute's definition, as compiled: its ID (the storage
// key), Pointer ("/x_age"), Type, and for a number, integer or date attribute its inclusive
// bounds Minimum and Maximum exactly as configured ("" when there is none). Compiling the definitions
// of a schema's [Schema.Attributes] again gives an equal schema.
func (a *Attribute) Definition() Definition {
	d := a.def
	d.Enum = slices.Clone(a.def.Enum)
	return d
}

// Name returns the attribute's name ("x_age"), its key in the representation form.
func (a *Attribute) Name() string { return a.name }

// Label returns the attribute's default display label: the words of its name between "_" in
// English title case ("x_age" is "X Age", "my_string" is "My String"), minor words such as
// "a", "and", "of", "the", "to" kept lower case unless first or last ("a_to_b" is "A to B");
// letters already upper case stay so, and a word that starts with a digit is kept as written
// ("x_2fa_code" is "X 2fa Code").
func (a *Attribute) Label() string { return a.label }

// Options returns the options of an enum attribute in display order (nil for other types).
// The slice is new.
func (a *Attribute) Options() []Option { return slices.Clone(a.options) }
