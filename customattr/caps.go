package customattr

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
)

// Caps on what one definition list may cost to compile, and a pattern to run. [Compile]
// reports a violation as a cause located at the member that breaks it, with Details.Expected
// the cap and Details.Actual what was found; a list over maxAttributes is rejected with that
// one cause and nothing else is checked. The totals are budgets for the whole list, spent in
// list order: a pattern or an enum that does not fit in what is left is reported (kind
// "limit") and not compiled, and only what is compiled is charged. Each cap is checked before
// the work it bounds, so a list over the caps costs little to reject.
//
// With every cap reached at once, compiling a list allocates about 20 MiB
// (BenchmarkCompileCaps); without the caps, 1000 patterns of 1000 alternatives took 416 MiB.
const (
	// maxAttributes is the largest number of definitions in one list (kind "maxLength" at "").
	// Definitions without patterns cost little to compile (3200 compile in about 2 ms); the
	// pattern caps below bound the rest.
	maxAttributes = 4096
	// maxEnumOptions is the largest number of options of one enum attribute (kind "maxLength"
	// at /i/enum).
	maxEnumOptions = 1000
	// maxEnumOptionsTotal is the largest number of options of all enum attributes of one list
	// together (kind "limit" at /i/enum).
	maxEnumOptionsTotal = 16384
	// maxPatternLength is the longest pattern, in bytes (kind "maxLength" at /i/pattern).
	maxPatternLength = 1024
	// maxPatternBytes is the most bytes of all patterns of one list together (kind "limit" at
	// /i/pattern).
	maxPatternBytes = 64 << 10
	// maxPatternSize is the largest program one pattern may compile to, in instructions of Go's
	// regexp machine, estimated on the parsed pattern before it is compiled: a counted
	// repetition x{n,m} counts x m times, so the 11-byte [a-z]{1000} counts 1002 (kind "limit"
	// at /i/pattern). It bounds the cost of compiling a pattern and the per-byte cost of
	// matching it (Go's regexp runs at most one thread per instruction).
	maxPatternSize = 1000
	// maxPatternSizeTotal is the largest program size of all patterns of one list together
	// (kind "limit" at /i/pattern).
	maxPatternSizeTotal = 1 << 16
	// maxPatternFolds is the most code points all patterns of one list together may have Go's
	// regexp parser case-fold one at a time (kind "limit" at /i/pattern). Under (?i) the parser
	// folds a range lo-hi of a bracketed class code point by code point over its part within
	// U+0041..U+1E943, unless the range covers all of it: the 24-byte (?i)[\x{100}-\x{FFFF}]
	// counts 65280 and takes about a millisecond to parse. Counted on the pattern's text, and
	// only when the pattern has a flag group that can turn case folding on.
	maxPatternFolds = 1 << 18
	// maxPatternTables is the most Unicode classes (\pL, \p{Greek}, \PN, in or out of brackets)
	// all patterns of one list together may name (kind "limit" at /i/pattern): each copies its
	// table (\pL has some 700 ranges, about 13 KiB compiled).
	maxPatternTables = 256
)

// budget is what is spent of the list-wide caps while a list compiles.
type budget struct {
	options, patternBytes, patternSize, patternFolds, patternTables int
}

// checkListLength reports a list of n definitions over maxAttributes.
func checkListLength(n int) *validation.Cause {
	if n <= maxAttributes {
		return nil
	}
	return &validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{
		Expected: maxAttributes, Actual: n,
		Message: "a list may define at most " + strconv.Itoa(maxAttributes) + " custom attributes",
	}}
}

// chargeEnum charges an enum of n options, or reports why it does not fit (empty location).
func (b *budget) chargeEnum(n int) *validation.Cause {
	switch {
	case n > maxEnumOptions:
		return &validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{
			Expected: maxEnumOptions, Actual: n,
			Message: "an enum attribute may have at most " + strconv.Itoa(maxEnumOptions) + " options",
		}}
	case b.options+n > maxEnumOptionsTotal:
		return &validation.Cause{Kind: validation.KindLimit, Details: validation.Details{
			Expected: maxEnumOptionsTotal, Actual: b.options + n,
			Message: "the enum attributes of the list have more than " + strconv.Itoa(maxEnumOptionsTotal) + " options together",
		}}
	}
	b.options += n
	return nil
}

func limitCause(limit, actual int, msg string) *validation.Cause {
	return &validation.Cause{Kind: validation.KindLimit, Details: validation.Details{Expected: limit, Actual: actual, Message: msg}}
}

