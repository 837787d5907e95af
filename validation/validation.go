package validation

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Kind is the stable, machine-readable name of the rule a value broke. Kinds never change
// spelling once released; new kinds may be added.
type Kind string

// Kinds named after the JSON Schema keyword they correspond to.
const (
	KindType        Kind = "type"        // wrong JSON type; Details.Expected and Details.Actual name the types
	KindMinLength   Kind = "minLength"   // too short (an empty string); Expected is the bound, Actual the length
	KindMaxLength   Kind = "maxLength"   // too long; Expected is the bound, Actual the length
	KindMinimum     Kind = "minimum"     // below an inclusive lower bound; Expected is the bound
	KindMaximum     Kind = "maximum"     // above an inclusive upper bound; Expected is the bound
	KindEnum        Kind = "enum"        // not one of the allowed values; Expected lists them
	KindFormat      Kind = "format"      // a format check failed; Details.Format names it, Details.Message says why
	KindPattern     Kind = "pattern"     // a pattern did not match; Expected is the pattern
	KindRequired    Kind = "required"    // a required member is missing
	KindConst       Kind = "const"       // a value that may not differ from a fixed one (a derived claim)
	KindMinItems    Kind = "minItems"    // too few elements in a multi-valued attribute; Expected is the bound
	KindMaxItems    Kind = "maxItems"    // too many elements; Expected is the bound, Actual the count
	KindUniqueItems Kind = "uniqueItems" // an element repeated where elements must be unique; Actual the element
)

// Kinds of our own, where no JSON Schema keyword fits.
const (
	KindUnknown    Kind = "unknown"    // a member nobody defined (an unknown attribute or sub-field)
	KindReserved   Kind = "reserved"   // a name that is reserved (a standard claim used as a custom name)
	KindForbidden  Kind = "forbidden"  // the party may not make this change (an access violation)
	KindUnowned    Kind = "unowned"    // an identity-coupled value the user does not own
	KindImmutable  Kind = "immutable"  // a change that the rules forbid once set (a type change, a deletion)
	KindDuplicated Kind = "duplicated" // a value that must be unique appears twice
	KindLimit      Kind = "limit"      // a hard resource limit (document size, nesting depth, key count)
	KindSyntax     Kind = "syntax"     // the input is not well-formed JSON
)

// Class groups kinds for errors.Is: ErrInvalid for values that fail a rule, ErrForbidden for
// access violations, ErrUnowned for identity-coupled values the user does not own.
func (k Kind) class() error {
	switch k {
	case KindForbidden:
		return ErrForbidden
	case KindUnowned:
		return ErrUnowned
	default:
		return ErrInvalid
	}
}

// Sentinels matched by errors.Is against a *Cause or an *Error that contains a cause of the
// corresponding class. An *Error can match several.
var (
	ErrInvalid   = errors.New("invalid value")           // a value broke a validation rule
	ErrForbidden = errors.New("access control violated") // a party tried a change its level forbids
	ErrUnowned   = errors.New("value not owned by user") // an identity-coupled value the user does not own
)

// Details carries the values involved in a cause. Fields that do not apply are zero and are
// omitted from JSON. The JSON key of Expected depends on the kind ("minimum", "maximum",
// "pattern", or "expected") so that the output matches the JSON Schema vocabulary.
type Details struct {
	Expected any    // the bound, the allowed values, the expected type or value
	Actual   any    // what was found (a length, a number, a type name, a value)
	Format   string // for KindFormat: the format's name ("birthdate", "email", "phone", …)
	// Message is an English explanation for developers and logs: what is wrong, in the
	// check's own words ("February 1900 has 28 days"). [Error.Add] fills a default made
	// from Kind and the other details when a check gives none, so every cause in an *Error
	// has one. It is no text for the people who filled in a form: package message renders
	// a sentence for them, in their language.
	Message   string
	Party     string // for KindForbidden: the party that attempted the change
	Level     string // for KindForbidden: that party's level for the attribute
	Operation string // for KindForbidden: "add", "change" or "remove"
	Suggest   any    // a suggested replacement (a canonical zone name, the nearest legal rule)
	// ActualLength is the length in bytes of a string Actual (or number literal) that was
	// cut to MaxQuote runes (marked by a trailing "…"); 0 when Actual is quoted whole.
	ActualLength int
}

