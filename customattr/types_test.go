package customattr_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// The boolean and date types (issue 13, part 3).

func typesSchema(t testing.TB) *customattr.Schema {
	t.Helper()
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "b", Pointer: "/newsletter", Type: customattr.Boolean},
		{ID: "d", Pointer: "/start_date", Type: customattr.Date},
		{ID: "db", Pointer: "/renewal", Type: customattr.Date, Minimum: "2000-01-01", Maximum: "2030-12-31"},
		{ID: "s", Pointer: "/note", Type: customattr.String},
		{ID: "i", Pointer: "/count", Type: customattr.Integer},
		{ID: "c", Pointer: "/country", Type: customattr.CountryCode},
	}, customattr.Options{})
	require.NoError(t, err)
	return s
}

func TestCheckBoolean(t *testing.T) {
	s := typesSchema(t)
	yes, no := customattr.BoolValue(true), customattr.BoolValue(false)
	runChecks(t, s, []checkCase{
		{"newsletter", yes, yes, ""},
		{"newsletter", no, no, ""},
		{"newsletter", str("true"), customattr.Value{}, validation.KindType}, // never coerced
		{"newsletter", str("on"), customattr.Value{}, validation.KindType},
		{"newsletter", str(""), customattr.Value{}, validation.KindType},
		{"newsletter", customattr.IntValue(1), customattr.Value{}, validation.KindType},
		{"newsletter", customattr.Value{}, customattr.Value{}, validation.KindType},
		{"note", yes, customattr.Value{}, validation.KindType},
		{"count", no, customattr.Value{}, validation.KindType},
		{"start_date", yes, customattr.Value{}, validation.KindType},
		{"country", no, customattr.Value{}, validation.KindType},
	})
	for _, tt := range []struct {
		attr string
		in   customattr.Value
		want validation.Details
	}{
		{"newsletter", str("true"), validation.Details{Expected: "boolean", Actual: "string", Message: "expected boolean, got string"}},
		{"newsletter", customattr.IntValue(0), validation.Details{Expected: "boolean", Actual: "number", Message: "expected boolean, got number"}},
		{"note", yes, validation.Details{Expected: "string", Actual: "boolean", Message: "expected string, got boolean"}},
		{"start_date", yes, validation.Details{Expected: "string", Actual: "boolean", Message: "expected string, got boolean"}},
		{"count", yes, validation.Details{Expected: "integer", Actual: "boolean", Message: "expected integer, got boolean"}},
	} {
		_, c := check(t, s, tt.attr, tt.in)
		if assert.NotNil(t, c, tt.attr) {
			assert.Equal(t, tt.want, c.Details, "%s(%v)", tt.attr, tt.in)
		}
	}
}

