package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/internal/claim"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/internal/jsonscan"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// presence says what an update says about one attribute.
type presence uint8

const (
	absent  presence = iota // not mentioned
	isNull                  // null: remove (merge patch) / absent (replace)
	isValue                 // a value (or an object, for address and custom_attributes)
)

type strSlot struct {
	state presence
	v     string
}

// customSlot is what the update says of one custom attribute, at the index of its definition.
type customSlot struct {
	state presence
	v     customattr.Value
}

// derivedSlot is a derived claim sent in the input: compared, never written.
type derivedSlot struct {
	state presence
	b     bool   // email_verified, phone_number_verified
	lit   string // updated_at, as its JSON literal
}

// update is a decoded update document: what it says about every attribute.
type update struct {
	std         [claim.NumWritable + 1]strSlot // indexed by stdattr.Attr; address uses addr
	addrState   presence
	addr        [numAddressFields]strSlot
	customState presence
	custom      []customSlot   // one per definition, in definition order
	touched     []int          // indexes of the custom slots the update mentions
	derived     [3]derivedSlot // email_verified, phone_number_verified, updated_at
	variants    []variantSlot  // language-tagged claims, in the order read
	keys        int            // members read, for the key-count limit
	ascii       bool           // every string of the document is ASCII (jsonscan.Scanner.ASCII)
}

// variantSlot is what the update says of one language-tagged variant of an attribute.
type variantSlot struct {
	base  variantBase
	key   string // "family_name#ja-Kana-JP", "address/locality#ja": the tag canonical
	state presence
	v     string
}

var addressFields = stdattr.AddressFields()

const numAddressFields = 6

func addressIndex(field string) int {
	if n := len(field); n < len(addressByLen) {
		switch i := addressByLen[n]; {
		case i >= 0:
			if addressFields[i] == field {
				return int(i)
			}
			return -1
		case i == -1: // no field of this length
			return -1
		}
	}
	for i, f := range addressFields { // a length two fields share, or a long name
		if f == field {
			return i
		}
	}
	return -1
}

// addressByLen is, by length, the index of the one address field of that length, -1 when
// there is none and -2 when there are several (the six OIDC field names have distinct
// lengths, so one comparison decides).
var addressByLen = func() (t [16]int8) {
	for i := range t {
		t[i] = -1
	}
	for i, f := range addressFields {
		switch {
		case len(f) >= len(t):
		case t[len(f)] == -1:
			t[len(f)] = int8(i)
		default:
			t[len(f)] = -2
		}
	}
	return t
}()

func derivedIndex(a stdattr.Attr) int {
	switch a {
	case stdattr.AttrEmailVerified:
		return 0
	case stdattr.AttrPhoneNumberVerified:
		return 1
	}
	return 2
}

// decoder fills an update from raw JSON, collecting causes.
type decoder struct {
	s  *Schema
	sc jsonscan.Scanner
	u  *update
	// verr is the causes found so far, held by value and handed back by decodeJSON: a pointer
	// here would make the caller's validation.Error escape to the heap (the scanner's content
	// does, and escape analysis does not tell a struct's fields apart).
	verr validation.Error
}

// errAbort stops decoding after a syntax or limit error; the cause is already recorded.
var errAbort = errors.New("abort")

// fail records err as a cause at loc (a depth error as "limit", anything else as "syntax")
// and returns errAbort to stop decoding; a nil err is no failure and returns nil.
func (d *decoder) fail(loc string, err error) error {
	if err == nil {
		return nil
	}
	// Any error stops decoding, and is always recorded: an update is never applied half-read.
	d.verr.Add(jsonscan.Cause(err, loc))
	return errAbort
}

func (d *decoder) countKey(loc string) error {
	d.u.keys++
	if d.u.keys > d.s.limits.MaxKeys {
		return d.tooManyKeys(loc)
	}
	return nil
}

