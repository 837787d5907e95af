package customattr

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/internal/jsontest"
	"github.com/profilekit/profilekit/validation"
)

// ParseDefinitions is the one strict decoder (internal/strictjson). These tests hold it to
// encoding/json as the oracle on generated near-valid lists and under the fuzzer: a list a
// strict reading of encoding/json accepts (valid syntax and UTF-8, exact member names, none
// repeated, the JSON type each member needs) decodes to the same definitions; any other is a
// located *validation.Error.

// oracleDefinitions decodes data by the oracle.
func oracleDefinitions(data []byte) ([]Definition, bool) {
	members, repeated, ok := jsontest.Members(data)
	if !ok || !jsontest.Only(repeated, "/[]/access_control/") || !jsontest.Only(members, "/[]/id", "/[]/pointer", "/[]/type",
		"/[]/minimum", "/[]/maximum", "/[]/enum", "/[]/min_length", "/[]/max_length", "/[]/pattern", "/[]/access_control",
		"/[]/access_control/") {
		return nil, false
	}
	// JSON types, which encoding/json checks loosely (a quoted number fits a json.Number).
	var raw []map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if dec.Decode(&raw) != nil {
		return nil, false
	}
	for _, m := range raw {
		if m == nil {
			continue // null: a zero definition
		}
		for k, v := range m {
			if v == nil {
				continue
			}
			var ok bool
			switch k {
			case "minimum", "maximum":
				// A number, or a string that is not empty and not a number (a date bound):
				// a quoted number stays an error.
				_, ok = v.(json.Number)
				if str, isStr := v.(string); isStr {
					quotedNumber := str != "" && (str[0] == '-' || '0' <= str[0] && str[0] <= '9') && json.Valid([]byte(str))
					ok = str != "" && !quotedNumber
				}
			case "min_length", "max_length":
				n, isNum := v.(json.Number)
				_, err := strconv.ParseInt(string(n), 10, 0)
				ok = isNum && err == nil
			case "enum":
				items, isArr := v.([]any)
				ok = isArr
				for _, it := range items {
					_, isStr := it.(string)
					ok = ok && (isStr || it == nil)
				}
			case "access_control":
				ok = true
			default:
				_, ok = v.(string)
			}
			if !ok {
				return nil, false
			}
		}
	}
	var entries []struct {
		Definition
		AC json.RawMessage `json:"access_control"`
	}
	if json.Unmarshal(data, &entries) != nil {
		return nil, false
	}
	defs := make([]Definition, len(entries))
	for i := range entries {
		defs[i] = entries[i].Definition
	}
	return defs, true
}

// checkDefinitions compares ParseDefinitions with the oracle on data and reports whether both
// accepted it.
func checkDefinitions(t *testing.T, data []byte) bool {
	t.Helper()
	want, ok := oracleDefinitions(data)
	got, err := ParseDefinitions(data)
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
	genWS      = []string{"", "", " ", "\n    ", "\t"}
	genStrings = []string{`"0001"`, `"/x_age"`, `"string"`, `"integer"`, `"enum"`, `"date"`, `"boolean"`, `"^E[0-9]{6}$"`, `""`, `"é"`,
		`"\u0041\n"`, `"\ud83d\ude00"`}
	genNumbers = []string{`0`, `1`, `20`, `-0`, `-3`, `60.5`, `1e2`, `5.0`, `1048576`, `1048577`,
		`99999999999999999999`, `-1e400`}
	genBounds = []string{`"2020-02-29"`, `"1900-02-29"`, `""`, `"-5"`, `"+5"`, `"x"`, `" 2020-01-01"`}
	genOdd    = []string{`null`, `true`, `"5"`, `[]`, `{}`, `["a",1]`, "\"\xff\"", `"\ud800"`, `tru`, `"a`, `01`}
	genAC     = []string{`{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}`, `{}`, `{"x":[1,{"y":null}]}`,
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
		case (k == "minimum" || k == "maximum") && r.IntN(4) == 0:
			b.WriteString(pick(r, genBounds))
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

func TestDefinitionsMatchOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	accepted := 0
	const n = 20000
	for range n {
		if checkDefinitions(t, []byte(genDefinitions(r))) {
			accepted++
		}
	}
	t.Logf("%d of %d generated lists accepted", accepted, n)
	assert.Greater(t, accepted, n/10, "accepted")
	assert.Less(t, accepted, n*9/10, "rejected")
}

func TestDefinitionsCases(t *testing.T) {
	for _, tc := range []struct {
		in   string
		loc  string
		kind validation.Kind
	}{
		{`[]`, "", ""},
		{`[{}]`, "", ""},
		{`[{"id":"1","pointer":"/x","type":"integer","minimum":0,"maximum":10,"access_control":{"end_user":"x"}}]`, "", ""},
		{`[{"min_length":0,"max_length":1048576}]`, "", ""},
		{`[{"\u0069d":"1"}]`, "", ""}, // an escaped key is the same key
		{`[{"min_length":1e2}]`, "/0/min_length", validation.KindType},
		{`[{"minimum":"5"}]`, "/0/minimum", validation.KindType},
		{`[{"id":"1","pointer":"/d","type":"date","minimum":"2020-01-01","maximum":"2030-12-31"}]`, "", ""},
		{`[{"maximum":""}]`, "/0/maximum", validation.KindMinLength},
		{`[{"id":"1","id":"2"}]`, "/0/id", validation.KindDuplicated},
		{`[{"ID":"1"}]`, "/0/ID", validation.KindUnknown},
		{`[{"max_lenght":3}]`, "/0/max_lenght", validation.KindUnknown},
		{`[{"id":"1"}]]`, "", validation.KindSyntax},
		{"[{\"id\":\"\xff\"}]", "/0/id", validation.KindSyntax},
		{`{}`, "", validation.KindType},
	} {
		defs, err := ParseDefinitions([]byte(tc.in))
		if tc.kind == "" {
			assert.NoError(t, err, tc.in)
			assert.NotNil(t, defs, tc.in)
			continue
		}
		var verr *validation.Error
		if assert.ErrorAs(t, err, &verr, tc.in) {
			assert.Equal(t, tc.loc, verr.Causes[0].Location, tc.in)
			assert.Equal(t, tc.kind, verr.Causes[0].Kind, tc.in)
		}
	}
}

// FuzzDefinitions: on any input, ParseDefinitions agrees with the oracle.
func FuzzDefinitions(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 12 {
		f.Add([]byte(genDefinitions(r)))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkDefinitions(t, data) })
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
