package stdattr

import "github.com/profilekit/profilekit/internal/format"

// NormalizeEmail checks an email claim and returns it normalized: surrounding white space
// trimmed, NFC, the domain lower-cased, the local part kept exactly as typed.
//
// Only a bare addr-spec is accepted (local-part@domain): no display name, angle brackets,
// comments, groups or lists, no quoted local part, no IP literal (user@[127.0.0.1]). The local
// part is a dot-atom (no leading, trailing or doubled dot) and may hold non-ASCII characters
// (RFC 6531); the domain needs at least two labels of letters, digits and hyphens (an IDN such
// as 例子.广告 is kept in Unicode form), so user@localhost is rejected; a trailing dot is
// rejected. Limits in octets: local part 64, domain label 63 (in ASCII/Punycode form), whole
// address 254. Errors are *validation.Cause values of kind format (Details.Format "email",
// Details.Message saying what is wrong), minLength (empty) or maxLength (over 254 octets).
func NormalizeEmail(s string) (string, error) {
	t, c := format.Email(s)
	if c != nil {
		return "", c
	}
	return t, nil
}
