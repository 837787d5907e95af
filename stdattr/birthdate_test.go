package stdattr

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseBirthdate(t *testing.T) {
	tests := []struct {
		in       string
		want     Birthdate
		year, md bool
		full     bool
	}{
		{"1990-01-01", Birthdate{1990, 1, 1}, true, true, true},
		{"2020-02-29", Birthdate{2020, 2, 29}, true, true, true},
		{"2000-02-29", Birthdate{2000, 2, 29}, true, true, true},
		{"1600-02-29", Birthdate{1600, 2, 29}, true, true, true},
		{"0000-02-29", Birthdate{0, 2, 29}, false, true, false},
		{"0000-12-31", Birthdate{0, 12, 31}, false, true, false},
		{"1990-04-30", Birthdate{1990, 4, 30}, true, true, true},
		{"1990-12-31", Birthdate{1990, 12, 31}, true, true, true},
		{"0001-01-01", Birthdate{1, 1, 1}, true, true, true},
		{"9999-12-31", Birthdate{9999, 12, 31}, true, true, true},
		{"1990", Birthdate{Year: 1990}, true, false, false},
		{"0001", Birthdate{Year: 1}, true, false, false},
		{"9999", Birthdate{Year: 9999}, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			b, err := ParseBirthdate(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, b)
			assert.Equal(t, tt.year, b.Year != 0)
			assert.Equal(t, tt.md, b.Month != 0 && b.Day != 0)
			assert.Equal(t, tt.full, b.isFullDate())
			assert.Equal(t, tt.in, b.String(), "round trip")
			assert.NoError(t, b.Validate())
			_, ok := b.Date()
			assert.Equal(t, tt.full, ok, "Date only for full dates")
		})
	}
}

func TestParseBirthdateErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"1900-02-29", "February 1900 has 28 days"},
		{"2021-02-29", "February 2021 has 28 days"},
		{"2100-02-29", "February 2100 has 28 days"},
		{"0000-02-30", "February has at most 29 days"},
		{"1990-04-31", "April has 30 days"},
		{"1990-06-31", "June has 30 days"},
		{"2024-12-32", "day 32 out of range"},
		{"1990-13-01", "month 13 out of range (01-12)"},
		{"1990-00-10", "month 00 out of range"},
		{"1990-01-00", "day 00 out of range"},
		{"1990-00-00", "month 00 and day 00"},
		{"0000-00-00", "month 00 and day 00"},
		{"0000", "year-only value 0000 is not a year"},
		{"1990-01", "a year and month without a day"},
		{"1990-7-4", "must have 4, 2 and 2 digits"},
		{"90-07-04", "must have 4, 2 and 2 digits"},
		{"--07-04", "(0000-MM-DD), not --MM-DD"},
		{"--02-29", "not --MM-DD"},
		{"1990-01-01T00:00:00Z", "without a time of day"},
		{"1990-01-01 00:00", "without a time of day"},
		{"1990/01/01", "separate year, month and day with -"},
		{"01.01.1990", "separate year, month and day with -"},
		{" 1990-01-01", "surrounding white space"},
		{"1990-01-01\n", "surrounding white space"},
		{"１９９０-０１-０１", "expected YYYY-MM-DD"},
		{"990", "expected YYYY-MM-DD"},
		{"19900", "expected YYYY-MM-DD"},
		{"+1990", "expected YYYY-MM-DD"},
		{"-001-01-01", "expected YYYY-MM-DD"},
		{"January 1, 1990", "expected YYYY-MM-DD"},
		{"1990-01-01-", "expected YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			b, err := ParseBirthdate(tt.in)
			require.Error(t, err)
			assert.Zero(t, b)
			var c *validation.Cause
			require.ErrorAs(t, err, &c)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
			assert.Equal(t, validation.KindFormat, c.Kind)
			assert.Equal(t, "birthdate", c.Details.Format)
			assert.Equal(t, tt.in, c.Details.Actual)
			assert.Empty(t, c.Location)
			assert.Contains(t, c.Details.Message, tt.msg)
		})
	}
	_, err := ParseBirthdate("")
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, validation.KindMinLength, c.Kind)
}

