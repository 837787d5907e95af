package phone

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"github.com/profilekit/profilekit/validation"
)

// Options tune Normalize. The zero value requires a leading "+" and a valid number.
type Options struct {
	DefaultRegion string // ISO 3166-1 alpha-2 region for numbers written without "+"; "" requires "+"
	Possible      bool   // accept possible numbers (length check only) instead of valid ones
}

// MaxLength is the longest input Normalize accepts, in characters after trimming
// (libphonenumber's own limit).
const MaxLength = 250

// Normalize returns the number in E.164 form ("+85298765432"), followed by ";ext=N" (RFC 3966)
// when the input carried an extension. Surrounding white space is trimmed first.
//
// Accepted: "+" and digits with the usual separators (spaces, "-", ".", "/", parentheses, and
// their full-width forms); any Unicode decimal digits (full-width, Arabic-Indic, Devanagari, …);
// a "tel:" prefix; extensions written "ext. 123", "x123", ";ext=123" and the other forms
// libphonenumber knows; "+44 (0)20 …" (the national prefix after the calling code is dropped,
// as libphonenumber does). Without "+" the number is parsed in o.DefaultRegion (national
// format, or that region's international prefix such as "00" or "011"); with no default
// region it is rejected ("0044…" gets a Suggest of "+44…"). Letters are rejected, never
// converted: "1-800-FLOWERS" gets a Suggest with its digits when those form an acceptable
// number.
//
// The number must be valid (libphonenumber's IsValidNumber) or, with o.Possible, possible
// (IsPossibleNumberWithReason is IS_POSSIBLE; a valid number is always accepted). A length
// that libphonenumber calls possible only locally (a subscriber number without its area code,
// "555-2671" in US) is not accepted: its E.164 form could not be dialled. Failures are a *validation.Cause of
// kind format (Format "phone", Message saying why, Actual the input), minLength for an empty
// input or maxLength beyond MaxLength characters. Parser panics are recovered into a cause.
//
// Input already in E.164 form, and national input in o.DefaultRegion made of digits and the
// usual separators, is decided by precompiled tables without the parser (see fast.go and
// national.go); anything they cannot decide goes to the parser.
func Normalize(s string, o Options) (string, *validation.Cause) {
	t := strings.TrimSpace(s)
	if out, ok := fastPath(t, o); ok {
		return out, nil
	}
	return normalizeFull(s, t, o, true)
}

// fastPath tries the precompiled tables on the trimmed input t.
func fastPath(t string, o Options) (string, bool) {
	if fastE164(t, o.Possible) {
		return t, true
	}
	// "+852 9876 5432", "+1 415-555-2671": international form with single spaces, hyphens or
	// dots between digits is E.164 once they are removed (libphonenumber drops them too), so
	// the fast path applies to the compacted form. Parentheses are not compacted: "(0)" in
	// "+44 (0)20 ..." is a national prefix the full parser removes.
	if c, ok := compactInternational(t); ok && fastE164(c, o.Possible) {
		return c, true
	}
	// "(415) 555-2671" in US, "020 7946 0958" in GB: national input is parsed in the default
	// region the way libphonenumber does it (national.go), then decided as E.164.
	if o.DefaultRegion != "" && len(t) > 0 && t[0] != '+' {
		return fastNational(t, o.DefaultRegion, o.Possible)
	}
	return "", false
}

// compactInternational removes single separators (space, hyphen, dot) between the digits of
// "+digits..."; ok is false for anything else, including input without separators.
func compactInternational(t string) (string, bool) {
	if len(t) < 3 || len(t) > 32 || t[0] != '+' || t[1] < '0' || t[1] > '9' {
		return "", false
	}
	var buf [32]byte
	buf[0] = '+'
	n, seps := 1, 0
	for i := 1; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			buf[n] = c
			n++
		case (c == ' ' || c == '-' || c == '.') && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9' && t[i-1] >= '0' && t[i-1] <= '9':
			seps++
		default:
			return "", false
		}
	}
	if seps == 0 {
		return "", false
	}
	return string(buf[:n]), true
}

// NormalizeFull is Normalize without the fast path: every input goes through libphonenumber's
// parser. It gives the same results as Normalize, only slower; tests use it to check the fast
// path.
func NormalizeFull(s string, o Options) (string, *validation.Cause) {
	return normalizeFull(s, strings.TrimSpace(s), o, true)
}

// FastPath reports whether the precompiled tables alone accept s (after trimming) under o,
// and if so returns the normalized number, which is then what Normalize returns: s itself
// for E.164 input, without its separators for international input such as "+852 9876 5432",
// the E.164 form for national input in o.DefaultRegion such as "(415) 555-2671". A false
// result says nothing about the number: Normalize then asks the full parser.
func FastPath(s string, o Options) (string, bool) {
	return fastPath(strings.TrimSpace(s), o)
}

// SupportedRegion reports whether region (case-insensitive) is a region libphonenumber has
// metadata for, and so is usable as Options.DefaultRegion.
func SupportedRegion(region string) bool {
	return phonenumbers.GetCountryCodeForRegion(strings.ToUpper(region)) != 0
}