// compilePattern compiles p into a.re if it fits the caps and what is left of the list's
// budgets, which it then charges; otherwise it reports why (empty location). The length and
// what parsing will cost (counted on the text) are checked before parsing, the program size
// (estimated on the parse tree) before compiling.
func compilePattern(a *Attribute, p string, b *budget) *validation.Cause {
	n := len(p)
	switch {
	case n > maxPatternLength:
		return &validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{
			Expected: maxPatternLength, Actual: n,
			Message: "a pattern may be at most " + strconv.Itoa(maxPatternLength) + " bytes long",
		}}
	case b.patternBytes+n > maxPatternBytes:
		return limitCause(maxPatternBytes, b.patternBytes+n,
			"the patterns of the list are longer than "+strconv.Itoa(maxPatternBytes)+" bytes together")
	}
	folds, tables := parseCost(p)
	switch {
	case b.patternFolds+folds > maxPatternFolds:
		return limitCause(maxPatternFolds, b.patternFolds+folds, "the patterns of the list case-fold more than "+
			strconv.Itoa(maxPatternFolds)+" code points together (under (?i) a class range is folded code point by code point)")
	case b.patternTables+tables > maxPatternTables:
		return limitCause(maxPatternTables, b.patternTables+tables, "the patterns of the list name more than "+
			strconv.Itoa(maxPatternTables)+" Unicode classes (\\p...) together")
	}
	invalid := func(err error) *validation.Cause {
		return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
			Format: "regex", Actual: p, Message: "not a valid RE2 regular expression: " + err.Error(),
		}}
	}
	parsed, err := syntax.Parse(p, syntax.Perl) // the flags of regexp.Compile
	if err != nil {
		return invalid(err)
	}
	size := programBase + progSize(parsed)
	switch {
	case size > maxPatternSize:
		return limitCause(maxPatternSize, size, "the pattern compiles to more than "+strconv.Itoa(maxPatternSize)+
			" instructions (a counted repetition x{n,m} counts x m times)")
	case b.patternSize+size > maxPatternSizeTotal:
		return limitCause(maxPatternSizeTotal, b.patternSize+size,
			"the patterns of the list compile to more than "+strconv.Itoa(maxPatternSizeTotal)+" instructions together")
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return invalid(err)
	}
	a.re = re
	a.fixed, a.isFixed = fixedValue(parsed)
	b.patternBytes += n
	b.patternSize += size
	b.patternFolds += folds
	b.patternTables += tables
	return nil
}

// programBase is the number of instructions every compiled program has besides its pattern's:
// the fail and the match instruction.
const programBase = 2

// progSize estimates the number of instructions re compiles to (regexp/syntax.Compile after
// Simplify) from the parse tree, without expanding its repetitions, so that measuring a huge
// program costs no more than parsing its pattern. The estimate is never below the actual
// size (Simplify only shrinks what it does not expand).
func progSize(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return max(len(re.Rune), 1) // one instruction per rune
	case syntax.OpCapture:
		return progSize(re.Sub[0]) + 2
	case syntax.OpPlus, syntax.OpQuest:
		return progSize(re.Sub[0]) + 1 // one alternation
	case syntax.OpStar:
		return progSize(re.Sub[0]) + 2 // x* of an x that matches empty compiles as (x+)?
	case syntax.OpRepeat:
		// Simplify expands x{n,m} into n copies of x then m-n nested optional copies (one
		// alternation each), x{n,} into n copies with the last repeated (one alternation).
		sub := progSize(re.Sub[0])
		switch {
		case re.Max < 0 && re.Min == 0:
			return sub + 2 // x*
		case re.Max < 0:
			return re.Min*sub + 1
		case re.Max == 0:
			return 1
		}
		return re.Max*sub + (re.Max - re.Min)
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			total += progSize(sub)
		}
		if re.Op == syntax.OpAlternate {
			total += len(re.Sub) - 1 // k alternatives take k-1 alternations
		}
		return max(total, 1) // an empty concatenation is one no-op
	}
	return 1 // a character class, any character, an empty-width assertion, no match
}

// Bounds of the code points that have case folds; the regexp parser folds a class range one
// code point at a time within them (regexp/syntax minFold and maxFold).
const (
	minFold = 0x0041
	maxFold = 0x1e943
	// groupFolds is what a named ASCII group ([:alpha:], \w, ...) is counted: at most 128 code
	// points to fold.
	groupFolds = 128
)

// parseCost counts on p's text what parsing it will cost beyond its length: folds, the code
// points the regexp parser case-folds one at a time (see [maxPatternFolds]), as if case
// folding applied everywhere, or 0 when p has no flag group that can turn it on ("(?i)",
// "(?mi:"); and tables, the Unicode classes it names (see [maxPatternTables]). It follows the
// parser's syntax (regexp/syntax parseClass); on text the parser would reject it stops,
// since parsing then fails.
func parseCost(p string) (folds, tables int) {
	for i := 0; i < len(p); {
		switch {
		case strings.HasPrefix(p[i:], `\Q`): // literal text up to \E, folded rune by rune
			j := strings.Index(p[i+2:], `\E`)
			if j < 0 {
				i = len(p)
				break
			}
			i += 2 + j + 2
		case p[i] == '\\':
			if i+1 < len(p) {
				switch c := p[i+1]; {
				case c == 'p' || c == 'P':
					tables++
				case strings.IndexByte("dDsSwW", c) >= 0:
					folds += groupFolds
				}
			}
			i += 2 // what follows an escape holds no '[' or '\' the parser would read as such
		case p[i] == '[':
			f, t, n, ok := classCost(p[i:])
			folds += f
			tables += t
			if !ok {
				i = len(p)
				break
			}
			i += n
		default:
			i++
		}
	}
	if !mayFold(p) {
		folds = 0
	}
	return folds, tables
}

