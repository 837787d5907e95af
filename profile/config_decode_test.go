package profile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

// ParseConfig is the one strict decoder (internal/strictjson). These tests hold it to
// encoding/json as the oracle on mutations of real configs and under the fuzzer: whatever it
// accepts, encoding/json (with DisallowUnknownFields, on the Config types without their
// JSON methods) accepts too and decodes to the same Config; whatever it rejects is a
// *validation.Error with located causes. The regression cases pin what encoding/json is too
// lenient about (case folding, repeated members, quoted numbers, data after the config).

// oracleConfig mirrors Config without its UnmarshalJSON (nested rules and entries decode
// with their own methods, which the access package tests against the same oracle).
type oracleConfig Config

// checkConfigDecode compares ParseConfig with the oracle on data and reports whether
// ParseConfig accepted it.
func checkConfigDecode(t *testing.T, data []byte) bool {
	t.Helper()
	got, err := ParseConfig(data)
	if err != nil {
		var verr *validation.Error
		require.ErrorAs(t, err, &verr, "%q", data)
		for _, c := range verr.Causes {
			require.NotEmpty(t, c.Kind)
		}
		return false
	}
	var want oracleConfig
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&want), "ParseConfig accepted what encoding/json rejects: %q", data)
	_, err = dec.Token()
	require.ErrorIs(t, err, io.EOF, "ParseConfig accepted data after the config: %q", data)
	require.Equal(t, Config(want), got, "ParseConfig and encoding/json differ on %q", data)
	return true
}

// fastPathSeeds are configs for the mutator: the reference config and one that sets every
// option.
func fastPathSeeds(t testing.TB) []string {
	t.Helper()
	raw, err := os.ReadFile("testdata/bench-update.json")
	require.NoError(t, err)
	var ref struct {
		Config struct {
			UserProfile json.RawMessage `json:"user_profile"`
		} `json:"config"`
	}
	require.NoError(t, json.Unmarshal(raw, &ref))
	return []string{string(ref.Config.UserProfile), `{
		"standard_attributes": {"population": {"strategy": "none"}, "access_control": [
			{"pointer": "/email", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite", "write_once": true}},
			{"pointer": "/gender", "access_control": {"end_user": "readonly", "bearer": "hidden", "portal_ui": "readwrite"}}]},
		"custom_attributes": {"attributes": [
			{"id": "a", "pointer": "/nick", "type": "string", "min_length": 2, "max_length": 30, "pattern": "^[a-z]+$"},
			{"id": "b", "pointer": "/size", "type": "number", "minimum": -1.5, "maximum": 1e3, "access_control": {"end_user": "hidden", "bearer": "hidden", "portal_ui": "readonly"}},
			{"id": "c", "pointer": "/dept", "type": "enum", "enum": ["x", "y"]}]},
		"supported_languages": ["en", "fr-CA"],
		"phone": {"validation": "possible", "default_region": "US"},
		"max_length": 200,
		"address_country_code": true,
		"images": {"public_host": "auth.example.com", "scheme": "https"},
		"identity_coupling": "off",
		"limits": {"max_bytes": 4096, "max_keys": 100, "max_depth": 8}
	}`}
}

// jnode is a JSON value that keeps member order and duplicates, for mutation.
type jnode struct {
	kind  byte // '{', '[' or 0 for a scalar
	keys  []string
	elems []*jnode // object values or array elements
	raw   string   // a scalar's JSON text
}

func parseJNode(t testing.TB, s string) *jnode {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var read func() *jnode
	read = func() *jnode {
		tok, err := dec.Token()
		require.NoError(t, err)
		switch tok := tok.(type) {
		case json.Delim:
			n := &jnode{kind: byte(tok)}
			for dec.More() {
				if n.kind == '{' {
					k, err := dec.Token()
					require.NoError(t, err)
					n.keys = append(n.keys, k.(string))
				}
				n.elems = append(n.elems, read())
			}
			_, err := dec.Token()
			require.NoError(t, err)
			return n
		default:
			b, err := json.Marshal(tok)
			require.NoError(t, err)
			return &jnode{raw: string(b)}
		}
	}
	n := read()
	_, err := dec.Token()
	require.ErrorIs(t, err, io.EOF)
	return n
}

func (n *jnode) clone() *jnode {
	c := *n
	c.keys = append([]string(nil), n.keys...)
	c.elems = make([]*jnode, len(n.elems))
	for i, e := range n.elems {
		c.elems[i] = e.clone()
	}
	return &c
}

// all lists n and every node below it.
func (n *jnode) all(out []*jnode) []*jnode {
	out = append(out, n)
	for _, e := range n.elems {
		out = e.all(out)
	}
	return out
}