func TestNormalizeBirthdate(t *testing.T) {
	for in, want := range map[string]string{
		"1990-01-01":           "1990-01-01",
		" 1990-01-01":          "1990-01-01",
		"\u00a01990-01-01\t\n": "1990-01-01",
		" 0000-02-29 ":         "0000-02-29",
		"\u30001990\u3000":     "1990",
	} {
		got, err := NormalizeBirthdate(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for in, kind := range map[string]validation.Kind{
		"":                     validation.KindMinLength,
		"   ":                  validation.KindMinLength,
		" 1990-02-30 ":         validation.KindFormat,
		"1990-01-01T00:00:00Z": validation.KindFormat,
		"1990-\x0001-01":       validation.KindFormat,
		" 1990-01 ":            validation.KindFormat,
	} {
		_, err := NormalizeBirthdate(in)
		var c *validation.Cause
		require.ErrorAs(t, err, &c, in)
		assert.Equal(t, kind, c.Kind, in)
		if kind == validation.KindFormat {
			assert.Equal(t, "birthdate", c.Details.Format, in)
			assert.Equal(t, in, c.Details.Actual, in)
		}
	}
}

func TestBirthdateValidate(t *testing.T) {
	assert.Error(t, Birthdate{}.Validate())
	assert.Error(t, Birthdate{Year: 1990, Month: 2}.Validate())
	assert.Error(t, Birthdate{Year: 1990, Day: 2}.Validate())
	assert.Error(t, Birthdate{Year: 10000}.Validate())
	assert.Error(t, Birthdate{Year: -1}.Validate())
	assert.Error(t, Birthdate{Year: 1990, Month: 2, Day: 29}.Validate())
	assert.NoError(t, Birthdate{Month: 2, Day: 29}.Validate())
	assert.Equal(t, "", Birthdate{}.String())
	assert.Equal(t, "0000-02-00", Birthdate{Month: 2}.String())
}

func TestBirthdateText(t *testing.T) {
	type doc struct {
		Birthdate Birthdate `json:"birthdate"`
	}
	var d doc
	require.NoError(t, json.Unmarshal([]byte(`{"birthdate":"0000-07-04"}`), &d))
	assert.Equal(t, Birthdate{Month: 7, Day: 4}, d.Birthdate)
	p, err := json.Marshal(d)
	require.NoError(t, err)
	assert.JSONEq(t, `{"birthdate":"0000-07-04"}`, string(p))

	assert.Error(t, json.Unmarshal([]byte(`{"birthdate":"1990-02-30"}`), &d))
	assert.Error(t, json.Unmarshal([]byte(`{"birthdate":" 1990-01-01"}`), &d), "UnmarshalText is strict")
	_, err = json.Marshal(doc{Birthdate{Year: 1990, Month: 13, Day: 1}})
	assert.Error(t, err)
}

func TestBirthdateAge(t *testing.T) {
	on := func(s string) time.Time {
		tm, err := time.Parse(time.DateOnly, s)
		require.NoError(t, err)
		return tm
	}
	b := Birthdate{1990, 6, 15}
	for day, want := range map[string]int{"2020-06-14": 29, "2020-06-15": 30, "2020-12-31": 30, "1990-06-15": 0} {
		age, ok := b.Age(on(day))
		assert.True(t, ok, day)
		assert.Equal(t, want, age, day)
	}
	_, ok := b.Age(on("1990-06-14"))
	assert.False(t, ok, "before birth")

	leap := Birthdate{2000, 2, 29}
	age, _ := leap.Age(on("2021-02-28"))
	assert.Equal(t, 20, age)
	age, _ = leap.Age(on("2021-03-01"))
	assert.Equal(t, 21, age)
	age, _ = leap.Age(on("2024-02-29"))
	assert.Equal(t, 24, age)

	_, ok = Birthdate{Year: 1990}.Age(on("2020-01-01"))
	assert.False(t, ok, "year only: never invent a month or day")
	_, ok = Birthdate{Month: 1, Day: 1}.Age(on("2020-01-01"))
	assert.False(t, ok, "year withheld")

	// The day of on is read in on's location.
	tokyo := time.FixedZone("JST", 9*3600)
	age, _ = b.Age(time.Date(2020, 6, 14, 20, 0, 0, 0, time.UTC).In(tokyo)) // June 15 in Tokyo
	assert.Equal(t, 30, age)

	d, ok := b.Date()
	require.True(t, ok)
	assert.Equal(t, time.Date(1990, 6, 15, 0, 0, 0, 0, time.UTC), d)
}

func ExampleParseBirthdate() {
	for _, s := range []string{"1990-07-04", "0000-07-04", "1990", "1900-02-29", "--07-04"} {
		b, err := ParseBirthdate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s year=%v month/day=%v\n", b, b.Year != 0, b.Month != 0 && b.Day != 0)
	}
	// Output:
	// 1990-07-04 year=true month/day=true
	// 0000-07-04 year=false month/day=true
	// 1990 year=true month/day=false
	// format: February 1900 has 28 days
	// format: a withheld year is written 0000 (0000-MM-DD), not --MM-DD
}

func ExampleNormalizer_Normalize_birthdate() {
	var n Normalizer
	s, err := n.Normalize(AttrBirthdate, " 1990-01-01 ")
	fmt.Printf("%q %v\n", s, err)
	// Output: "1990-01-01" <nil>
}

func FuzzParseBirthdate(f *testing.F) {
	for _, s := range []string{"1990-01-01", "0000-02-29", "1990", "0000", "1900-02-29", "--07-04",
		"1990-01", "1990-7-4", " 1990-01-01", "1990-01-01T00:00:00Z", "9999-12-31", "0001-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBirthdate(s)
		if err != nil {
			if !b.IsZero() {
				t.Fatal("value with an error")
			}
			var c *validation.Cause
			if !errors.As(err, &c) {
				t.Fatalf("error %T is not a cause", err)
			}
		} else {
			if b.String() != s {
				t.Fatalf("round trip: %q -> %+v -> %q", s, b, b.String())
			}
			if b.Validate() != nil {
				t.Fatalf("parsed value %+v does not validate", b)
			}
			if b.Month == 0 && b.Day != 0 || b.Month != 0 && b.Day == 0 {
				t.Fatalf("half a month/day: %+v", b)
			}
		}
		n, err := NormalizeBirthdate(s)
		if err == nil {
			if again, err := ParseBirthdate(n); err != nil || again.String() != n {
				t.Fatalf("normalized %q does not parse back: %v", n, err)
			}
		}
	})
}

func BenchmarkParseBirthdate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseBirthdate("1990-07-04"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNormalizeBirthdate(b *testing.B) {
	for _, s := range []string{"1990-07-04", " 1990-07-04 "} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NormalizeBirthdate(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
