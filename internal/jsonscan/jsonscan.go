// Package jsonscan is a small pull scanner for JSON text held in a string. It exists for the
// profile update fast path: string values that need no unescaping are returned as substrings
// of the input (no allocation), numbers as their exact literal, and it is strict where
// encoding/json is lenient: invalid UTF-8 and lone surrogates are errors (encoding/json
// replaces them with U+FFFD), and nesting depth is bounded. Duplicate keys are the caller's to
// detect, since only it knows which keys are meaningful.
package jsonscan

import (
	"errors"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
)

// Kind is the type of the next JSON value.
type Kind byte

// Kinds of JSON values. Invalid means the next byte cannot start a value.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Object
	Array
)

// String is the JSON Schema name of the kind ("null", "boolean", "number", ...).
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "invalid"
}

// SyntaxError is malformed JSON at byte offset Offset.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return "invalid JSON at offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

// Cause turns an error of the scanner into the cause a decoder reports at loc: nesting past
// the limit is kind "limit" (Details.Expected the limit), anything else kind "syntax"
// (Details.Actual the byte offset). It is the one place both decoders (configs and updates)
// take these causes from.
func Cause(err error, loc string) *validation.Cause {
	var de *DepthError
	if errors.As(err, &de) {
		return &validation.Cause{Location: loc, Kind: validation.KindLimit, Details: validation.Details{
			Expected: de.Max, Message: "JSON nested deeper than " + strconv.Itoa(de.Max) + " levels"}}
	}
	c := &validation.Cause{Location: loc, Kind: validation.KindSyntax, Details: validation.Details{Message: err.Error()}}
	var se *SyntaxError
	if errors.As(err, &se) {
		c.Details.Actual = se.Offset
	}
	return c
}

// DefaultMaxDepth bounds nesting when Scanner.MaxDepth is 0.
const DefaultMaxDepth = 64

// Scanner reads one JSON document. Create it with New; it is not safe for concurrent use.
type Scanner struct {
	s        string
	pos      int
	depth    int
	MaxDepth int // maximum nesting of objects and arrays; 0 means DefaultMaxDepth
	// Whether the open container at each level still waits for its first member or element
	// (for commas): bit l of first for level l < 64, deep[l-64] beyond. A bit set rather than a
	// slice, so that a scanner made per document does not allocate for its first container.
	first uint64
	deep  []bool
	ascii bool // no string read so far held a byte outside ASCII
}

// New returns a scanner over s.
func New(s string) *Scanner { return &Scanner{s: s, ascii: true} }

// Reset makes the scanner read s from the start, keeping its buffers.
func (d *Scanner) Reset(s string) {
	d.s, d.pos, d.depth, d.first, d.deep, d.ascii = s, 0, 0, 0, d.deep[:0], true
}

// ASCII reports whether every string read since Reset (keys and values, after unescaping)
// was ASCII. A Scanner made with New or Reset starts true.
func (d *Scanner) ASCII() bool { return d.ascii }

// setFirst records whether the container at level waits for its first member.
func (d *Scanner) setFirst(level int, v bool) {
	if level < 64 {
		if v {
			d.first |= 1 << level
		} else {
			d.first &^= 1 << level
		}
		return
	}
	if v && level-64 == len(d.deep) {
		d.deep = append(d.deep, true)
		return
	}
	d.deep[level-64] = v
}

// isFirst reports whether the container at level waits for its first member.
func (d *Scanner) isFirst(level int) bool {
	if level < 64 {
		return d.first&(1<<level) != 0
	}
	return d.deep[level-64]
}

// Offset is the current byte offset.
func (d *Scanner) Offset() int { return d.pos }

// Source returns the text being scanned.
func (d *Scanner) Source() string { return d.s }

func (d *Scanner) errf(msg string) error { return &SyntaxError{Offset: d.pos, Msg: msg} }

// isSpace reports whether c is JSON white space (space, tab, line feed, carriage return).
func isSpace(c byte) bool { return byteClass[c]&classSpace != 0 }

func (d *Scanner) ws() {
	s, i := d.s, d.pos
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	d.pos = i
}

// indent is ws where indentation is likely (between members and elements, where next is): the
// same bytes skipped, runs of spaces eight at a time. ws itself stays small enough to inline.
func (d *Scanner) indent() {
	s, i := d.s, d.pos
	for i < len(s) && isSpace(s[i]) {
		i++
		// Indentation: after a white-space byte, skip a run of spaces eight bytes at a time.
		if i+8 <= len(s) {
			i += spaceRun(load64(s, i))
		}
	}
	d.pos = i
}