// mayFold reports whether p has a flag group that sets i: "(?" then flags, one of them i,
// then ")" or ":".
func mayFold(p string) bool {
	for i := 0; i+2 < len(p); i++ {
		if p[i] != '(' || p[i+1] != '?' {
			continue
		}
		fold := false
		j := i + 2
		for ; j < len(p) && strings.IndexByte("imsU-", p[j]) >= 0; j++ {
			fold = fold || p[j] == 'i'
		}
		if fold && j < len(p) && (p[j] == ')' || p[j] == ':') {
			return true
		}
	}
	return false
}

// classCost counts the folds and tables of the bracketed class at the start of s
// (s[0] == '[') and returns its length; ok is false when the parser would reject the class.
func classCost(s string) (folds, tables, n int, ok bool) {
	t := strings.TrimPrefix(s[1:], "^")
	for first := true; t == "" || t[0] != ']' || first; first = false {
		if t == "" {
			return folds, tables, len(s), false
		}
		if len(t) > 2 && t[0] == '[' && t[1] == ':' { // POSIX [:alpha:]: an ASCII group
			if j := strings.Index(t[2:], ":]"); j >= 0 {
				folds += groupFolds
				t = t[2+j+2:]
				continue
			}
		}
		if len(t) >= 2 && t[0] == '\\' && (t[1] == 'p' || t[1] == 'P') { // \pL, \p{Greek}: a table
			tables++
			if len(t) >= 3 && t[2] == '{' {
				j := strings.IndexByte(t, '}')
				if j < 0 {
					return folds, tables, len(s), false
				}
				t = t[j+1:]
			} else {
				_, size := utf8.DecodeRuneInString(t[2:])
				t = t[2+size:]
			}
			continue
		}
		if len(t) >= 2 && t[0] == '\\' && strings.IndexByte("dDsSwW", t[1]) >= 0 {
			folds += groupFolds
			t = t[2:]
			continue
		}
		lo, rest, good := classChar(t)
		if !good {
			return folds, tables, len(s) - len(t), false
		}
		t = rest
		hi := lo
		if len(t) >= 2 && t[0] == '-' && t[1] != ']' {
			if hi, t, good = classChar(t[1:]); !good || hi < lo {
				return folds, tables, len(s) - len(t), false
			}
		}
		switch {
		case lo <= minFold && hi >= maxFold, hi < minFold, lo > maxFold:
			folds++ // appended whole
		default:
			folds += int(min(hi, maxFold)-max(lo, minFold)) + 1
		}
	}
	return folds, tables, len(s) - len(t) + 1, true
}

// classChar reads one character of a class, a rune or an escape, as regexp/syntax
// parseClassChar does.
func classChar(t string) (r rune, rest string, ok bool) {
	if t == "" {
		return 0, "", false
	}
	if t[0] != '\\' {
		r, size := utf8.DecodeRuneInString(t)
		return r, t[size:], true
	}
	if len(t) < 2 {
		return 0, "", false
	}
	c, t := t[1], t[2:]
	switch {
	case c == '0' || (c >= '1' && c <= '7' && t != "" && t[0] >= '0' && t[0] <= '7'): // octal
		r = rune(c - '0')
		for i := 1; i < 3 && t != "" && t[0] >= '0' && t[0] <= '7'; i++ {
			r = r*8 + rune(t[0]-'0')
			t = t[1:]
		}
		return r, t, true
	case c == 'x':
		if strings.HasPrefix(t, "{") {
			j := strings.IndexByte(t, '}')
			if j < 2 {
				return 0, "", false
			}
			v, err := strconv.ParseUint(t[1:j], 16, 32)
			if err != nil || v > unicode.MaxRune {
				return 0, "", false
			}
			return rune(v), t[j+1:], true
		}
		if len(t) < 2 {
			return 0, "", false
		}
		v, err := strconv.ParseUint(t[:2], 16, 8)
		if err != nil {
			return 0, "", false
		}
		return rune(v), t[2:], true
	case c < utf8.RuneSelf && !isAlnum(c): // an escaped punctuation character is itself
		return rune(c), t, true
	}
	if i := strings.IndexByte("afnrtv", c); i >= 0 {
		return rune("\a\f\n\r\t\v"[i]), t, true
	}
	return 0, "", false
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}
