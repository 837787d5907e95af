package access

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fast paths of Rule.UnmarshalJSON and Entry.UnmarshalJSON (lexer) must decode exactly
// what the slow, map-based paths decode: same levels, same pointer, no problems. These tests
// compare them on generated near-valid input and under the fuzzer.

// checkRuleFastPath compares Rule.UnmarshalJSON with the slow path on data and reports
// whether the fast path took it.
func checkRuleFastPath(t *testing.T, data []byte) bool {
	t.Helper()
	var slow Rule
	slow.unmarshalSlow(data)
	lx := lexer{b: data}
	fast, ok := lx.rule()
	ok = ok && lx.end()
	if ok {
		require.Nil(t, slow.issues, "fast path accepted a rule the slow path has problems with: %q", data)
		require.Equal(t, slow, fast, "fast and slow decode differ on %q", data)
	}
	if string(bytes.TrimSpace(data)) != "null" {
		var got Rule
		require.NoError(t, got.UnmarshalJSON(data))
		require.Equal(t, slow, got, "UnmarshalJSON differs from the slow path on %q", data)
		require.Equal(t, slow.Validate(), got.Validate())
	}
	return ok
}

// checkEntryFastPath is checkRuleFastPath for entries.
func checkEntryFastPath(t *testing.T, data []byte) bool {
	t.Helper()
	var slow Entry
	slow.unmarshalSlow(data)
	lx := lexer{b: data}
	fast, ok := lx.entry()
	ok = ok && lx.end()
	if ok {
		require.Nil(t, slow.issues, "fast path accepted an entry the slow path has problems with: %q", data)
		require.Equal(t, slow, fast, "fast and slow decode differ on %q", data)
	}
	var got Entry
	require.NoError(t, got.UnmarshalJSON(data))
	require.Equal(t, slow, got, "UnmarshalJSON differs from the slow path on %q", data)
	return ok
}

var (
	genWS        = []string{"", "", "", " ", "\n  ", "\t", "\r\n"}
	genRuleKeys  = []string{`"end_user"`, `"bearer"`, `"portal_ui"`, `"write_once"`}
	genOddKeys   = []string{`"End_User"`, `"x"`, `""`, `"end\u005fuser"`, `"pointer"`, "\"\xff\"", `"bearer "`}
	genLevels    = []string{`"hidden"`, `"readonly"`, `"readwrite"`}
	genOddValues = []string{`null`, `true`, `false`, `0`, `-1.5e3`, `[]`, `{}`, `[1,{"a":null}]`, `"Read-Write"`,
		`"read\u0077rite"`, "\"\xff\"", `"é"`, `""`, `"\ud800"`, `tru`, `"readwrite`, `01`}
	genPointers = []string{`"/name"`, `"/email"`, `"/a~1b"`, `"/n\u0061me"`, `"/é"`, "\"/\xff\"", `""`, `"/emial"`}
)

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// genObject writes an object of n members from member, with random white space, and now and
// then a syntax fault.
func genObject(r *rand.Rand, n int, member func(*strings.Builder)) string {
	var b strings.Builder
	b.WriteString(pick(r, genWS) + "{")
	for i := range n {
		if i > 0 {
			b.WriteString(pick(r, genWS) + ",")
		}
		b.WriteString(pick(r, genWS))
		member(&b)
	}
	b.WriteString(pick(r, genWS) + "}" + pick(r, genWS))
	s := b.String()
	switch r.IntN(40) {
	case 0:
		return s[:r.IntN(len(s)+1)] // truncated
	case 1:
		return s + pick(r, []string{"x", "}", ",", "{}", "null"})
	case 2:
		return strings.Replace(s, "}", ",}", 1) // trailing comma
	case 3:
		return pick(r, []string{"null", "[]", `"s"`, "1", "true", "", " "})
	}
	return s
}

func genRule(r *rand.Rand) string {
	return genObject(r, r.IntN(6), func(b *strings.Builder) {
		k := pick(r, genRuleKeys)
		if r.IntN(12) == 0 {
			k = pick(r, genOddKeys)
		}
		b.WriteString(k + pick(r, genWS) + ":" + pick(r, genWS))
		switch {
		case r.IntN(12) == 0:
			b.WriteString(pick(r, genOddValues))
		case k == `"write_once"`:
			b.WriteString(pick(r, []string{"true", "false"}))
		default:
			b.WriteString(pick(r, genLevels))
		}
	})
}

