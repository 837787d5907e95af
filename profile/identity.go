package profile

import (
	"strings"

	"github.com/profilekit/profilekit/stdattr"
)

// IdentityKind is the kind of login identity that can own an identity-coupled claim.
type IdentityKind uint8

// Identity kinds: an email address owns email, a phone number owns phone_number, a username
// owns preferred_username.
const (
	IdentityEmail IdentityKind = iota + 1
	IdentityPhone
	IdentityUsername
)

// String is the kind's config name: "email", "phone", "username".
func (k IdentityKind) String() string {
	switch k {
	case IdentityEmail:
		return "email"
	case IdentityPhone:
		return "phone"
	case IdentityUsername:
		return "username"
	}
	return ""
}

// MarshalText writes the kind's name.
func (k IdentityKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads "email", "phone" or "username".
func (k *IdentityKind) UnmarshalText(p []byte) error {
	switch string(p) {
	case "email":
		*k = IdentityEmail
	case "phone", "phone_number":
		*k = IdentityPhone
	case "username", "preferred_username":
		*k = IdentityUsername
	default:
		return &unknownKindError{string(p)}
	}
	return nil
}

type unknownKindError struct{ s string }

func (e *unknownKindError) Error() string {
	return "unknown identity kind " + `"` + e.s + `"` + ` (want "email", "phone" or "username")`
}

// claim is the coupled claim an identity kind owns.
func (k IdentityKind) claim() stdattr.Attr {
	switch k {
	case IdentityEmail:
		return stdattr.AttrEmail
	case IdentityPhone:
		return stdattr.AttrPhoneNumber
	case IdentityUsername:
		return stdattr.AttrPreferredUsername
	}
	return 0
}

// Identity is one login identity of the user as the caller knows it: an email address, a
// phone number or a username, and whether it has been verified.
type Identity struct {
	Kind     IdentityKind `json:"kind"`
	Value    string       `json:"value"`
	Verified bool         `json:"verified,omitempty"`
}

// Identities are the user's identities, newest first. They decide which values of the
// identity-coupled claims (email, phone_number, preferred_username) the user owns, and the
// derived email_verified and phone_number_verified claims.
type Identities []Identity

// owner finds the identity of kind k whose value matches v, comparing normalized forms: values
// equal as given, or equal after the schema normalizes the identity's value; for emails the
// local part is compared without case (mailbox providers treat it so, and identity servers
// store it case-folded). It returns the identity's normalized value, which is what the
// profile stores.
func (ids Identities) owner(s *Schema, k IdentityKind, v string) (Identity, string, bool) {
	for _, id := range ids {
		if id.Kind == k && id.Value == v {
			return id, v, true
		}
	}
	for _, id := range ids {
		if id.Kind != k {
			continue
		}
		norm, err := s.std.Normalize(k.claim(), id.Value)
		if err != nil {
			continue
		}
		if norm == v || (k == IdentityEmail && strings.EqualFold(norm, v)) {
			return id, norm, true
		}
	}
	return Identity{}, "", false
}
