package customattr_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/validation"
)

func testSchema(t testing.TB) *customattr.Schema {
	t.Helper()
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "n", Pointer: "/num", Type: customattr.Number},
		{ID: "nb", Pointer: "/num_bounded", Type: customattr.Number, Minimum: "-0.5", Maximum: "9007199254740992"},
		{ID: "i", Pointer: "/int", Type: customattr.Integer},
		{ID: "ib", Pointer: "/int_bounded", Type: customattr.Integer, Minimum: "1", Maximum: "10"},
		{ID: "s", Pointer: "/str", Type: customattr.String},
		{ID: "sb", Pointer: "/str_bounded", Type: customattr.String, MinLength: 2, MaxLength: 3, Pattern: `^[a-zé]+$`},
		{ID: "e", Pointer: "/size", Type: customattr.Enum, Enum: []string{"S", "M", "L", "x_large"}},
		{ID: "p", Pointer: "/phone", Type: customattr.PhoneNumber},
		{ID: "m", Pointer: "/mail", Type: customattr.Email},
		{ID: "u", Pointer: "/link", Type: customattr.URL},
		{ID: "c", Pointer: "/country", Type: customattr.CountryCode},
	}, customattr.Options{})
	require.NoError(t, err)
	return s
}

func str(s string) customattr.Value { return customattr.StringValue(s) }

// attr returns the attribute named name; an undefined name fails the test.
func attr(t testing.TB, s *customattr.Schema, name string) *customattr.Attribute {
	t.Helper()
	a, ok := s.Lookup(name)
	require.True(t, ok, "no attribute is named %q", name)
	return a
}

// check checks v with the attribute named name.
func check(t testing.TB, s *customattr.Schema, name string, v customattr.Value) (customattr.Value, *validation.Cause) {
	t.Helper()
	v, err := attr(t, s, name).Check(v)
	return v, asCause(err)
}

// asCause is the *validation.Cause of a check's error, nil for none.
func asCause(err error) *validation.Cause {
	var c *validation.Cause
	errors.As(err, &c)
	return c
}

// parseForm parses raw with the attribute named name.
func parseForm(t testing.TB, s *customattr.Schema, name, raw string) (customattr.Value, *validation.Cause) {
	t.Helper()
	v, err := attr(t, s, name).ParseForm(raw)
	return v, asCause(err)
}

// definitions lists the definitions of the attributes of s, in order.
func definitions(s *customattr.Schema) []customattr.Definition {
	attrs := s.Attributes()
	out := make([]customattr.Definition, len(attrs))
	for i, a := range attrs {
		out[i] = a.Definition()
	}
	return out
}

// floatValue is a Value holding f in its shortest exact decimal form (NaN and ±Inf are not JSON
// numbers: NumberValue refuses their spelling).
func floatValue(f float64) (customattr.Value, error) {
	return customattr.NumberValue(json.Number(strconv.FormatFloat(f, 'g', -1, 64)))
}

// literal returns the JSON literal of the number v holds; a value that is not a number fails
// the test.
func literal(t testing.TB, v customattr.Value) json.Number {
	t.Helper()
	lit, ok := v.Number()
	require.True(t, ok, "%v is not a number", v)
	return lit
}

type checkCase struct {
	attr string
	in   customattr.Value
	want customattr.Value // when kind == ""
	kind validation.Kind
}

func runChecks(t *testing.T, s *customattr.Schema, tests []checkCase) {
	t.Helper()
	for _, tt := range tests {
		got, c := check(t, s, tt.attr, tt.in)
		name := fmt.Sprintf("%s(%s %q)", tt.attr, tt.in.Type(), rawOf(tt.in))
		if tt.kind == "" {
			if assert.Nil(t, c, name) {
				assert.Equal(t, tt.want, got, name)
				again, c2 := check(t, s, tt.attr, got)
				assert.Nil(t, c2, "%s: normalized value must re-validate", name)
				assert.Equal(t, got, again, "%s: normalization is idempotent", name)
			}
			continue
		}
		if assert.NotNil(t, c, "%s: want %s, got %v", name, tt.kind, got) {
			assert.Equal(t, tt.kind, c.Kind, "%s: %v", name, c)
			assert.Empty(t, c.Location, name)
			assert.True(t, got.IsZero(), name)
		}
	}
}

