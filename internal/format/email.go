package format

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
)

// FormatEmail is the Details.Format of the causes Email reports.
const FormatEmail = "email"

// Limits of an email address, in octets of its UTF-8 form (RFC 5321 §4.5.3.1, RFC 6531).
const (
	MaxEmailLength     = 254 // the whole addr-spec: a 256-octet path minus the angle brackets
	MaxLocalPartLength = 64  // the part before the @
)

// Email normalizes an email address: a bare addr-spec, local-part@domain (RFC 5322 §3.4.1
// with the UTF-8 extension of RFC 6531/6532).
//
// First the rules of [Text] apply (one line, trimmed, NFC, no control characters); a failure
// there is reported with Details.Format "email". Then:
//   - Only the addr-spec is accepted: no display name ("Ann <ann@example.com>"), no angle
//     brackets, no comments, no groups, no list of addresses, no white space anywhere.
//     (net/mail.ParseAddress accepts all of these, so it is not used.)
//   - The local part is a dot-atom: atoms of letters, digits, !#$%&'*+-/=?^_`{|}~ or any
//     non-ASCII character, joined by single dots. It is kept exactly as typed (local parts
//     may be case-sensitive). Quoted local parts ("john doe"@example.com) are rejected: RFC
//     5321 §4.1.2 asks that mailboxes not need them, few systems deliver to them, and they
//     would let spaces and @ into a value that other systems split naively.
//   - The domain is lower-cased (Unicode-aware; Internationalized domain names are accepted in
//     their Unicode form, as are Punycode "xn--" labels). It must have at least two labels,
//     each of letters, digits and hyphens (or non-ASCII letters, marks and digits), not
//     starting or ending with a hyphen, at most 63 octets in ASCII (Punycode) form; no empty
//     label and no trailing dot; at most 253 octets in ASCII form; the last label must not be
//     numeric. So user@localhost and user@127.0.0.1 are rejected, and so are IP literals
//     (user@[127.0.0.1]): a profile's email is a mailbox in a domain, and a literal address
//     escapes the domain-based checks (allow and block lists) that consumers apply.
//   - The local part is at most 64 octets, the whole address at most 254 octets (UTF-8). An
//     address that is too long is a KindMaxLength cause {Expected: 254, Actual: its octets}.
//
// A valid address with a lower-case domain is returned as it came (after trimming), without
// allocating.
func Email(s string) (string, *validation.Cause) {
	if emailFast(s) {
		return s, nil
	}
	return emailFull(s)
}

// emailFast reports whether s is an address of the common shape that [Email] returns
// unchanged, in one pass: a local part of atext and dots (no dot first, last or doubled) of
// at most MaxLocalPartLength octets, "@", and a domain of at least two labels of lower-case
// ASCII letters, digits and hyphens (non-empty, at most MaxLabelLength long, no hyphen at
// either end, the last starting with a letter), at most MaxEmailLength octets in all. It is a
// second implementation on the update's hot path: false means only "not this shape", and
// TestEmailFast and FuzzEmail hold every true to emailFull's answer.
func emailFast(s string) bool {
	if len(s) > MaxEmailLength {
		return false
	}
	at := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '@' {
			at = i
			break
		}
		if c <= ' ' || c >= 0x7f || emailClass[c] != 0 || c == '.' && (i == 0 || s[i-1] == '.') {
			return false
		}
	}
	if at <= 0 || at > MaxLocalPartLength || s[at-1] == '.' {
		return false
	}
	end, labels, ok := fastDomain(s, at+1)
	return ok && end == len(s) && labels >= 2
}

// emailFull is Email without its fast path: the whole check.
func emailFull(s string) (string, *validation.Cause) {
	t := s
	if !plainASCII(s, false) {
		var c *validation.Cause
		if t, c = text(s, false, unlimited, FormatEmail); c != nil {
			return "", c
		}
	}
	if msg := emailSpecials(t); msg != "" {
		return "", formatCause(FormatEmail, s, msg)
	}
	at := strings.IndexByte(t, '@')
	if at < 0 {
		return "", formatCause(FormatEmail, s, "missing @")
	}
	local, domain := t[:at], t[at+1:]
	if strings.IndexByte(domain, '@') >= 0 {
		return "", formatCause(FormatEmail, s, "more than one @")
	}
	if local == "" {
		return "", formatCause(FormatEmail, s, "missing local part before @")
	}
	if domain == "" {
		return "", formatCause(FormatEmail, s, "missing domain after @")
	}
	if ld := lowerDomain(domain); ld != domain {
		domain = ld
		t = local + "@" + domain
	}
	if len(t) > MaxEmailLength {
		return "", &validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{
			Expected: MaxEmailLength, Actual: len(t), Format: FormatEmail,
			Message: fmt.Sprintf("address is %d octets long; at most %d are allowed", len(t), MaxEmailLength),
		}}
	}
	if len(local) > MaxLocalPartLength {
		return "", formatCause(FormatEmail, s, fmt.Sprintf("local part longer than %d octets (%d)", MaxLocalPartLength, len(local)))
	}
	switch {
	case local[0] == '.':
		return "", formatCause(FormatEmail, s, "local part must not start with a dot")
	case local[len(local)-1] == '.':
		return "", formatCause(FormatEmail, s, "local part must not end with a dot")
	case strings.Contains(local, ".."):
		return "", formatCause(FormatEmail, s, "local part must not contain two dots in a row")
	}
	if msg := checkDomain(domain, 2, "domain"); msg != "" {
		return "", formatCause(FormatEmail, s, msg)
	}
	return t, nil
}

// unlimited is the rune limit text gets from checks that measure length themselves.
const unlimited = int(^uint(0) >> 2)

// emailClass classifies the ASCII bytes that cannot appear in an addr-spec we accept. The
// printable ASCII left over is exactly atext, ".", and "@".
var emailClass = [128]uint8{
	' ': eSpace, '\t': eSpace,
	'<': eAngle, '>': eAngle,
	'"': eQuote,
	'(': eComment, ')': eComment,
	',': eList, ';': eList,
	':': eGroup,
	'[': eLiteral, ']': eLiteral,
	'\\': eBackslash,
}

// Classes of emailClass, in the order their messages are preferred: a display name with angle
// brackets also has spaces, and the brackets say better what went wrong.
const (
	eAngle = 1 << iota
	eQuote
	eComment
	eList
	eGroup
	eLiteral
	eBackslash
	eSpace
)

// emailSpecials returns the reason t (already trimmed, free of control characters) is not a
// bare addr-spec, judging by the special characters it contains, or "".
func emailSpecials(t string) string {
	var found uint8
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < utf8.RuneSelf {
			found |= emailClass[c]
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if unicode.IsSpace(r) {
			found |= eSpace
		}
		i += size - 1
	}
	if found == 0 {
		return ""
	}
	switch {
	case found&eAngle != 0:
		return "angle brackets are not accepted: give the bare address (user@example.com) without a display name"
	case found&eQuote != 0:
		return "quoted local parts are not accepted"
	case found&eComment != 0:
		return "comments in parentheses are not accepted"
	case found&eList != 0:
		return "only one address is accepted (found , or ;)"
	case found&eGroup != 0:
		return "a colon is not accepted (no groups, no IPv6 literals)"
	case found&eLiteral != 0:
		return "IP address literals ([...]) are not accepted; use a domain name"
	case found&eBackslash != 0:
		return "backslash is not accepted"
	default:
		return "white space inside the address is not accepted"
	}
}

// Picture is the Details.Format of the causes of picture values (claim.FormatPicture).
const Picture = "x_picture"
