package customattr_test

// The caps on what one definition list may cost to compile (issue 15, item 9): each violation
// is one cause at the member that breaks it, with Details.Expected the cap, and what is over a
// cap is not compiled, so an oversized list costs little to reject. Memory is measured as
// bytes allocated (runtime.MemStats.TotalAlloc); no test measures wall-clock time.

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/validation"
)

// capDefs is n string definitions /a0 ... with the patterns pattern(i) ("" for none).
func capDefs(n int, pattern func(i int) string) []customattr.Definition {
	defs := make([]customattr.Definition, n)
	for i := range defs {
		defs[i] = customattr.Definition{ID: fmt.Sprint(i), Pointer: fmt.Sprintf("/a%d", i), Type: customattr.String}
		if pattern != nil {
			defs[i].Pattern = pattern(i)
		}
	}
	return defs
}

func options(n int) []string {
	opts := make([]string, n)
	for i := range opts {
		opts[i] = fmt.Sprintf("option_%d", i)
	}
	return opts
}

// classPattern is a pattern of exactly n bytes (n >= 6) that compiles to a handful of
// instructions: one big character class.
func classPattern(n int) string {
	body := strings.Repeat("a", n-4)
	return "^[" + body + "]$"
}

// compileCauses compiles defs and returns its causes (nil when it compiles).
func compileCauses(t *testing.T, defs []customattr.Definition) []*validation.Cause {
	t.Helper()
	_, err := customattr.Compile(defs, customattr.Options{})
	if err == nil {
		return nil
	}
	var verr *validation.Error
	require.True(t, errors.As(err, &verr), "%T %v", err, err)
	return verr.Causes
}

// requireOneCause asserts that defs fail with exactly one cause, of kind at loc, whose
// Expected is the cap and Actual is actual.
func requireOneCause(t *testing.T, defs []customattr.Definition, loc string, kind validation.Kind, cap, actual int) {
	t.Helper()
	causes := compileCauses(t, defs)
	require.Len(t, causes, 1, "%v", causes)
	c := causes[0]
	assert.Equal(t, loc, c.Location)
	assert.Equal(t, kind, c.Kind)
	assert.Equal(t, cap, c.Details.Expected)
	assert.Equal(t, actual, c.Details.Actual)
	assert.NotEmpty(t, c.Details.Message)
}

func TestCapAttributes(t *testing.T) {
	require.Nil(t, compileCauses(t, capDefs(customattr.MaxAttributes, nil)))
	// Over the cap: one cause for the list, whatever else is wrong with it.
	defs := capDefs(customattr.MaxAttributes+1, nil)
	defs[3].Type = "bogus"
	defs[4].Pointer = "/name"
	requireOneCause(t, defs, "", validation.KindMaxLength, customattr.MaxAttributes, customattr.MaxAttributes+1)
}

func TestCapEnumOptions(t *testing.T) {
	enum := func(n int) customattr.Definition {
		return customattr.Definition{ID: "e", Pointer: "/e", Type: customattr.Enum, Enum: options(n)}
	}
	require.Nil(t, compileCauses(t, []customattr.Definition{enum(customattr.MaxEnumOptions)}))
	requireOneCause(t, []customattr.Definition{enum(customattr.MaxEnumOptions + 1)}, "/0/enum",
		validation.KindMaxLength, customattr.MaxEnumOptions, customattr.MaxEnumOptions+1)

	// The list-wide budget: enums of maxEnumOptions options fit until the total is spent.
	fit := customattr.MaxEnumOptionsTotal / customattr.MaxEnumOptions
	var defs []customattr.Definition
	for i := range fit + 2 {
		defs = append(defs, customattr.Definition{ID: fmt.Sprint(i), Pointer: fmt.Sprintf("/e%d", i), Type: customattr.Enum,
			Enum: options(customattr.MaxEnumOptions)})
	}
	defs[fit+1].Enum = options(customattr.MaxEnumOptionsTotal - fit*customattr.MaxEnumOptions) // exactly what is left
	requireOneCause(t, defs, fmt.Sprintf("/%d/enum", fit), validation.KindLimit, customattr.MaxEnumOptionsTotal,
		(fit+1)*customattr.MaxEnumOptions)
}

func TestCapPatternLength(t *testing.T) {
	require.Nil(t, compileCauses(t, capDefs(1, func(int) string { return classPattern(customattr.MaxPatternLength) })))
	requireOneCause(t, capDefs(1, func(int) string { return classPattern(customattr.MaxPatternLength + 1) }),
		"/0/pattern", validation.KindMaxLength, customattr.MaxPatternLength, customattr.MaxPatternLength+1)
	// An invalid pattern over the cap is reported for its length only (it is not parsed).
	requireOneCause(t, capDefs(1, func(int) string { return "(" + classPattern(customattr.MaxPatternLength) }),
		"/0/pattern", validation.KindMaxLength, customattr.MaxPatternLength, customattr.MaxPatternLength+1)
}

