package format

import (
	"fmt"
	"time"

	"github.com/profilekit/profilekit/validation"
)

// FormatDate is the Details.Format of the causes Date reports: JSON Schema's "date", a full
// date of RFC 3339.
const FormatDate = "date"

// SplitDate reads the strict full-date syntax YYYY-MM-DD (ASCII digits, exactly 4, 2 and 2 of
// them, separated by "-") and returns its numbers without checking the calendar; ok is false
// for anything else (white space, a time of day, one-digit months, other separators). It is
// the one date syntax of profilekit: the full form of the standard birthdate and custom
// attributes of type date both read dates with it.
func SplitDate(s string) (year, month, day int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s[:4]) || !digits(s[5:7]) || !digits(s[8:]) {
		return 0, 0, 0, false
	}
	return atoi(s[:4]), atoi(s[5:7]), atoi(s[8:]), true
}

// DaysIn is the number of days of month (1–12) in year, in the proleptic Gregorian calendar:
// February has 29 days in the years divisible by 4 but not by 100, and in those divisible by
// 400 (2000 and 2020 are leap years, 1900 is not; so is year 0, the year before 1).
func DaysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// DayProblem says why month and day are not a day of year ("month 13 out of range (01-12)",
// "day 00 out of range (01-31)", "April has 30 days", "February 1900 has 28 days"), or returns
// "" when they are. The year itself is not checked.
func DayProblem(year, month, day int) string {
	switch {
	case month < 1 || month > 12:
		return fmt.Sprintf("month %02d out of range (01-12)", month)
	case day < 1 || day > 31:
		return fmt.Sprintf("day %02d out of range (01-31)", day)
	}
	if n := DaysIn(year, month); day > n {
		if month != 2 {
			return fmt.Sprintf("%s has %d days", time.Month(month), n)
		}
		return fmt.Sprintf("February %04d has %d days", year, n)
	}
	return ""
}

// dateWant is what a date must look like.
const dateWant = "expected a date YYYY-MM-DD"

// Date checks a full calendar date: the text rules of [Text] first (surrounding white space
// trimmed, so " 2020-02-29 " becomes "2020-02-29"; no control characters), then the strict
// syntax of [SplitDate], a year from 0001 to 9999 and a real day of that year ([DayProblem]:
// 2020-02-29 is one, 1900-02-29 and 2021-04-31 are not). The syntax has one spelling per date,
// so the trimmed value is canonical. The error is a *validation.Cause of kind minLength for an
// empty or blank value, else of kind format (Details.Format "date", Details.Actual the input,
// Details.Message saying what is wrong).
func Date(s string) (string, *validation.Cause) {
	// 32 runes hold any RFC 3339 date-time, so that one gets the message about time of day.
	t, c := Text(s, TextOptions{MaxLength: 32})
	if c != nil {
		if c.Kind == validation.KindMinLength {
			return "", c
		}
		msg := c.Details.Message
		if c.Kind == validation.KindMaxLength || msg == "" {
			msg = dateWant
		}
		return "", dateCause(s, msg)
	}
	y, m, d, ok := SplitDate(t)
	switch {
	case !ok:
		return "", dateCause(s, dateSyntaxMessage(t))
	case y == 0:
		return "", dateCause(s, "year 0000 out of range (0001-9999)")
	}
	if msg := DayProblem(y, m, d); msg != "" {
		return "", dateCause(s, msg)
	}
	return t, nil
}

func dateSyntaxMessage(t string) string {
	if len(t) > 10 {
		if _, _, _, ok := SplitDate(t[:10]); ok && (t[10] == 'T' || t[10] == 't' || t[10] == ' ') {
			return "a date without a time of day; " + dateWant
		}
	}
	return dateWant
}

func dateCause(input, msg string) *validation.Cause {
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
		Format: FormatDate, Message: msg, Actual: input,
	}}
}

// Digits reads s as a non-negative decimal made only of ASCII digits ("0042" is 42); ok is
// false for an empty s or any other byte. s must be short enough not to overflow an int.
func Digits(s string) (n int, ok bool) {
	if s == "" || !digits(s) {
		return 0, false
	}
	return atoi(s), true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi reads a string of ASCII digits (checked by digits).
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