// MaxQuote is the number of runes of a rejected string value (or number literal) that a cause added to an
// [Error] quotes in Details.Actual; a longer value is cut, marked with "…", and its full
// length kept in Details.ActualLength, so that a huge input never makes a huge error.
const MaxQuote = 64

// capActual cuts a long string Actual to MaxQuote runes. A number literal (json.Number) of
// more than MaxQuote digits becomes a cut string too, since a cut literal is no number.
func (d *Details) capActual() {
	var s string
	switch x := d.Actual.(type) {
	case string:
		s = x
	case json.Number:
		s = string(x)
	default:
		return
	}
	if c := cut(s); len(c) != len(s) {
		d.Actual, d.ActualLength = c, len(s)
	}
}

// Cause is one broken rule at one location. It implements error, so a single-value check can
// return it directly; errors.Is matches it against ErrInvalid, ErrForbidden or ErrUnowned.
type Cause struct {
	Location string // JSON pointer to the offending value; "" is the whole document
	Kind     Kind
	Details  Details
}

// Error describes the cause in English for developers and logs:
// "/birthdate: format: February 1900 has 28 days" ("format: ..." when the location is empty).
// A cause without Details.Message says the default that [Error.Add] fills in.
func (c *Cause) Error() string {
	var b strings.Builder
	c.write(&b)
	return b.String()
}

func (c *Cause) write(b *strings.Builder) {
	// An empty location (a single value checked on its own, or the whole document) is left
	// out rather than printed as "/", which is the pointer to the member named "".
	if c.Location != "" {
		b.WriteString(c.Location)
		b.WriteString(": ")
	}
	b.WriteString(string(c.Kind))
	b.WriteString(": ")
	if c.Details.Message != "" {
		b.WriteString(c.Details.Message)
	} else {
		b.WriteString(defaultMessage(c))
	}
}

// Explain fills an empty Details.Message with the English default that [Error.Add] fills in,
// made from Kind and the other details, and returns c. A check that returns a cause on its
// own, outside an Error, calls it so that its cause says what is wrong too.
func (c *Cause) Explain() *Cause {
	if c.Details.Message == "" {
		c.Details.Message = defaultMessage(c)
	}
	return c
}

// Is reports whether target is the sentinel of the cause's class.
func (c *Cause) Is(target error) bool { return target == c.Kind.class() }

// Under prefixes the cause's location with prefix (a JSON pointer) and returns c: a cause
// at "/postal_code" under "/address" is at "/address/postal_code", and a cause of a single
// value (location "") under "/birthdate" is at "/birthdate". It modifies c itself, so it is
// meant for freshly made causes and copies.
func (c *Cause) Under(prefix string) *Cause {
	c.Location = prefix + c.Location
	return c
}

// MarshalJSON renders {"location", "kind", "details"} in the identity-server shape.
func (c *Cause) MarshalJSON() ([]byte, error) {
	type wire struct {
		Location string         `json:"location"`
		Kind     Kind           `json:"kind"`
		Details  map[string]any `json:"details,omitempty"`
	}
	return json.Marshal(wire{Location: c.Location, Kind: c.Kind, Details: c.detailsMap()})
}