func TestCheckDate(t *testing.T) {
	s := typesSchema(t)
	runChecks(t, s, []checkCase{
		{"start_date", str("2020-02-29"), str("2020-02-29"), ""},                     // divisible by 4
		{"start_date", str("2000-02-29"), str("2000-02-29"), ""},                     // divisible by 400
		{"start_date", str("1900-02-29"), customattr.Value{}, validation.KindFormat}, // by 100, not 400
		{"start_date", str("2021-02-29"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-04-31"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-12-31"), str("2021-12-31"), ""},
		{"start_date", str(" 2024-01-31 "), str("2024-01-31"), ""}, // trimmed
		{"start_date", str("\t1999-12-31\n"), str("1999-12-31"), ""},
		{"start_date", str("\u00a02024-01-31"), str("2024-01-31"), ""},
		{"start_date", str("0001-01-01"), str("0001-01-01"), ""},
		{"start_date", str("9999-12-31"), str("9999-12-31"), ""},
		{"start_date", str("0000-01-01"), customattr.Value{}, validation.KindFormat}, // no year 0
		{"start_date", str("2021-13-01"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-00-10"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-01-00"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-01-32"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-1-01"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021/01/01"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("20210101"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-01"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021"), customattr.Value{}, validation.KindFormat}, // a birthdate may be a year alone; a date may not
		{"start_date", str("--01-31"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-01-01T00:00:00Z"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("2021-01-01 2021-01-02"), customattr.Value{}, validation.KindFormat},
		{"start_date", str("\uff12\uff10\uff12\uff11-01-01"), customattr.Value{}, validation.KindFormat}, // full-width digits
		{"start_date", str("2021-01-0\u0661"), customattr.Value{}, validation.KindFormat},                // an Arabic-Indic digit
		{"start_date", str("2021-01-01\x00"), customattr.Value{}, validation.KindFormat},
		{"start_date", str(""), customattr.Value{}, validation.KindMinLength},
		{"start_date", str("   "), customattr.Value{}, validation.KindMinLength},
		{"start_date", customattr.IntValue(20210101), customattr.Value{}, validation.KindType},
		{"renewal", str("2000-01-01"), str("2000-01-01"), ""}, // bounds are inclusive
		{"renewal", str("2030-12-31"), str("2030-12-31"), ""},
		{"renewal", str(" 2000-01-01 "), str("2000-01-01"), ""}, // compared after trimming
		{"renewal", str("1999-12-31"), customattr.Value{}, validation.KindMinimum},
		{"renewal", str("2031-01-01"), customattr.Value{}, validation.KindMaximum},
		{"renewal", str("2031-02-30"), customattr.Value{}, validation.KindFormat}, // not a date, whatever the bounds
	})

	_, c := check(t, s, "start_date", str("1900-02-29"))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Format: "date", Actual: "1900-02-29", Message: "February 1900 has 28 days"}, c.Details)
	_, c = check(t, s, "start_date", str(" 2021-04-31"))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Format: "date", Actual: " 2021-04-31", Message: "April has 30 days"}, c.Details, "Actual is the input")
	_, c = check(t, s, "start_date", str("2021-01-01T10:00:00Z"))
	require.NotNil(t, c)
	assert.Contains(t, c.Details.Message, "time of day")
	_, c = check(t, s, "start_date", str("01/02/2021"))
	require.NotNil(t, c)
	assert.Equal(t, "expected a date YYYY-MM-DD", c.Details.Message)

	_, c = check(t, s, "renewal", str("1999-12-31"))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Expected: "2000-01-01", Actual: "1999-12-31", Message: "1999-12-31 is below the minimum 2000-01-01"}, c.Details)
	p, err := json.Marshal(c.Under("/custom_attributes/renewal"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"location":"/custom_attributes/renewal","kind":"minimum","details":{"minimum":"2000-01-01","actual":"1999-12-31","error":"1999-12-31 is below the minimum 2000-01-01"}}`, string(p))
	_, c = check(t, s, "renewal", str("2031-01-01"))
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Expected: "2030-12-31", Actual: "2031-01-01", Message: "2031-01-01 is above the maximum 2030-12-31"}, c.Details)
}

// TestDateCalendar holds the date check to the calendar of package time, over every month
// and day (and a few beyond) of years that exercise the leap year rules, and to the standard
// birthdate's full form, which must accept exactly the same dates.
func TestDateCalendar(t *testing.T) {
	a := attr(t, typesSchema(t), "start_date")
	for _, year := range []int{1, 4, 100, 1600, 1900, 2000, 2020, 2021, 2100, 2400, 9999} {
		for month := 0; month <= 13; month++ {
			for day := 0; day <= 32; day++ {
				in := fmt.Sprintf("%04d-%02d-%02d", year, month, day)
				// time.Date normalizes a day that does not exist: a real day comes back unchanged.
				y, m, d := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Date()
				real := y == year && int(m) == month && d == day
				_, err := a.Check(str(in))
				assert.Equal(t, real, err == nil, "%s: %v", in, err)
				_, berr := stdattr.ParseBirthdate(in)
				assert.Equal(t, berr == nil, err == nil, "%s: birthdate %v, date %v", in, berr, err)
			}
		}
	}
}

func TestParseFormBoolean(t *testing.T) {
	s := typesSchema(t)
	yes, no := customattr.BoolValue(true), customattr.BoolValue(false)
	for _, tt := range []struct {
		attr, raw string
		want      customattr.Value
		kind      validation.Kind
	}{
		{"newsletter", "on", yes, ""}, // a checked box without a value attribute
		{"newsletter", "true", yes, ""},
		{"newsletter", " ON ", yes, ""},
		{"newsletter", "True", yes, ""},
		{"newsletter", "false", no, ""}, // posted explicitly, e.g. by a hidden field
		{"newsletter", "off", no, ""},
		{"newsletter", "\tFALSE\n", no, ""},
		{"newsletter", "", customattr.Value{}, validation.KindMinLength}, // ApplyForm removes first
		{"newsletter", "  ", customattr.Value{}, validation.KindMinLength},
		{"newsletter", "1", customattr.Value{}, validation.KindType},
		{"newsletter", "0", customattr.Value{}, validation.KindType},
		{"newsletter", "yes", customattr.Value{}, validation.KindType},
		{"newsletter", "checked", customattr.Value{}, validation.KindType},
		{"newsletter", "o n", customattr.Value{}, validation.KindType},
		{"newsletter", "truee", customattr.Value{}, validation.KindType},
		{"start_date", " 2020-02-29 ", str("2020-02-29"), ""}, // what <input type="date"> posts, trimmed
		{"start_date", "2020-2-29", customattr.Value{}, validation.KindFormat},
		{"renewal", "1999-12-31", customattr.Value{}, validation.KindMinimum},
		{"note", "true", str("true"), ""}, // a string attribute keeps the string
	} {
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
			assert.True(t, got.IsZero(), name)
		}
	}
	_, c := parseForm(t, s, "newsletter", "yes")
	require.NotNil(t, c)
	assert.Equal(t, "boolean", c.Details.Expected)
	assert.Equal(t, "string", c.Details.Actual)
}

func TestBoolValue(t *testing.T) {
	yes, no := customattr.BoolValue(true), customattr.BoolValue(false)
	b, ok := yes.Bool()
	assert.True(t, ok)
	assert.True(t, b)
	b, ok = no.Bool()
	assert.True(t, ok)
	assert.False(t, b)
	assert.Equal(t, "boolean", yes.Type())
	assert.Equal(t, "true", yes.String())
	assert.Equal(t, "false", no.String())
	assert.False(t, yes.IsZero())
	assert.False(t, no.IsZero(), "false is a value, not an absence")
	_, ok = yes.Text()
	assert.False(t, ok)
	_, ok = yes.Number()
	assert.False(t, ok)
	for _, v := range []customattr.Value{str("true"), customattr.IntValue(1), {}} {
		_, ok := v.Bool()
		assert.False(t, ok, "%v", v)
	}

	// Comparable, and == agrees with Equal.
	assert.True(t, yes == customattr.BoolValue(true))
	assert.True(t, yes.Equal(customattr.BoolValue(true)))
	assert.False(t, yes.Equal(no))
	assert.False(t, yes.Equal(str("true")))
	assert.False(t, no.Equal(customattr.IntValue(0)))
	assert.False(t, no.Equal(customattr.Value{}))
	m := map[customattr.Value]int{yes: 1, no: 2}
	assert.Equal(t, 1, m[customattr.BoolValue(true)])

	// JSON round trip, in a map as profiles hold them.
	p, err := json.Marshal(map[string]customattr.Value{"a": yes, "b": no})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":true,"b":false}`, string(p))
	var back map[string]customattr.Value
	require.NoError(t, json.Unmarshal(p, &back))
	assert.Equal(t, map[string]customattr.Value{"a": yes, "b": no}, back)
	for _, in := range []string{`tru`, `falsey`} {
		var v customattr.Value
		assert.Error(t, v.UnmarshalJSON([]byte(in)), in)
		assert.True(t, v.IsZero(), in)
	}
}

