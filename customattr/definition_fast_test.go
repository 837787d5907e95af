package customattr

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ParseDefinitions' fast path (parseDefinitionsFast) must accept only lists the slow path
// accepts, and decode them to the same definitions. These tests compare the two on generated
// near-valid lists and under the fuzzer.

// checkDefinitionsFastPath compares the paths on data and reports whether the fast one took it.
func checkDefinitionsFastPath(t *testing.T, data []byte) bool {
	t.Helper()
	fast, ok := parseDefinitionsFast(data)
	if !ok {
		return false
	}
	slow, err := parseDefinitionsSlow(data)
	require.NoError(t, err, "fast path accepted a list the slow path rejects: %q", data)
	require.Equal(t, slow, fast, "fast and slow decode differ on %q", data)
	got, err := ParseDefinitions(data)
	require.NoError(t, err)
	require.Equal(t, slow, got)
	return true
}

var (
	genWS      = []string{"", "", " ", "\n    ", "\t"}
	genStrings = []string{`"0001"`, `"/x_age"`, `"string"`, `"integer"`, `"enum"`, `"^E[0-9]{6}$"`, `""`, `"é"`,
		`"\u0041\n"`, `"\ud83d\ude00"`}
	genNumbers = []string{`0`, `1`, `20`, `-0`, `-3`, `60.5`, `1e2`, `5.0`, `1048576`, `1048577`,
		`99999999999999999999`, `-1e400`}
	genOdd = []string{`null`, `true`, `"5"`, `[]`, `{}`, `["a",1]`, "\"\xff\"", `"\ud800"`, `tru`, `"a`, `01`}
	genAC  = []string{`{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}`, `{}`, `{"x":[1,{"y":null}]}`,
		`"hidden"`, `null`, "{\"a\":\"\xff\"}"}
	genKeys = []string{"id", "pointer", "type", "minimum", "maximum", "enum", "min_length", "max_length", "pattern",
		"access_control"}
)

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func genDefinition(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString(pick(r, genWS) + "{")
	for i := range r.IntN(7) {
		if i > 0 {
			b.WriteString(",")
		}
		k := pick(r, genKeys)
		switch r.IntN(25) {
		case 0:
			k = "ID"
		case 1:
			k = "x"
		case 2:
			k = `\u0069d`
		}
		b.WriteString(pick(r, genWS) + `"` + k + `"` + pick(r, genWS) + ":" + pick(r, genWS))
		switch {
		case r.IntN(12) == 0:
			b.WriteString(pick(r, genOdd))
		case k == "minimum" || k == "maximum" || k == "min_length" || k == "max_length":
			b.WriteString(pick(r, genNumbers))
		case k == "enum":
			b.WriteString("[")
			for j := range r.IntN(4) {
				if j > 0 {
					b.WriteString(",")
				}
				b.WriteString(pick(r, genStrings))
			}
			b.WriteString("]")
		case k == "access_control":
			b.WriteString(pick(r, genAC))
		default:
			b.WriteString(pick(r, genStrings))
		}
	}
	b.WriteString(pick(r, genWS) + "}")
	return b.String()
}

func genDefinitions(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString(pick(r, genWS) + "[")
	for i := range r.IntN(4) {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(genDefinition(r))
	}
	b.WriteString("]" + pick(r, genWS))
	s := b.String()
	switch r.IntN(40) {
	case 0:
		return s[:r.IntN(len(s)+1)]
	case 1:
		return s + pick(r, []string{"x", "]", "[]"})
	case 2:
		return pick(r, []string{"null", "{}", `"s"`, "", "[null]", "[1]"})
	}
	return s
}

func TestDefinitionsFastPathMatchesSlowPath(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	fast := 0
	const n = 20000
	for range n {
		if checkDefinitionsFastPath(t, []byte(genDefinitions(r))) {
			fast++
		}
	}
	t.Logf("fast path took %d of %d generated lists", fast, n)
	assert.Greater(t, fast, n/10, "fast path taken")
	assert.Less(t, fast, n*9/10, "slow path taken")
}

func TestDefinitionsFastPathCases(t *testing.T) {
	for _, tc := range []struct {
		in   string
		fast bool
	}{
		{`[]`, true},
		{`[{}]`, true},
		{`[{"id":"1","pointer":"/x","type":"integer","minimum":0,"maximum":10,"access_control":{"end_user":"x"}}]`, true},
		{`[{"id":"1","type":"enum","enum":[]}]`, true},
		{`[{"min_length":0,"max_length":1048576}]`, true},
		{`[{"max_length":0}]`, false},       // the slow path reports it
		{`[{"max_length":1048577}]`, false}, // too long: reported
		{`[{"min_length":1e2}]`, false},     // accepted, by the slow path
		{`[{"minimum":"5"}]`, false},        // quoted number: reported
		{`[{"id":"1","id":"2"}]`, false},    // duplicate: the slow path keeps the last
		{`[{"\u0069d":"1"}]`, true},         // an escaped key is the same key
		{`[{"ID":"1"}]`, false},
		{`null`, false},
		{"[{\"id\":\"\xff\"}]", false},
	} {
		assert.Equal(t, tc.fast, checkDefinitionsFastPath(t, []byte(tc.in)), tc.in)
		if !tc.fast {
			_, ok := parseDefinitionsFast([]byte(tc.in))
			assert.False(t, ok, tc.in)
		}
	}
}

// FuzzDefinitionsFastPath: on any input, whatever ParseDefinitions' fast path accepts, the
// slow path accepts too, with the same definitions.
func FuzzDefinitionsFastPath(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 12 {
		f.Add([]byte(genDefinitions(r)))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkDefinitionsFastPath(t, data) })
}

// BenchmarkParseDefinitions decodes the reference config's five custom attributes.
func BenchmarkParseDefinitions(b *testing.B) {
	data := []byte(`[
	{"id": "0001", "pointer": "/employee_id", "type": "string", "pattern": "^E[0-9]{6}$",
	 "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}},
	{"id": "0002", "pointer": "/shoe_size", "type": "number", "minimum": 20, "maximum": 60,
	 "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	{"id": "0003", "pointer": "/tickets", "type": "integer", "minimum": 0, "maximum": 10,
	 "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	{"id": "0004", "pointer": "/department", "type": "enum", "enum": ["engineering", "sales", "support"],
	 "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	{"id": "0005", "pointer": "/home_country", "type": "country_code",
	 "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDefinitions(data); err != nil {
			b.Fatal(err)
		}
	}
}