var (
	mutKeys = []string{"standard_attributes", "custom_attributes", "attributes", "access_control", "pointer",
		"population", "strategy", "supported_languages", "phone", "validation", "default_region", "max_length",
		"min_length", "address_country_code", "images", "public_host", "identity_coupling", "limits", "max_bytes",
		"max_keys", "max_depth", "id", "type", "minimum", "maximum", "enum", "pattern", "end_user", "bearer",
		"portal_ui", "write_once", "Max_Length", "ID", "x", ""}
	mutValues = []string{`null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `1.5`, `1e2`, `1048576`, `1048577`,
		`9223372036854775808`, `"5"`, `""`, `"hidden"`, `"readwrite"`, `"/name"`, `"/x_y"`, `"string"`,
		`"integer"`, `"\u00e9"`, `"\ud800"`, "\"\xff\"", `"a\"b"`, `[]`, `{}`, `["a"]`, `[1]`,
		`{"public_host":"x.example"}`, `{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}`,
		`{"pointer":"/name","access_control":{}}`, `{"bearer":"readwrite"}`}
)

// mutate applies one random change to a random node of root.
func mutate(r *rand.Rand, root *jnode) {
	nodes := root.all(nil)
	n := nodes[r.IntN(len(nodes))]
	randomValue := func() *jnode { return &jnode{raw: mutValues[r.IntN(len(mutValues))]} }
	switch op := r.IntN(7); {
	case op == 0 && len(n.elems) > 0: // delete a member or element
		i := r.IntN(len(n.elems))
		n.elems = append(n.elems[:i], n.elems[i+1:]...)
		if n.kind == '{' {
			n.keys = append(n.keys[:i], n.keys[i+1:]...)
		}
	case op == 1 && n.kind == '{' && len(n.elems) > 0: // repeat a member
		i := r.IntN(len(n.elems))
		v := n.elems[i].clone()
		if r.IntN(2) == 0 {
			v = randomValue()
		}
		n.keys, n.elems = append(n.keys, n.keys[i]), append(n.elems, v)
	case op == 2 && n.kind == '{' && len(n.elems) > 0: // rename a member
		n.keys[r.IntN(len(n.keys))] = mutKeys[r.IntN(len(mutKeys))]
	case op == 3 && n.kind == '{': // add a member
		n.keys, n.elems = append(n.keys, mutKeys[r.IntN(len(mutKeys))]), append(n.elems, randomValue())
	case op == 4 && n.kind == '[': // add an element
		n.elems = append(n.elems, randomValue())
	case op == 5 && n.kind == '[' && len(n.elems) > 0: // repeat an element
		n.elems = append(n.elems, n.elems[r.IntN(len(n.elems))].clone())
	default: // replace the value
		*n = *randomValue()
	}
}

// write serializes n with random white space and, now and then, a key or string written with
// \u escapes.
func (n *jnode) write(r *rand.Rand, b *strings.Builder) {
	ws := func() { b.WriteString([]string{"", "", " ", "\n  ", "\t"}[r.IntN(5)]) }
	str := func(s string) {
		if r.IntN(30) == 0 && s != "" {
			b.WriteString(`"` + fmt.Sprintf(`\u%04x`, s[0]) + s[1:] + `"`)
			return
		}
		q, _ := json.Marshal(s)
		b.Write(q)
	}
	ws()
	switch n.kind {
	case 0:
		if r.IntN(30) == 0 && len(n.raw) > 2 && n.raw[0] == '"' && n.raw[1] >= 'a' && n.raw[1] <= 'z' {
			b.WriteString(`"` + fmt.Sprintf(`\u%04x`, n.raw[1]) + n.raw[2:])
		} else {
			b.WriteString(n.raw)
		}
	case '{', '[':
		b.WriteByte(n.kind)
		for i, e := range n.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			if n.kind == '{' {
				ws()
				str(n.keys[i])
				ws()
				b.WriteByte(':')
			}
			e.write(r, b)
		}
		ws()
		b.WriteByte(n.kind + 2) // '}' is '{'+2, ']' is '['+2
	}
	ws()
}

func genConfig(r *rand.Rand, seeds []*jnode) string {
	root := seeds[r.IntN(len(seeds))].clone()
	for range r.IntN(4) {
		mutate(r, root)
	}
	var b strings.Builder
	root.write(r, &b)
	s := b.String()
	switch r.IntN(50) {
	case 0:
		return s + []string{"}", "]", "x", "{}", " "}[r.IntN(5)]
	case 1:
		return s[:r.IntN(len(s)+1)]
	}
	return s
}