func TestCompileBooleanDate(t *testing.T) {
	for _, tt := range []struct {
		name string
		defs []customattr.Definition
		want []causeAt
	}{
		{"boolean takes no constraint", []customattr.Definition{{ID: "1", Pointer: "/a", Type: customattr.Boolean,
			Minimum: "0", Maximum: "1", Enum: []string{"yes"}, MinLength: 1, MaxLength: 2, Pattern: "^t"}},
			[]causeAt{{"/0/enum", "unknown"}, {"/0/max_length", "unknown"}, {"/0/maximum", "unknown"}, {"/0/min_length", "unknown"},
				{"/0/minimum", "unknown"}, {"/0/pattern", "unknown"}}},
		{"date takes bounds only", []customattr.Definition{{ID: "1", Pointer: "/a", Type: customattr.Date,
			Enum: []string{"x"}, MaxLength: 10, Pattern: `^\d`}},
			[]causeAt{{"/0/enum", "unknown"}, {"/0/max_length", "unknown"}, {"/0/pattern", "unknown"}}},
		{"date bound not a date", []customattr.Definition{{ID: "1", Pointer: "/a", Type: customattr.Date, Minimum: "1900-02-29", Maximum: "2020-1-1"}},
			[]causeAt{{"/0/maximum", "format"}, {"/0/minimum", "format"}}},
		{"date bound a number", []customattr.Definition{{ID: "1", Pointer: "/a", Type: customattr.Date, Maximum: "20200101"}},
			[]causeAt{{"/0/maximum", "type"}}},
		{"date bound with white space, year 0", []customattr.Definition{{ID: "1", Pointer: "/a", Type: customattr.Date, Minimum: " 2020-01-01", Maximum: "0000-01-01"}},
			[]causeAt{{"/0/maximum", "format"}, {"/0/minimum", "format"}}},
		{"date minimum after maximum", []customattr.Definition{{ID: "1", Pointer: "/a", Type: customattr.Date, Minimum: "2030-01-01", Maximum: "2020-01-01"}},
			[]causeAt{{"/0/minimum", "maximum"}}},
		{"number bound a date", []customattr.Definition{{ID: "1", Pointer: "/a", Type: customattr.Number, Minimum: "2020-01-01"}},
			[]causeAt{{"/0/minimum", "type"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := customattr.Compile(tt.defs, customattr.Options{})
			assert.Nil(t, s)
			assert.Equal(t, tt.want, causesOf(t, err))
		})
	}

	_, err := customattr.Compile([]customattr.Definition{
		{ID: "1", Pointer: "/a", Type: customattr.Date, Minimum: "1900-02-29"},
		{ID: "2", Pointer: "/b", Type: customattr.Date, Minimum: "2030-01-01", Maximum: "2020-01-01"},
	}, customattr.Options{})
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Causes, 2)
	assert.Equal(t, "date", verr.Causes[0].Details.Format)
	assert.Equal(t, "1900-02-29", verr.Causes[0].Details.Actual)
	assert.Equal(t, "not a date bound: February 1900 has 28 days", verr.Causes[0].Details.Message)
	assert.Equal(t, validation.Details{Expected: "2020-01-01", Actual: "2030-01-01", Message: "minimum is later than maximum"}, verr.Causes[1].Details)

	defs := []customattr.Definition{
		{ID: "1", Pointer: "/newsletter", Type: customattr.Boolean},
		{ID: "2", Pointer: "/start_date", Type: customattr.Date},
		{ID: "3", Pointer: "/day", Type: customattr.Date, Minimum: "2020-02-29", Maximum: "2020-02-29"}, // equal bounds are fine
	}
	s, err := customattr.Compile(defs, customattr.Options{})
	require.NoError(t, err)
	assert.Equal(t, defs, definitions(s))
	v, c := check(t, s, "day", str("2020-02-29"))
	assert.Nil(t, c)
	assert.Equal(t, str("2020-02-29"), v)
	assert.Nil(t, attr(t, s, "newsletter").Options())
	assert.Equal(t, "Start Date", attr(t, s, "start_date").Label())
}

