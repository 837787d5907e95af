package stdattr

import (
	"github.com/profilekit/profilekit/internal/phone"
	"github.com/profilekit/profilekit/validation"
)

// normalizePhone checks a phone_number claim (numbers without "+" read in region, the
// Normalizer's PhoneRegion) and returns it in E.164 form: "+852 9876 5432" becomes
// "+85298765432". Surrounding white space is trimmed first. An extension is kept in RFC 3966
// form: "+1 415 555 2671 ext. 123" and "+1 415-555-2671;ext=123" become
// "+14155552671;ext=123". Numbers are parsed with libphonenumber (github.com/nyaruka/phonenumbers).
//
// Accepted spellings: digits with spaces, "-", ".", "/" and parentheses; full-width and other
// Unicode decimal digits ("＋８５２ ９８７６ ５４３２"); a "tel:" prefix; "+44 (0)20 …" (the
// national prefix written after the calling code is dropped). Rejected: letters (vanity
// numbers such as "1-800-FLOWERS" are not converted; when their digits form an acceptable
// number, Details.Suggest holds it), a second "+", more than one extension, any other
// character, and a number without "+" when no default region is set ("0044 …" then suggests
// "+44 …", because "00" is not the international prefix everywhere).
//
// The number must be valid (libphonenumber's IsValidNumber: "+85298765432" yes,
// "+85212345678" no) or, when possible is set, possible (IsPossibleNumberWithReason is IS_POSSIBLE:
// the right length, "+85212345678" yes, "+852999" no; a length libphonenumber allows only for
// local dialling, such as "555-2671" in US, is not enough). Failures are causes with an empty
// location: kind minLength for an empty value, maxLength beyond 250 characters, otherwise kind
// format with Details.Format "phone", a Message that says why ("not a possible number for
// region HK: too short", "number is possible but not valid for region HK", "missing leading +
// and no default region") and Actual the input as given. A panic inside libphonenumber is
// recovered and reported as such a cause.
//
// Input already in E.164 form ("+" and digits only) is checked against tables compiled once
// per calling code from libphonenumber's metadata, without running its parser (well under a
// microsecond, no allocation); the result is the same as the parser's.
func normalizePhone(region string, possible bool, s string) (string, *validation.Cause) {
	out, c := phone.Normalize(s, phone.Options{DefaultRegion: region, Possible: possible})
	if c != nil {
		return "", c.Explain() // phone's length causes carry no message of their own
	}
	return out, nil
}
