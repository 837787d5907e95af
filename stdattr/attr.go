package stdattr

import "github.com/profilekit/profilekit/internal/claim"

// Attr identifies one OIDC standard claim. The zero value is not a claim; the claims are the
// constants below, in the order of OIDC Core 1.0 §5.1, writable claims first. An Attr is a
// plain value: compare it with ==, use it as an index, print it with String (its JSON name).
type Attr uint8

// The 16 writable standard claims, then the 3 derived ones. They are consecutive: the writable
// claims are AttrName through AttrAddress, and every claim is AttrName through AttrUpdatedAt,
// so a loop "for a := AttrName; a <= AttrUpdatedAt; a++" visits them in table order.
const (
	AttrName                = Attr(claim.Name)
	AttrGivenName           = Attr(claim.GivenName)
	AttrFamilyName          = Attr(claim.FamilyName)
	AttrMiddleName          = Attr(claim.MiddleName)
	AttrNickname            = Attr(claim.Nickname)
	AttrPreferredUsername   = Attr(claim.PreferredUsername)
	AttrProfile             = Attr(claim.Profile)
	AttrPicture             = Attr(claim.Picture)
	AttrWebsite             = Attr(claim.Website)
	AttrEmail               = Attr(claim.Email)
	AttrGender              = Attr(claim.Gender)
	AttrBirthdate           = Attr(claim.Birthdate)
	AttrZoneinfo            = Attr(claim.Zoneinfo)
	AttrLocale              = Attr(claim.Locale)
	AttrPhoneNumber         = Attr(claim.PhoneNumber)
	AttrAddress             = Attr(claim.Address)
	AttrEmailVerified       = Attr(claim.EmailVerified)
	AttrPhoneNumberVerified = Attr(claim.PhoneNumberVerified)
	AttrUpdatedAt           = Attr(claim.UpdatedAt)

	numAttrs = claim.Count
)

// Lookup returns the claim with JSON name name ("given_name"), or false.
func Lookup(name string) (Attr, bool) {
	i, ok := claim.Lookup(name)
	return Attr(i), ok
}

// valid reports whether a is one of the 19 standard claims.
func (a Attr) valid() bool { return a > 0 && a < numAttrs }

// index is a's index into the claim tables: 0, the empty entry, for an invalid Attr (an index
// taken modulo the table's length would give another claim's facts).
func (a Attr) index() Attr {
	if !a.valid() {
		return 0
	}
	return a
}

// String is the claim's JSON name ("given_name"); "" for an invalid Attr.
func (a Attr) String() string {
	if !a.valid() {
		return ""
	}
	return claim.Table[a].Name
}

// pointer is the claim's JSON pointer in a profile document ("/given_name").
func (a Attr) pointer() string { return claim.Pointers[a.index()] }

// Type is the JSON type of the claim's value: "string", "object" (address), "boolean" (the
// *_verified claims) or "number" (updated_at).
func (a Attr) Type() string { return claim.Table[a.index()].Type }

// Scope is the OIDC scope that releases the claim (OIDC Core §5.4): "profile", "email",
// "phone" or "address".
func (a Attr) Scope() string { return claim.Table[a.index()].Scope }

// Coupled reports whether the claim is identity-coupled (email, phone_number,
// preferred_username): its value must be one that the user owns through an identity.
func (a Attr) Coupled() bool { return claim.Table[a.index()].Coupled }

// Derived reports whether the claim is computed (email_verified, phone_number_verified,
// updated_at) and never accepted as input.
func (a Attr) Derived() bool { return claim.Table[a.index()].Derived }

// Parent is the claim whose value a derived *_verified claim describes (email for
// email_verified); 0 for other claims. Such a derived claim is visible exactly when its
// parent is.
func (a Attr) Parent() Attr { return Attr(claim.Table[a.index()].Parent) }
