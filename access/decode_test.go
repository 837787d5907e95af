package access

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/internal/jsontest"
	"github.com/profilekit/profilekit/validation"
)

// Rule.UnmarshalJSON and Entry.UnmarshalJSON are the one strict decoder (internal/strictjson).
// These tests hold it to encoding/json as the oracle on generated near-valid input and under
// the fuzzer: whatever a strict reading of encoding/json accepts (valid UTF-8 and syntax, no
// repeated or case-folded member, known members only, levels among the three), the decoder
// accepts with the same value; whatever that reading rejects, the decoder rejects with a
// located *validation.Error.

// oracleKeys returns data's members by the oracle, or ok=false when it repeats one or is not
// strictly valid JSON.
func oracleKeys(data []byte) ([]string, bool) {
	keys, repeated, ok := jsontest.Members(data)
	return keys, ok && len(repeated) == 0
}

// oracleRule is the rule shape decoded by plain encoding/json.
type oracleRule struct {
	EndUser   *string `json:"end_user"`
	Bearer    *string `json:"bearer"`
	Portal    *string `json:"portal_ui"`
	WriteOnce *bool   `json:"write_once"`
}

func (o oracleRule) rule() (Rule, bool) {
	var r Rule
	for _, m := range []struct {
		s   *string
		dst *Level
	}{{o.EndUser, &r.EndUser}, {o.Bearer, &r.Bearer}, {o.Portal, &r.Portal}} {
		if m.s == nil {
			continue
		}
		switch *m.s {
		case "hidden":
			*m.dst = Hidden
		case "readonly":
			*m.dst = ReadOnly
		case "readwrite":
			*m.dst = ReadWrite
		default:
			return Rule{}, false
		}
	}
	r.WriteOnce = o.WriteOnce != nil && *o.WriteOnce
	return r, true
}

func allowed(keys []string, names ...string) bool { return jsontest.Only(keys, names...) }

// oracleRuleOf decodes data as a rule by the oracle.
func oracleRuleOf(data []byte) (Rule, bool) {
	keys, ok := oracleKeys(data)
	if !ok || !allowed(keys, "/end_user", "/bearer", "/portal_ui", "/write_once") {
		return Rule{}, false
	}
	if t := bytes.TrimSpace(data); len(t) == 0 || (t[0] != '{' && string(t) != "null") {
		return Rule{}, false
	}
	var o oracleRule
	if err := json.Unmarshal(data, &o); err != nil {
		return Rule{}, false
	}
	return o.rule()
}

// checkRuleDecode compares Rule.UnmarshalJSON with the oracle on data.
func checkRuleDecode(t *testing.T, data []byte) bool {
	t.Helper()
	want, ok := oracleRuleOf(data)
	var got Rule
	err := got.UnmarshalJSON(data)
	if ok {
		require.NoError(t, err, "%q", data)
		require.Equal(t, want, got, "%q", data)
		return true
	}
	var verr *validation.Error
	require.ErrorAs(t, err, &verr, "the oracle rejects %q", data)
	require.Equal(t, Rule{}, got, "a rejected rule leaves the value unchanged")
	return false
}

// checkEntryDecode is checkRuleDecode for entries.
func checkEntryDecode(t *testing.T, data []byte) bool {
	t.Helper()
	ok := false
	var want Entry
	if keys, kok := oracleKeys(data); kok && allowed(keys, "/pointer", "/access_control",
		"/access_control/end_user", "/access_control/bearer", "/access_control/portal_ui", "/access_control/write_once") {
		var o struct {
			Pointer *string         `json:"pointer"`
			Rule    json.RawMessage `json:"access_control"`
		}
		t0 := bytes.TrimSpace(data)
		if json.Unmarshal(data, &o) == nil && len(t0) > 0 && (t0[0] == '{' || string(t0) == "null") {
			ok = true
			if o.Pointer != nil {
				want.Pointer = *o.Pointer
			}
			if len(o.Rule) > 0 {
				want.AccessControl, ok = oracleRuleOf(o.Rule)
			}
		}
	}
	var got Entry
	err := got.UnmarshalJSON(data)
	if ok {
		require.NoError(t, err, "%q", data)
		require.Equal(t, want, got, "%q", data)
		return true
	}
	var verr *validation.Error
	require.ErrorAs(t, err, &verr, "the oracle rejects %q", data)
	return false
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

func TestRuleDecodeMatchesOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	accepted := 0
	const n = 20000
	for range n {
		if checkRuleDecode(t, []byte(genRule(r))) {
			accepted++
		}
	}
	// The generator must give both answers for the comparison to mean something.
	assert.Greater(t, accepted, n/5, "accepted")
	assert.Less(t, accepted, n*9/10, "rejected")
}

func TestEntryDecodeMatchesOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 17))
	accepted := 0
	const n = 20000
	for range n {
		if checkEntryDecode(t, []byte(genEntry(r))) {
			accepted++
		}
	}
	assert.Greater(t, accepted, n/20, "accepted")
	assert.Less(t, accepted, n*9/10, "rejected")
}

// Issue 11 and 15 regressions: the one decoder is as strict as an update.
func TestRuleDecodeCases(t *testing.T) {
	for _, tc := range []struct {
		in   string
		loc  string
		kind validation.Kind
	}{
		{`{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}`, "", ""},
		{" {\n \"write_once\" : true , \"portal_ui\":\"hidden\"}\n", "", ""},
		{`{"end_user":"readwrite","end_user":"hidden"}`, "/end_user", validation.KindDuplicated},
		{`{"end_user":"hidden","end_user":"readwrite"}`, "/end_user", validation.KindDuplicated},
		{`{"end_usr":"readonly","bearer":"readonly","portal_ui":"readonly"}`, "/end_usr", validation.KindUnknown},
		{`{"End_User":"readwrite"}`, "/End_User", validation.KindUnknown},
		{`{"end_user":"banana"}`, "/end_user", validation.KindEnum},
		{`{"end_user":"readwrite",}`, "", validation.KindSyntax},
		{`{"end_user":"readwrite"} x`, "", validation.KindSyntax},
		{`{"end_user":"readwrite"}}`, "", validation.KindSyntax},
		{`{"write_once":1}`, "/write_once", validation.KindType},
		{`[]`, "", validation.KindType},
	} {
		var r Rule
		err := r.UnmarshalJSON([]byte(tc.in))
		if tc.kind == "" {
			assert.NoError(t, err, tc.in)
			continue
		}
		var verr *validation.Error
		if assert.ErrorAs(t, err, &verr, tc.in) {
			assert.Equal(t, tc.loc, verr.Causes[0].Location, tc.in)
			assert.Equal(t, tc.kind, verr.Causes[0].Kind, tc.in)
		}
	}
	var r Rule
	err := json.Unmarshal([]byte(`{"End_User":"readwrite"}`), &r)
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, "end_user", c.Details.Suggest)
}

func TestEntryDecodeCases(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{`{"pointer":"/name","access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}`, true},
		{`{"access_control":{},"pointer":"/é"}`, true},
		{`{"pointer":"/name"}`, true}, // decodes; StandardConfig.Rules reports the missing rule
		{`{"pointer":"/name","access_control":{},"pointer":"/email"}`, false},
		{"{\"pointer\":\"/\xff\",\"access_control\":{}}", false},
		{`{"pointer":"/name","access_control":{"bearer":"readwrite "}}`, false},
		{`null`, true},
	} {
		assert.Equal(t, tc.ok, checkEntryDecode(t, []byte(tc.in)), tc.in)
	}
}

// FuzzRuleDecode: on any input, Rule.UnmarshalJSON and Entry.UnmarshalJSON agree with the
// oracle.
func FuzzRuleDecode(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 8 {
		f.Add([]byte(genRule(r)))
		f.Add([]byte(genEntry(r)))
	}
	f.Add([]byte(`{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite","write_once":true}`))
	f.Add([]byte(`{"pointer":"/name","access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRuleDecode(t, data)
		checkEntryDecode(t, data)
	})
}
