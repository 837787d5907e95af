package stdattr

import (
	"fmt"
	"strconv"
	"time"

	"github.com/profilekit/profilekit/internal/claim"

	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/validation"
)

// Birthdate is the value of the birthdate claim with the parts that are known. A zero part is
// unknown or withheld; no part is ever invented. The valid values are:
//
//   - a full date (Year, Month and Day set), written YYYY-MM-DD;
//   - a date with the year withheld (Year 0, Month and Day set), written 0000-MM-DD as OIDC
//     prescribes; February 29 is allowed, since it is a real birthday;
//   - a year alone (Month and Day 0), written YYYY, for years 0001 to 9999.
//
// The zero Birthdate means "no birthdate" and is not valid. Use [ParseBirthdate] to read one,
// [Birthdate.String] to write one, and [Birthdate.Validate] to check one built by hand.
type Birthdate struct {
	Year  int // 1–9999, or 0 when withheld
	Month int // 1–12, or 0 for a year-only value
	Day   int // 1–31 (within the month), or 0 for a year-only value
}

// IsZero reports whether b is the zero Birthdate (no birthdate at all).
func (b Birthdate) IsZero() bool { return b == Birthdate{} }

// isFullDate reports whether year, month and day are all known.
func (b Birthdate) isFullDate() bool { return b.Year != 0 && b.Month != 0 && b.Day != 0 }

// String writes b in the birthdate claim's syntax: YYYY-MM-DD, 0000-MM-DD or YYYY. For every
// valid b, ParseBirthdate(b.String()) returns b. The zero Birthdate is written as "". An
// invalid b is written with the same digits, which ParseBirthdate then rejects.
func (b Birthdate) String() string {
	if b.IsZero() {
		return ""
	}
	var buf [10]byte
	return string(b.appendTo(buf[:0]))
}

func (b Birthdate) appendTo(p []byte) []byte {
	p = appendPadded(p, b.Year, 4)
	if b.Month == 0 && b.Day == 0 {
		return p
	}
	p = append(p, '-')
	p = appendPadded(p, b.Month, 2)
	p = append(p, '-')
	return appendPadded(p, b.Day, 2)
}

func appendPadded(p []byte, v, width int) []byte {
	if v < 0 {
		return strconv.AppendInt(p, int64(v), 10)
	}
	for d := width - len(strconv.Itoa(v)); d > 0; d-- {
		p = append(p, '0')
	}
	return strconv.AppendInt(p, int64(v), 10)
}

// Validate reports whether b is one of the valid shapes described at [Birthdate], with a real
// calendar day. The error is a *validation.Cause of kind format (Details.Format "birthdate").
func (b Birthdate) Validate() error {
	if c := b.check(""); c != nil {
		return c
	}
	return nil
}

// check returns nil or the cause; input is the text the value came from, for Details.Actual
// ("" to use b.String()).
func (b Birthdate) check(input string) *validation.Cause {
	bad := func(msg string) *validation.Cause {
		if input == "" {
			input = b.String()
		}
		return birthdateCause(input, msg)
	}
	switch {
	case b.IsZero():
		return bad("no birthdate: year, month and day are all unknown")
	case b.Year < 0 || b.Year > 9999:
		return bad(fmt.Sprintf("year %d out of range (0001-9999, or 0000 when withheld)", b.Year))
	case b.Month == 0 && b.Day == 0:
		return nil // a year alone, 1–9999
	case b.Month == 0 || b.Day == 0 && b.Month > 0 && b.Month <= 12:
		if b.Month == 0 {
			return bad("a day without a month is not a birthdate")
		}
		return bad("day 00 out of range")
	case b.Year == 0 && b.Month == 2 && b.Day > 29 && b.Day <= 31:
		return bad("February has at most 29 days")
	}
	// The calendar is the one of custom date attributes (internal/format). Year 0 (withheld)
	// is a leap year there, so that February 29 is a valid year-less birthday.
	if msg := format.DayProblem(b.Year, b.Month, b.Day); msg != "" {
		return bad(msg)
	}
	return nil
}

func birthdateCause(input, msg string) *validation.Cause {
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
		Format: claim.FormatBirthdate, Message: msg, Actual: input,
	}}
}

// MarshalText writes b as String does; an invalid b is an error.
func (b Birthdate) MarshalText() ([]byte, error) {
	if c := b.check(""); c != nil {
		return nil, c
	}
	return b.appendTo(make([]byte, 0, 10)), nil
}

// UnmarshalText reads b with ParseBirthdate (strict: no surrounding white space).
func (b *Birthdate) UnmarshalText(p []byte) error {
	v, c := parseBirthdate(string(p))
	if c != nil {
		return c
	}
	*b = v
	return nil
}

// Date returns the birthdate as midnight UTC of that day, only when year, month and day are
// all known; otherwise it returns the zero time and false rather than invent a part.
func (b Birthdate) Date() (time.Time, bool) {
	if !b.isFullDate() || b.check("") != nil {
		return time.Time{}, false
	}
	return time.Date(b.Year, time.Month(b.Month), b.Day, 0, 0, 0, 0, time.UTC), true
}

