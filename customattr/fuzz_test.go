package customattr_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
)

// FuzzCompile decodes a definition list (leniently with json.Unmarshal and strictly with
// ParseDefinitions) and compiles it: nothing panics, and a compiled list written as JSON and
// read back compiles to the same definitions.
func FuzzCompile(f *testing.F) {
	seeds := []string{
		`[]`,
		`[{"id":"0000","pointer":"/x_age","type":"integer","minimum":0,"maximum":150}]`,
		`[{"id":"1","pointer":"/a","type":"enum","enum":["a","b"]},{"id":"2","pointer":"/b","type":"string","min_length":1,"max_length":3,"pattern":"^a"}]`,
		`[{"id":"1","pointer":"/a","type":"number","minimum":1e308,"maximum":-1e-308}]`,
		`[{"id":"1","pointer":"/a/b","type":"alpha2","access_control":{"end_user":"hidden"}}]`,
		`[{"id":"1","pointer":"/a","type":"integer","minimum":0.5,"maximum":99999999999999999999}]`,
		`[{"id":"1","pointer":"/a","type":"string","pattern":"(a"},{}]`,
		`[{"id":"1","pointer":"/a","type":"phone_number"},{"id":"1","pointer":"/a","type":"country_code"}]`,
		`[{"id":"1","pointer":"/a","type":"date","minimum":"2000-02-29","maximum":"2030-12-31"},{"id":"2","pointer":"/b","type":"boolean"}]`,
		`[{"id":"1","pointer":"/a","type":"date","minimum":"1900-02-29","maximum":20200101},{"id":"2","pointer":"/b","type":"boolean","minimum":0}]`,
		`[{"id":"1","pointer":"/a","type":"number","minimum":"2020-01-01","maximum":"5"}]`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if strict, err := customattr.ParseDefinitions(data); err == nil {
			_, _ = customattr.Compile(strict, customattr.Options{})
		}
		var defs []customattr.Definition
		if json.Unmarshal(data, &defs) != nil {
			return
		}
		s, err := customattr.Compile(defs, customattr.Options{})
		if err != nil {
			return
		}
		p, err := json.Marshal(definitions(s))
		require.NoError(t, err)
		var back []customattr.Definition
		require.NoError(t, json.Unmarshal(p, &back))
		s2, err := customattr.Compile(back, customattr.Options{})
		require.NoError(t, err, "%s", p)
		assert.Equal(t, definitions(s), definitions(s2))
		strict, err := customattr.ParseDefinitions(p)
		require.NoError(t, err, "%s", p)
		assert.Equal(t, definitions(s), strict)
		for _, a := range s.Attributes() {
			assert.NotEmpty(t, a.Label())
			b, ok := s.LookupID(a.Definition().ID)
			assert.True(t, ok)
			assert.Same(t, a, b)
		}
	})
}

func fuzzSchema(t testing.TB) *customattr.Schema {
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "1", Pointer: "/string", Type: customattr.String},
		{ID: "2", Pointer: "/string_bounded", Type: customattr.String, MinLength: 2, MaxLength: 5, Pattern: `^\pL+$`},
		{ID: "3", Pointer: "/number", Type: customattr.Number, Minimum: "-1e10", Maximum: "1e10"},
		{ID: "4", Pointer: "/integer", Type: customattr.Integer},
		{ID: "5", Pointer: "/enum", Type: customattr.Enum, Enum: []string{"a", "B", "c_d"}},
		{ID: "6", Pointer: "/x_phone", Type: customattr.PhoneNumber},
		{ID: "7", Pointer: "/x_email", Type: customattr.Email},
		{ID: "8", Pointer: "/x_url", Type: customattr.URL},
		{ID: "9", Pointer: "/x_country", Type: customattr.CountryCode},
		{ID: "10", Pointer: "/number_free", Type: customattr.Number},
		{ID: "11", Pointer: "/x_flag", Type: customattr.Boolean},
		{ID: "12", Pointer: "/x_date", Type: customattr.Date},
		{ID: "13", Pointer: "/x_date_bounded", Type: customattr.Date, Minimum: "2000-01-01", Maximum: "2030-12-31"},
	}, customattr.Options{})
	require.NoError(t, err)
	return s
}

