package stdattr

import (
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/internal/claim"

	"github.com/profilekit/profilekit/internal/tzdb"
	"github.com/profilekit/profilekit/validation"
)

// normalizeZoneinfo checks a zoneinfo claim: after trimming surrounding white space, the value
// must be a zone or link name of the IANA tz database compiled into the library (the release
// this version of the module ships), compared case-sensitively. Membership is the only rule: UTC, GMT,
// EST5EDT and Etc/GMT+5 are valid, and so are links such as US/Pacific. The value is returned
// as given (trimmed): a link stays a link; use CanonicalZone for the zone it names.
//
// Not accepted: names that are not in the database (Mars/Olympus, ../etc/passwd), names in the
// wrong case (america/new_york), and the entries of a system's zoneinfo directory that are not
// time zones (localtime, posixrules, Factory, posix/..., right/...). A rejection is a
// cause of kind format (Details.Format "timezone"); when a replacement is evident
// (the right spelling, the zone behind posix/NAME) its canonical zone is in Details.Suggest.
// An empty value is a cause of kind minLength. The disk is never read (no time.LoadLocation).
func normalizeZoneinfo(s string) (string, *validation.Cause) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", (&validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}).Explain()
	}
	if _, ok := tzdb.Lookup(t); ok {
		return t, nil
	}
	return "", zoneCause(t)
}

// CanonicalZone returns the zone that name resolves to in the tz database: a zone itself, or
// the target of a link (US/Pacific gives America/Los_Angeles, Europe/Kiev gives Europe/Kyiv,
// UTC gives Etc/UTC). ok is false when name is not a zone or link name (compared exactly).
func CanonicalZone(name string) (canonical string, ok bool) {
	return tzdb.Lookup(name)
}

// zoneCause explains why t (trimmed, not empty) is not a zone name.
func zoneCause(t string) *validation.Cause {
	c := &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: claim.FormatTimezone, Actual: t}}
	q := zoneQuote(t)
	switch {
	case t == "localtime" || t == "posixrules":
		c.Details.Message = q + " is a file of a system's zoneinfo directory, not a time-zone name"
	case t == "Factory":
		c.Details.Message = q + " is a placeholder of the tz database meaning \"local time unknown\", not a time zone"
	case strings.HasPrefix(t, "posix/") || strings.HasPrefix(t, "right/"):
		c.Details.Message = q + " names a variant directory of a system's zoneinfo files, not a time-zone name"
		if z, ok := tzdb.Lookup(t[len("posix/"):]); ok {
			c.Details.Suggest = z
			c.Details.Message += "; use " + zoneQuote(z)
		}
	default:
		if n, ok := tzdb.Fold(t); ok {
			z, _ := tzdb.Lookup(n)
			c.Details.Suggest = z
			c.Details.Message = q + " is not a time-zone name: names are case-sensitive; use " + zoneQuote(z)
			break
		}
		c.Details.Message = q + " is not a name in the IANA time-zone database (tzdata " + tzdb.Version + ")"
	}
	return c
}

// zoneQuote quotes a value for a message, shortening very long input.
func zoneQuote(s string) string {
	const max = 64
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "") + "…"
	}
	return strconv.Quote(s)
}
