package stdattr

import (
	"iter"

	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/internal/iso3166"
)

// Attr identifies one OIDC standard claim. The zero value is not a claim; the claims are the
// constants below, in the order of OIDC Core 1.0 §5.1, writable claims first. An Attr is a
// plain value: compare it with ==, use it as an index, print it with String (its JSON name).
type Attr uint8

// The 16 writable standard claims, then the 3 derived ones.
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
	// NumWritable is the number of writable claims; they are the Attrs 1 through NumWritable.
	NumWritable = claim.NumWritable
)

// Format names the format a string claim must have, as reported in Details.Format of a
// validation cause. Plain text claims have FormatText.
type Format string

// Formats of standard string claims.
const (
	FormatText      Format = "text"
	FormatEmail     Format = "email"
	FormatPhone     Format = "phone"
	FormatURI       Format = "uri"
	FormatPicture   Format = format.Picture
	FormatBirthdate Format = "birthdate"
	FormatTimezone  Format = "timezone"
	FormatLocale    Format = "bcp47"
	// FormatCountryCode is an ISO 3166-1 alpha-2 code (address.country when codes are
	// required, and custom country_code attributes).
	FormatCountryCode Format = iso3166.Format
)

// formats is what stdattr adds to the claim table (internal/claim): the format of each
// string claim, a fact only the checks need.
var formats = [numAttrs]Format{
	AttrName: FormatText, AttrGivenName: FormatText, AttrFamilyName: FormatText, AttrMiddleName: FormatText,
	AttrNickname: FormatText, AttrPreferredUsername: FormatText, AttrProfile: FormatURI, AttrPicture: FormatPicture,
	AttrWebsite: FormatURI, AttrEmail: FormatEmail, AttrGender: FormatText, AttrBirthdate: FormatBirthdate,
	AttrZoneinfo: FormatTimezone, AttrLocale: FormatLocale, AttrPhoneNumber: FormatPhone,
}

// Lookup returns the claim with JSON name name ("given_name"), or false.
func Lookup(name string) (Attr, bool) {
	i, ok := claim.Lookup(name)
	return Attr(i), ok
}

// All yields every standard claim in table order: the 16 writable ones, then the 3 derived.
func All() iter.Seq[Attr] {
	return func(yield func(Attr) bool) {
		for a := Attr(1); a < numAttrs; a++ {
			if !yield(a) {
				return
			}
		}
	}
}

// Writable yields the 16 claims that can be written, in table order.
func Writable() iter.Seq[Attr] {
	return func(yield func(Attr) bool) {
		for a := Attr(1); int(a) <= NumWritable; a++ {
			if !yield(a) {
				return
			}
		}
	}
}

// Valid reports whether a is one of the 19 standard claims.
func (a Attr) Valid() bool { return a > 0 && a < numAttrs }

// String is the claim's JSON name ("given_name"); "" for an invalid Attr.
func (a Attr) String() string {
	if !a.Valid() {
		return ""
	}
	return claim.Table[a].Name
}

// Pointer is the claim's JSON pointer in a profile document ("/given_name").
func (a Attr) Pointer() string {
	if !a.Valid() {
		return ""
	}
	return pointers[a]
}

var pointers = func() (p [numAttrs]string) {
	for a := Attr(1); a < numAttrs; a++ {
		p[a] = "/" + claim.Table[a].Name
	}
	return p
}()

// Type is the JSON type of the claim's value: "string", "object" (address), "boolean" (the
// *_verified claims) or "number" (updated_at).
func (a Attr) Type() string { return claim.Table[a%numAttrs].Type }

// Scope is the OIDC scope that releases the claim (OIDC Core §5.4): "profile", "email",
// "phone" or "address".
func (a Attr) Scope() string { return claim.Table[a%numAttrs].Scope }

// Format is the format a string claim's value must have; "" for address and derived claims.
func (a Attr) Format() Format { return formats[a%numAttrs] }

// Coupled reports whether the claim is identity-coupled (email, phone_number,
// preferred_username): its value must be one that the user owns through an identity.
func (a Attr) Coupled() bool { return claim.Table[a%numAttrs].Coupled }

// Derived reports whether the claim is computed (email_verified, phone_number_verified,
// updated_at) and never accepted as input.
func (a Attr) Derived() bool { return claim.Table[a%numAttrs].Derived }

// Parent is the claim whose value a derived *_verified claim describes (email for
// email_verified); 0 for other claims. Such a derived claim is visible exactly when its
// parent is.
func (a Attr) Parent() Attr { return Attr(claim.Table[a%numAttrs].Parent) }
