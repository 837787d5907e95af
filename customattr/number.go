package customattr

import (
	"math"
	"strconv"
)

// decimal is an exact view of a JSON number literal, made without allocating: the value is
// 0.d₁d₂…dₙ × 10^exp, where the significant digits d₁…dₙ are a followed by b (the integer and the
// fraction digits of the literal, with leading and trailing zeros removed). n == 0 is zero.
type decimal struct {
	neg  bool
	a, b string
	exp  int64
}

// expLimit bounds the exponent kept by parseDecimal. Literals beyond it are far outside the
// float64 and int64 ranges, so saturating keeps every comparison this package makes exact.
const expLimit = 1 << 40

// parseDecimal parses s as a JSON number literal (RFC 8259 grammar: no leading "+", no leading
// zeros, no hex, no NaN/Inf). ok is false if s is not one.
func parseDecimal(s string) (d decimal, ok bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		d.neg = true
		i++
	}
	// Integer part: "0" or [1-9][0-9]*.
	start := i
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		return decimal{}, false
	}
	intPart := s[start:i]
	fracPart := ""
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == fs {
			return decimal{}, false
		}
		fracPart = s[fs:i]
	}
	var e int64
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		es := i
		for i < len(s) && isDigit(s[i]) {
			if e < expLimit {
				e = e*10 + int64(s[i]-'0')
			}
			i++
		}
		if i == es {
			return decimal{}, false
		}
		if e > expLimit {
			e = expLimit
		}
		if eneg {
			e = -e
		}
	}
	if i != len(s) {
		return decimal{}, false
	}
	// Strip leading zeros of intPart+fracPart, then trailing zeros.
	exp := int64(len(intPart))
	a, b := intPart, fracPart
	for len(a) > 0 && a[0] == '0' {
		a = a[1:]
		exp--
	}
	if len(a) == 0 {
		for len(b) > 0 && b[0] == '0' {
			b = b[1:]
			exp--
		}
	}
	for len(b) > 0 && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if len(b) == 0 { // "10.0" has the digits of "10": strip the integer part's zeros too
		for len(a) > 0 && a[len(a)-1] == '0' {
			a = a[:len(a)-1]
		}
	}
	d.a, d.b = a, b
	if len(a)+len(b) == 0 {
		return decimal{}, true // zero, "-0" included
	}
	d.exp = exp + e
	return d, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (d decimal) n() int { return len(d.a) + len(d.b) }

func (d decimal) digit(i int) byte {
	if i < len(d.a) {
		return d.a[i]
	}
	return d.b[i-len(d.a)]
}

func (d decimal) isZero() bool { return d.n() == 0 }

// isInteger reports whether d has no fractional part.
func (d decimal) isInteger() bool { return d.isZero() || int64(d.n()) <= d.exp }

// cmp compares d and e exactly and returns -1, 0 or +1. It takes pointers: passing two
// decimals by value cost a check of a number with both bounds ~2 % of the reference update.
func (d *decimal) cmp(e *decimal) int {
	switch {
	case d.isZero() && e.isZero():
		return 0
	case d.isZero():
		if e.neg {
			return 1
		}
		return -1
	case e.isZero():
		if d.neg {
			return -1
		}
		return 1
	case d.neg != e.neg:
		if d.neg {
			return -1
		}
		return 1
	}
	c := d.cmpAbs(e)
	if d.neg {
		return -c
	}
	return c
}

func (d *decimal) cmpAbs(e *decimal) int {
	if d.exp != e.exp {
		if d.exp < e.exp {
			return -1
		}
		return 1
	}
	dn, en := d.n(), e.n()
	for i := 0; i < dn && i < en; i++ {
		x, y := d.digit(i), e.digit(i)
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case dn < en:
		return -1
	case dn > en:
		return 1
	}
	return 0
}

// int64 returns d as an int64. ok is false if d is not an integer; over reports, for an integer
// outside the int64 range, which way it overflowed (+1 above, -1 below).
func (d decimal) int64() (v int64, over int, ok bool) {
	if !d.isInteger() {
		return 0, 0, false
	}
	if d.isZero() {
		return 0, 0, true
	}
	sign := 1
	if d.neg {
		sign = -1
	}
	if d.exp > 19 {
		return 0, sign, true
	}
	var u uint64
	for i := int64(0); i < d.exp; i++ {
		var c uint64
		if i < int64(d.n()) {
			c = uint64(d.digit(int(i)) - '0')
		}
		if u > (math.MaxUint64-c)/10 {
			return 0, sign, true
		}
		u = u*10 + c
	}
	if d.neg {
		if u > 1<<63 {
			return 0, sign, true
		}
		return int64(-u), 0, true // u ≤ 2^63: the negation wraps to exactly -u
	}
	if u > math.MaxInt64 {
		return 0, sign, true
	}
	return int64(u), 0, true
}

// Limits of the ranges a value must fit, as exact literals and parsed.
var (
	maxInt64Lit   = strconv.FormatInt(math.MaxInt64, 10)
	minInt64Lit   = strconv.FormatInt(math.MinInt64, 10)
	maxFloat64Lit = strconv.FormatFloat(math.MaxFloat64, 'g', -1, 64)
	minFloat64Lit = strconv.FormatFloat(-math.MaxFloat64, 'g', -1, 64)
	maxFloat64Dec = mustDecimal(maxFloat64Lit)
	minFloat64Dec = mustDecimal(minFloat64Lit)
)

func mustDecimal(s string) decimal {
	d, ok := parseDecimal(s)
	if !ok {
		panic("customattr: bad constant literal " + s)
	}
	return d
}