// load64 is the eight bytes of s from i, the first in the low byte. i+8 <= len(s).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Byte-lane constants for load64 words: every lane 0x01, every lane 0x80.
const (
	lanes01 = 0x0101010101010101
	lanes80 = 0x8080808080808080
)

// spaceRun is the number of leading bytes of w (from the low byte) that are ' ', 0 to 8.
func spaceRun(w uint64) int {
	return bits.TrailingZeros64(w^(lanes01*' ')) >> 3
}

// plainRun is the number of leading bytes of w (from the low byte) that are plain, 0 to 8:
// the index of the first byte that is below 0x20, at or above 0x80, '"' or '\\'. Each test
// is the classic has-a-zero-byte mask, exact in its lowest set lane (a borrow only ever
// travels upwards from a lane that is itself set), which is the only lane counted.
func plainRun(w uint64) int {
	q := w ^ (lanes01 * '"')
	b := w ^ (lanes01 * '\\')
	m := ((w - lanes01*0x20) | w | (q-lanes01)&^q | (b-lanes01)&^b) & lanes80
	return bits.TrailingZeros64(m) >> 3
}

// Peek skips white space and reports the kind of the next value without consuming it.
func (d *Scanner) Peek() Kind {
	d.ws()
	if d.pos >= len(d.s) {
		return Invalid
	}
	switch c := d.s[d.pos]; {
	case c == 'n':
		return Null
	case c == 't' || c == 'f':
		return Bool
	case c == '"':
		return String
	case c == '{':
		return Object
	case c == '[':
		return Array
	case c == '-' || (c >= '0' && c <= '9'):
		return Number
	}
	return Invalid
}

func (d *Scanner) literal(lit string) error {
	if len(d.s)-d.pos < len(lit) || d.s[d.pos:d.pos+len(lit)] != lit {
		return d.errf("invalid literal")
	}
	d.pos += len(lit)
	return nil
}

// Null consumes null.
func (d *Scanner) Null() error {
	d.ws()
	return d.literal("null")
}

// Bool consumes true or false.
func (d *Scanner) Bool() (bool, error) {
	d.ws()
	if d.pos < len(d.s) && d.s[d.pos] == 't' {
		return true, d.literal("true")
	}
	return false, d.literal("false")
}

// Number consumes a number and returns its literal text, checked against the JSON grammar.
func (d *Scanner) Number() (string, error) {
	d.ws()
	start := d.pos
	s := d.s
	i := d.pos
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		d.pos = i
		return "", d.errf("invalid number")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			d.pos = i
			return "", d.errf("invalid number: digit expected after '.'")
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			d.pos = i
			return "", d.errf("invalid number: digit expected in exponent")
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	d.pos = i
	return s[start:i], nil
}

// String consumes a string and returns its value. A string without escapes is a substring of
// the input; one with escapes is a new string. Invalid UTF-8, control characters and lone
// surrogate escapes are errors.
func (d *Scanner) String() (string, error) {
	d.ws()
	return d.str()
}

// str is String at a byte that is not white space (where next leaves a member's key).
func (d *Scanner) str() (string, error) {
	if d.pos >= len(d.s) || d.s[d.pos] != '"' {
		return "", d.errf("string expected")
	}
	d.pos++
	start := d.pos
	s := d.s
	for i := start; i < len(s); {
		for i+8 <= len(s) {
			n := plainRun(load64(s, i))
			i += n
			if n < 8 {
				break
			}
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if plain(c) {
			i++
			continue
		}
		switch {
		case c == '"':
			d.pos = i + 1
			return s[start:i], nil
		case c == '\\':
			d.pos = i
			return d.unescape(start)
		case c < 0x20:
			d.pos = i
			return "", d.errf("control character in string")
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				d.pos = i
				return "", d.errf("invalid UTF-8 in string")
			}
			d.ascii = false
			i += size
		}
	}
	d.pos = len(s)
	return "", d.errf("unterminated string")
}

// plain reports whether c stands for itself inside a string: printable ASCII other than the
// quote and the backslash.
func plain(c byte) bool { return byteClass[c]&classPlain != 0 }

// byteClass holds, per byte, classPlain if the byte stands for itself inside a string (0x20-0x7f
// but '"' and '\\') and classSpace if it is JSON white space; one row of 32 bytes a line.
const byteClass = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x02\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x03\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

const (
	classPlain = 1 << iota
	classSpace
)