// tooManyKeys records the key-count limit at loc; apart from countKey, so that countKey inlines.
func (d *decoder) tooManyKeys(loc string) error {
	d.verr.Add(&validation.Cause{Location: loc, Kind: validation.KindLimit, Details: validation.Details{
		Expected: d.s.limits.MaxKeys, Message: "too many members (limit " + strconv.Itoa(d.s.limits.MaxKeys) + ")"}})
	return errAbort
}

func typeMismatch(loc, expected string, k jsonscan.Kind) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindType, Details: validation.Details{Expected: expected, Actual: k.String()}}
}

func duplicateKey(loc string) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindDuplicated, Details: validation.Details{Message: "member appears more than once"}}
}

func unknownMember(loc, msg string) *validation.Cause {
	return &validation.Cause{Location: loc, Kind: validation.KindUnknown, Details: validation.Details{Message: msg}}
}

// decodeJSON parses raw update JSON into u. Syntax and limit errors abort; type errors,
// unknown and duplicated members are recorded and decoding goes on.
func (s *Schema) decodeJSON(data []byte, u *update, verr *validation.Error) {
	if len(data) > s.limits.MaxBytes {
		verr.Add(&validation.Cause{Kind: validation.KindLimit, Details: validation.Details{
			Expected: s.limits.MaxBytes, Actual: len(data), Message: "document larger than " + strconv.Itoa(s.limits.MaxBytes) + " bytes"}})
		return
	}
	d := decoder{s: s, u: u, verr: *verr}
	defer func() { *verr = d.verr }()
	// One conversion for the whole document: every string value without escapes is then a
	// substring of it, so decoding allocates once, not once per value.
	d.sc.Reset(string(data))
	d.sc.MaxDepth = s.limits.MaxDepth
	if err := d.top(); err != nil {
		return
	}
	if err := d.sc.End(); err != nil {
		_ = d.fail("", err)
	}
	u.ascii = d.sc.ASCII()
}

func (d *decoder) top() error {
	if k := d.sc.Peek(); k != jsonscan.Object {
		if k == jsonscan.Invalid {
			return d.fail("", d.sc.Skip())
		}
		d.verr.Add(typeMismatch("", "object", k))
		return d.fail("", d.sc.Skip())
	}
	if err := d.sc.BeginObject(); err != nil {
		return d.fail("", err)
	}
	for {
		key, ok, err := d.sc.NextKey()
		if err != nil {
			return d.fail("", err)
		}
		if !ok {
			return nil
		}
		if err := d.member(key); err != nil {
			return err
		}
	}
}

func (d *decoder) member(key string) error {
	a, std := stdattr.Lookup(key)
	if !std && key != "custom_attributes" { // no claim name holds a '#': look for one only here
		if strings.IndexByte(key, '#') >= 0 {
			return d.variant("", key)
		}
	}
	var loc string
	if std {
		loc = claim.Pointers[a]
	} else if key == "custom_attributes" {
		loc = "/custom_attributes"
	} else {
		loc = "/" + jsonptr.Escape(key)
	}
	if err := d.countKey(loc); err != nil {
		return err
	}
	switch {
	case key == "custom_attributes":
		if d.u.customState != absent {
			d.verr.Add(duplicateKey(loc))
		}
		return d.customObject()
	case !std:
		d.verr.Add(unknownMember(loc, "not a standard claim; custom attributes go under /custom_attributes"))
		return d.skip(loc)
	case a == stdattr.AttrAddress:
		if d.u.addrState != absent {
			d.verr.Add(duplicateKey(loc))
		}
		return d.address()
	case a.Derived():
		return d.derivedValue(a, loc)
	}
	slot := &d.u.std[a]
	if slot.state != absent {
		d.verr.Add(duplicateKey(loc))
	}
	switch k := d.sc.Peek(); k {
	case jsonscan.String:
		v, err := d.sc.String()
		if err != nil {
			return d.fail(loc, err)
		}
		*slot = strSlot{state: isValue, v: v}
	case jsonscan.Null:
		if err := d.sc.Null(); err != nil {
			return d.fail(loc, err)
		}
		*slot = strSlot{state: isNull}
	default:
		return d.mismatch(loc, "string", k)
	}
	return nil
}

