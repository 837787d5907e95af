package profile

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"

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

type customSlot struct {
	idx   int // index into the schema's custom attributes
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
	std         [stdattr.NumWritable + 1]strSlot // indexed by stdattr.Attr; address uses addr
	addrState   presence
	addr        [numAddressFields]strSlot
	customState presence
	custom      []customSlot
	derived     [3]derivedSlot // email_verified, phone_number_verified, updated_at
	keys        int            // members read, for the key-count limit
}

var addressFields = stdattr.AddressFields()

const numAddressFields = 6

func addressIndex(field string) int {
	for i, f := range addressFields {
		if f == field {
			return i
		}
	}
	return -1
}

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
	s    *Schema
	sc   jsonscan.Scanner
	u    *update
	verr *validation.Error
	seen []uint64 // custom attributes seen, as a bit set (duplicate detection)
}

// errAbort stops decoding after a syntax or limit error; the cause is already recorded.
var errAbort = errors.New("abort")

// fail records err as a cause at loc (a depth error as "limit", anything else as "syntax")
// and returns errAbort to stop decoding; a nil err is no failure and returns nil.
func (d *decoder) fail(loc string, err error) error {
	if err == nil {
		return nil
	}
	var de *jsonscan.DepthError
	if errors.As(err, &de) {
		d.verr.Add(&validation.Cause{Location: loc, Kind: validation.KindLimit, Details: validation.Details{
			Expected: d.s.limits.MaxDepth, Message: "JSON nested too deeply (limit " + strconv.Itoa(d.s.limits.MaxDepth) + ")"}})
		return errAbort
	}
	c := &validation.Cause{Location: loc, Kind: validation.KindSyntax, Details: validation.Details{Message: err.Error()}}
	var se *jsonscan.SyntaxError
	if errors.As(err, &se) {
		c.Details.Actual = se.Offset
	}
	// Any error stops decoding, and is always recorded: an update is never applied half-read.
	d.verr.Add(c)
	return errAbort
}