func (d *Scanner) unescape(start int) (string, error) {
	s := d.s
	buf := make([]byte, 0, d.pos-start+16)
	buf = append(buf, s[start:d.pos]...)
	i := d.pos
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return string(buf), nil
		case c < 0x20:
			d.pos = i
			return "", d.errf("control character in string")
		case c == '\\':
			if i+1 >= len(s) {
				d.pos = i
				return "", d.errf("unterminated escape")
			}
			e := s[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := hex4(s, i)
				if !ok {
					d.pos = i
					return "", d.errf("invalid \\u escape")
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, ok := rune(0), false
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						r2, ok = hex4(s, i+2)
					}
					dec := utf16.DecodeRune(r, r2)
					if !ok || dec == utf8.RuneError {
						d.pos = i
						return "", d.errf("lone surrogate in \\u escape")
					}
					i += 6
					r = dec
				}
				if r >= utf8.RuneSelf {
					d.ascii = false
				}
				buf = utf8.AppendRune(buf, r)
			default:
				d.pos = i - 1
				return "", d.errf("invalid escape")
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				d.pos = i
				return "", d.errf("invalid UTF-8 in string")
			}
			d.ascii = false
			buf = append(buf, s[i:i+size]...)
			i += size
		}
	}
	d.pos = len(s)
	return "", d.errf("unterminated string")
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

func (d *Scanner) push(open byte) error {
	d.ws()
	if d.pos >= len(d.s) || d.s[d.pos] != open {
		return d.errf("'" + string(open) + "' expected")
	}
	max := d.MaxDepth
	if max == 0 {
		max = DefaultMaxDepth
	}
	if d.depth >= max {
		return &DepthError{Offset: d.pos, Max: max}
	}
	d.pos++
	if d.depth >= 64 { // a deeper level pushes its flag; the bits need no shrinking
		d.deep = d.deep[:d.depth-64]
	}
	d.setFirst(d.depth, true)
	d.depth++
	return nil
}

// DepthError reports nesting deeper than the scanner's MaxDepth.
type DepthError struct {
	Offset int
	Max    int
}

func (e *DepthError) Error() string {
	return "JSON nested deeper than " + strconv.Itoa(e.Max) + " levels at offset " + strconv.Itoa(e.Offset)
}

// BeginObject consumes '{'.
func (d *Scanner) BeginObject() error { return d.push('{') }

// BeginArray consumes '['.
func (d *Scanner) BeginArray() error { return d.push('[') }

// next advances to the next member or element of the open container: it consumes a ',' when
// needed and reports false after consuming the closing byte.
func (d *Scanner) next(closing byte) (bool, error) {
	d.indent()
	if d.pos >= len(d.s) {
		return false, d.errf("unexpected end of input")
	}
	top := d.depth - 1
	if top < 0 {
		return false, d.errf("no open container")
	}
	if d.s[d.pos] == closing {
		d.pos++
		d.depth--
		return false, nil
	}
	if !d.isFirst(top) {
		if d.s[d.pos] != ',' {
			return false, d.errf("',' or '" + string(closing) + "' expected")
		}
		d.pos++
		d.indent()
		if d.pos < len(d.s) && d.s[d.pos] == closing {
			return false, d.errf("trailing comma")
		}
	}
	d.setFirst(top, false)
	return true, nil
}

// NextKey reads the next member key of the open object and the ':' after it. It returns
// ok=false when the object ends (its '}' is consumed).
func (d *Scanner) NextKey() (key string, ok bool, err error) {
	if ok, err = d.next('}'); !ok || err != nil {
		return "", ok, err
	}
	if key, err = d.str(); err != nil { // next has skipped the white space
		return "", false, err
	}
	d.ws()
	if d.pos >= len(d.s) || d.s[d.pos] != ':' {
		return "", false, d.errf("':' expected")
	}
	d.pos++
	return key, true, nil
}

// NextElem advances to the next element of the open array; false when the array ends.
func (d *Scanner) NextElem() (bool, error) { return d.next(']') }

// Skip consumes one value of any kind, checking its syntax.
func (d *Scanner) Skip() error {
	switch d.Peek() {
	case Null:
		return d.Null()
	case Bool:
		_, err := d.Bool()
		return err
	case Number:
		_, err := d.Number()
		return err
	case String:
		_, err := d.String()
		return err
	case Object:
		if err := d.BeginObject(); err != nil {
			return err
		}
		for {
			_, ok, err := d.NextKey()
			if err != nil || !ok {
				return err
			}
			if err := d.Skip(); err != nil {
				return err
			}
		}
	case Array:
		if err := d.BeginArray(); err != nil {
			return err
		}
		for {
			ok, err := d.NextElem()
			if err != nil || !ok {
				return err
			}
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	if d.pos >= len(d.s) {
		return d.errf("unexpected end of input")
	}
	return d.errf("value expected")
}

// End checks that only white space remains.
func (d *Scanner) End() error {
	d.ws()
	if d.pos != len(d.s) {
		return d.errf("data after the JSON value")
	}
	return nil
}