func (c *Cause) detailsMap() map[string]any {
	d := c.Details
	m := map[string]any{}
	if d.Expected != nil {
		key := "expected"
		switch c.Kind {
		case KindMinimum:
			key = "minimum"
		case KindMaximum:
			key = "maximum"
		case KindPattern:
			key = "pattern"
		}
		m[key] = d.Expected
	}
	if d.Actual != nil {
		m["actual"] = d.Actual
	}
	if d.ActualLength != 0 {
		m["actual_length"] = d.ActualLength
	}
	if d.Format != "" {
		m["format"] = d.Format
	}
	if d.Message != "" {
		m["error"] = d.Message
	}
	if d.Party != "" {
		m["party"] = d.Party
	}
	if d.Level != "" {
		m["level"] = d.Level
	}
	if d.Operation != "" {
		m["operation"] = d.Operation
	}
	if d.Suggest != nil {
		m["suggest"] = d.Suggest
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// UnmarshalJSON reads the shape MarshalJSON writes. Numbers in details decode as float64,
// lists as []any, as encoding/json does for interface values.
func (c *Cause) UnmarshalJSON(p []byte) error {
	var w struct {
		Location string         `json:"location"`
		Kind     Kind           `json:"kind"`
		Details  map[string]any `json:"details"`
	}
	if err := json.Unmarshal(p, &w); err != nil {
		return err
	}
	*c = Cause{Location: w.Location, Kind: w.Kind}
	for k, v := range w.Details {
		switch k {
		case "expected", "minimum", "maximum", "pattern":
			c.Details.Expected = v
		case "actual":
			c.Details.Actual = v
		case "actual_length":
			if f, ok := v.(float64); ok {
				c.Details.ActualLength = int(f)
			}
		case "format":
			c.Details.Format, _ = v.(string)
		case "error":
			c.Details.Message, _ = v.(string)
		case "party":
			c.Details.Party, _ = v.(string)
		case "level":
			c.Details.Level, _ = v.(string)
		case "operation":
			c.Details.Operation, _ = v.(string)
		case "suggest":
			c.Details.Suggest = v
		}
	}
	return nil
}

// Error is a failed validation of a whole document, update or config: every cause at once,
// sorted by location (see [Error.Err]). A nil *Error is not an error; use [Error.Err] to turn
// a possibly empty collection into an error value without the typed-nil trap.
type Error struct {
	Causes []*Cause
}

// Add appends causes, skipping nil ones. A string Details.Actual (or a number literal) longer
// than [MaxQuote] runes is cut (see [Details.ActualLength]), and an empty Details.Message is filled with an
// English default made from Kind and the other details (the text [Cause.Error] says for a
// cause without a message).
func (e *Error) Add(causes ...*Cause) {
	for _, c := range causes {
		if c != nil {
			c.Details.capActual()
			if e.Causes == nil {
				// Room for a few from the start: an invalid update seldom has one cause, and
				// growing one by one would allocate at 1, 2 and 4.
				e.Causes = make([]*Cause, 0, 4)
			}
			e.Causes = append(e.Causes, c.Explain())
		}
	}
}

// sort orders the causes by location (JSON pointers compared token by token), then kind. The
// sort is stable, so causes at one location keep the order in which they were found.
func (e *Error) sort() {
	slices.SortStableFunc(e.Causes, func(a, b *Cause) int {
		if c := comparePointers(a.Location, b.Location); c != 0 {
			return c
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	})
}

// Err sorts the causes (by location, JSON pointers compared token by token, then kind; stable)
// and returns e as an error, or nil when there are none.
func (e *Error) Err() error {
	if e == nil || len(e.Causes) == 0 {
		return nil
	}
	e.sort()
	return e
}

// Has reports whether some cause of e is of kind k (false for a nil e): "did the update fail
// to parse" (KindSyntax), "was anything refused" (KindForbidden). errors.Is with ErrInvalid,
// ErrForbidden and ErrUnowned asks the same of a class of kinds.
func (e *Error) Has(k Kind) bool {
	if e == nil {
		return false
	}
	for _, c := range e.Causes {
		if c.Kind == k {
			return true
		}
	}
	return false
}

// Error lists every cause, one per line after a summary line.
func (e *Error) Error() string {
	if e == nil {
		return "no problems"
	}
	var b strings.Builder
	b.WriteString(e.summary())
	for _, c := range e.Causes {
		b.WriteString("\n  ")
		c.write(&b)
	}
	return b.String()
}

func (e *Error) summary() string {
	n := len(e.Causes)
	if n == 1 {
		return "1 problem:"
	}
	return strconv.Itoa(n) + " problems:"
}

// Unwrap returns the causes, so errors.As(err, &cause) finds the first *Cause and errors.Is
// matches the sentinel of any cause's class.
func (e *Error) Unwrap() []error {
	if e == nil {
		return nil
	}
	out := make([]error, len(e.Causes))
	for i, c := range e.Causes {
		out[i] = c
	}
	return out
}

// MarshalJSON renders {"causes": [...]}.
func (e *Error) MarshalJSON() ([]byte, error) {
	causes := e.Causes
	if causes == nil {
		causes = []*Cause{}
	}
	return json.Marshal(struct {
		Causes []*Cause `json:"causes"`
	}{causes})
}

// UnmarshalJSON reads the shape MarshalJSON writes.
func (e *Error) UnmarshalJSON(p []byte) error {
	var w struct {
		Causes []*Cause `json:"causes"`
	}
	if err := json.Unmarshal(p, &w); err != nil {
		return err
	}
	e.Causes = e.Causes[:0]
	e.Add(w.Causes...) // skips null causes
	return nil
}