// FuzzValidate checks the input, as a string and (when it is one) as a JSON number or a boolean
// (as strconv.ParseBool reads it), against an attribute of every type: nothing panics, and an
// accepted value is normalized to a fixed point (it re-validates to itself).
func FuzzValidate(f *testing.F) {
	for _, s := range []string{"", " ", "abc", " Ab ", "e\u0301", "a\x00", "5", "3.0", "-0", "1e2", "12345678901234567890",
		"1e309", "+14155552671", " +1 415 555 2671", "alice@Example.COM", "https://example.com/a", "us", "UK", "c_d", "\u00a0x\u00a0",
		"true", "F", "on", "2020-02-29", " 2000-01-01\t", "1900-02-29", "2021-04-31", "0000-01-01", "2031-01-01",
		"1999-12-31T23:59:59Z", "2020-2-29"} {
		f.Add(s)
	}
	s := fuzzSchema(f)
	f.Fuzz(func(t *testing.T, in string) {
		values := []customattr.Value{customattr.StringValue(in)}
		if n, err := customattr.NumberValue(json.Number(in)); err == nil {
			values = append(values, n)
		}
		if b, err := strconv.ParseBool(in); err == nil {
			values = append(values, customattr.BoolValue(b))
		}
		for _, v := range values {
			for _, a := range s.Attributes() {
				got, c := asCause2(a.Check(v))
				if c != nil {
					assert.True(t, got.IsZero())
					assert.NotEmpty(t, c.Kind)
					continue
				}
				again, c := asCause2(a.Check(got))
				if assert.Nil(t, c, "%s: %q normalized to %q does not re-validate", a.Name(), in, rawOf(got)) {
					assert.Equal(t, got, again, "%s: %q", a.Name(), in)
				}
				p, err := json.Marshal(got)
				require.NoError(t, err)
				var back customattr.Value
				require.NoError(t, json.Unmarshal(p, &back))
				assert.Equal(t, got, back)
			}
		}
	})
}

// FuzzParseForm parses form input for every type: nothing panics, an accepted value
// re-validates to itself, and a number's literal or a boolean's true/false parses back to the
// same value.
func FuzzParseForm(f *testing.F) {
	for _, s := range []string{"", " +42 ", "3.0", "0x10", "NaN", "Inf", "1,000", "1e400", "-12345678901234567890", "+-1", "05", "us", "M",
		"on", " OFF ", "true", "False", "1", "yes", "2020-02-29", " 1999-12-31 ", "2020-2-29"} {
		f.Add(s)
	}
	s := fuzzSchema(f)
	f.Fuzz(func(t *testing.T, raw string) {
		for _, a := range s.Attributes() {
			got, c := asCause2(a.ParseForm(raw))
			if c != nil {
				assert.True(t, got.IsZero())
				continue
			}
			again, c := asCause2(a.Check(got))
			if assert.Nil(t, c, "%s: %q", a.Name(), raw) {
				assert.Equal(t, got, again)
			}
			if lit, ok := got.Number(); ok {
				back, c := asCause2(a.ParseForm(string(lit)))
				assert.Nil(t, c)
				assert.Equal(t, got, back)
			}
			if b, ok := got.Bool(); ok {
				back, c := asCause2(a.ParseForm(strconv.FormatBool(b)))
				assert.Nil(t, c)
				assert.Equal(t, got, back)
			}
		}
	})
}

// FuzzValueJSON reads any JSON into a Value: strings, numbers and booleans round-trip,
// everything else is an error.
func FuzzValueJSON(f *testing.F) {
	for _, s := range []string{`"x"`, `1`, `-0.5e-7`, `null`, `true`, `{}`, `[1]`, `"\ud800"`, `123456789012345678901234567890`,
		`false`, ` true `, `"true"`, `"2020-02-29"`, `[true]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var v customattr.Value
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			return
		}
		p, err := json.Marshal(v)
		require.NoError(t, err)
		var back customattr.Value
		require.NoError(t, json.Unmarshal(p, &back))
		assert.Equal(t, v, back)
	})
}