// list reads the JSON array of a multi-valued custom attribute: strings, numbers and booleans
// (checked against the attribute's type later). An element of another JSON type is a type
// cause at its own pointer, and the list is then the zero Value.
func (d *decoder) list(loc string) (customattr.Value, error) {
	if err := d.sc.BeginArray(); err != nil {
		return customattr.Value{}, d.fail(loc, err)
	}
	var elems []customattr.Value
	bad := false
	for i := 0; ; i++ {
		more, err := d.sc.NextElem()
		if err != nil {
			return customattr.Value{}, d.fail(loc, err)
		}
		if !more {
			break
		}
		eloc := loc + "/" + strconv.Itoa(i)
		var e customattr.Value
		switch k := d.sc.Peek(); k {
		case jsonscan.String:
			v, err := d.sc.String()
			if err != nil {
				return customattr.Value{}, d.fail(eloc, err)
			}
			e = customattr.StringValue(v)
		case jsonscan.Number:
			lit, err := d.sc.Number()
			if err != nil {
				return customattr.Value{}, d.fail(eloc, err)
			}
			e, _ = customattr.NumberValue(json.Number(lit))
		case jsonscan.Bool:
			b, err := d.sc.Bool()
			if err != nil {
				return customattr.Value{}, d.fail(eloc, err)
			}
			e = customattr.BoolValue(b)
		default:
			bad = true
			if err := d.mismatch(eloc, "string, number or boolean", k); err != nil {
				return customattr.Value{}, err
			}
			continue
		}
		elems = append(elems, e)
	}
	if bad {
		return customattr.Value{}, nil
	}
	return customattr.ListValue(elems...), nil
}

// variant reads a language-tagged variant "name#tag" (OIDC Core §5.2) of the member name of
// the object at prefix ("", "address/" or "custom_attributes/"): the attribute must allow
// variants, the tag is BCP 47, matched case-insensitively and kept in canonical form; two
// spellings of one tag are a duplicate.
func (d *decoder) variant(prefix, member string) error {
	loc := "/" + prefix + jsonptr.Escape(member)
	if err := d.countKey(loc); err != nil {
		return err
	}
	name, tag, _ := splitVariant(member)
	base, ok := d.s.taggable(prefix + name)
	if strings.IndexByte(name, '/') >= 0 {
		ok = false // "address/locality#ja" is no top-level member: the variant goes inside "address"
	}
	if !ok {
		d.verr.Add(unknownMember(loc, "not an attribute that may carry language-tagged variants"))
		return d.skip(loc)
	}
	canonical, c := d.s.variantTag(tag)
	if c != nil {
		d.verr.Add(c.Under(loc))
		return d.skip(loc)
	}
	ckey := prefix + name + "#" + canonical
	for i := range d.u.variants {
		if d.u.variants[i].key == ckey {
			d.verr.Add(duplicateKey(loc))
			return d.skip(loc)
		}
	}
	slot := variantSlot{base: base, key: ckey}
	switch k := d.sc.Peek(); k {
	case jsonscan.String:
		v, err := d.sc.String()
		if err != nil {
			return d.fail(loc, err)
		}
		slot.state, slot.v = isValue, v
	case jsonscan.Null:
		if err := d.sc.Null(); err != nil {
			return d.fail(loc, err)
		}
		slot.state = isNull
	default:
		return d.mismatch(loc, "string", k)
	}
	d.u.variants = append(d.u.variants, slot)
	return nil
}

// variantTag checks the tag of a variant and returns it in canonical form.
func (s *Schema) variantTag(tag string) (string, *validation.Cause) {
	if tag == "" {
		return "", &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
			Format: claim.FormatLocale, Message: "the language tag after # is empty"}}
	}
	n := stdattr.Normalizer{Languages: s.tagLanguages}
	canonical, err := n.Normalize(stdattr.AttrLocale, tag)
	if err != nil {
		c := causeOf(err)
		c.Location = "" // the caller locates it at the variant
		return "", c
	}
	return canonical, nil
}