func rawOf(v customattr.Value) string {
	if s, ok := v.Text(); ok {
		return s
	}
	if b, ok := v.Bool(); ok {
		return strconv.FormatBool(b)
	}
	n, _ := v.Number()
	return string(n)
}

func TestCheckNumbers(t *testing.T) {
	s := testSchema(t)
	n := func(lit string) customattr.Value { return mustNumber(t, lit) }
	runChecks(t, s, []checkCase{
		{"num", n("1.5"), n("1.5"), ""},
		{"num", n("-0"), n("-0"), ""},
		{"num", n("1e308"), n("1e308"), ""},
		{"num", n("1e-400"), n("1e-400"), ""}, // finite and exact, though it underflows a float64
		{"num", n("1.7976931348623157e308"), n("1.7976931348623157e308"), ""},
		{"num", n("1e309"), customattr.Value{}, validation.KindMaximum},
		{"num", n("-1e309"), customattr.Value{}, validation.KindMinimum},
		{"num", str("5"), customattr.Value{}, validation.KindType}, // never coerced
		{"num", customattr.Value{}, customattr.Value{}, validation.KindType},
		{"num_bounded", n("-0.5"), n("-0.5"), ""}, // inclusive
		{"num_bounded", n("-0.50000000000000000001"), customattr.Value{}, validation.KindMinimum},
		{"num_bounded", n("9007199254740992"), n("9007199254740992"), ""},
		{"num_bounded", n("9007199254740993"), customattr.Value{}, validation.KindMaximum}, // equal to the bound as float64s; compared exactly
		{"int", n("3"), n("3"), ""},
		{"int", n("3.0"), n("3"), ""},
		{"int", n("1e2"), n("100"), ""},
		{"int", n("1.5e1"), n("15"), ""},
		{"int", n("-0"), n("0"), ""},
		{"int", n("-0.0e7"), n("0"), ""},
		{"int", n("3.5"), customattr.Value{}, validation.KindType},
		{"int", n("1e-1"), customattr.Value{}, validation.KindType},
		{"int", n("9223372036854775807"), n("9223372036854775807"), ""},
		{"int", n("-9223372036854775808"), n("-9223372036854775808"), ""},
		{"int", n("12345678901234567890"), customattr.Value{}, validation.KindMaximum},
		{"int", n("9223372036854775808"), customattr.Value{}, validation.KindMaximum},
		{"int", n("-9223372036854775809"), customattr.Value{}, validation.KindMinimum},
		{"int", n("1e400"), customattr.Value{}, validation.KindMaximum},
		{"int", str("5"), customattr.Value{}, validation.KindType},
		{"int_bounded", n("1"), n("1"), ""},
		{"int_bounded", n("10"), n("10"), ""},
		{"int_bounded", n("1.0e1"), n("10"), ""},
		{"int_bounded", n("0"), customattr.Value{}, validation.KindMinimum},
		{"int_bounded", n("11"), customattr.Value{}, validation.KindMaximum},
	})
}