// Age returns the age in whole years on the calendar day of on (in on's location), and
// true; false when b is not a valid full date or on is before it. The clock is never read:
// pass the moment you mean. Someone born on February 29 turns a year older on March 1 in
// common years.
func (b Birthdate) Age(on time.Time) (int, bool) {
	if !b.isFullDate() || b.check("") != nil {
		return 0, false
	}
	y, m, d := on.Date()
	age := y - b.Year
	if int(m) < b.Month || int(m) == b.Month && d < b.Day {
		age--
	}
	if age < 0 {
		return 0, false
	}
	return age, true
}

// ParseBirthdate reads a birthdate claim strictly: YYYY-MM-DD, 0000-MM-DD (year withheld) or
// YYYY (year only, 0001–9999), with a real calendar day. Nothing else is accepted: no
// surrounding white space (as Normalizer.Normalize does for the birthdate claim), no --MM-DD, no YYYY-MM, no single-digit
// month or day, no time of day, no other separators. The error is a *validation.Cause of
// kind format (Details.Format "birthdate", Details.Message saying what is wrong), or of kind
// minLength for "".
func ParseBirthdate(s string) (Birthdate, error) {
	b, c := parseBirthdate(s)
	if c != nil {
		return Birthdate{}, c
	}
	return b, nil
}

func parseBirthdate(s string) (Birthdate, *validation.Cause) {
	switch {
	case len(s) == 10:
		y, m, d, ok := format.SplitDate(s)
		if !ok {
			break
		}
		b := Birthdate{Year: y, Month: m, Day: d}
		if b.Month == 0 && b.Day == 0 {
			return Birthdate{}, birthdateCause(s, "month 00 and day 00 out of range")
		}
		if b.Month == 0 {
			return Birthdate{}, birthdateCause(s, "month 00 out of range (01-12)")
		}
		if c := b.check(s); c != nil {
			return Birthdate{}, c
		}
		return b, nil
	case len(s) == 4 && digits(s):
		y, _ := format.Digits(s)
		if y == 0 {
			return Birthdate{}, birthdateCause(s, "year-only value 0000 is not a year")
		}
		return Birthdate{Year: y}, nil
	case s == "":
		return Birthdate{}, (&validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}).Explain()
	}
	return Birthdate{}, birthdateCause(s, birthdateSyntaxMessage(s))
}

// birthdateSyntaxMessage explains the commonest ways a birthdate is written wrong.
func birthdateSyntaxMessage(s string) string {
	const want = "expected YYYY-MM-DD, 0000-MM-DD (year withheld) or YYYY (year only)"
	if t, _ := format.Text(s, format.TextOptions{}); t != s && t != "" {
		return "surrounding white space is not allowed; " + want
	}
	dateLike := false
	if len(s) > 10 {
		_, _, _, dateLike = format.SplitDate(s[:10])
	}
	switch {
	case dateLike && (s[10] == 'T' || s[10] == 't' || s[10] == ' '):
		return "a birthdate is a date without a time of day; " + want
	case len(s) >= 2 && s[0] == '-' && s[1] == '-':
		return "a withheld year is written 0000 (0000-MM-DD), not --MM-DD"
	case len(s) == 7 && digits(s[:4]) && s[4] == '-' && digits(s[5:]):
		return "a year and month without a day is not a birthdate; " + want
	}
	seps, digitRuns, other := 0, 0, false
	var sep byte
	inDigits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			if !inDigits {
				digitRuns++
			}
			inDigits = true
			continue
		case c == '-' || c == '/' || c == '.':
			seps++
			if sep == 0 || c != '-' {
				sep = c
			}
		default:
			other = true
		}
		inDigits = false
	}
	if !other && seps == 2 && digitRuns == 3 {
		if sep != '-' {
			return "separate year, month and day with -; " + want
		}
		return "year, month and day must have 4, 2 and 2 digits; " + want
	}
	return want
}

// digits reports whether s is made only of ASCII digits (and is not empty).
func digits(s string) bool {
	_, ok := format.Digits(s)
	return ok
}

// normalizeBirthdate checks a birthdate as typed by a person: the text rules first (surrounding
// white space trimmed, so " 1990-01-01" becomes "1990-01-01"; no control characters), then
// ParseBirthdate. It returns the canonical string. The cause is of kind
// minLength (empty) or format (Details.Format "birthdate").
func normalizeBirthdate(s string) (string, *validation.Cause) {
	t, c := format.Text(s, format.TextOptions{MaxLength: 10})
	if c != nil {
		if c.Kind != validation.KindMinLength {
			// Too long or not plain text: report it as a birthdate that is not one.
			msg := c.Details.Message
			if msg == "" {
				msg = "expected YYYY-MM-DD, 0000-MM-DD (year withheld) or YYYY (year only)"
			}
			c = birthdateCause(s, msg)
		}
		return "", c
	}
	if _, c := parseBirthdate(t); c != nil {
		c.Details.Actual = s
		return "", c
	}
	return t, nil // the strict syntax has a single spelling per date: t is canonical
}