func TestCapPatternBytes(t *testing.T) {
	fit := customattr.MaxPatternBytes / customattr.MaxPatternLength
	defs := capDefs(fit+3, func(int) string { return classPattern(customattr.MaxPatternLength) })
	defs[fit+1].Pattern = ""         // no pattern: nothing charged
	defs[fit+2].Pattern = `^(a|b)+$` // small, but the budget is spent
	causes := compileCauses(t, defs)
	require.Len(t, causes, 2, "%v", causes)
	assert.Equal(t, fmt.Sprintf("/%d/pattern", fit), causes[0].Location)
	assert.Equal(t, validation.KindLimit, causes[0].Kind)
	assert.Equal(t, customattr.MaxPatternBytes, causes[0].Details.Expected)
	assert.Equal(t, customattr.MaxPatternBytes+customattr.MaxPatternLength, causes[0].Details.Actual)
	assert.Equal(t, fmt.Sprintf("/%d/pattern", fit+2), causes[1].Location)
	assert.Equal(t, validation.KindLimit, causes[1].Kind)
}

func TestCapPatternSize(t *testing.T) {
	// [a-z]{n} compiles to n+2 instructions (n runes, fail, match).
	at := fmt.Sprintf("[a-z]{%d}", customattr.MaxPatternSize-2)
	over := fmt.Sprintf("[a-z]{%d}", customattr.MaxPatternSize-1)
	require.Nil(t, compileCauses(t, capDefs(1, func(int) string { return at })))
	requireOneCause(t, capDefs(1, func(int) string { return over }), "/0/pattern", validation.KindLimit,
		customattr.MaxPatternSize, customattr.MaxPatternSize+1)
	// Short patterns that expand: 21 bytes, about 2000 instructions; nested repetitions multiply.
	for _, p := range []string{`^(?:[a-z ]{0,1000})+$`, `(?:(?:[a-z]{0,30}){30})`, `\pL{1000}`, strings.Repeat(`.{1000}`, 146)} {
		causes := compileCauses(t, capDefs(1, func(int) string { return p }))
		require.Len(t, causes, 1, p)
		assert.Equal(t, validation.KindLimit, causes[0].Kind, p)
		assert.Greater(t, causes[0].Details.Actual, customattr.MaxPatternSize, p)
	}
	// The list-wide budget.
	fit := customattr.MaxPatternSizeTotal / customattr.MaxPatternSize
	causes := compileCauses(t, capDefs(fit+1, func(int) string { return at }))
	require.Len(t, causes, 1, "%v", causes)
	assert.Equal(t, fmt.Sprintf("/%d/pattern", fit), causes[0].Location)
	assert.Equal(t, validation.KindLimit, causes[0].Kind)
	assert.Equal(t, customattr.MaxPatternSizeTotal, causes[0].Details.Expected)
	assert.Equal(t, (fit+1)*customattr.MaxPatternSize, causes[0].Details.Actual)
}

// TestCapInvalidPatternStillFormat: a pattern within the caps that is not RE2 is still a
// "format" cause with the parser's message.
func TestCapInvalidPatternStillFormat(t *testing.T) {
	causes := compileCauses(t, capDefs(1, func(int) string { return `(a` }))
	require.Len(t, causes, 1)
	assert.Equal(t, validation.KindFormat, causes[0].Kind)
	assert.Equal(t, "regex", causes[0].Details.Format)
	assert.Contains(t, causes[0].Details.Message, "missing closing )")
}

// allocatedBy returns the bytes allocated while f runs.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// hugeList is the list of issue 15 that compiled in 478 ms and 416 MiB: 1000 patterns of 1000
// alternatives each.
func hugeList() []customattr.Definition {
	alts := make([]string, 1000)
	for i := range alts {
		alts[i] = fmt.Sprintf("w%d", i)
	}
	p := "^(?:" + strings.Join(alts, "|") + ")$"
	return capDefs(1000, func(int) string { return p })
}

// foldPattern case-folds 65280 code points (see maxPatternFolds).
const foldPattern = `(?i)[\x{100}-\x{FFFF}]`