func TestBoundJSON(t *testing.T) {
	for _, tt := range []struct {
		b    customattr.Bound
		json string
	}{
		{"5", `5`},
		{"-1.5e3", `-1.5e3`},
		{"2020-01-01", `"2020-01-01"`},
		{"", `null`},
	} {
		p, err := json.Marshal(tt.b)
		require.NoError(t, err)
		assert.Equal(t, tt.json, string(p), string(tt.b))
		var back customattr.Bound
		require.NoError(t, json.Unmarshal(p, &back))
		assert.Equal(t, tt.b, back)
	}
	keep := customattr.Bound("7")
	require.NoError(t, json.Unmarshal([]byte(`null`), &keep))
	assert.Equal(t, customattr.Bound("7"), keep, "null leaves the bound as it is")
	for _, tt := range []struct {
		in   string
		kind validation.Kind
	}{
		{`"5"`, validation.KindType}, // a quoted number stays an error
		{`"-0.5"`, validation.KindType},
		{`""`, validation.KindMinLength},
		{`true`, validation.KindType},
		{`{}`, validation.KindType},
		{`[]`, validation.KindType},
	} {
		var b customattr.Bound
		err := json.Unmarshal([]byte(tt.in), &b)
		var c *validation.Cause
		if assert.ErrorAs(t, err, &c, tt.in) {
			assert.Equal(t, tt.kind, c.Kind, tt.in)
		}
		assert.Empty(t, b, tt.in)
	}

	// Definitions with date bounds round-trip through encoding/json and the strict decoder.
	const data = `[{"id":"1","pointer":"/start_date","type":"date","minimum":"2000-01-01","maximum":"2030-12-31"},` +
		`{"id":"2","pointer":"/x_age","type":"integer","minimum":0},{"id":"3","pointer":"/newsletter","type":"boolean"}]`
	strict, err := customattr.ParseDefinitions([]byte(data))
	require.NoError(t, err)
	assert.Equal(t, customattr.Bound("2000-01-01"), strict[0].Minimum)
	assert.Equal(t, customattr.Bound("0"), strict[1].Minimum)
	var lenient []customattr.Definition
	require.NoError(t, json.Unmarshal([]byte(data), &lenient))
	assert.Equal(t, strict, lenient)
	s, err := customattr.Compile(strict, customattr.Options{})
	require.NoError(t, err)
	p, err := json.Marshal(definitions(s))
	require.NoError(t, err)
	assert.JSONEq(t, data, string(p))

	for _, tt := range []struct {
		data string
		want []causeAt
	}{
		{`[{"id":"1","pointer":"/a","type":"number","minimum":"5","maximum":""}]`, []causeAt{{"/0/maximum", "minLength"}, {"/0/minimum", "type"}}},
		{`[{"id":"1","pointer":"/a","type":"date","minimum":true,"maximum":{"y":2020}}]`, []causeAt{{"/0/maximum", "type"}, {"/0/minimum", "type"}}},
		{"[{\"minimum\":\"\xff\"}]", []causeAt{{"/0/minimum", "syntax"}}},
	} {
		_, err := customattr.ParseDefinitions([]byte(tt.data))
		assert.Equal(t, tt.want, causesOf(t, err), tt.data)
	}
	// A bound that decodes but is not a date is Compile's, located the same way.
	defs, err := customattr.ParseDefinitions([]byte(`[{"id":"1","pointer":"/a","type":"date","minimum":"1900-02-29","maximum":20200101}]`))
	require.NoError(t, err)
	_, err = customattr.Compile(defs, customattr.Options{})
	assert.Equal(t, []causeAt{{"/0/maximum", "type"}, {"/0/minimum", "format"}}, causesOf(t, err))
}