func (d *decoder) countKey(loc string) error {
	d.u.keys++
	if d.u.keys > d.s.limits.MaxKeys {
		d.verr.Add(&validation.Cause{Location: loc, Kind: validation.KindLimit, Details: validation.Details{
			Expected: d.s.limits.MaxKeys, Message: "too many members (limit " + strconv.Itoa(d.s.limits.MaxKeys) + ")"}})
		return errAbort
	}
	return nil
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
	d := decoder{s: s, u: u, verr: verr}
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
	var loc string
	if std {
		loc = a.Pointer()
	} else if key == "custom_attributes" {
		loc = "/custom_attributes"
	} else {
		loc = "/" + validation.EscapeToken(key)
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
	return d.mismatch(loc, a.Type().String(), k)
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
		floc := loc + "/" + validation.EscapeToken(field)
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
		floc = addressPointers[i]
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
		var nloc string
		if known {
			nloc = d.s.custom[idx].pointer
		} else {
			nloc = loc + "/" + validation.EscapeToken(name)
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
		if d.markSeen(idx) {
			// A repeated member is reported once per copy and not checked again: its value
			// takes no part, so hostile repetition costs a skip, not a normalization.
			d.verr.Add(duplicateKey(nloc))
			if err := d.skip(nloc); err != nil {
				return err
			}
			continue
		}
		slot := customSlot{idx: idx}
		switch k := d.sc.Peek(); k {
		case jsonscan.String:
			v, err := d.sc.String()
			if err != nil {
				return d.fail(nloc, err)
			}
			slot.state, slot.v = isValue, customattr.StringValue(v)
		case jsonscan.Number:
			lit, err := d.sc.Number()
			if err != nil {
				return d.fail(nloc, err)
			}
			v, nerr := customattr.NumberValue(json.Number(lit))
			if nerr != nil { // cannot happen: the scanner checked the grammar
				return d.fail(nloc, nerr)
			}
			slot.state, slot.v = isValue, v
		case jsonscan.Null:
			slot.state = isNull
			if err := d.skip(nloc); err != nil {
				return err
			}
		default:
			if err := d.mismatch(nloc, d.s.custom[idx].jsonType, k); err != nil {
				return err
			}
			continue
		}
		d.u.custom = append(d.u.custom, slot)
	}
}

// markSeen records custom attribute idx and reports whether it was already seen.
func (d *decoder) markSeen(idx int) bool {
	w, b := idx/64, uint(idx%64)
	for len(d.seen) <= w {
		d.seen = append(d.seen, 0)
	}
	was := d.seen[w]&(1<<b) != 0
	d.seen[w] |= 1 << b
	return was
}

// decodeMap fills u from an update already decoded by encoding/json (map[string]any with
// string, float64 or json.Number, bool, nil, []any and map[string]any values).
func (s *Schema) decodeMap(m map[string]any, u *update, verr *validation.Error) {
	if len(m) > s.limits.MaxKeys {
		verr.Add(&validation.Cause{Kind: validation.KindLimit, Details: validation.Details{
			Expected: s.limits.MaxKeys, Actual: len(m), Message: "too many members"}})
		return
	}
	keys := len(m)
	for _, k := range [...]string{"address", "custom_attributes"} {
		if obj, ok := m[k].(map[string]any); ok {
			keys += len(obj)
		}
	}
	if keys > s.limits.MaxKeys {
		verr.Add(&validation.Cause{Kind: validation.KindLimit, Details: validation.Details{
			Expected: s.limits.MaxKeys, Actual: keys, Message: "too many members"}})
		return
	}
	for key, raw := range m {
		a, std := stdattr.Lookup(key)
		switch {
		case key == "custom_attributes":
			s.decodeCustomMap(raw, u, verr)
		case !std:
			verr.Add(unknownMember("/"+validation.EscapeToken(key), "not a standard claim; custom attributes go under /custom_attributes"))
		case a == stdattr.AttrAddress:
			s.decodeAddressMap(raw, u, verr)
		case a.Derived():
			slot := &u.derived[derivedIndex(a)]
			switch v := raw.(type) {
			case nil:
				slot.state = isNull
			case bool:
				if a == stdattr.AttrUpdatedAt {
					verr.Add(typeMismatchAny(a.Pointer(), "number", raw))
					continue
				}
				*slot = derivedSlot{state: isValue, b: v}
			default:
				lit, ok := numberLiteral(raw)
				if a != stdattr.AttrUpdatedAt || !ok {
					verr.Add(typeMismatchAny(a.Pointer(), a.Type().String(), raw))
					continue
				}
				*slot = derivedSlot{state: isValue, lit: lit}
			}
		default:
			switch v := raw.(type) {
			case string:
				u.std[a] = strSlot{state: isValue, v: v}
			case nil:
				u.std[a] = strSlot{state: isNull}
			default:
				verr.Add(typeMismatchAny(a.Pointer(), "string", raw))
			}
		}
	}
}

func (s *Schema) decodeAddressMap(raw any, u *update, verr *validation.Error) {
	switch obj := raw.(type) {
	case nil:
		u.addrState = isNull
	case map[string]any:
		u.addrState = isValue
		for field, v := range obj {
			i := addressIndex(field)
			if i < 0 {
				verr.Add(unknownMember("/address/"+validation.EscapeToken(field), "not an OIDC address field"))
				continue
			}
			switch sv := v.(type) {
			case string:
				u.addr[i] = strSlot{state: isValue, v: sv}
			case nil:
				u.addr[i] = strSlot{state: isNull}
			default:
				verr.Add(typeMismatchAny(addressPointers[i], "string", v))
			}
		}
	default:
		verr.Add(typeMismatchAny("/address", "object", raw))
	}
}

func (s *Schema) decodeCustomMap(raw any, u *update, verr *validation.Error) {
	switch obj := raw.(type) {
	case nil:
		u.customState = isNull
	case map[string]any:
		u.customState = isValue
		for name, v := range obj {
			idx, known := s.customIndex(name)
			if !known {
				verr.Add(unknownMember("/custom_attributes/"+validation.EscapeToken(name), "no custom attribute of this name is defined"))
				continue
			}
			slot := customSlot{idx: idx}
			switch tv := v.(type) {
			case nil:
				slot.state = isNull
			case string:
				slot.state, slot.v = isValue, customattr.StringValue(tv)
			case customattr.Value:
				slot.state, slot.v = isValue, tv
			default:
				lit, ok := numberLiteral(v)
				if !ok {
					verr.Add(typeMismatchAny(s.custom[idx].pointer, s.custom[idx].jsonType, v))
					continue
				}
				nv, err := customattr.NumberValue(json.Number(lit))
				if err != nil {
					var c *validation.Cause
					if errors.As(err, &c) {
						cc := *c
						verr.Add(cc.At(s.custom[idx].pointer))
					}
					continue
				}
				slot.state, slot.v = isValue, nv
			}
			u.custom = append(u.custom, slot)
		}
	default:
		verr.Add(typeMismatchAny("/custom_attributes", "object", raw))
	}
}

// numberLiteral turns a number decoded by encoding/json (float64 or json.Number) or built in
// Go (ints) into a JSON literal. NaN and infinities are not numbers.
func numberLiteral(v any) (string, bool) {
	switch n := v.(type) {
	case json.Number:
		return string(n), true
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

func typeMismatchAny(loc, expected string, v any) *validation.Cause {
	actual := stdattr.JSONTypeOf(v)
	if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
		actual = "NaN/Inf"
	}
	return &validation.Cause{Location: loc, Kind: validation.KindType, Details: validation.Details{Expected: expected, Actual: actual}}
}