// mismatch records a value of the wrong JSON type and skips it. A value that cannot even be
// read is a syntax error only, not also a type error.
func (d *decoder) mismatch(loc, expected string, k jsonscan.Kind) error {
	if k != jsonscan.Invalid {
		d.verr.Add(typeMismatch(loc, expected, k))
	}
	return d.skip(loc)
}

func (d *decoder) skip(loc string) error {
	if err := d.sc.Skip(); err != nil {
		return d.fail(loc, err)
	}
	return nil
}

func (d *decoder) derivedValue(a stdattr.Attr, loc string) error {
	slot := &d.u.derived[derivedIndex(a)]
	if slot.state != absent {
		d.verr.Add(duplicateKey(loc))
	}
	k := d.sc.Peek()
	switch {
	case k == jsonscan.Null:
		*slot = derivedSlot{state: isNull}
		return d.skip(loc)
	case a == stdattr.AttrUpdatedAt && k == jsonscan.Number:
		lit, err := d.sc.Number()
		if err != nil {
			return d.fail(loc, err)
		}
		*slot = derivedSlot{state: isValue, lit: lit}
		return nil
	case a != stdattr.AttrUpdatedAt && k == jsonscan.Bool:
		b, err := d.sc.Bool()
		if err != nil {
			return d.fail(loc, err)
		}
		*slot = derivedSlot{state: isValue, b: b}
		return nil
	}
	return d.mismatch(loc, a.Type(), k)
}

func (d *decoder) address() error {
	const loc = "/address"
	switch k := d.sc.Peek(); k {
	case jsonscan.Null:
		d.u.addrState = isNull
		return d.skip(loc)
	case jsonscan.Object:
	default:
		return d.mismatch(loc, "object", k)
	}
	d.u.addrState = isValue
	if err := d.sc.BeginObject(); err != nil {
		return d.fail(loc, err)
	}
	for {
		field, ok, err := d.sc.NextKey()
		if err != nil {
			return d.fail(loc, err)
		}
		if !ok {
			return nil
		}
		i := addressIndex(field)
		if i < 0 && strings.IndexByte(field, '#') >= 0 { // no address field holds a '#'
			if err := d.variant(addressPrefix, field); err != nil {
				return err
			}
			continue
		}
		var floc string
		if i >= 0 {
			floc = addressPointers[i] // the same pointer, without building it
		} else {
			floc = loc + "/" + jsonptr.Escape(field)
		}
		if err := d.countKey(floc); err != nil {
			return err
		}
		if i < 0 {
			d.verr.Add(unknownMember(floc, "not an OIDC address field"))
			if err := d.skip(floc); err != nil {
				return err
			}
			continue
		}
		slot := &d.u.addr[i]
		if slot.state != absent {
			d.verr.Add(duplicateKey(floc))
		}
		switch k := d.sc.Peek(); k {
		case jsonscan.String:
			v, err := d.sc.String()
			if err != nil {
				return d.fail(floc, err)
			}
			*slot = strSlot{state: isValue, v: v}
		case jsonscan.Null:
			*slot = strSlot{state: isNull}
			if err := d.skip(floc); err != nil {
				return err
			}
		default:
			if err := d.mismatch(floc, "string", k); err != nil {
				return err
			}
		}
	}
}

var addressPointers = func() (p [numAddressFields]string) {
	for i, f := range addressFields {
		p[i] = "/address/" + f
	}
	return p
}()

