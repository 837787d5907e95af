package customattr

import "regexp/syntax"

// fixedPattern is a pattern that matches exactly the strings of one length whose every byte
// lies in a set of ASCII bytes for its place: ^E[0-9]{6}$ is "E" then six digits. Many
// patterns of identifiers and codes are of this shape, and matching them byte by byte is
// several times cheaper than regexp's one-pass machine. Only patterns anchored at both ends
// whose every part is an ASCII literal or an ASCII class, repeated a fixed number of times,
// are taken; for every other pattern, fixedOf returns nil and the regexp is used.
// TestFixedPatternMatchesRegexp holds it to regexp.MatchString.
type fixedPattern struct {
	sets [][2]uint64 // sets[i] holds the bytes allowed at byte i, bit c%64 of word c/64
}

// maxFixedLength bounds the length of a fixed pattern (longer ones keep the regexp).
const maxFixedLength = 64

// fixedOf returns the fixedPattern of p, parsed with the flags of regexp.Compile, or nil if
// p is not of that shape.
func fixedOf(p string) *fixedPattern {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify() // x{n} becomes n copies of x
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return nil
	}
	f := &fixedPattern{sets: [][2]uint64{}}
	var add func(r *syntax.Regexp) bool
	add = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpLiteral:
			if r.Flags&syntax.FoldCase != 0 {
				return false
			}
			for _, c := range r.Rune {
				if c < 0 || c >= 0x80 {
					return false
				}
				var set [2]uint64
				set[c/64] |= 1 << (c % 64)
				f.sets = append(f.sets, set)
			}
		case syntax.OpCharClass:
			var set [2]uint64
			for i := 0; i+1 < len(r.Rune); i += 2 {
				lo, hi := r.Rune[i], r.Rune[i+1]
				if lo < 0 || hi >= 0x80 || lo > hi {
					return false
				}
				for c := lo; c <= hi; c++ {
					set[c/64] |= 1 << (c % 64)
				}
			}
			f.sets = append(f.sets, set)
		case syntax.OpConcat:
			for _, sub := range r.Sub {
				if !add(sub) {
					return false
				}
			}
		default:
			return false
		}
		return len(f.sets) <= maxFixedLength
	}
	for _, sub := range re.Sub[1 : len(re.Sub)-1] {
		if !add(sub) {
			return nil
		}
	}
	return f
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
