package profile

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ParseConfig's fast path (parseConfigFast) must accept only configs the slow path
// (encoding/json, strict, then customattr.ParseDefinitions) accepts, and decode them to the
// same Config, rules and their decode problems included. These tests compare the two on
// mutations of real configs and under the fuzzer.

// checkConfigFastPath compares the paths on data and reports whether the fast one took it.
func checkConfigFastPath(t *testing.T, data []byte) bool {
	t.Helper()
	fast, ok := parseConfigFast(data)
	if !ok {
		return false
	}
	slow, err := parseConfigSlow(data)
	require.NoError(t, err, "fast path accepted a config the slow path rejects: %q", data)
	require.Equal(t, slow, fast, "fast and slow decode differ on %q", data)
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

func TestConfigFastPathMatchesSlowPath(t *testing.T) {
	var seeds []*jnode
	for _, s := range fastPathSeeds(t) {
		seeds = append(seeds, parseJNode(t, s))
		require.True(t, checkConfigFastPath(t, []byte(s)), "seed takes the fast path")
	}
	r := rand.New(rand.NewPCG(5, 8))
	fast, slowOK := 0, 0
	const n = 5000
	for range n {
		data := []byte(genConfig(r, seeds))
		if checkConfigFastPath(t, data) {
			fast++
		} else if _, err := parseConfigSlow(data); err == nil {
			slowOK++ // e.g. a rule that is not an object, kept as a problem; a lone surrogate
		}
	}
	t.Logf("of %d mutated configs: %d fast path, %d valid ones on the slow path, %d invalid", n, fast, slowOK, n-fast-slowOK)
	assert.Greater(t, fast, n/5, "fast path taken")
	assert.Greater(t, n-fast, n/5, "slow path taken")
}

func TestConfigFastPathCases(t *testing.T) {
	for _, tc := range []struct {
		in   string
		fast bool
	}{
		{`{}`, true},
		{` {"custom_attributes":{"attributes":[]},"standard_attributes":{"access_control":[]}} `, true},
		{`{"supported_languages":[]}`, true},
		{`{"standard_attributes":{"access_control":[{"pointer":"/x","access_control":{"end_user":"root"}}]}}`, true}, // problems kept in the rule
		{`{"custom_attributes":{"attributes":[{"id":"1","access_control":{"bearer":7}}]}}`, true},
		{`{"max_length":1.0}`, false},                       // not an int: reported
		{`{"max_length":5,"max_length":6}`, false},          // duplicate: encoding/json keeps the last
		{`{"Max_Length":5}`, false},                         // encoding/json matches it case-insensitively
		{`{"images":null}`, false},                          // null
		{`{"images":{"public_host":"a","bogus":1}}`, false}, // unknown member: reported
		{`{"custom_attributes":{"attributes":[{"minimum":"5"}]}}`, false},
		{`{"custom_attributes":{"attributes":[{"max_length":0}]}}`, false},
		{`{"custom_attributes":{"attributes":[{"min_length":1e2}]}}`, false},
		{"{\"identity_coupling\":\"\xff\"}", false},
		{`{}}`, false}, // accepted by the slow path (Decoder.More is false before '}')
		{`{} {}`, false},
	} {
		assert.Equal(t, tc.fast, checkConfigFastPath(t, []byte(tc.in)), tc.in)
		if !tc.fast {
			_, ok := parseConfigFast([]byte(tc.in))
			assert.False(t, ok, tc.in)
		}
	}
}

// FuzzConfigFastPath: on any input, whatever ParseConfig's fast path accepts, the slow path
// accepts too, with the same Config.
func FuzzConfigFastPath(f *testing.F) {
	var seeds []*jnode
	for _, s := range fastPathSeeds(f) {
		seeds = append(seeds, parseJNode(f, s))
		f.Add([]byte(s))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 16 {
		f.Add([]byte(genConfig(r, seeds)))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkConfigFastPath(t, data) })
}
