package customattr

import "regexp/syntax"

// fixedPattern is a pattern that matches exactly the strings of one length whose every byte
// lies in a set of ASCII bytes for its place: ^E[0-9]{6}$ is "E" then six digits. Patterns of
// identifiers and codes are often of this shape, and matching them byte by byte is several
// times cheaper than regexp's one-pass machine (~150 ns for ^E[0-9]{6}$ on this machine, a
// few percent of a whole profile update). Only patterns anchored at both ends whose every part
// is an ASCII literal or an ASCII class, repeated a fixed number of times, are taken; for
// every other pattern fixedValue says no and the regexp is used. It is a second
// implementation of matching, on the update's hot path: TestFixedPatternMatchesRegexp and
// FuzzFixedPattern hold it to regexp.MatchString.
type fixedPattern struct {
	sets [][2]uint64 // sets[i] holds the bytes allowed at byte i, bit c%64 of word c/64
}

// maxFixedLength bounds the length of a fixed pattern (longer ones keep the regexp).
const maxFixedLength = 64

// fixedValue returns the fixedPattern of the pattern whose parse tree (syntax.Parse with the
// flags of regexp.Compile, as compilePattern has it already) is re; ok is false if it is not
// of that shape. It walks the tree as parsed (a counted repetition x{n} is taken n times)
// rather than Simplify's copy, so that compiling a schema costs one allocation more (the
// sets; an Attribute holds the fixedPattern in place), not a second parse.
func fixedValue(re *syntax.Regexp) (f fixedPattern, ok bool) {
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return f, false
	}
	n := 0
	for _, sub := range re.Sub[1 : len(re.Sub)-1] {
		k, ok := fixedLen(sub)
		if !ok || n+k > maxFixedLength {
			return f, false
		}
		n += k
	}
	f.sets = make([][2]uint64, 0, n)
	for _, sub := range re.Sub[1 : len(re.Sub)-1] {
		f.add(sub)
	}
	return f, true
}

// fixedLen is the number of bytes r matches if it is of the fixed shape (ASCII literals and
// classes, concatenated and repeated a fixed number of times), and whether it is.
func fixedLen(r *syntax.Regexp) (int, bool) {
	switch r.Op {
	case syntax.OpLiteral:
		if r.Flags&syntax.FoldCase != 0 {
			return 0, false
		}
		for _, c := range r.Rune {
			if c < 0 || c >= 0x80 {
				return 0, false
			}
		}
		return len(r.Rune), true
	case syntax.OpCharClass:
		if len(r.Rune) == 0 {
			return 0, false // matches nothing
		}
		for i := 0; i+1 < len(r.Rune); i += 2 {
			if lo, hi := r.Rune[i], r.Rune[i+1]; lo < 0 || hi >= 0x80 || lo > hi {
				return 0, false
			}
		}
		return 1, true
	case syntax.OpConcat:
		n := 0
		for _, sub := range r.Sub {
			k, ok := fixedLen(sub)
			if !ok || n+k > maxFixedLength {
				return 0, false
			}
			n += k
		}
		return n, true
	case syntax.OpRepeat:
		if r.Min != r.Max || r.Min < 1 || len(r.Sub) != 1 {
			return 0, false
		}
		k, ok := fixedLen(r.Sub[0])
		if !ok || k*r.Min > maxFixedLength {
			return 0, false
		}
		return k * r.Min, true
	}
	return 0, false
}

// add appends the sets of r, which fixedLen took.
func (f *fixedPattern) add(r *syntax.Regexp) {
	switch r.Op {
	case syntax.OpLiteral:
		for _, c := range r.Rune {
			var set [2]uint64
			set[c/64] |= 1 << (c % 64)
			f.sets = append(f.sets, set)
		}
	case syntax.OpCharClass:
		var set [2]uint64
		for i := 0; i+1 < len(r.Rune); i += 2 {
			for c := r.Rune[i]; c <= r.Rune[i+1]; c++ {
				set[c/64] |= 1 << (c % 64)
			}
		}
		f.sets = append(f.sets, set)
	case syntax.OpConcat:
		for _, sub := range r.Sub {
			f.add(sub)
		}
	case syntax.OpRepeat:
		for range r.Min {
			f.add(r.Sub[0])
		}
	}
}

// match reports whether s matches the pattern. A byte at or above 0x80 is in no set, so a
// string that is not ASCII never matches, as none of its runes is in an ASCII class.
func (f *fixedPattern) match(s string) bool {
	if len(s) != len(f.sets) {
		return false
	}
	for i, set := range f.sets {
		c := s[i]
		if c >= 0x80 || set[c>>6]&(1<<(c&63)) == 0 {
			return false
		}
	}
	return true
}