func (d *decoder) customObject() error {
	const loc = "/custom_attributes"
	switch k := d.sc.Peek(); k {
	case jsonscan.Null:
		d.u.customState = isNull
		return d.skip(loc)
	case jsonscan.Object:
	default:
		return d.mismatch(loc, "object", k)
	}
	d.u.customState = isValue
	if err := d.sc.BeginObject(); err != nil {
		return d.fail(loc, err)
	}
	for {
		name, ok, err := d.sc.NextKey()
		if err != nil {
			return d.fail(loc, err)
		}
		if !ok {
			return nil
		}
		idx, known := d.s.customIndex(name)
		if !known && strings.IndexByte(name, '#') >= 0 { // no custom attribute name holds a '#'
			if err := d.variant(customPrefix, name); err != nil {
				return err
			}
			continue
		}
		var nloc string
		if known {
			nloc = d.s.custom[idx].pointer
		} else {
			nloc = loc + "/" + jsonptr.Escape(name)
		}
		if err := d.countKey(nloc); err != nil {
			return err
		}
		if !known {
			d.verr.Add(unknownMember(nloc, "no custom attribute of this name is defined"))
			if err := d.skip(nloc); err != nil {
				return err
			}
			continue
		}
		slot := &d.u.custom[idx]
		if slot.state != absent {
			// A repeated member is reported once per copy and not checked again: its value
			// takes no part, so hostile repetition costs a skip, not a normalization.
			d.verr.Add(duplicateKey(nloc))
			if err := d.skip(nloc); err != nil {
				return err
			}
			continue
		}
		d.u.touched = append(d.u.touched, idx)
		switch k := d.sc.Peek(); {
		case k == jsonscan.Array && d.s.custom[idx].multiple:
			v, err := d.list(nloc)
			if err != nil {
				return err
			}
			if v.IsZero() { // an element of the wrong JSON type, reported
				slot.state = invalid
				continue
			}
			slot.state, slot.v = isValue, v
		case k == jsonscan.String:
			v, err := d.sc.String()
			if err != nil {
				return d.fail(nloc, err)
			}
			slot.state, slot.v = isValue, customattr.StringValue(v)
		case k == jsonscan.Bool && d.s.custom[idx].jsonType == "boolean":
			// A boolean for any other type is a type mismatch, below, as before booleans existed.
			b, err := d.sc.Bool()
			if err != nil {
				return d.fail(nloc, err)
			}
			slot.state, slot.v = isValue, customattr.BoolValue(b)
		case k == jsonscan.Number:
			lit, err := d.sc.Number()
			if err != nil {
				return d.fail(nloc, err)
			}
			v, nerr := customattr.NumberValue(json.Number(lit))
			if nerr != nil { // cannot happen: the scanner checked the grammar
				return d.fail(nloc, nerr)
			}
			slot.state, slot.v = isValue, v
		case k == jsonscan.Null:
			slot.state = isNull
			if err := d.skip(nloc); err != nil {
				return err
			}
		default:
			slot.state = invalid // mentioned, and takes no further part
			if err := d.mismatch(nloc, d.s.custom[idx].jsonType, k); err != nil {
				return err
			}
		}
	}
}

// encodeMap writes an update given as Go values (a map[string]any as json.Unmarshal into any
// makes it, or built in Go: strings, bools, nil, float64, json.Number, Go integers,
// customattr.Value, []any and map[string]any) as JSON, so that it takes the one update
// decoder. What JSON cannot hold is a cause at its location, written as null so the rest of
// the update is still checked: NaN and infinities (kind "type"), strings that are not valid
// UTF-8 (kind "syntax"), and any other Go type (kind "type").
func encodeMap(m map[string]any, limits Limits, verr *validation.Error) []byte {
	if n := countMembers(m, limits.MaxKeys); n > limits.MaxKeys {
		verr.Add(&validation.Cause{Kind: validation.KindLimit, Details: validation.Details{
			Expected: limits.MaxKeys, Message: "too many members (limit " + strconv.Itoa(limits.MaxKeys) + ")"}})
		return nil
	}
	e := mapEncoder{b: make([]byte, 0, 256), max: limits.MaxBytes, verr: verr}
	e.value(m, "")
	if e.over || len(e.b) > e.max {
		verr.Add(&validation.Cause{Kind: validation.KindLimit, Details: validation.Details{
			Expected: limits.MaxBytes, Message: "document larger than " + strconv.Itoa(limits.MaxBytes) + " bytes"}})
		return nil
	}
	return e.b
}

