package customattr

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/validation"
)

// jwtClaims are the JWT registered claims (RFC 7519 §4.1), reserved with the standard claims
// (internal/claim) and "custom_attributes" itself.
var jwtClaims = [...]string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti"}

// isReserved reports whether name is reserved: a standard attribute name (including
// email_verified, phone_number_verified and updated_at), a JWT registered claim (iss, sub, aud,
// exp, nbf, iat, jti), or custom_attributes.
func isReserved(name string) bool {
	_, std := claim.Lookup(name)
	return std || name == "custom_attributes" || slices.Contains(jwtClaims[:], name)
}

// namePattern documents the name rule in the Expected of a pattern cause.
const namePattern = "^/[a-z]([a-z0-9_]*[a-z0-9])?$"

// checkPointer checks a definition's pointer: a one-level JSON pointer whose token is a valid,
// unreserved attribute name (lower-case letters, digits and "_", starting with a letter, not
// ending with "_"). JSON pointer escapes ("~0", "~1") are not allowed. The cause has an empty
// location; its kind is "required" (empty), "pattern" (Details.Message says which rule) or
// "reserved".
func checkPointer(p string) *validation.Cause {
	if p == "" {
		return &validation.Cause{Kind: validation.KindRequired, Details: validation.Details{Message: "pointer is required"}}
	}
	bad := func(msg string) *validation.Cause {
		return &validation.Cause{Kind: validation.KindPattern, Details: validation.Details{
			Expected: namePattern, Actual: p, Message: msg,
		}}
	}
	if p[0] != '/' {
		return bad("a custom attribute pointer must start with \"/\", like \"/" + p + "\"")
	}
	name := p[1:]
	if n := strings.Count(name, "/"); n > 0 {
		return bad("a custom attribute pointer must have one level but has " + strconv.Itoa(n+1))
	}
	if name == "" {
		return bad("a custom attribute name must not be empty")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z':
		case (c >= '0' && c <= '9') || c == '_':
			if i == 0 {
				return bad("a custom attribute name must start with a lower-case letter a-z")
			}
		default:
			r, _ := utf8.DecodeRuneInString(name[i:])
			msg := "invalid character " + strconv.QuoteRune(r) + " at " + strconv.Itoa(i) + ": only a-z, 0-9 and _ are allowed"
			if c >= 'A' && c <= 'Z' {
				msg = "invalid character " + strconv.QuoteRune(r) + " at " + strconv.Itoa(i) + ": a custom attribute name is lower case"
			}
			if c == '~' {
				msg = "JSON pointer escapes are not allowed in a custom attribute name"
			}
			return bad(msg)
		}
	}
	if name[len(name)-1] == '_' {
		return bad("a custom attribute name must not end with \"_\"")
	}
	if isReserved(name) {
		why := "a standard attribute"
		switch {
		case slices.Contains(jwtClaims[:], name):
			why = "a JWT registered claim"
		case name == "custom_attributes":
			why = "the member that holds the custom attributes"
		}
		return &validation.Cause{Kind: validation.KindReserved, Details: validation.Details{
			Actual: name, Message: strconv.Quote(name) + " is reserved: it is " + why,
		}}
	}
	return nil
}