func TestConfigDecodeMatchesOracle(t *testing.T) {
	var seeds []*jnode
	for _, s := range fastPathSeeds(t) {
		seeds = append(seeds, parseJNode(t, s))
		require.True(t, checkConfigDecode(t, []byte(s)), "seed decodes")
	}
	r := rand.New(rand.NewPCG(5, 8))
	accepted := 0
	const n = 5000
	for range n {
		if checkConfigDecode(t, []byte(genConfig(r, seeds))) {
			accepted++
		}
	}
	t.Logf("of %d mutated configs: %d accepted", n, accepted)
	assert.Greater(t, accepted, n/5, "accepted")
	assert.Greater(t, n-accepted, n/5, "rejected")
}

// Issues 11 and 15: what the four decoders of the first round let through.
func TestConfigDecodeCases(t *testing.T) {
	for _, tc := range []struct {
		in      string
		loc     string
		kind    validation.Kind
		suggest any
	}{
		{`{}`, "", "", nil},
		{` {"custom_attributes":{"attributes":[]},"standard_attributes":{"access_control":[]}} `, "", "", nil},
		{`{"images":null}`, "", "", nil},
		{`{}}`, "", validation.KindSyntax, nil},
		{`{} }`, "", validation.KindSyntax, nil},
		{`{}]`, "", validation.KindSyntax, nil},
		{`{"max_length": 5}}`, "", validation.KindSyntax, nil},
		{`{} {}`, "", validation.KindSyntax, nil},
		{`{}x`, "", validation.KindSyntax, nil},
		{`{"standard_attributes":{"access_control":[{"pointer":"/email","access_control":{"end_usr":"readonly","extra":1}}]}}`,
			"/standard_attributes/access_control/0/access_control/end_usr", validation.KindUnknown, "end_user"},
		{`{"standard_attributes":{"access_control":[{"pointer":"/email","access_control":{"end_user":"banana"}}]}}`,
			"/standard_attributes/access_control/0/access_control/end_user", validation.KindEnum, nil},
		{`{"images":{"PUBLIC_HOST":"a.example"}}`, "/images/PUBLIC_HOST", validation.KindUnknown, "public_host"},
		{`{"images":{"public_hoſt":"a.example"}}`, "/images/public_hoſt", validation.KindUnknown, "public_host"},
		{`{"limitſ":{"max_bytes":64}}`, "/limitſ", validation.KindUnknown, "limits"},
		{`{"addreſſ_country_code":true}`, "/addreſſ_country_code", validation.KindUnknown, "address_country_code"},
		{`{"MAX_LENGTH":5}`, "/MAX_LENGTH", validation.KindUnknown, "max_length"},
		{`{"max_lenght":5}`, "/max_lenght", validation.KindUnknown, "max_length"},
		{`{"max_length":5,"max_length":6}`, "/max_length", validation.KindDuplicated, nil},
		{`{"standard_attributes":{"access_control":[{"pointer":"/email","access_control":{"end_user":"readwrite","end_user":"hidden"}}]}}`,
			"/standard_attributes/access_control/0/access_control/end_user", validation.KindDuplicated, nil},
		{`{"custom_attributes":{"attributes":[{"id":"1","pointer":"/email","pointer":"/name"}]}}`,
			"/custom_attributes/attributes/0/pointer", validation.KindDuplicated, nil},
		{`{"max_length":1.0}`, "/max_length", validation.KindType, nil},
		{`{"custom_attributes":{"attributes":[{"minimum":"5"}]}}`, "/custom_attributes/attributes/0/minimum", validation.KindType, nil},
		{`{"custom_attributes":{"attributes":[{"min_length":1e2}]}}`, "/custom_attributes/attributes/0/min_length", validation.KindType, nil},
		{"{\"identity_coupling\":\"\xff\"}", "/identity_coupling", validation.KindSyntax, nil},
	} {
		c, err := ParseConfig([]byte(tc.in))
		if tc.kind == "" {
			assert.NoError(t, err, tc.in)
			checkConfigDecode(t, []byte(tc.in))
			continue
		}
		assert.Equal(t, Config{}, c)
		var verr *validation.Error
		if assert.ErrorAs(t, err, &verr, tc.in) {
			assert.Equal(t, tc.loc, verr.Causes[0].Location, tc.in)
			assert.Equal(t, tc.kind, verr.Causes[0].Kind, tc.in)
			assert.Equal(t, tc.suggest, verr.Causes[0].Details.Suggest, tc.in)
		}
		// json.Unmarshal is as strict.
		var viaJSON Config
		if json.Valid([]byte(tc.in)) {
			assert.ErrorAs(t, json.Unmarshal([]byte(tc.in), &viaJSON), &verr, tc.in)
		}
	}
}

// FuzzConfigDecode: on any input, ParseConfig agrees with the oracle.
func FuzzConfigDecode(f *testing.F) {
	var seeds []*jnode
	for _, s := range fastPathSeeds(f) {
		seeds = append(seeds, parseJNode(f, s))
		f.Add([]byte(s))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 16 {
		f.Add([]byte(genConfig(r, seeds)))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkConfigDecode(t, data) })
}