func TestCheckNumberDetails(t *testing.T) {
	s := testSchema(t)
	_, c := check(t, s, "int", str("5"))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Expected: "integer", Actual: "string", Message: "expected integer, got string"}, c.Details)

	_, c = check(t, s, "str", customattr.IntValue(5))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Expected: "string", Actual: "number", Message: "expected string, got number"}, c.Details)

	_, c = check(t, s, "int_bounded", customattr.IntValue(11))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Expected: json.Number("10"), Actual: json.Number("11"), Message: "11 is above the maximum 10"}, c.Details)
	p, err := json.Marshal(c.Under("/custom_attributes/int_bounded"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"location":"/custom_attributes/int_bounded","kind":"maximum","details":{"maximum":10,"actual":11,"error":"11 is above the maximum 10"}}`, string(p))

	_, c = check(t, s, "int", mustNumber(t, "12345678901234567890"))
	require.NotNil(t, c)
	assert.Equal(t, json.Number("9223372036854775807"), c.Details.Expected)
	assert.Equal(t, json.Number("12345678901234567890"), c.Details.Actual)

	_, ok := s.Lookup("nope")
	assert.False(t, ok, "an undefined name has no attribute")
}

func TestCheckStrings(t *testing.T) {
	s := testSchema(t)
	long := make([]byte, 1025)
	for i := range long {
		long[i] = 'a'
	}
	runChecks(t, s, []checkCase{
		{"str", str("hello"), str("hello"), ""},
		{"str", str("  hello world \t"), str("hello world"), ""},
		{"str", str("e\u0301"), str("é"), ""}, // NFC
		{"str", str(""), customattr.Value{}, validation.KindMinLength},
		{"str", str(" \t\n"), customattr.Value{}, validation.KindMinLength},
		{"str", str(string(long)), customattr.Value{}, validation.KindMaxLength}, // default maximum 1024
		{"str", str(string(long[:1024])), str(string(long[:1024])), ""},
		{"str", customattr.IntValue(1), customattr.Value{}, validation.KindType},
		{"str_bounded", str("ab"), str("ab"), ""},
		{"str_bounded", str("ééé"), str("ééé"), ""}, // 3 runes, 6 bytes
		{"str_bounded", str("a"), customattr.Value{}, validation.KindMinLength},
		{"str_bounded", str("abcd"), customattr.Value{}, validation.KindMaxLength},
		{"str_bounded", str("a1"), customattr.Value{}, validation.KindPattern},
		{"str_bounded", str(" ab "), str("ab"), ""}, // trimmed before length and pattern
		{"size", str("M"), str("M"), ""},
		{"size", str("x_large"), str("x_large"), ""},
		{"size", str(" L "), str("L"), ""},
		{"size", str("m"), customattr.Value{}, validation.KindEnum}, // case-sensitive
		{"size", str("XL"), customattr.Value{}, validation.KindEnum},
		{"size", str(""), customattr.Value{}, validation.KindMinLength},
		{"size", customattr.IntValue(1), customattr.Value{}, validation.KindType},
	})
	_, c := check(t, s, "str_bounded", str("abcd"))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Expected: 3, Actual: 4, Message: "length 4 is above the maximum 3"}, c.Details)
	_, c = check(t, s, "str_bounded", str("a1"))
	require.NotNil(t, c)
	assert.Equal(t, `^[a-zé]+$`, c.Details.Expected)
	assert.Equal(t, "a1", c.Details.Actual)
	_, c = check(t, s, "size", str("XL"))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Expected: []string{"S", "M", "L", "x_large"}, Actual: "XL",
		Message: `"XL" is not one of the allowed values ["S", "M", "L", "x_large"]`}, c.Details)
	_, c = check(t, s, "str", str("a\x00b"))
	assert.NotNil(t, c, "control characters are rejected")
}

func TestCheckFormats(t *testing.T) {
	s := testSchema(t)
	runChecks(t, s, []checkCase{
		{"phone", str("+14155552671"), str("+14155552671"), ""},
		{"phone", str(" +14155552671 "), str("+14155552671"), ""},
		{"phone", str("4155552671"), customattr.Value{}, validation.KindFormat}, // no default region
		{"phone", str("+1"), customattr.Value{}, validation.KindFormat},
		{"phone", str(""), customattr.Value{}, validation.KindMinLength},
		{"mail", str("alice@example.com"), str("alice@example.com"), ""},
		{"mail", str(" alice@Example.COM "), str("alice@example.com"), ""},
		{"mail", str("not-an-email"), customattr.Value{}, validation.KindFormat},
		{"mail", str("Alice <alice@example.com>"), customattr.Value{}, validation.KindFormat},
		{"link", str("https://example.com/a/b"), str("https://example.com/a/b"), ""},
		{"link", str(" https://example.com/ "), str("https://example.com/"), ""},
		{"link", str("javascript:alert(1)"), customattr.Value{}, validation.KindFormat},
		{"link", str("/relative"), customattr.Value{}, validation.KindFormat},
		{"link", str("http://example.com/../x"), customattr.Value{}, validation.KindFormat},
		{"link", str("https://user:pass@example.com/"), customattr.Value{}, validation.KindFormat},
		{"country", str("US"), str("US"), ""},
		{"country", str("us"), str("US"), ""},
		{"country", str(" de "), str("DE"), ""},
		{"country", str("UK"), customattr.Value{}, validation.KindFormat},
		{"country", str("USA"), customattr.Value{}, validation.KindFormat},
		{"country", str("XX"), customattr.Value{}, validation.KindFormat},
		{"country", str("XK"), customattr.Value{}, validation.KindFormat}, // not ISO-assigned; see Options.AllowXK
		{"country", str("840"), customattr.Value{}, validation.KindFormat},
		{"country", str(""), customattr.Value{}, validation.KindMinLength},
		{"country", customattr.IntValue(840), customattr.Value{}, validation.KindType},
	})
	for _, attr := range []string{"phone", "mail", "link", "country"} {
		_, c := check(t, s, attr, str("???"))
		if assert.NotNil(t, c, attr) && assert.Equal(t, validation.KindFormat, c.Kind, attr) {
			assert.NotEmpty(t, c.Details.Format, attr)
			assert.NotEmpty(t, c.Details.Message, attr)
		}
	}

	national, err := customattr.Compile([]customattr.Definition{{ID: "p", Pointer: "/p", Type: customattr.PhoneNumber}},
		customattr.Options{PhoneDefaultRegion: "US"})
	require.NoError(t, err)
	got, c := check(t, national, "p", str("(415) 555-2671"))
	require.Nil(t, c)
	assert.Equal(t, str("+14155552671"), got)
	_, err = customattr.Compile(nil, customattr.Options{PhoneDefaultRegion: "XX"})
	assert.Equal(t, []causeAt{{"", "format"}}, causesOf(t, err))

	xk, err := customattr.Compile([]customattr.Definition{{ID: "c", Pointer: "/c", Type: customattr.CountryCode}}, customattr.Options{AllowXK: true})
	require.NoError(t, err)
	got, c = check(t, xk, "c", str("xk"))
	require.Nil(t, c)
	assert.Equal(t, str("XK"), got)
}

func TestParseForm(t *testing.T) {
	s := testSchema(t)
	n := func(lit string) customattr.Value { return mustNumber(t, lit) }
	tests := []struct {
		attr, raw string
		want      customattr.Value
		kind      validation.Kind
	}{
		{"num", "1.5", n("1.5"), ""},
		{"num", " +1.5 ", n("1.5"), ""},
		{"num", "-2e3", n("-2e3"), ""},
		{"num", "1E+3", n("1E+3"), ""},
		{"num", "0x10", customattr.Value{}, validation.KindType},
		{"num", "0x1p4", customattr.Value{}, validation.KindType},
		{"num", "NaN", customattr.Value{}, validation.KindType},
		{"num", "Inf", customattr.Value{}, validation.KindType},
		{"num", "-Infinity", customattr.Value{}, validation.KindType},
		{"num", "1,000", customattr.Value{}, validation.KindType},
		{"num", "1 000", customattr.Value{}, validation.KindType},
		{"num", "05", customattr.Value{}, validation.KindType},
		{"num", ".5", customattr.Value{}, validation.KindType},
		{"num", "+-1", customattr.Value{}, validation.KindType},
		{"num", "++1", customattr.Value{}, validation.KindType},
		{"num", "+", customattr.Value{}, validation.KindType},
		{"num", "1e309", customattr.Value{}, validation.KindMaximum},
		{"num", "", customattr.Value{}, validation.KindMinLength},
		{"num", "   ", customattr.Value{}, validation.KindMinLength},
		{"int", "42", n("42"), ""},
		{"int", "+5", n("5"), ""},
		{"int", "3.0", n("3"), ""},
		{"int", "1e3", n("1000"), ""},
		{"int", "3.5", customattr.Value{}, validation.KindType},
		{"int", "12345678901234567890", customattr.Value{}, validation.KindMaximum},
		{"int", "-12345678901234567890", customattr.Value{}, validation.KindMinimum},
		{"int", "abc", customattr.Value{}, validation.KindType},
		{"int_bounded", "\t7\n", n("7"), ""},
		{"int_bounded", "0", customattr.Value{}, validation.KindMinimum},
		{"str", " hello ", str("hello"), ""},
		{"str", "42", str("42"), ""}, // a string attribute keeps the string
		{"str", "", customattr.Value{}, validation.KindMinLength},
		{"size", "M", str("M"), ""},
		{"country", "us", str("US"), ""},
	}
	for _, tt := range tests {
		got, c := parseForm(t, s, tt.attr, tt.raw)
		name := tt.attr + "(" + tt.raw + ")"
		if tt.kind == "" {
			if assert.Nil(t, c, name) {
				assert.Equal(t, tt.want, got, name)
			}
			continue
		}
		if assert.NotNil(t, c, name) {
			assert.Equal(t, tt.kind, c.Kind, "%s: %v", name, c)
		}
	}
	_, c := parseForm(t, s, "int", "0x10")
	require.NotNil(t, c)
	assert.Equal(t, "integer", c.Details.Expected)
	assert.Equal(t, "string", c.Details.Actual)
	_, ok := s.Lookup("nope")
	assert.False(t, ok, "an undefined name has no attribute")
}

func TestValueJSON(t *testing.T) {
	tests := []struct {
		in, out string
		typ     string
	}{
		{`"hello"`, `"hello"`, "string"},
		{`""`, `""`, "string"},
		{`"\u00e9<"`, `"é\u003c"`, "string"},
		{`42`, `42`, "number"},
		{`-0.0`, `-0.0`, "number"},
		{`12345678901234567890123`, `12345678901234567890123`, "number"},
		{`1.000000000000000000001e-5`, `1.000000000000000000001e-5`, "number"},
		{` 7 `, `7`, "number"},
		{`true`, `true`, "boolean"},
		{` false `, `false`, "boolean"},
		{`"true"`, `"true"`, "string"}, // a string, not a boolean
		{`"2020-02-29"`, `"2020-02-29"`, "string"},
	}
	for _, tt := range tests {
		var v customattr.Value
		require.NoError(t, json.Unmarshal([]byte(tt.in), &v), tt.in)
		assert.Equal(t, tt.typ, v.Type(), tt.in)
		p, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, tt.out, string(p), tt.in)
	}
	// An array is a list (the value of a multi-valued attribute); nested arrays are not.
	var list customattr.Value
	require.NoError(t, json.Unmarshal([]byte(` [1, "a", true] `), &list))
	assert.Equal(t, "array", list.Type())
	elems, ok := list.List()
	require.True(t, ok)
	assert.Equal(t, []customattr.Value{customattr.IntValue(1), str("a"), customattr.BoolValue(true)}, elems)
	lp, lerr := json.Marshal(list)
	require.NoError(t, lerr)
	assert.Equal(t, `[1,"a",true]`, string(lp))
	for _, in := range []string{`null`, `{}`, `[[1]]`, `{"a":1}`} {
		var v customattr.Value
		err := json.Unmarshal([]byte(in), &v)
		var c *validation.Cause
		if assert.ErrorAs(t, err, &c, in) {
			assert.Equal(t, validation.KindType, c.Kind, in)
			assert.Equal(t, "string, number or boolean", c.Details.Expected, in)
		}
		assert.True(t, v.IsZero(), in)
	}
	// A map of values decodes, and numbers stay exact.
	var m map[string]customattr.Value
	require.NoError(t, json.Unmarshal([]byte(`{"a": 9007199254740993, "b": "x"}`), &m))
	lit, ok := m["a"].Number()
	assert.True(t, ok)
	i, err := lit.Int64()
	require.NoError(t, err)
	assert.Equal(t, int64(9007199254740993), i)
	p, err := json.Marshal(customattr.Value{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(p))
}

func TestValueAccessors(t *testing.T) {
	v := customattr.StringValue("x")
	s, ok := v.Text()
	assert.True(t, ok)
	assert.Equal(t, "x", s)
	_, ok = v.Number()
	assert.False(t, ok)
	assert.Equal(t, "string", v.Type())

	n := customattr.IntValue(math.MinInt64)
	assert.Equal(t, "number", n.Type())
	lit, ok := n.Number()
	assert.True(t, ok)
	i, err := lit.Int64()
	assert.NoError(t, err)
	assert.Equal(t, int64(math.MinInt64), i)
	_, ok = n.Text()
	assert.False(t, ok)
	f, err := literal(t, mustNumber(t, "0.1")).Float64()
	assert.NoError(t, err)
	assert.Equal(t, 0.1, f)
	_, err = literal(t, mustNumber(t, "1e400")).Float64()
	assert.Error(t, err, "beyond the largest float64")
	_, err = literal(t, mustNumber(t, "3.5")).Int64()
	assert.Error(t, err)
	// 3.0 is an integer: an integer attribute normalizes it to 3.
	three, c := check(t, testSchema(t), "int", mustNumber(t, "3.0"))
	require.Nil(t, c)
	i, err = literal(t, three).Int64()
	assert.NoError(t, err)
	assert.Equal(t, int64(3), i)
	_, err = literal(t, mustNumber(t, "1e19")).Int64()
	assert.Error(t, err)

	fv, err := floatValue(0.1)
	require.NoError(t, err)
	lit, _ = fv.Number()
	assert.Equal(t, json.Number("0.1"), lit)
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, err := floatValue(bad)
		var c *validation.Cause
		if assert.ErrorAs(t, err, &c) {
			assert.Equal(t, validation.KindType, c.Kind)
		}
	}
	for _, bad := range []string{"", "+1", "0x10", "NaN", "1,000", " 1"} {
		_, err := customattr.NumberValue(json.Number(bad))
		assert.Error(t, err, bad)
	}
	assert.True(t, customattr.Value{}.IsZero())
	assert.Equal(t, "null", customattr.Value{}.Type())
}

func TestSchemaConcurrent(t *testing.T) {
	s := testSchema(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				ib, _ := s.Lookup("int_bounded")
				v, c := asCause2(ib.Check(customattr.IntValue(int64(i%10 + 1))))
				assert.Nil(t, c)
				assert.False(t, v.IsZero())
				sb, _ := s.Lookup("str_bounded")
				_, c = asCause2(sb.Check(str("ab")))
				assert.Nil(t, c)
				size, _ := s.Lookup("size")
				_, c = asCause2(size.ParseForm("M"))
				assert.Nil(t, c)
				_, _ = s.LookupID(strconv.Itoa(g)) // readers share the compiled schema
			}
		})
	}
	wg.Wait()
}

func ExampleAttribute_Check() {
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "0001", Pointer: "/x_age", Type: customattr.Integer, Minimum: "0", Maximum: "150"},
		{ID: "0002", Pointer: "/x_size", Type: customattr.Enum, Enum: []string{"S", "M", "L"}},
	}, customattr.Options{})
	if err != nil {
		panic(err)
	}
	age, _ := s.Lookup("x_age")
	three, _ := customattr.NumberValue("3.0")
	v, _ := age.Check(three)
	lit, _ := v.Number()
	n, _ := lit.Int64()
	fmt.Println(n)

	_, cause := asCause2(age.Check(customattr.StringValue("5")))
	fmt.Println(cause.Under("/custom_attributes/x_age"))
	_, cause = asCause2(age.Check(customattr.IntValue(200)))
	fmt.Println(cause)
	size, _ := s.Lookup("x_size")
	_, cause = asCause2(size.Check(customattr.StringValue("XL")))
	fmt.Println(cause)
	// Output:
	// 3
	// /custom_attributes/x_age: type: expected integer, got string
	// maximum: 200 is above the maximum 150
	// enum: "XL" is not one of the allowed values ["S", "M", "L"]
}

func ExampleAttribute_ParseForm() {
	s, _ := customattr.Compile([]customattr.Definition{
		{ID: "0001", Pointer: "/x_age", Type: customattr.Integer},
	}, customattr.Options{})
	age, _ := s.Lookup("x_age")
	for _, raw := range []string{" +42 ", "3.0", "0x2A", "NaN", "1,000", "99999999999999999999"} {
		v, cause := asCause2(age.ParseForm(raw))
		if cause != nil {
			fmt.Printf("%q: %s\n", raw, cause.Kind)
			continue
		}
		lit, _ := v.Number()
		fmt.Printf("%q: %s\n", raw, lit)
	}
	// Output:
	// " +42 ": 42
	// "3.0": 3
	// "0x2A": type
	// "NaN": type
	// "1,000": type
	// "99999999999999999999": maximum
}

// asCause2 is a check's value and the *validation.Cause of its error.
func asCause2(v customattr.Value, err error) (customattr.Value, *validation.Cause) {
	return v, asCause(err)
}
