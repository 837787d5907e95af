package customattr

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"testing"
)

// fixedOfText parses p as compilePattern does and returns its fixed form, or nil (also when p
// does not parse).
func fixedOfText(p string) *fixedPattern {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return nil
	}
	f, ok := fixedValue(re)
	if !ok {
		return nil
	}
	return &f
}

// fixedPatterns are patterns of the fixed shape (fixedValue must take them) and near misses of
// it (it must leave them to the regexp, or match as the regexp does).
var fixedPatterns = []struct {
	p     string
	fixed bool
}{
	{`^E[0-9]{6}$`, true}, {`^[A-Z]{2}$`, true}, {`^$`, true}, {`^abc$`, true},
	{`^[a-c][^\x00-\x60\x64-\x{10FFFF}]x$`, true}, {`^\d\d-\w{3}\.[[:alpha:]]$`, true},
	{`\A[0-9]{4}\z`, true}, {`^(?:ab){2}[xy]$`, true}, {`^[\x00-\x7f]{3}$`, true},
	{`^[\x00-\x80]$`, false}, {`^[^a]$`, false}, {`^é$`, false}, {`^(?i)ab$`, false},
	{`^(?i:[a-c])$`, true}, {`^a.b$`, false}, {`^a{2,3}$`, false}, {`^a*$`, false},
	{`^(a)$`, false}, {`E[0-9]{6}`, false}, {`^E[0-9]{6}`, false}, {`E[0-9]{6}$`, false},
	{`(?m)^a$`, false}, {`^a|b$`, false}, {`^a$|^b$`, false}, {`^a{0}b$`, false},
	{`^\x{7f}\x00$`, true}, {`^[[:^alpha:]]$`, false}, {`^\pL$`, false}, {`^a\b$`, false},
	{`^[0-9]{65}$`, false}, {`^[0-9]{64}$`, true},
	{`^(?:[0-9]{32}){3}$`, false}, {`^(?:[0-9]{32}){2}$`, true}, {`^a(?:[0-9]{32}){2}$`, false},
	{`^(?i:[k])$`, false}, {`^(?i:[a-c])x$`, true}, {`^[^\x00-\x{10FFFF}]$`, false},
}

// fixedAlphabet holds bytes inside and around the classes above, white space, and bytes that
// are not ASCII (a lead byte, a continuation byte, the start of "é").
const fixedAlphabet = "aAbcdxyzE09-_.\x00\x7f\x80\xc3\xa9\xff \n"

// TestFixedPatternMatchesRegexp holds fixedPattern.match to regexp.MatchString: on every
// string up to four bytes over fixedAlphabet, on strings made from each pattern's sets (a
// match, and each byte of it replaced by each byte of the alphabet), and on random strings.
func TestFixedPatternMatchesRegexp(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, tc := range fixedPatterns {
		re := regexp.MustCompile(tc.p)
		f := fixedOfText(tc.p)
		if (f != nil) != tc.fixed {
			t.Errorf("fixedValue(%q) ok is %v, want %v", tc.p, f != nil, tc.fixed)
		}
		if f == nil {
			continue
		}
		same := func(s string) {
			if got, want := f.match(s), re.MatchString(s); got != want {
				t.Fatalf("%q on %q: fixed %v, regexp %v", tc.p, s, got, want)
			}
		}
		var words func(prefix string, n int)
		words = func(prefix string, n int) {
			same(prefix)
			if n == 0 {
				return
			}
			for i := 0; i < len(fixedAlphabet); i++ {
				words(prefix+fixedAlphabet[i:i+1], n-1)
			}
		}
		words("", 4)
		// a match, from each set's lowest byte and from random bytes of the sets
		for range 20 {
			b := make([]byte, len(f.sets))
			for i, set := range f.sets {
				var in []byte
				for c := 0; c < 0x80; c++ {
					if set[c>>6]&(1<<(c&63)) != 0 {
						in = append(in, byte(c))
					}
				}
				if len(in) == 0 {
					b = nil
					break
				}
				b[i] = in[r.IntN(len(in))]
			}
			if b == nil {
				break
			}
			s := string(b)
			if !re.MatchString(s) {
				t.Fatalf("%q: made %q, which the regexp does not match", tc.p, s)
			}
			same(s)
			same(s + "a")
			same("a" + s)
			same(s + "\n")
			for i := range b {
				same(s[:i] + s[i+1:])
				for j := 0; j < len(fixedAlphabet); j++ {
					same(s[:i] + fixedAlphabet[j:j+1] + s[i+1:])
				}
			}
		}
		for range 20000 {
			b := make([]byte, r.IntN(len(f.sets)+3))
			for i := range b {
				b[i] = fixedAlphabet[r.IntN(len(fixedAlphabet))]
			}
			same(string(b))
		}
	}
}

// FuzzFixedPattern holds fixedPattern.match to regexp.MatchString on any pattern fixedValue takes
// and any string.
func FuzzFixedPattern(f *testing.F) {
	for _, tc := range fixedPatterns {
		f.Add(tc.p, "E123456")
	}
	f.Add(`^[a-f0-9]{8}-[a-f0-9]{4}$`, "0123abcd-ef01")
	f.Fuzz(func(t *testing.T, p, s string) {
		fp := fixedOfText(p)
		if fp == nil {
			return
		}
		re, err := regexp.Compile(p)
		if err != nil {
			t.Fatalf("fixedValue took %q, which does not compile: %v", p, err)
		}
		if got, want := fp.match(s), re.MatchString(s); got != want {
			t.Fatalf("%q on %q: fixed %v, regexp %v", p, s, got, want)
		}
	})
}

// TestFixedPatternCompileCost: building the fixed form from the parse tree Compile already has
// costs one allocation (the byte sets), whatever the pattern's length.
func TestFixedPatternCompileCost(t *testing.T) {
	for _, p := range []string{`^E[0-9]{6}$`, `^[A-Z]{2}-[0-9]{4}$`, `^[0-9]{64}$`} {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := fixedValue(re); !ok {
			t.Fatalf("%q: not taken", p)
		}
		if n := testing.AllocsPerRun(100, func() { _, _ = fixedValue(re) }); n != 1 {
			t.Errorf("%q: %v allocations, want 1", p, n)
		}
	}
}