func formatCause(actual, msg string) *validation.Cause {
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: "phone", Message: msg, Actual: actual}}
}

// normalizeFull is the parser path. s is the original input (reported as Actual), t the
// trimmed one. suggest allows one level of recursion to compute Details.Suggest.
func normalizeFull(s, t string, o Options, suggest bool) (string, *validation.Cause) {
	if t == "" {
		return "", &validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}
	}
	if n := utf8.RuneCountInString(t); n > MaxLength {
		return "", &validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{Expected: MaxLength, Actual: n}}
	}
	body := t
	if len(body) >= 4 && strings.EqualFold(body[:4], "tel:") {
		body = body[4:]
	}
	numPart, ext, msg := splitExtension(body)
	if msg != "" {
		return "", formatCause(s, msg)
	}
	clean, digits, hasPlus, bad := cleanNumber(numPart)
	switch {
	case bad == badLetter:
		c := formatCause(s, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)")
		conv, err := guarded(func() (string, error) { return phonenumbers.ConvertAlphaCharactersInNumber(numPart), nil })
		if suggest && err == nil {
			conv += body[len(numPart):]
			if out, cause := normalizeFull(conv, conv, o, false); cause == nil {
				c.Details.Suggest = out
			}
		}
		return "", c
	case bad != "":
		return "", formatCause(s, bad)
	case digits == "":
		return "", formatCause(s, "no digits in phone number")
	}

	region := ""
	if o.DefaultRegion != "" {
		region = strings.ToUpper(o.DefaultRegion)
		if !SupportedRegion(region) {
			if !hasPlus {
				return "", formatCause(s, fmt.Sprintf("missing leading + and the default region %q is not a known region", o.DefaultRegion))
			}
			region = ""
		}
	}
	if !hasPlus && region == "" {
		if strings.HasPrefix(digits, "00") {
			c := formatCause(s, "missing leading + and no default region: write the international prefix 00 as +")
			if suggest {
				alt := "+" + digits[2:]
				if ext != "" {
					alt += ";ext=" + ext
				}
				if out, cause := normalizeFull(alt, alt, o, false); cause == nil {
					c.Details.Suggest = out
				}
			}
			return "", c
		}
		return "", formatCause(s, "missing leading + and no default region")
	}

	r, err := check(clean, region, hasPlus, o.Possible)
	if err != nil {
		return "", formatCause(s, err.Error())
	}
	switch {
	case r.possible != phonenumbers.IS_POSSIBLE && !r.ok:
		return "", formatCause(s, "not a possible number for "+r.where+": "+reason(r.possible))
	case !r.ok:
		return "", formatCause(s, "number is possible but not valid for "+r.where)
	case !r.stable:
		// libphonenumber strips a national prefix written after the calling code ("+44 (0)20
		// …"); when the result still starts with one, its E.164 form would be read as another
		// number. Only numbers whose E.164 form reads back as itself are accepted.
		return "", formatCause(s, "ambiguous number: its E.164 form "+r.e164+" would be read as another number (it starts with a national prefix)")
	}
	out := r.e164
	if ext != "" {
		out += ";ext=" + ext
	}
	return out, nil
}

// checked is what the parser says about a number.
type checked struct {
	e164     string
	ok       bool                          // valid, or possible when that is enough
	stable   bool                          // e164 parses back to itself
	possible phonenumbers.ValidationResult // set when !ok
	where    string                        // set when !ok: "region HK" or "calling code +800", for messages
}

// guarded runs f and turns a panic inside it into an error.
func guarded[T any](f func() (T, error)) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			var zero T
			v, err = zero, fmt.Errorf("phone number parser failed: %v", p)
		}
	}()
	return f()
}

// check runs libphonenumber on an already cleaned number, containing its panics.
func check(clean, region string, plus, possible bool) (checked, error) {
	return guarded(func() (checked, error) { return checkUnguarded(clean, region, plus, possible) })
}

func checkUnguarded(clean, region string, plus, possible bool) (r checked, err error) {
	num, err := phonenumbers.Parse(clean, region)
	if err != nil {
		return checked{}, parseError(err, plus)
	}
	r.e164 = phonenumbers.Format(num, phonenumbers.E164)
	// When the tables accept the E.164 form, Parse reads it back as the same number, so
	// IsValidNumber (or IsPossibleNumberWithReason) says yes for num too: skip them.
	if fastE164(r.e164, possible) {
		r.ok, r.stable, r.possible = true, true, phonenumbers.IS_POSSIBLE
		return r, nil
	}
	r.possible = phonenumbers.IsPossibleNumberWithReason(num)
	r.ok = phonenumbers.IsValidNumber(num) || possible && r.possible == phonenumbers.IS_POSSIBLE
	if r.ok {
		again, err := phonenumbers.Parse(r.e164, "")
		r.stable = err == nil && phonenumbers.Format(again, phonenumbers.E164) == r.e164
		return r, nil
	}
	cc := int(num.GetCountryCode())
	id := phonenumbers.GetRegionCodeForNumber(num)
	if id == "" {
		id = phonenumbers.GetRegionCodeForCountryCode(cc)
	}
	if id == "001" || id == "ZZ" || id == "" {
		r.where = "calling code +" + strconv.Itoa(cc)
	} else {
		r.where = "region " + id
	}
	return r, nil
}

