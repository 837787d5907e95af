// Package strictjson is the one decoder of configuration JSON (profile.Config, custom attribute
// definitions, access rules and entries): a single pass of internal/jsonscan over the bytes,
// driven by the json tags of the destination's Go types, that reports every problem at once as
// a *validation.Error located by JSON pointer:
//
//   - syntax (anything after the top-level value included): kind "syntax", decoding stops;
//   - nesting deeper than the scanner allows: kind "limit", decoding stops;
//   - an unknown member: kind "unknown", with the expected names and, when one is close
//     (a case variant under Unicode folding, or at most two edits away), Details.Suggest;
//   - a member given twice: kind "duplicated" at the second copy, which is not decoded;
//   - a value of the wrong JSON type (a quoted number, a number that is not an integer for an
//     int field): kind "type";
//   - a string rejected by a field's encoding.TextUnmarshaler, or a value rejected by the
//     UnmarshalJSON of a field whose type is a string kind (customattr.Bound): the
//     *validation.Cause it returns, located at the member.
//
// Decoding goes on after every problem that is not syntax, so a whole config is checked in
// one call. JSON null leaves the destination as it was (as encoding/json does). Semantic rules
// (ranges, legal combinations, names) are not checked here: they belong to the compile steps
// of the packages that own the types.
//
// The decoder supports what configs hold: structs (with embedded structs flattened), pointers,
// slices, strings, json.Number (number literals only), bools, ints, json.RawMessage,
// encoding.TextUnmarshaler (JSON strings only) and string kinds with their own UnmarshalJSON
// (any JSON value: the type decides, after the scanner has checked the value strictly). A [Codec] holds what the decoder knows of one Go type, computed
// once (For, at package initialization) and never changed after.
package strictjson

import (
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/internal/jsonscan"
	"github.com/profilekit/profilekit/validation"
)

// Codec decodes JSON into values of one Go type. It is immutable and safe for concurrent use:
// build it once with [For] (a package-level variable) and share it.
type Codec struct {
	t     reflect.Type
	types map[reflect.Type]*structInfo // every struct type reachable from t; read only
}

// For returns the Codec of T, with the members of every struct type reachable from T.
func For[T any]() *Codec {
	c := &Codec{t: reflect.TypeFor[T](), types: map[reflect.Type]*structInfo{}}
	c.walk(c.t)
	return c
}

func (c *Codec) walk(t reflect.Type) {
	switch {
	case t == numberType || t == rawType || (t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textUnmarsh)) ||
		isStringUnmarshaler(t):
	case t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice:
		c.walk(t.Elem())
	case t.Kind() == reflect.Struct:
		if _, ok := c.types[t]; ok {
			return
		}
		s := &structInfo{}
		addFields(t, nil, s)
		c.types[t] = s
		for _, f := range s.fields {
			c.walk(t.FieldByIndex(f.index).Type)
		}
	}
}

// Decode decodes the JSON document data into v, a non-nil pointer to the Codec's type, and
// returns nil or a *validation.Error with every problem (see the package documentation). v
// may be partly filled when there are problems.
func (c *Codec) Decode(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Type() != c.t {
		return &validation.Error{Causes: []*validation.Cause{{Kind: validation.KindType, Details: validation.Details{
			Message: "strictjson: Decode needs a non-nil *" + c.t.String()}}}}
	}
	var verr validation.Error
	d := decoder{verr: &verr, types: c.types}
	// One conversion: every string without escapes is then a substring of it.
	d.sc.Reset(string(data))
	if d.value(rv.Elem()) {
		if err := d.sc.End(); err != nil {
			d.fail(err)
		}
	}
	return verr.Err()
}

type decoder struct {
	sc    jsonscan.Scanner
	verr  *validation.Error
	types map[reflect.Type]*structInfo // the Codec's, read only
	path  []elem                       // where the decoder is; a pointer is built only for a cause
}

// elem is one step of the path: a member name (idx -1), an array index (idx >= 0), or
// nothing yet (between members or elements: idx noElem).
type elem struct {
	key string
	idx int
}

const noElem = -2

// loc is the JSON pointer of the current position.
func (d *decoder) loc() string {
	var b strings.Builder
	for _, e := range d.path {
		if e.idx == noElem {
			continue
		}
		b.WriteByte('/')
		if e.idx >= 0 {
			b.WriteString(strconv.Itoa(e.idx))
		} else {
			b.WriteString(jsonptr.Escape(e.key))
		}
	}
	return b.String()
}

var (
	numberType  = reflect.TypeFor[json.Number]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	textUnmarsh = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarsh = reflect.TypeFor[json.Unmarshaler]()
)

