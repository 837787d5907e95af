package bench

import (
	"errors"
	"net/mail"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
)

// The format checks a Go service registers with a JSON Schema validator (or as custom
// validator tags) today. Each takes a string and returns nil when the value is valid.

var (
	errPhone     = errors.New("not a valid phone number in E.164 form")
	errBirthdate = errors.New("not a birthdate (YYYY-MM-DD, 0000-MM-DD or YYYY)")
	errZone      = errors.New("not an IANA time zone name")
	errLocale    = errors.New("not a BCP 47 language tag")
	errCountry   = errors.New("not an ISO 3166-1 alpha-2 code")
	errEmail     = errors.New("not an email address (addr-spec)")
)

// checkPhone parses with libphonenumber, requires a valid number, and requires the input to be
// in E.164 form already (these engines do not normalize).
func checkPhone(s string) error {
	n, err := phonenumbers.Parse(s, "")
	if err != nil || !phonenumbers.IsValidNumber(n) || phonenumbers.Format(n, phonenumbers.E164) != s {
		return errPhone
	}
	return nil
}

// checkBirthdate accepts the OIDC forms: a full date (the year 0000 means withheld and is a
// leap year, so 0000-02-29 is fine) or a year 0001-9999 alone.
func checkBirthdate(s string) error {
	switch len(s) {
	case 10:
		if _, err := time.Parse("2006-01-02", s); err == nil {
			return nil
		}
	case 4:
		if t, err := time.Parse("2006", s); err == nil && t.Year() >= 1 {
			return nil
		}
	}
	return errBirthdate
}

// checkZoneinfo asks time.LoadLocation, which is what identity servers do today (and what
// validator's `timezone` tag does). It reads the tz database from disk (or time/tzdata) on
// every call that misses its one-entry cache, so it costs file I/O per value and its answer
// depends on the machine: "localtime" (a file in /usr/share/zoneinfo on Debian) passes.
func checkZoneinfo(s string) error {
	if s == "" || strings.EqualFold(s, "local") {
		return errZone
	}
	if _, err := time.LoadLocation(s); err != nil {
		return errZone
	}
	return nil
}

// checkLocale parses with x/text and requires a known language (not "und", not unknown to
// CLDR) without private use subtags; the input may be in any case and use deprecated codes
// (x/text canonicalizes "en-us" and "iw"). The "canonical check" is that the tag's language is
// given exactly, not guessed.
func checkLocale(s string) error {
	t, err := language.Parse(s)
	if err != nil {
		return errLocale
	}
	if _, conf := t.Base(); conf != language.Exact { // "und" (guessed base) or unknown

		return errLocale
	}
	if strings.Contains(strings.ToLower(s), "x-") {
		return errLocale
	}
	return nil
}

// checkCountry looks the code up in the set of officially assigned ISO 3166-1 alpha-2 codes.
func checkCountry(s string) error {
	if _, ok := countries[s]; !ok {
		return errCountry
	}
	return nil
}

// checkEmail accepts an addr-spec (no display name, no angle brackets) that net/mail parses.
func checkEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return errEmail
	}
	return nil
}

// countries are the 249 officially assigned ISO 3166-1 alpha-2 codes (iso-codes 4.15.0).
var countries = func() map[string]struct{} {
	const codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
		"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
		"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
		"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
		"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
		"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
		"UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
	m := make(map[string]struct{}, 249)
	for _, c := range strings.Fields(codes) {
		m[c] = struct{}{}
	}
	return m
}()
