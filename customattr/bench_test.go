package customattr_test

import (
	"testing"

	"github.com/profilekit/profilekit/customattr"
)

func BenchmarkCheck(b *testing.B) {
	s := fuzzSchema(b)
	cases := []struct {
		attr string
		v    customattr.Value
	}{
		{"string", customattr.StringValue("Engineering")},
		{"string_bounded", customattr.StringValue("abcd")},
		{"number", mustNumber(b, "1234.5")},
		{"integer", customattr.IntValue(42)},
		{"integer", mustNumber(b, "4.2e1")}, // normalized: one allocation for the new literal
		{"enum", customattr.StringValue("c_d")},
		{"x_email", customattr.StringValue("alice@example.com")},
		{"x_url", customattr.StringValue("https://example.com/a/b")},
		{"x_country", customattr.StringValue("US")},
		{"x_country", customattr.StringValue("us")},
		{"x_phone", customattr.StringValue("+14155552671")},
		{"x_flag", customattr.BoolValue(true)},
		{"x_date", customattr.StringValue("2020-02-29")},
		{"x_date_bounded", customattr.StringValue(" 2024-01-31 ")}, // trimmed: a substring, no allocation
	}
	for _, c := range cases {
		a, _ := s.Lookup(c.attr)
		b.Run(c.attr+"/"+rawOf(c.v), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, cause := a.Check(c.v); cause != nil {
					b.Fatal(cause)
				}
			}
		})
	}
}

func BenchmarkValidateByName(b *testing.B) {
	s := fuzzSchema(b)
	v := customattr.IntValue(42)
	b.ReportAllocs()
	for b.Loop() {
		a, ok := s.Lookup("integer")
		if !ok {
			b.Fatal("no attribute integer")
		}
		if _, cause := a.Check(v); cause != nil {
			b.Fatal(cause)
		}
	}
}

func BenchmarkParseForm(b *testing.B) {
	s := fuzzSchema(b)
	a, _ := s.Lookup("integer")
	b.ReportAllocs()
	for b.Loop() {
		if _, cause := a.ParseForm(" +42 "); cause != nil {
			b.Fatal(cause)
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	defs := []customattr.Definition{
		{ID: "1", Pointer: "/x_string", Type: customattr.String, Pattern: `^[a-z]+$`},
		{ID: "2", Pointer: "/x_number", Type: customattr.Number, Minimum: "0", Maximum: "1e3"},
		{ID: "3", Pointer: "/x_integer", Type: customattr.Integer, Minimum: "0"},
		{ID: "4", Pointer: "/x_enum", Type: customattr.Enum, Enum: []string{"a", "b", "c"}},
		{ID: "5", Pointer: "/x_phone", Type: customattr.PhoneNumber},
		{ID: "6", Pointer: "/x_email", Type: customattr.Email},
		{ID: "7", Pointer: "/x_url", Type: customattr.URL},
		{ID: "8", Pointer: "/x_country", Type: customattr.CountryCode},
		{ID: "9", Pointer: "/x_flag", Type: customattr.Boolean},
		{ID: "10", Pointer: "/x_date", Type: customattr.Date, Minimum: "2000-01-01", Maximum: "2030-12-31"},
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customattr.Compile(defs, customattr.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