func genEntry(r *rand.Rand) string {
	n, canonical := r.IntN(4), r.IntN(10) < 7
	if canonical {
		n = 2
	}
	i, first := 0, r.IntN(2)
	return genObject(r, n, func(b *strings.Builder) {
		c := r.IntN(10)
		if canonical {
			c = 1 + 4*((i+first)%2) // pointer, then access_control, or the other way round
			i++
		}
		switch c {
		case 0:
			b.WriteString(pick(r, genOddKeys) + ":" + pick(r, genOddValues))
		case 1, 2, 3, 4:
			b.WriteString(`"pointer":` + pick(r, genWS))
			if r.IntN(10) == 0 {
				b.WriteString(pick(r, genOddValues))
			} else {
				b.WriteString(pick(r, genPointers))
			}
		default:
			b.WriteString(`"access_control":` + pick(r, genWS))
			if r.IntN(10) == 0 {
				b.WriteString(pick(r, genOddValues))
			} else {
				b.WriteString(genRule(r))
			}
		}
	})
}

func TestRuleFastPathMatchesSlowPath(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	fast := 0
	const n = 20000
	for range n {
		if checkRuleFastPath(t, []byte(genRule(r))) {
			fast++
		}
	}
	// The generator must exercise both paths for the comparison to mean something.
	assert.Greater(t, fast, n/5, "fast path taken")
	assert.Less(t, fast, n*9/10, "slow path taken")
}

func TestEntryFastPathMatchesSlowPath(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 17))
	fast := 0
	const n = 20000
	for range n {
		if checkEntryFastPath(t, []byte(genEntry(r))) {
			fast++
		}
	}
	assert.Greater(t, fast, n/20, "fast path taken")
	assert.Less(t, fast, n*9/10, "slow path taken")
}

func TestRuleFastPathCases(t *testing.T) {
	for _, tc := range []struct {
		in   string
		fast bool
	}{
		{`{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}`, true},
		{" {\n \"write_once\" : true , \"portal_ui\":\"hidden\"}\n", true},
		{`{}`, true},
		{`{"end_user":"readwrite","end_user":"hidden"}`, false}, // duplicate: slow path keeps the last
		{`{"end_user":"read\u0077rite"}`, false},                // escape
		{`{"End_User":"readwrite"}`, false},                     // unknown member
		{`{"end_user":"readwrite",}`, false},                    // trailing comma
		{`{"end_user":"readwrite"} x`, false},                   // data after the object
		{`{"write_once":1}`, false},
		{`{"bearer":null}`, false},
		{`{"bearer":"readonly"`, false},
	} {
		assert.Equal(t, tc.fast, checkRuleFastPath(t, []byte(tc.in)), tc.in)
	}
}

func TestEntryFastPathCases(t *testing.T) {
	for _, tc := range []struct {
		in   string
		fast bool
	}{
		{`{"pointer":"/name","access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}`, true},
		{`{"access_control":{},"pointer":"/é"}`, true},
		{`{"pointer":"/name"}`, false},                                          // missing rule: required
		{`{"pointer":"/name","access_control":{},"pointer":"/email"}`, false},   // duplicate
		{"{\"pointer\":\"/\xff\",\"access_control\":{}}", false},                // invalid UTF-8
		{`{"pointer":"/n\u0061me","access_control":{}}`, false},                 // escape
		{`{"pointer":"/name","access_control":{"bearer":"readwrite "}}`, false}, // rule with a problem
		{`null`, false},
	} {
		assert.Equal(t, tc.fast, checkEntryFastPath(t, []byte(tc.in)), tc.in)
	}
}

func TestFastPathsDoNotAllocate(t *testing.T) {
	rule := []byte(`{"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite", "write_once": false}`)
	var r Rule
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = r.UnmarshalJSON(rule) }))
	assert.Equal(t, Rule{EndUser: ReadWrite, Bearer: ReadOnly, Portal: ReadWrite}, r)
	entry := []byte(`{"pointer": "/name", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}`)
	var e Entry
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _ = e.UnmarshalJSON(entry) }), "only the pointer string")
	assert.Equal(t, Entry{Pointer: "/name", AccessControl: Rule{EndUser: ReadWrite, Bearer: ReadOnly, Portal: ReadWrite}}, e)
}

// FuzzRuleFastPath: on any input, Rule.UnmarshalJSON and Entry.UnmarshalJSON decode what
// their slow paths decode, and whatever the fast path accepts has no problems.
func FuzzRuleFastPath(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 8 {
		f.Add([]byte(genRule(r)))
		f.Add([]byte(genEntry(r)))
	}
	f.Add([]byte(`{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite","write_once":true}`))
	f.Add([]byte(`{"pointer":"/name","access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRuleFastPath(t, data)
		checkEntryFastPath(t, data)
	})
}
