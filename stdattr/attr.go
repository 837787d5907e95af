package stdattr

import "iter"

// Attr identifies one OIDC standard claim. The zero value is not a claim; the claims are the
// constants below, in the order of OIDC Core 1.0 §5.1, writable claims first. An Attr is a
// plain value: compare it with ==, use it as an index, print it with String (its JSON name).
type Attr uint8

// The 16 writable standard claims, then the 3 derived ones.
const (
	_ Attr = iota
	AttrName
	AttrGivenName
	AttrFamilyName
	AttrMiddleName
	AttrNickname
	AttrPreferredUsername
	AttrProfile
	AttrPicture
	AttrWebsite
	AttrEmail
	AttrGender
	AttrBirthdate
	AttrZoneinfo
	AttrLocale
	AttrPhoneNumber
	AttrAddress
	AttrEmailVerified
	AttrPhoneNumberVerified
	AttrUpdatedAt

	numAttrs = iota
	// NumWritable is the number of writable claims; they are the Attrs 1 through NumWritable.
	NumWritable = int(AttrAddress)
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
)

// info is one row of the claim table.
type info struct {
	name    string
	typ     Type
	scope   Scope
	format  Format
	coupled bool // its value must be one the user owns through an identity
	derived bool // computed, never accepted as input
	parent  Attr // for derived claims that follow another claim's visibility
}

// table describes every standard claim once. Default access levels live in package access
// (access.DefaultRule), keyed by the same names.
var table = [numAttrs]info{
	AttrName:                {name: "name", typ: TypeString, scope: ScopeProfile, format: FormatText},
	AttrGivenName:           {name: "given_name", typ: TypeString, scope: ScopeProfile, format: FormatText},
	AttrFamilyName:          {name: "family_name", typ: TypeString, scope: ScopeProfile, format: FormatText},
	AttrMiddleName:          {name: "middle_name", typ: TypeString, scope: ScopeProfile, format: FormatText},
	AttrNickname:            {name: "nickname", typ: TypeString, scope: ScopeProfile, format: FormatText},
	AttrPreferredUsername:   {name: "preferred_username", typ: TypeString, scope: ScopeProfile, format: FormatText, coupled: true},
	AttrProfile:             {name: "profile", typ: TypeString, scope: ScopeProfile, format: FormatURI},
	AttrPicture:             {name: "picture", typ: TypeString, scope: ScopeProfile, format: FormatPicture},
	AttrWebsite:             {name: "website", typ: TypeString, scope: ScopeProfile, format: FormatURI},
	AttrEmail:               {name: "email", typ: TypeString, scope: ScopeEmail, format: FormatEmail, coupled: true},
	AttrGender:              {name: "gender", typ: TypeString, scope: ScopeProfile, format: FormatText},
	AttrBirthdate:           {name: "birthdate", typ: TypeString, scope: ScopeProfile, format: FormatBirthdate},
	AttrZoneinfo:            {name: "zoneinfo", typ: TypeString, scope: ScopeProfile, format: FormatTimezone},
	AttrLocale:              {name: "locale", typ: TypeString, scope: ScopeProfile, format: FormatLocale},
	AttrPhoneNumber:         {name: "phone_number", typ: TypeString, scope: ScopePhone, format: FormatPhone, coupled: true},
	AttrAddress:             {name: "address", typ: TypeObject, scope: ScopeAddress},
	AttrEmailVerified:       {name: "email_verified", typ: TypeBoolean, scope: ScopeEmail, derived: true, parent: AttrEmail},
	AttrPhoneNumberVerified: {name: "phone_number_verified", typ: TypeBoolean, scope: ScopePhone, derived: true, parent: AttrPhoneNumber},
	AttrUpdatedAt:           {name: "updated_at", typ: TypeNumber, scope: ScopeProfile, derived: true},
}

// Lookup returns the claim with JSON name name ("given_name"), or false.
func Lookup(name string) (Attr, bool) {
	// A switch compiles to a few length-and-byte comparisons: faster than a map, no init.
	switch name {
	case "name":
		return AttrName, true
	case "given_name":
		return AttrGivenName, true
	case "family_name":
		return AttrFamilyName, true
	case "middle_name":
		return AttrMiddleName, true
	case "nickname":
		return AttrNickname, true
	case "preferred_username":
		return AttrPreferredUsername, true
	case "profile":
		return AttrProfile, true
	case "picture":
		return AttrPicture, true
	case "website":
		return AttrWebsite, true
	case "email":
		return AttrEmail, true
	case "gender":
		return AttrGender, true
	case "birthdate":
		return AttrBirthdate, true
	case "zoneinfo":
		return AttrZoneinfo, true
	case "locale":
		return AttrLocale, true
	case "phone_number":
		return AttrPhoneNumber, true
	case "address":
		return AttrAddress, true
	case "email_verified":
		return AttrEmailVerified, true
	case "phone_number_verified":
		return AttrPhoneNumberVerified, true
	case "updated_at":
		return AttrUpdatedAt, true
	}
	return 0, false
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
	return table[a].name
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
		p[a] = "/" + table[a].name
	}
	return p
}()

// Type is the JSON type of the claim's value.
func (a Attr) Type() Type { return table[a%numAttrs].typ }

// Scope is the OIDC scope that releases the claim.
func (a Attr) Scope() Scope { return table[a%numAttrs].scope }

// Format is the format a string claim's value must have; "" for address and derived claims.
func (a Attr) Format() Format { return table[a%numAttrs].format }

// Coupled reports whether the claim is identity-coupled (email, phone_number,
// preferred_username): its value must be one that the user owns through an identity.
func (a Attr) Coupled() bool { return table[a%numAttrs].coupled }

// Derived reports whether the claim is computed (email_verified, phone_number_verified,
// updated_at) and never accepted as input.
func (a Attr) Derived() bool { return table[a%numAttrs].derived }

// Writable reports whether the claim can be written (it is one of the 16 non-derived claims).
func (a Attr) Writable() bool { return a.Valid() && !a.Derived() }

// Parent is the claim whose value a derived *_verified claim describes (email for
// email_verified); 0 for other claims. Such a derived claim is visible exactly when its
// parent is.
func (a Attr) Parent() Attr { return table[a%numAttrs].parent }
