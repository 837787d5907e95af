// Package claim is the one table of the OIDC standard claims (OpenID Connect Core 1.0 §5.1)
// that every profilekit package reads: name, order, scope, parent of a derived claim, identity
// coupling, display label, and default access rule. stdattr adds the JSON type and format of
// each claim (facts only it uses), access the levels, profile the labels; none keeps a list
// of its own.
package claim

// Claim is one row of the table.
type Claim struct {
	Name    string // JSON name, "given_name"
	Label   string // display label in English, "Given Name"
	Scope   string // OIDC scope that releases it (§5.4): profile, email, phone, address
	Type    string // JSON type of its value: string, object (address), boolean, number
	Parent  int    // for email_verified and phone_number_verified, the index of the claim they describe
	Coupled bool   // its value must be one the user owns through an identity
	Derived bool   // computed, never accepted as input
	// Editable: the default rule is readwrite/readonly/readwrite (end_user/bearer/portal_ui),
	// as in the reference identity server; otherwise hidden/hidden/hidden. Derived claims
	// follow their parent (access caps it at readonly).
	Editable bool
}

// Indexes of the claims in Table: the 16 writable ones in OIDC Core §5.1 order, then the 3
// derived ones. Index 0 is not a claim.
const (
	Name = iota + 1
	GivenName
	FamilyName
	MiddleName
	Nickname
	PreferredUsername
	Profile
	Picture
	Website
	Email
	Gender
	Birthdate
	Zoneinfo
	Locale
	PhoneNumber
	Address
	EmailVerified
	PhoneNumberVerified
	UpdatedAt
	// Count is the length of Table; NumWritable the number of writable claims (1..NumWritable).
	Count       = iota + 1
	NumWritable = Address
)

// Table describes every standard claim once, indexed by the constants above. It is never
// written.
var Table = [Count]Claim{
	Name:                {Name: "name", Label: "Full Name", Type: "string", Scope: "profile"},
	GivenName:           {Name: "given_name", Label: "Given Name", Type: "string", Scope: "profile", Editable: true},
	FamilyName:          {Name: "family_name", Label: "Family Name", Type: "string", Scope: "profile", Editable: true},
	MiddleName:          {Name: "middle_name", Label: "Middle Name", Type: "string", Scope: "profile"},
	Nickname:            {Name: "nickname", Label: "Nickname", Type: "string", Scope: "profile"},
	PreferredUsername:   {Name: "preferred_username", Label: "Username", Type: "string", Scope: "profile", Coupled: true, Editable: true},
	Profile:             {Name: "profile", Label: "Profile Page", Type: "string", Scope: "profile"},
	Picture:             {Name: "picture", Label: "Picture", Type: "string", Scope: "profile", Editable: true},
	Website:             {Name: "website", Label: "Website", Type: "string", Scope: "profile"},
	Email:               {Name: "email", Label: "Email", Type: "string", Scope: "email", Coupled: true, Editable: true},
	Gender:              {Name: "gender", Label: "Gender", Type: "string", Scope: "profile", Editable: true},
	Birthdate:           {Name: "birthdate", Label: "Birthdate", Type: "string", Scope: "profile", Editable: true},
	Zoneinfo:            {Name: "zoneinfo", Label: "Time Zone", Type: "string", Scope: "profile", Editable: true},
	Locale:              {Name: "locale", Label: "Language", Type: "string", Scope: "profile", Editable: true},
	PhoneNumber:         {Name: "phone_number", Label: "Phone Number", Type: "string", Scope: "phone", Coupled: true, Editable: true},
	Address:             {Name: "address", Label: "Address", Type: "object", Scope: "address"},
	EmailVerified:       {Name: "email_verified", Label: "Email Verified", Type: "boolean", Scope: "email", Parent: Email, Derived: true},
	PhoneNumberVerified: {Name: "phone_number_verified", Label: "Phone Number Verified", Type: "boolean", Scope: "phone", Parent: PhoneNumber, Derived: true},
	UpdatedAt:           {Name: "updated_at", Label: "Updated At", Type: "number", Scope: "profile", Derived: true},
}

// Lookup returns the index of the claim named name, or false.
func Lookup(name string) (int, bool) {
	// A switch compiles to a few length-and-byte comparisons: faster than a map, no init.
	switch name {
	case "name":
		return Name, true
	case "given_name":
		return GivenName, true
	case "family_name":
		return FamilyName, true
	case "middle_name":
		return MiddleName, true
	case "nickname":
		return Nickname, true
	case "preferred_username":
		return PreferredUsername, true
	case "profile":
		return Profile, true
	case "picture":
		return Picture, true
	case "website":
		return Website, true
	case "email":
		return Email, true
	case "gender":
		return Gender, true
	case "birthdate":
		return Birthdate, true
	case "zoneinfo":
		return Zoneinfo, true
	case "locale":
		return Locale, true
	case "phone_number":
		return PhoneNumber, true
	case "address":
		return Address, true
	case "email_verified":
		return EmailVerified, true
	case "phone_number_verified":
		return PhoneNumberVerified, true
	case "updated_at":
		return UpdatedAt, true
	}
	return 0, false
}