// isStringUnmarshaler reports whether t is a string kind that decodes itself from JSON (and is
// not a TextUnmarshaler, which takes precedence).
func isStringUnmarshaler(t reflect.Type) bool {
	return t.Kind() == reflect.String && t != numberType && reflect.PointerTo(t).Implements(jsonUnmarsh) &&
		!reflect.PointerTo(t).Implements(textUnmarsh)
}

// fail records a syntax (or depth) error at loc; decoding stops.
func (d *decoder) fail(err error) bool {
	d.verr.Add(jsonscan.Cause(err, d.loc()))
	return false
}

// skip consumes the next value after a problem was recorded for it.
func (d *decoder) skip() bool {
	if err := d.sc.Skip(); err != nil {
		return d.fail(err)
	}
	return true
}

// mismatch records a value of the wrong JSON type and skips it.
func (d *decoder) mismatch(expected string, k jsonscan.Kind) bool {
	if k == jsonscan.Invalid { // not a value at all: a syntax error only
		return d.skip()
	}
	d.verr.Add(&validation.Cause{Location: d.loc(), Kind: validation.KindType, Details: validation.Details{
		Expected: expected, Actual: k.String(), Message: "expected " + expected + ", got " + k.String()}})
	return d.skip()
}

// value decodes the next JSON value into rv. It reports false when decoding must stop.
func (d *decoder) value(rv reflect.Value) bool {
	k := d.sc.Peek()
	if k == jsonscan.Null {
		if err := d.sc.Null(); err != nil {
			return d.fail(err)
		}
		return true
	}
	t := rv.Type()
	switch {
	case t == rawType:
		if k == jsonscan.Invalid {
			return d.skip()
		}
		start := d.sc.Offset()
		if !d.skip() {
			return false
		}
		rv.SetBytes([]byte(strings.TrimLeft(d.sc.Source()[start:d.sc.Offset()], " \t\r\n")))
		return true
	case t == numberType:
		if k != jsonscan.Number {
			return d.mismatch("number", k)
		}
		lit, err := d.sc.Number()
		if err != nil {
			return d.fail(err)
		}
		rv.SetString(lit)
		return true
	case isStringUnmarshaler(t):
		return d.unmarshaler(rv, k)
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textUnmarsh):
		if k != jsonscan.String {
			return d.mismatch("string", k)
		}
		s, err := d.sc.String()
		if err != nil {
			return d.fail(err)
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			d.verr.Add(causeAt(err, d.loc()))
		}
		return true
	}
	switch t.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(t.Elem()))
		}
		return d.value(rv.Elem())
	case reflect.String:
		if k != jsonscan.String {
			return d.mismatch("string", k)
		}
		s, err := d.sc.String()
		if err != nil {
			return d.fail(err)
		}
		rv.SetString(s)
	case reflect.Bool:
		if k != jsonscan.Bool {
			return d.mismatch("boolean", k)
		}
		b, err := d.sc.Bool()
		if err != nil {
			return d.fail(err)
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if k != jsonscan.Number {
			return d.mismatch("integer", k)
		}
		lit, err := d.sc.Number()
		if err != nil {
			return d.fail(err)
		}
		n, err := strconv.ParseInt(lit, 10, t.Bits())
		if err != nil {
			d.verr.Add(&validation.Cause{Location: d.loc(), Kind: validation.KindType, Details: validation.Details{
				Expected: "integer", Actual: json.Number(lit), Message: "expected an integer (digits only) within range, got " + lit}})
			return true
		}
		rv.SetInt(n)
	case reflect.Slice:
		if k != jsonscan.Array {
			return d.mismatch("array", k)
		}
		return d.array(rv)
	case reflect.Struct:
		if k != jsonscan.Object {
			return d.mismatch("object", k)
		}
		return d.object(rv)
	default: // a Go type no config holds: a programming error, reported rather than panicking
		d.verr.Add(&validation.Cause{Location: d.loc(), Kind: validation.KindType, Details: validation.Details{
			Message: "strictjson: unsupported Go type " + t.String()}})
		return d.skip()
	}
	return true
}

// unmarshaler decodes the next value, of kind k, with the UnmarshalJSON of rv's type, a string
// kind. The scanner reads the value first, as strictly as any other: a string is handed over
// re-encoded from its decoded text (no invalid UTF-8 or lone surrogate reaches the type), a
// number as its literal, anything else as its bytes.
func (d *decoder) unmarshaler(rv reflect.Value, k jsonscan.Kind) bool {
	var raw []byte
	switch k {
	case jsonscan.Invalid:
		return d.skip()
	case jsonscan.String:
		s, err := d.sc.String()
		if err != nil {
			return d.fail(err)
		}
		raw, _ = json.Marshal(s) // a valid UTF-8 string always marshals
	case jsonscan.Number:
		lit, err := d.sc.Number()
		if err != nil {
			return d.fail(err)
		}
		raw = []byte(lit)
	default:
		start := d.sc.Offset()
		if !d.skip() {
			return false
		}
		raw = []byte(strings.TrimLeft(d.sc.Source()[start:d.sc.Offset()], " \t\r\n"))
	}
	if err := rv.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
		d.verr.Add(causeAt(err, d.loc()))
	}
	return true
}

