package stdattr

// Claims holds the values of the 16 writable standard claims: the standard part of a profile
// document. The empty string means the claim is absent (OIDC §5.3.2: claims without a value are
// omitted, never null or ""), and a nil Address means no address. Claims marshals to and from
// the flat OIDC JSON shape with encoding/json; it does not validate — use a [Normalizer] for that.
type Claims struct {
	Name              string   `json:"name,omitempty"`
	GivenName         string   `json:"given_name,omitempty"`
	FamilyName        string   `json:"family_name,omitempty"`
	MiddleName        string   `json:"middle_name,omitempty"`
	Nickname          string   `json:"nickname,omitempty"`
	PreferredUsername string   `json:"preferred_username,omitempty"`
	Profile           string   `json:"profile,omitempty"`
	Picture           string   `json:"picture,omitempty"`
	Website           string   `json:"website,omitempty"`
	Email             string   `json:"email,omitempty"`
	Gender            string   `json:"gender,omitempty"`
	Birthdate         string   `json:"birthdate,omitempty"`
	Zoneinfo          string   `json:"zoneinfo,omitempty"`
	Locale            string   `json:"locale,omitempty"`
	PhoneNumber       string   `json:"phone_number,omitempty"`
	Address           *Address `json:"address,omitempty"`
}

// Field returns a pointer to the string field that holds claim a, or nil when a is not a
// writable string claim (address, the derived claims, an invalid Attr). It lets code walk the
// claims by Attr without reflection.
func (c *Claims) Field(a Attr) *string {
	switch a {
	case AttrName:
		return &c.Name
	case AttrGivenName:
		return &c.GivenName
	case AttrFamilyName:
		return &c.FamilyName
	case AttrMiddleName:
		return &c.MiddleName
	case AttrNickname:
		return &c.Nickname
	case AttrPreferredUsername:
		return &c.PreferredUsername
	case AttrProfile:
		return &c.Profile
	case AttrPicture:
		return &c.Picture
	case AttrWebsite:
		return &c.Website
	case AttrEmail:
		return &c.Email
	case AttrGender:
		return &c.Gender
	case AttrBirthdate:
		return &c.Birthdate
	case AttrZoneinfo:
		return &c.Zoneinfo
	case AttrLocale:
		return &c.Locale
	case AttrPhoneNumber:
		return &c.PhoneNumber
	}
	return nil
}

// Has reports whether claim a is present (for address: non-nil and not empty).
func (c *Claims) Has(a Attr) bool {
	if a == AttrAddress {
		return c.Address != nil && !c.Address.IsZero()
	}
	f := c.Field(a)
	return f != nil && *f != ""
}

// Clone returns a copy that shares nothing mutable with c (the address is copied).
func (c *Claims) Clone() Claims {
	out := *c
	if c.Address != nil {
		a := *c.Address
		out.Address = &a
	}
	return out
}

// Equal reports whether c and d hold the same claims. A nil and an empty address are equal.
func (c *Claims) Equal(d *Claims) bool {
	for a := AttrName; a < AttrAddress; a++ {
		if *c.Field(a) != *d.Field(a) {
			return false
		}
	}
	return c.Address.Equal(d.Address)
}