func parseError(err error, plus bool) error {
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		if plus {
			return errors.New("unknown country calling code")
		}
		return errors.New("invalid country calling code")
	case errors.Is(err, phonenumbers.ErrTooShortNSN), errors.Is(err, phonenumbers.ErrTooShortAfterIDD):
		return errors.New("too short to be a phone number")
	case errors.Is(err, phonenumbers.ErrNumTooLong):
		return errors.New("too long to be a phone number")
	case errors.Is(err, phonenumbers.ErrNotANumber):
		return errors.New("not a phone number")
	}
	return fmt.Errorf("not a phone number: %v", err)
}

func reason(v phonenumbers.ValidationResult) string {
	switch v {
	case phonenumbers.TOO_SHORT:
		return "too short"
	case phonenumbers.TOO_LONG:
		return "too long"
	case phonenumbers.INVALID_COUNTRY_CODE:
		return "unknown country calling code"
	case phonenumbers.IS_POSSIBLE_LOCAL_ONLY:
		return "a local number without its area code"
	default:
		return "no number of this length exists"
	}
}

// splitExtension separates an extension with libphonenumber's extension patterns. It returns
// the number part, the extension in ASCII digits, and a message when the extension part holds
// digits that would be lost.
func splitExtension(body string) (num, ext, msg string) {
	if plainASCII(body) {
		return body, "", ""
	}
	parts, err := guarded(func() ([2]string, error) {
		n, e := phonenumbers.MaybeSeparateExtensionFromPhone(body)
		return [2]string{n, e}, nil
	})
	if err != nil {
		return "", "", err.Error()
	}
	num, e := parts[0], parts[1]
	if e == "" {
		return body, "", ""
	}
	if !strings.HasPrefix(body, num) {
		return "", "", "extension could not be separated from the number"
	}
	var b strings.Builder
	for _, r := range e {
		v, ok := digitValue(r)
		if !ok {
			return "", "", "extension must consist of digits"
		}
		b.WriteByte('0' + v)
	}
	ext = b.String()
	n := 0
	for _, r := range body[len(num):] {
		if _, ok := digitValue(r); ok {
			n++
		}
	}
	if n != len(ext) {
		return "", "", "extension must be a single group of digits"
	}
	return num, ext, ""
}

// plainASCII reports whether s has only ASCII digits, "+", space, "-", ".", "/", "(" and ")":
// none of libphonenumber's extension markers (letters, "#", "~", ",", ";") can then be present.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '+', c == ' ', c == '-', c == '.', c == '/', c == '(', c == ')':
		default:
			return false
		}
	}
	return true
}

const badLetter = "letter"

// cleanNumber checks every character of the number part and returns it rewritten in ASCII
// (digits, "+", and separators) for the parser, its digits alone, and whether it starts with
// "+". bad is badLetter for a letter, or a message for any other character that does not
// belong in a phone number.
func cleanNumber(s string) (clean, digits string, plus bool, bad string) {
	var b, d strings.Builder
	b.Grow(len(s))
	d.Grow(len(s))
	for _, r := range s {
		if v, ok := digitValue(r); ok {
			b.WriteByte('0' + v)
			d.WriteByte('0' + v)
			continue
		}
		switch r {
		case '+', '＋':
			if plus || d.Len() > 0 {
				return "", "", false, "a + may only start the number"
			}
			plus = true
			b.WriteByte('+')
			continue
		case '-', '‐', '‑', '‒', '–', '—', '―', '−', 'ー', '－':
			b.WriteByte('-')
			continue
		case '.', '．':
			b.WriteByte('.')
			continue
		case '/', '／':
			b.WriteByte('/')
			continue
		case '(', '（':
			b.WriteByte('(')
			continue
		case ')', '）':
			b.WriteByte(')')
			continue
		case '\u00AD', '\u200B', '\u2060': // soft hyphen, zero-width space, word joiner
			continue
		}
		switch {
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case unicode.IsLetter(r):
			return "", "", false, badLetter
		default:
			return "", "", false, fmt.Sprintf("unexpected character %q in phone number", r)
		}
	}
	return b.String(), d.String(), plus, ""
}

// digitValue returns the value of a Unicode decimal digit (category Nd). Every script's
// decimal digits are encoded as a run of ten code points from zero to nine (tested), so the
// value is the distance from the start of the run, modulo ten.
func digitValue(r rune) (byte, bool) {
	if r >= '0' && r <= '9' {
		return byte(r - '0'), true
	}
	if r < utf8.RuneSelf || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	k := 0
	for k < 100 && unicode.Is(unicode.Nd, r-rune(k)-1) {
		k++
	}
	return byte(k % 10), true
}