// worstList is a list at every cap at once: maxAttributes attributes, the enum options budget
// spent in enums of maxEnumOptions options, and the pattern budgets spent: Unicode classes in
// patterns of \pL, case folding in patterns like foldPattern, program size in patterns of
// maxPatternSize instructions, the bytes in patterns of maxPatternLength bytes.
func worstList() []customattr.Definition {
	defs := capDefs(customattr.MaxAttributes, nil)
	i := 0
	for n := 0; n+customattr.MaxEnumOptions <= customattr.MaxEnumOptionsTotal; n += customattr.MaxEnumOptions {
		defs[i].Type, defs[i].Enum = customattr.Enum, options(customattr.MaxEnumOptions)
		i++
	}
	size, bytes := 0, 0
	add := func(p string, insts int) {
		defs[i].Pattern = p
		size += insts
		bytes += len(p)
		i++
	}
	for n := 0; n+100 <= customattr.MaxPatternTables; n += 100 {
		add(strings.Repeat(`\pL`, 100), 102) // \pL is among the largest tables
	}
	for n := 0; n+0xFF00 <= customattr.MaxPatternFolds; n += 0xFF00 {
		add(foldPattern, 3)
	}
	for bytes+customattr.MaxPatternLength <= customattr.MaxPatternBytes-1024 { // room for what follows
		add(classPattern(customattr.MaxPatternLength), 5)
	}
	big := fmt.Sprintf(`[a-z]{%d}`, customattr.MaxPatternSize-2)
	for size+customattr.MaxPatternSize <= customattr.MaxPatternSizeTotal {
		add(big, customattr.MaxPatternSize)
	}
	return defs
}

func TestCapPatternTables(t *testing.T) {
	p := strings.Repeat(`\pL`, 100)
	fit := customattr.MaxPatternTables / 100
	causes := compileCauses(t, capDefs(fit+1, func(int) string { return p }))
	require.Len(t, causes, 1, "%v", causes)
	assert.Equal(t, fmt.Sprintf("/%d/pattern", fit), causes[0].Location)
	assert.Equal(t, validation.KindLimit, causes[0].Kind)
	assert.Equal(t, customattr.MaxPatternTables, causes[0].Details.Expected)
	assert.Equal(t, (fit+1)*100, causes[0].Details.Actual)
}

func TestCapPatternFolds(t *testing.T) {
	fit := customattr.MaxPatternFolds / 0xFF00
	causes := compileCauses(t, capDefs(fit+1, func(int) string { return foldPattern }))
	require.Len(t, causes, 1, "%v", causes)
	assert.Equal(t, fmt.Sprintf("/%d/pattern", fit), causes[0].Location)
	assert.Equal(t, validation.KindLimit, causes[0].Kind)
	assert.Equal(t, customattr.MaxPatternFolds, causes[0].Details.Expected)
	assert.Equal(t, (fit+1)*0xFF00, causes[0].Details.Actual)
	// Without (?i) the same class costs nothing to parse, and is not counted.
	require.Nil(t, compileCauses(t, capDefs(fit+1, func(int) string { return `[\x{100}-\x{FFFF}]` })))
	// A pattern over the budget is not parsed: a 1 KiB pattern of such classes (about 60 ms to
	// parse) is rejected cheaply.
	heavy := "(?i)" + strings.Repeat(`[\x{100}-\x{1FFFF}]`, 50)
	var err error
	n := allocatedBy(func() {
		_, err = customattr.Compile(capDefs(1, func(int) string { return heavy }), customattr.Options{})
	})
	require.Error(t, err)
	assert.Less(t, n, uint64(64<<10), "rejecting allocated %d bytes", n)
}

// TestCapsBoundCompileCost: the list of issue 15 is rejected cheaply (its patterns are not
// compiled), and the worst list within the caps compiles in bounded memory.
func TestCapsBoundCompileCost(t *testing.T) {
	defs := hugeList()
	var err error
	n := allocatedBy(func() { _, err = customattr.Compile(defs, customattr.Options{}) })
	var verr *validation.Error
	require.True(t, errors.As(err, &verr))
	assert.Len(t, verr.Causes, 1000)
	assert.Equal(t, validation.KindMaxLength, verr.Causes[0].Kind)
	assert.Less(t, n, uint64(4<<20), "rejecting the list allocated %d bytes", n)

	worst := worstList()
	n = allocatedBy(func() { _, err = customattr.Compile(worst, customattr.Options{}) })
	require.NoError(t, err)
	assert.Less(t, n, uint64(64<<20), "compiling the worst list within the caps allocated %d bytes", n)
	t.Logf("worst list within the caps: %d KiB allocated", n>>10)
}

// BenchmarkCompileCaps: compiling the worst list within the caps, and rejecting the list of
// issue 15.
func BenchmarkCompileCaps(b *testing.B) {
	for _, c := range []struct {
		name string
		defs []customattr.Definition
		ok   bool
	}{{"worst_within_caps", worstList(), true}, {"1000_patterns_of_1000_alternatives", hugeList(), false}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := customattr.Compile(c.defs, customattr.Options{}); (err == nil) != c.ok {
					b.Fatal(err)
				}
			}
		})
	}
}