// countMembers counts the members of every object in v, stopping past limit.
func countMembers(v any, limit int) int {
	n := 0
	switch x := v.(type) {
	case map[string]any:
		n = len(x)
		for _, e := range x {
			if n > limit {
				break
			}
			n += countMembers(e, limit-n)
		}
	case []any:
		for _, e := range x {
			if n > limit {
				break
			}
			n += countMembers(e, limit-n)
		}
	}
	return n
}

// mapEncoder writes Go values as JSON, stopping once the output passes max bytes.
type mapEncoder struct {
	b    []byte
	max  int
	over bool // the output would pass max
	verr *validation.Error
}

func (e *mapEncoder) value(v any, loc string) {
	if e.over = e.over || len(e.b) > e.max; e.over {
		return
	}
	switch x := v.(type) {
	case nil:
		e.b = append(e.b, "null"...)
	case bool:
		e.b = strconv.AppendBool(e.b, x)
	case string:
		switch {
		case len(e.b)+len(x) > e.max:
			e.over = true // the caller reports the limit
		case !utf8.ValidString(x):
			e.verr.Add(&validation.Cause{Location: loc, Kind: validation.KindSyntax, Details: validation.Details{Message: "string is not valid UTF-8"}})
			e.b = append(e.b, "null"...)
		default:
			e.b = appendString(e.b, x)
		}
	case map[string]any:
		e.b = append(e.b, '{')
		for i, k := range slices.Sorted(maps.Keys(x)) {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			mloc := loc + "/" + jsonptr.Escape(k)
			e.value(k, mloc)
			e.b = append(e.b, ':')
			e.value(x[k], mloc)
		}
		e.b = append(e.b, '}')
	case []any:
		e.array(loc, len(x), func(i int) any { return x[i] })
	case customattr.Value:
		// Its text goes the way of a Go string (encoding/json would turn bytes that are not
		// UTF-8 into U+FFFD silently); a list element by element.
		if text, ok := x.Text(); ok {
			e.value(text, loc)
			return
		}
		if elems, ok := x.List(); ok {
			e.array(loc, len(elems), func(i int) any { return elems[i] })
			return
		}
		p, _ := x.MarshalJSON() // a number, a boolean or null: always valid JSON
		e.b = append(e.b, p...)
	default:
		if lit, ok := numberLiteral(v); ok {
			e.b = append(e.b, lit...)
			return
		}
		p, err := json.Marshal(v) // customattr.Value and other json.Marshalers
		if err != nil || !json.Valid(p) {
			actual := fmt.Sprintf("%T", v)
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				actual = "NaN/Inf"
			}
			e.verr.Add(&validation.Cause{Location: loc, Kind: validation.KindType, Details: validation.Details{
				Expected: "a JSON value", Actual: actual}})
			p = []byte("null")
		}
		e.b = append(e.b, p...)
	}
}

// array writes a JSON array of n elements, the i-th at(i), located at loc/i.
func (e *mapEncoder) array(loc string, n int, at func(int) any) {
	e.b = append(e.b, '[')
	for i := range n {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.value(at(i), loc+"/"+strconv.Itoa(i))
	}
	e.b = append(e.b, ']')
}

// appendString writes s (valid UTF-8) as a JSON string.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// numberLiteral turns a number decoded by encoding/json (float64 or json.Number) or built in
// Go (ints) into a JSON literal. NaN and infinities are not numbers.
func numberLiteral(v any) (string, bool) {
	switch n := v.(type) {
	case json.Number:
		return string(n), json.Valid([]byte(n))
	case float64:
		return floatLiteral(n, 64)
	case float32:
		return floatLiteral(float64(n), 32)
	case int:
		return strconv.Itoa(n), true
	case int64:
		return strconv.FormatInt(n, 10), true
	case int32:
		return strconv.FormatInt(int64(n), 10), true
	case uint64:
		return strconv.FormatUint(n, 10), true
	}
	return "", false
}

// floatLiteral formats f as encoding/json does: plain digits between 1e-6 and 1e21 (so
// 1234567 stays 1234567, not 1.234567e+06), exponent form outside.
func floatLiteral(f float64, bits int) (string, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.FormatFloat(f, format, -1, bits), true
}
