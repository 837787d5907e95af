package stdattr

import (
	"fmt"

	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/validation"
)

// Address is the value of the address claim (OIDC Core §5.1.1): six optional sub-fields, each
// a non-empty string when present. The empty string means absent, so the JSON form omits it.
// Country is free text as OIDC defines it ("Hong Kong", "USA", "hk" are all valid); a
// Normalizer can be told to require an ISO 3166-1 code instead.
type Address struct {
	Formatted     string `json:"formatted,omitempty"`      // the full mailing address; may span lines
	StreetAddress string `json:"street_address,omitempty"` // street, house number, P.O. box; may span lines
	Locality      string `json:"locality,omitempty"`       // city or locality
	Region        string `json:"region,omitempty"`         // state, province, prefecture or region
	PostalCode    string `json:"postal_code,omitempty"`    // zip or postal code
	Country       string `json:"country,omitempty"`        // country name or code, free text
}

// AddressFields returns the six sub-field names in OIDC order. It returns an array, so the
// caller gets its own copy and no allocation happens.
func AddressFields() [6]string {
	return [6]string{"formatted", "street_address", "locality", "region", "postal_code", "country"}
}

// addressFieldMultiline reports whether the sub-field may span lines: only formatted and
// street_address may.
func addressFieldMultiline(name string) bool {
	return name == "formatted" || name == "street_address"
}

// IsZero reports whether every sub-field is absent. An address with no sub-field is no
// address: it is dropped rather than stored.
func (a Address) IsZero() bool { return a == Address{} }

// Field returns a pointer to the sub-field with the given JSON name, to read or set it, or nil
// for a name that is not one of the six.
func (a *Address) Field(name string) *string {
	switch name {
	case "formatted":
		return &a.Formatted
	case "street_address":
		return &a.StreetAddress
	case "locality":
		return &a.Locality
	case "region":
		return &a.Region
	case "postal_code":
		return &a.PostalCode
	case "country":
		return &a.Country
	}
	return nil
}

// normalizeAddressField checks one address sub-field and returns its normalized value: the
// text rules (see the package documentation) with maxLength (0 means 1024), line breaks allowed
// only in formatted and street_address. A name that is not one of the six is a cause of kind
// unknown (Details.Actual the name, Details.Expected the six names). The cause's location is
// empty; the caller knows where the field sits (/address/<name>).
func normalizeAddressField(name, value string, maxLength int) (string, *validation.Cause) {
	if (&Address{}).Field(name) == nil {
		return "", &validation.Cause{Kind: validation.KindUnknown, Details: validation.Details{
			Actual:   name,
			Expected: AddressFields(),
			Message:  fmt.Sprintf("%q is not an address field; the fields are formatted, street_address, locality, region, postal_code and country", name),
		}}
	}
	return format.Text(value, format.TextOptions{Multiline: addressFieldMultiline(name), MaxLength: maxLength})
}

// Equal reports whether a and b hold the same sub-fields. A nil and an empty address are
// equal: both mean "no address".
func (a *Address) Equal(b *Address) bool {
	az := a == nil || a.IsZero()
	bz := b == nil || b.IsZero()
	if az || bz {
		return az == bz
	}
	return *a == *b
}
