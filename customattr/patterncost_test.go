package customattr

import (
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// actualProgSize is the number of instructions regexp compiles p to.
func actualProgSize(t testing.TB, p string) (int, bool) {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return 0, false
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0, false
	}
	return len(prog.Inst), true
}

var progSizePatterns = []string{
	``, `a`, `abc`, `(?i)abc`, `^abc$`, `[a-z]`, `\pL`, `.`, `(?s).`, `a|b|c`, `(a|b)c`, `(?:)`, `()`,
	`a*`, `a+`, `a?`, `a*?`, `(a*)*`, `(?:a+)+`, `a{0}`, `a{1}`, `a{2}`, `a{0,1}`, `a{1,3}`, `a{3,}`, `a{0,}`,
	`a{1,}`, `[a-z]{1000}`, `[a-z]{998}`, `(?:[a-z ]{0,30}){30}`, `(?:ab|cd){2,5}`, `((a)(b)){3}`,
	`^[A-Za-z0-9 ]+$`, `^E[0-9]+$`, `^([a-z]+ ?)+$`, `^(?:[a-z]{1,8} )+$`, `\b\w+\b`, `(?m)^a$`,
	`[^\x00-\x{10FFFF}]`, `(?:a{2}){3,4}`, `(?:(?:a|b){2}|c){3}`,
	`^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,255}$`, `^\+?[0-9]{7,15}$`,
}

// TestProgSizeEstimate: the estimate of a pattern's program size is never below the size
// regexp/syntax compiles it to, and not far above it.
func TestProgSizeEstimate(t *testing.T) {
	for _, p := range progSizePatterns {
		got, ok := actualProgSize(t, p)
		require.True(t, ok, p)
		re, err := syntax.Parse(p, syntax.Perl)
		require.NoError(t, err)
		est := programBase + progSize(re)
		assert.GreaterOrEqual(t, est, got, "%q: estimate %d below the actual %d", p, est, got)
		assert.LessOrEqual(t, est, 2*got+2, "%q: estimate %d far above the actual %d", p, est, got)
	}
}

// FuzzProgSizeEstimate: the estimate is never below the actual size, for any pattern that
// parses (and is small enough to compile quickly); counting the fold work never fails.
func FuzzProgSizeEstimate(f *testing.F) {
	for _, p := range progSizePatterns {
		f.Add(p)
	}
	f.Add(strings.Repeat(`\pL{100}`, 10))
	f.Add(`(?i)[\x{100}-\x{FFFF}\]\101-\x5A[:alpha:]\pL]\Q[\E`)
	f.Fuzz(func(t *testing.T, p string) {
		if len(p) > maxPatternLength {
			return
		}
		if folds, tables := parseCost(p); folds < 0 || tables < 0 || (!mayFold(p) && folds != 0) {
			t.Fatalf("%q: parse cost %d %d", p, folds, tables)
		}
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			return
		}
		est := programBase + progSize(re)
		if est > 20*maxPatternSize {
			return // too costly to compile here; the estimate only has to be at least the size
		}
		got, ok := actualProgSize(t, p)
		if ok && est < got {
			t.Fatalf("%q: estimate %d below the actual size %d", p, est, got)
		}
	})
}

// TestParseCostFolds: the case folding a pattern asks of the regexp parser, counted on its
// text.
func TestParseCostFolds(t *testing.T) {
	for p, want := range map[string]int{
		`abc`:                                     0,
		`[\x{100}-\x{FFFF}]`:                      0, // no case folding
		`(?:[\x{100}-\x{FFFF}])`:                  0,
		`(?-s:[\x{100}-\x{FFFF}])`:                0,
		`(?i)[\x{100}-\x{FFFF}]`:                  0xFFFF - 0x100 + 1,
		`(?mi:x)[\x{100}-\x{FFFF}]`:               0xFFFF - 0x100 + 1, // counted wherever the flag is
		`(?i)[^\x{100}-\x{FFFF}]`:                 0xFFFF - 0x100 + 1, // the range as written, not its complement
		`(?i)[\x{0}-\x{10FFFF}]`:                  1,                  // covers every fold: appended whole
		`(?i)[\x{41}-\x{1E943}]`:                  1,
		`(?i)[\x{42}-\x{1E942}]`:                  0x1E942 - 0x42 + 1,
		`(?i)[\x{1E944}-\x{10FFFF}]`:              1, // beyond the folds
		`(?i)[a-z]`:                               26,
		`(?i)[A-Za-z0-9_]`:                        26 + 26 + 1 + 1,
		`(?i)[\101-\132]`:                         26, // octal
		`(?i)[\x41-\x5A]`:                         26,
		`(?i)[À-ÿ]`:                               0xFF - 0xC0 + 1,
		`(?i)[]a]`:                                2, // ] first is a character
		`(?i)[a-]`:                                2, // - last is a character
		`(?i)[\]-\x{FFFF}]`:                       0xFFFF - ']' + 1,
		`(?i)\pL[\p{Greek}\PL\pN]`:                0, // Unicode classes fold by table
		`(?i)[[:alpha:]]`:                         groupFolds,
		`(?i)\w[\d]`:                              2 * groupFolds,
		`(?i)\Q[\x{100}-\x{FFFF}]\E`:              0, // literal text
		`(?i)\[\x{100}-\x{FFFF}]`:                 0, // an escaped bracket is no class
		`(?i)[\x{100}-\x{FFFF}][\x{100}-\x{1FF}]`: 0xFFFF - 0x100 + 1 + 0x100,
		`(?i)[\x{100}-`:                           2, // unterminated (the parse fails): what was read
		`(?i)[z-a]`:                               0, // reversed: the parse fails
	} {
		folds, _ := parseCost(p)
		assert.Equal(t, want, folds, "%s", p)
	}
}

// TestParseCostTables: the Unicode classes a pattern names, in or out of brackets.
func TestParseCostTables(t *testing.T) {
	for p, want := range map[string]int{
		`abc`:                   0,
		`\pL`:                   1,
		`\p{Greek}\PN`:          2,
		`[\pL\p{Han}][^\PM]`:    3,
		`(?i)[\pL-]\pL{1000}`:   2, // a repetition shares its table
		`\\p`:                   0, // an escaped backslash, then p
		`\Q\pL\E`:               0, // literal text
		`[\w\d[:alpha:]]`:       0,
		`[\x{100}-\x{FFFF}]\pL`: 1,
	} {
		_, tables := parseCost(p)
		assert.Equal(t, want, tables, "%s", p)
	}
}