func TestCheckEvolutionBooleanDate(t *testing.T) {
	type D = customattr.Definition
	base := []D{
		{ID: "1", Pointer: "/x_flag", Type: customattr.Boolean},
		{ID: "2", Pointer: "/x_start", Type: customattr.Date, Minimum: "2000-01-01"},
		{ID: "3", Pointer: "/x_note", Type: customattr.String},
	}
	for _, tt := range []struct {
		name     string
		next     []D
		breaking []causeAt
		warnings []causeAt
	}{
		{"unchanged", base, nil, nil},
		{"type changes to and from the new types", []D{
			{ID: "1", Pointer: "/x_flag", Type: customattr.String},
			{ID: "2", Pointer: "/x_start", Type: customattr.Boolean},
			{ID: "3", Pointer: "/x_note", Type: customattr.Date},
		}, []causeAt{{"/0/type", "immutable"}, {"/1/type", "immutable"}, {"/2/type", "immutable"}}, nil},
		{"date bounds loosened", []D{base[0], {ID: "2", Pointer: "/x_start", Type: customattr.Date, Minimum: "1999-12-31"}, base[2]}, nil, nil},
		{"date bounds removed", []D{base[0], {ID: "2", Pointer: "/x_start", Type: customattr.Date}, base[2]}, nil, nil},
		{"date bounds tightened and added", []D{base[0],
			{ID: "2", Pointer: "/x_start", Type: customattr.Date, Minimum: "2000-01-02", Maximum: "2099-12-31"}, base[2]},
			nil, []causeAt{{"/1/maximum", "maximum"}, {"/1/minimum", "minimum"}}},
		{"renamed", []D{{ID: "1", Pointer: "/x_opt_in", Type: customattr.Boolean}, base[1], base[2]}, nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			warnings, err := customattr.CheckEvolution(base, tt.next)
			if tt.breaking == nil {
				assert.NoError(t, err)
			} else {
				assert.Equal(t, tt.breaking, causesOf(t, err))
			}
			var got []causeAt
			for _, w := range warnings {
				got = append(got, causeAt{w.Location, w.Kind})
			}
			assert.Equal(t, tt.warnings, got)
		})
	}
	warnings, err := customattr.CheckEvolution(base, []D{base[0],
		{ID: "2", Pointer: "/x_start", Type: customattr.Date, Minimum: "2001-01-01", Maximum: "2030-12-31"}, base[2]})
	require.NoError(t, err)
	require.Len(t, warnings, 2)
	assert.Equal(t, "2030-12-31", warnings[0].Details.Expected)
	assert.Nil(t, warnings[0].Details.Actual, "no maximum before")
	assert.Equal(t, "2001-01-01", warnings[1].Details.Expected)
	assert.Equal(t, "2000-01-01", warnings[1].Details.Actual)
}

