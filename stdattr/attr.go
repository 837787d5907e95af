package stdattr

import (
	"iter"

	"github.com/profilekit/profilekit/internal/claim"
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

// Type is the JSON type of a claim's value.
type Type uint8

// JSON types of standard claims.
const (
	TypeString  Type = iota + 1 // a JSON string
	TypeObject                  // a JSON object (address)
	TypeBoolean                 // true or false (the *_verified claims)
	TypeNumber                  // a JSON number (updated_at, seconds since the Unix epoch)
)

// String is the JSON Schema name of the type: "string", "object", "boolean", "number".
func (t Type) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeObject:
		return "object"
	case TypeBoolean:
		return "boolean"
	case TypeNumber:
		return "number"
	}
	return "invalid"
}

// Scope is the OIDC scope that releases a claim to a relying party (OIDC Core §5.4).
type Scope string

// The OIDC scopes of standard claims.
const (
	ScopeProfile Scope = "profile"
	ScopeEmail   Scope = "email"
	ScopePhone   Scope = "phone"
	ScopeAddress Scope = "address"
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
	FormatPicture   Format = "x_picture"
	FormatBirthdate Format = "birthdate"
	FormatTimezone  Format = "timezone"
	FormatLocale    Format = "bcp47"
	// FormatCountryCode is an ISO 3166-1 alpha-2 code (address.country when codes are
	// required, and custom country_code attributes).
	FormatCountryCode Format = iso3166.Format
)

// info is what stdattr adds to a row of the claim table (internal/claim): the JSON type and
// the format, facts only the checks need.
type info struct {
	typ    Type
	format Format
}

// table is indexed by Attr; name, scope, coupling and parent come from internal/claim.
var table = [numAttrs]info{
	AttrName:                {TypeString, FormatText},
	AttrGivenName:           {TypeString, FormatText},
	AttrFamilyName:          {TypeString, FormatText},
	AttrMiddleName:          {TypeString, FormatText},
	AttrNickname:            {TypeString, FormatText},
	AttrPreferredUsername:   {TypeString, FormatText},
	AttrProfile:             {TypeString, FormatURI},
	AttrPicture:             {TypeString, FormatPicture},
	AttrWebsite:             {TypeString, FormatURI},
	AttrEmail:               {TypeString, FormatEmail},
	AttrGender:              {TypeString, FormatText},
	AttrBirthdate:           {TypeString, FormatBirthdate},
	AttrZoneinfo:            {TypeString, FormatTimezone},
	AttrLocale:              {TypeString, FormatLocale},
	AttrPhoneNumber:         {TypeString, FormatPhone},
	AttrAddress:             {TypeObject, ""},
	AttrEmailVerified:       {TypeBoolean, ""},
	AttrPhoneNumberVerified: {TypeBoolean, ""},
	AttrUpdatedAt:           {TypeNumber, ""},
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

// Type is the JSON type of the claim's value.
func (a Attr) Type() Type { return table[a%numAttrs].typ }

// Scope is the OIDC scope that releases the claim.
func (a Attr) Scope() Scope { return Scope(claim.Table[a%numAttrs].Scope) }

// Format is the format a string claim's value must have; "" for address and derived claims.
func (a Attr) Format() Format { return table[a%numAttrs].format }

// Coupled reports whether the claim is identity-coupled (email, phone_number,
// preferred_username): its value must be one that the user owns through an identity.
func (a Attr) Coupled() bool { return claim.Table[a%numAttrs].Coupled }

// Derived reports whether the claim is computed (email_verified, phone_number_verified,
// updated_at) and never accepted as input.
func (a Attr) Derived() bool { return claim.Table[a%numAttrs].Derived }

// Writable reports whether the claim can be written (it is one of the 16 non-derived claims).
func (a Attr) Writable() bool { return a.Valid() && !a.Derived() }

// Parent is the claim whose value a derived *_verified claim describes (email for
// email_verified); 0 for other claims. Such a derived claim is visible exactly when its
// parent is.
func (a Attr) Parent() Attr { return Attr(claim.Table[a%numAttrs].Parent) }
