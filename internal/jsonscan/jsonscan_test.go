package jsonscan_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/internal/jsonscan"
)

// decode builds the same Go value encoding/json would, through the scanner.
func decode(d *jsonscan.Scanner) (any, error) {
	switch d.Peek() {
	case jsonscan.Null:
		return nil, d.Null()
	case jsonscan.Bool:
		return d.Bool()
	case jsonscan.Number:
		lit, err := d.Number()
		return json.Number(lit), err
	case jsonscan.String:
		return d.String()
	case jsonscan.Object:
		if err := d.BeginObject(); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for {
			k, ok, err := d.NextKey()
			if err != nil {
				return nil, err
			}
			if !ok {
				return m, nil
			}
			v, err := decode(d)
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
	case jsonscan.Array:
		if err := d.BeginArray(); err != nil {
			return nil, err
		}
		a := []any{}
		for {
			ok, err := d.NextElem()
			if err != nil {
				return nil, err
			}
			if !ok {
				return a, nil
			}
			v, err := decode(d)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	}
	return nil, d.Skip()
}

func decodeAll(s string) (any, error) {
	d := jsonscan.New(s)
	v, err := decode(d)
	if err != nil {
		return nil, err
	}
	return v, d.End()
}

func TestAgreesWithEncodingJSON(t *testing.T) {
	valid := []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e-3`, `"a"`, `"\u00e9\ud83d\ude00\n\"\\\/"`,
		`{"a":[1,2,{"b":null}],"c":"d"}`, ` { "a" : 1 , "b" : [ ] } `, `"日本語"`,
	}
	for _, s := range valid {
		got, err := decodeAll(s)
		require.NoError(t, err, s)
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var want any
		require.NoError(t, dec.Decode(&want))
		assert.Equal(t, want, got, s)
	}
}

func TestRejects(t *testing.T) {
	for _, s := range []string{
		``, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `01`, `1.`, `.5`, `1e`, `+1`, `NaN`, `"abc`,
		"\"a\x01\"", "\"\xff\"", `"\ud800"`, `"\ud800\u0041"`, `"\x"`, `"\u12"`, `tru`, `nul`, `{"a":1}x`,
		`{1:2}`, `[`, `]`,
	} {
		_, err := decodeAll(s)
		assert.Error(t, err, "%q", s)
	}
}

func TestSubstringWithoutEscapes(t *testing.T) {
	in := `{"given_name":"Jane"}`
	d := jsonscan.New(in)
	require.NoError(t, d.BeginObject())
	k, ok, err := d.NextKey()
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "given_name", k)
	allocs := testing.AllocsPerRun(100, func() {
		d2 := jsonscan.New(in)
		_ = d2.BeginObject()
		_, _, _ = d2.NextKey()
		_, _ = d2.String()
	})
	assert.LessOrEqual(t, allocs, 1.0) // the scanner (its container state is a bit set), never the strings
}

func TestDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	_, err := decodeAll(deep)
	var de *jsonscan.DepthError
	require.True(t, errors.As(err, &de))
	assert.Equal(t, jsonscan.DefaultMaxDepth, de.Max)
}

func FuzzScanner(f *testing.F) {
	for _, s := range []string{`{"a":[1,"x",null,true]}`, `"\ud83d\ude00"`, `[1e400]`, `{"a":{"a":1}}`, "\"\xff\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := decodeAll(s)
		valid := json.Valid([]byte(s)) && utf8.ValidString(s)
		if err == nil && !json.Valid([]byte(s)) {
			t.Fatalf("scanner accepted invalid JSON %q", s)
		}
		if err != nil {
			var de *jsonscan.DepthError
			if valid && !errors.As(err, &de) && !strings.Contains(err.Error(), "surrogate") {
				t.Fatalf("scanner rejected valid JSON %q: %v", s, err)
			}
			return
		}
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var want any
		if dec.Decode(&want) == nil && valid {
			assert.Equal(t, want, got)
		}
	})
}

func BenchmarkScanObject(b *testing.B) {
	in := `{"name":"Jane Q. Doe","given_name":"Jane","address":{"locality":"San Francisco"},"n":38.5}`
	b.ReportAllocs()
	d := jsonscan.New(in)
	for b.Loop() {
		d.Reset(in)
		if _, err := decode(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanReference scans the reference update as the benchmarks send it (indented).
func BenchmarkScanReference(b *testing.B) {
	data, err := os.ReadFile("../../bench/testdata/bench-update.json")
	require.NoError(b, err)
	var ref struct {
		Update json.RawMessage `json:"update"`
	}
	require.NoError(b, json.Unmarshal(data, &ref))
	in := string(ref.Update)
	b.ReportAllocs()
	d := jsonscan.New(in)
	for b.Loop() {
		d.Reset(in)
		if err := d.Skip(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDeepNesting reads documents nested past the 64 levels the scanner keeps in a bit set,
// with members and elements at every level (so every level's comma state is used after a
// deeper container closed), and holds them to encoding/json.
func TestDeepNesting(t *testing.T) {
	for _, depth := range []int{1, 63, 64, 65, 66, 130, 300} {
		var b strings.Builder
		for i := range depth {
			if i%2 == 0 {
				b.WriteString(`[1,`)
			} else {
				b.WriteString(`{"a":2,"b":`)
			}
		}
		b.WriteString(`null`)
		for i := depth - 1; i >= 0; i-- {
			if i%2 == 0 {
				b.WriteString(`,3]`)
			} else {
				b.WriteString(`,"c":4}`)
			}
		}
		d := jsonscan.New(b.String())
		d.MaxDepth = 1000
		got, err := decode(d)
		require.NoError(t, err, "depth %d", depth)
		require.NoError(t, d.End())
		var want any
		dec := json.NewDecoder(strings.NewReader(b.String()))
		dec.UseNumber()
		require.NoError(t, dec.Decode(&want))
		assert.Equal(t, want, got, "depth %d", depth)
		// Past a limit above the bit set's 64 levels: a DepthError, not a wrong answer.
		if depth > 66 {
			d.Reset(b.String())
			d.MaxDepth = 66
			_, err = decode(d)
			var de *jsonscan.DepthError
			assert.True(t, errors.As(err, &de), "depth %d: %v", depth, err)
			d.MaxDepth = 1000
		}
		// A comma missing at the deepest level is still found.
		bad := strings.Replace(b.String(), `null,`, `null `, 1)
		d.Reset(bad)
		_, err = decode(d)
		assert.Error(t, err, "depth %d", depth)
	}
}

// TestASCII: ASCII is true until a string (key or value, raw or escaped) holds a byte outside
// ASCII, and Reset makes it true again.
func TestASCII(t *testing.T) {
	for in, want := range map[string]bool{
		`{"a":"plain","b":[1,true,null]}`: true,
		`{"a":"tab\t\u0041\/"}`:           true,
		`{"a":"caf` + "\u00e9" + `"}`:     false,
		`{"caf` + "\u00e9" + `":1}`:       false,
		`{"a":"\u00e9"}`:                  false,
		`{"a":"\ud83d\ude00"}`:            false,
		`{"a":"x\\` + "\u00e9" + `"}`:     false,
	} {
		d := jsonscan.New(in)
		_, err := decode(d)
		require.NoError(t, err, in)
		assert.Equal(t, want, d.ASCII(), in)
		d.Reset(in) // strings skipped over count too
		require.NoError(t, d.Skip(), in)
		assert.Equal(t, want, d.ASCII(), in)
		d.Reset(`"x"`)
		assert.True(t, d.ASCII(), in)
	}
}