func ExampleAttribute_Check_date() {
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "0001", Pointer: "/start_date", Type: customattr.Date, Minimum: "2000-01-01"},
		{ID: "0002", Pointer: "/newsletter", Type: customattr.Boolean},
	}, customattr.Options{})
	if err != nil {
		panic(err)
	}
	start, _ := s.Lookup("start_date")
	for _, in := range []string{" 2020-02-29 ", "1900-02-29", "1999-12-31", "2021-04-31"} {
		v, cause := asCause2(start.Check(customattr.StringValue(in)))
		if cause != nil {
			fmt.Printf("%q: %v\n", in, cause)
			continue
		}
		fmt.Printf("%q: %v\n", in, v)
	}
	newsletter, _ := s.Lookup("newsletter")
	v, _ := newsletter.Check(customattr.BoolValue(true))
	b, _ := v.Bool()
	fmt.Println(b)
	_, cause := asCause2(newsletter.Check(customattr.StringValue("true")))
	fmt.Println(cause)
	v, _ = newsletter.ParseForm("on") // a checked box
	fmt.Println(v)
	// Output:
	// " 2020-02-29 ": "2020-02-29"
	// "1900-02-29": format: February 1900 has 28 days
	// "1999-12-31": minimum: 1999-12-31 is below the minimum 2000-01-01
	// "2021-04-31": format: April has 30 days
	// true
	// type: expected boolean, got string
	// true
}
