package format

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

func TestSplitDate(t *testing.T) {
	y, m, d, ok := SplitDate("2020-02-29")
	assert.True(t, ok)
	assert.Equal(t, [3]int{2020, 2, 29}, [3]int{y, m, d})
	y, m, d, ok = SplitDate("0000-13-00")
	assert.True(t, ok, "syntax only: the calendar is DayProblem's")
	assert.Equal(t, [3]int{0, 13, 0}, [3]int{y, m, d})
	for _, bad := range []string{"", "2020-2-29", "2020-02-2", "20200229", "2020/02/29", " 2020-02-29", "2020-02-29 ",
		"+020-02-29", "2020-0a-29", "2020-02-29T00", "\uff12020-02-2"} {
		_, _, _, ok := SplitDate(bad)
		assert.False(t, ok, "%q", bad)
	}
}

func TestDaysInAndDayProblem(t *testing.T) {
	for _, tt := range []struct{ year, month, days int }{
		{2020, 2, 29}, {2021, 2, 28}, {1900, 2, 28}, {2000, 2, 29}, {2100, 2, 28}, {0, 2, 29},
		{2021, 1, 31}, {2021, 4, 30}, {2021, 6, 30}, {2021, 9, 30}, {2021, 11, 30}, {2021, 12, 31},
	} {
		assert.Equal(t, tt.days, DaysIn(tt.year, tt.month), "%d-%02d", tt.year, tt.month)
	}
	for _, tt := range []struct {
		y, m, d int
		want    string
	}{
		{2020, 2, 29, ""},
		{1900, 2, 29, "February 1900 has 28 days"},
		{2021, 4, 31, "April has 30 days"},
		{2021, 13, 1, "month 13 out of range (01-12)"},
		{2021, 0, 1, "month 00 out of range (01-12)"},
		{2021, 1, 0, "day 00 out of range (01-31)"},
		{2021, 1, 32, "day 32 out of range (01-31)"},
	} {
		assert.Equal(t, tt.want, DayProblem(tt.y, tt.m, tt.d), "%04d-%02d-%02d", tt.y, tt.m, tt.d)
	}
}

func TestDate(t *testing.T) {
	for in, want := range map[string]string{
		"2020-02-29":       "2020-02-29",
		" 2020-02-29\t":    "2020-02-29",
		"\u30002020-02-29": "2020-02-29",
		"0001-01-01":       "0001-01-01",
		"9999-12-31":       "9999-12-31",
	} {
		got, c := Date(in)
		if assert.Nil(t, c, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
	for in, msg := range map[string]string{
		"1900-02-29":                          "February 1900 has 28 days",
		"0000-01-01":                          "year 0000 out of range (0001-9999)",
		"2020-02-29T12:00:00Z":                "a date without a time of day; expected a date YYYY-MM-DD",
		"2020-02-29 12:00":                    "a date without a time of day; expected a date YYYY-MM-DD",
		"29/02/2020":                          "expected a date YYYY-MM-DD",
		"2020-02-29T12:00:00.123456789+01:00": "expected a date YYYY-MM-DD", // too long to be looked at
	} {
		_, c := Date(in)
		if assert.NotNil(t, c, "%q", in) {
			assert.Equal(t, validation.KindFormat, c.Kind, "%q", in)
			assert.Equal(t, validation.Details{Format: FormatDate, Actual: in, Message: msg}, c.Details, "%q", in)
		}
	}
	_, c := Date("2020-02\x00-29")
	require.NotNil(t, c)
	assert.Equal(t, validation.KindFormat, c.Kind)
	assert.Equal(t, FormatDate, c.Details.Format)
	for _, blank := range []string{"", " ", "\n\t"} {
		_, c := Date(blank)
		if assert.NotNil(t, c) {
			assert.Equal(t, validation.Details{Expected: 1, Actual: 0, Message: "must not be empty"}, c.Details)
			assert.Equal(t, validation.KindMinLength, c.Kind)
		}
	}
	// A valid date without white space comes back as it came, without allocating.
	in := "2024-06-30"
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		if out, c := Date(in); c != nil || out != in {
			t.Fatal(out, c)
		}
	}))
}