func (d *decoder) array(rv reflect.Value) bool {
	if err := d.sc.BeginArray(); err != nil {
		return d.fail(err)
	}
	out := reflect.MakeSlice(rv.Type(), 0, 4) // [] decodes to an empty, non-nil slice
	d.path = append(d.path, elem{})
	defer func() { d.path = d.path[:len(d.path)-1] }()
	for i := 0; ; i++ {
		d.path[len(d.path)-1] = elem{idx: noElem}
		more, err := d.sc.NextElem()
		if err != nil {
			return d.fail(err)
		}
		if !more {
			rv.Set(out)
			return true
		}
		d.path[len(d.path)-1] = elem{idx: i}
		out = reflect.Append(out, reflect.Zero(rv.Type().Elem()))
		if !d.value(out.Index(i)) {
			rv.Set(out)
			return false
		}
	}
}

func (d *decoder) object(rv reflect.Value) bool {
	info := d.info(rv.Type())
	if err := d.sc.BeginObject(); err != nil {
		return d.fail(err)
	}
	var seenSmall [16]bool
	seen := seenSmall[:min(len(info.fields), len(seenSmall))]
	if len(info.fields) > len(seenSmall) {
		seen = make([]bool, len(info.fields))
	}
	d.path = append(d.path, elem{})
	defer func() { d.path = d.path[:len(d.path)-1] }()
	for {
		d.path[len(d.path)-1] = elem{idx: noElem}
		key, more, err := d.sc.NextKey()
		if err != nil {
			return d.fail(err)
		}
		if !more {
			return true
		}
		d.path[len(d.path)-1] = elem{key: key, idx: -1}
		i := slices.IndexFunc(info.fields, func(f field) bool { return f.name == key })
		switch {
		case i < 0:
			d.verr.Add(unknown(d.loc(), key, info.names))
		case seen[i]:
			d.verr.Add(&validation.Cause{Location: d.loc(), Kind: validation.KindDuplicated, Details: validation.Details{
				Actual: key, Message: "member " + strconv.Quote(key) + " appears more than once"}})
		default:
			seen[i] = true
			if !d.value(rv.FieldByIndex(info.fields[i].index)) {
				return false
			}
			continue
		}
		if !d.skip() {
			return false
		}
	}
}

// unknown is the cause for a member no field has, with a suggestion when one is close.
func unknown(loc, key string, names []string) *validation.Cause {
	c := &validation.Cause{Location: loc, Kind: validation.KindUnknown, Details: validation.Details{
		Expected: names, Actual: key}}
	for _, n := range names {
		if strings.EqualFold(n, key) { // Unicode simple folding: "MAX_LENGTH", "limitſ"
			c.Details.Suggest = n
			c.Details.Message = "member names are case-sensitive: did you mean " + strconv.Quote(n) + "?"
			return c
		}
	}
	if n := Nearest(key, names); n != "" {
		c.Details.Suggest = n
		c.Details.Message = "unknown member " + strconv.Quote(key) + ": did you mean " + strconv.Quote(n) + "?"
		return c
	}
	c.Details.Message = "unknown member " + strconv.Quote(key) + "; expected one of " + strings.Join(names, ", ")
	return c
}

// causeAt returns err as a cause located at loc.
func causeAt(err error, loc string) *validation.Cause {
	var c *validation.Cause
	if errors.As(err, &c) {
		cc := *c
		return cc.Under(loc)
	}
	return &validation.Cause{Location: loc, Kind: validation.KindFormat, Details: validation.Details{Message: err.Error()}}
}

// structInfo is what the decoder knows of a struct type: its members, by json tag.
type structInfo struct {
	fields []field
	names  []string // member names in declaration order, for messages
}

type field struct {
	name  string
	index []int // for reflect.Value.FieldByIndex (embedded structs flattened)
}

func (d *decoder) info(t reflect.Type) *structInfo { return d.types[t] }

func addFields(t reflect.Type, prefix []int, s *structInfo) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		index := append(slices.Clone(prefix), i)
		switch {
		case name == "-" || (!f.IsExported() && !f.Anonymous):
			continue
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			addFields(f.Type, index, s)
			continue
		case !f.IsExported():
			continue
		case name == "":
			name = f.Name
		}
		s.fields = append(s.fields, field{name: name, index: index})
		s.names = append(s.names, name)
	}
}

// Nearest returns the name of names closest to s by edit distance when it is a likely typo (at
// most 2 edits, and fewer than half the length of s), else "".
func Nearest(s string, names []string) string {
	if len(s) > 64 {
		return ""
	}
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || 2*bestD >= len(s) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance over bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
