package customattr

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
)

// reserved holds the names a custom attribute may not take: the 19 OIDC standard attributes
// (16 writable, 3 derived), the JWT registered claims, and "custom_attributes" itself.
var reserved = map[string]string{
	"name": "standard", "given_name": "standard", "family_name": "standard", "middle_name": "standard",
	"nickname": "standard", "preferred_username": "standard", "profile": "standard", "picture": "standard",
	"website": "standard", "email": "standard", "email_verified": "standard", "phone_number": "standard",
	"phone_number_verified": "standard", "gender": "standard", "birthdate": "standard", "zoneinfo": "standard",
	"locale": "standard", "address": "standard", "updated_at": "standard",
	"iss": "jwt", "sub": "jwt", "aud": "jwt", "exp": "jwt", "nbf": "jwt", "iat": "jwt", "jti": "jwt",
	"custom_attributes": "container",
}

// IsReserved reports whether name is reserved: a standard attribute name (including
// email_verified, phone_number_verified and updated_at), a JWT registered claim (iss, sub, aud,
// exp, nbf, iat, jti), or custom_attributes.
func IsReserved(name string) bool {
	_, ok := reserved[name]
	return ok
}

// namePattern documents the name rule in the Expected of a pattern cause.
const namePattern = "^/[a-z]([a-z0-9_]*[a-z0-9])?$"

// CheckPointer checks a definition's pointer: a one-level JSON pointer whose token is a valid,
// unreserved attribute name (lower-case letters, digits and "_", starting with a letter, not
// ending with "_"). JSON pointer escapes ("~0", "~1") are not allowed. The cause has an empty
// location; its kind is "required" (empty), "pattern" (Details.Message says which rule) or
// "reserved".
func CheckPointer(p string) *validation.Cause {
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
	if kind, ok := reserved[name]; ok {
		why := "a standard attribute"
		switch kind {
		case "jwt":
			why = "a JWT registered claim"
		case "container":
			why = "the member that holds the custom attributes"
		}
		return &validation.Cause{Kind: validation.KindReserved, Details: validation.Details{
			Actual: name, Message: strconv.Quote(name) + " is reserved: it is " + why,
		}}
	}
	return nil
}
