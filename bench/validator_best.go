package bench

import (
	"encoding/json"
	"unicode/utf8"
)

// The validator engine in its best honest configuration ("validator_best"): the same struct
// tags, the same ValidateMap rules, the same access check and merge, with two changes.
//
//   - `timezone` is replaced by the same check behind a cache of time.LoadLocation's answers
//     (zoneCache, formats_best.go).
//   - The members are decoded by bOpt instead of Opt. Opt.UnmarshalJSON, as commonly written,
//     hands every member's bytes to encoding/json a second time (json.Unmarshal for a string, a
//     new json.Decoder for an object). bOpt takes a string without escapes as it is, which is
//     what encoding/json does with such a string too, decodes the custom attribute map with
//     json.Unmarshal (a map has no unknown fields to refuse, so it needs no Decoder), and keeps
//     a Decoder only for the address, whose unknown fields must be refused.
//
// vPatchBest repeats vPatch's tags field by field; TestBestStructTags checks that they stay
// identical.

// bOpt is Opt with the decoding described above. Its ValidatorValue is Opt's.
type bOpt[T any] struct{ Opt[T] }

// UnmarshalJSON records that the member was present, and whether it was null, then decodes its
// value. b is one JSON value that the outer decoder has already scanned.
func (o *bOpt[T]) UnmarshalJSON(b []byte) error {
	switch p := any(&o.V).(type) {
	case *string:
		o.Set = true
		if s, ok := plainJSONString(b); ok {
			*p = s
			return nil
		}
		if string(b) == "null" {
			o.Null = true
			return nil
		}
		return json.Unmarshal(b, p)
	case *map[string]any:
		o.Set = true
		if string(b) == "null" {
			o.Null = true
			return nil
		}
		return json.Unmarshal(b, p)
	}
	return o.Opt.UnmarshalJSON(b)
}

// plainJSONString returns the value of the JSON string literal b when it needs no unquoting:
// no escape, no control character, valid UTF-8. encoding/json takes such a string byte for
// byte as well (its unquote has the same fast path); anything else is left to it.
func plainJSONString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	s := b[1 : len(b)-1]
	ascii := true
	for _, c := range s {
		switch {
		case c == '\\' || c == '"' || c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(s) {
		return "", false
	}
	return string(s), true
}

// vPatchBest is vPatch with bOpt members (the same names, json and validate tags).
type vPatchBest struct {
	Name              bOpt[string]            `json:"name" validate:"omitnil,min=1,max=1024,nocontrol"`
	GivenName         bOpt[string]            `json:"given_name" validate:"omitnil,min=1,max=1024,nocontrol"`
	FamilyName        bOpt[string]            `json:"family_name" validate:"omitnil,min=1,max=1024,nocontrol"`
	MiddleName        bOpt[string]            `json:"middle_name" validate:"omitnil,min=1,max=1024,nocontrol"`
	Nickname          bOpt[string]            `json:"nickname" validate:"omitnil,min=1,max=1024,nocontrol"`
	PreferredUsername bOpt[string]            `json:"preferred_username" validate:"omitnil,min=1,max=1024,nocontrol"`
	Gender            bOpt[string]            `json:"gender" validate:"omitnil,min=1,max=1024,nocontrol"`
	Profile           bOpt[string]            `json:"profile" validate:"omitnil,http_url"`
	Website           bOpt[string]            `json:"website" validate:"omitnil,http_url"`
	Picture           bOpt[string]            `json:"picture" validate:"omitnil,url"`
	Email             bOpt[string]            `json:"email" validate:"omitnil,email"`
	PhoneNumber       bOpt[string]            `json:"phone_number" validate:"omitnil,e164"`
	Birthdate         bOpt[string]            `json:"birthdate" validate:"omitnil,birthdate"`
	Zoneinfo          bOpt[string]            `json:"zoneinfo" validate:"omitnil,timezone"`
	Locale            bOpt[string]            `json:"locale" validate:"omitnil,bcp47_language_tag"`
	Address           bOpt[vAddressPatchBest] `json:"address"`
	CustomAttributes  bOpt[map[string]any]    `json:"custom_attributes" validate:"-"`
}

// vAddressPatchBest is vAddressPatch with bOpt members.
type vAddressPatchBest struct {
	Formatted     bOpt[string] `json:"formatted" validate:"omitnil,min=1,max=1024,nocontrol_multiline"`
	StreetAddress bOpt[string] `json:"street_address" validate:"omitnil,min=1,max=1024,nocontrol_multiline"`
	Locality      bOpt[string] `json:"locality" validate:"omitnil,min=1,max=1024,nocontrol"`
	Region        bOpt[string] `json:"region" validate:"omitnil,min=1,max=1024,nocontrol"`
	PostalCode    bOpt[string] `json:"postal_code" validate:"omitnil,min=1,max=1024,nocontrol"`
	Country       bOpt[string] `json:"country" validate:"omitnil,min=1,max=1024,nocontrol"`
}

// patch is p as a vPatch, for the merge both engines share.
func (p *vPatchBest) patch() vPatch {
	a := p.Address.V
	return vPatch{
		Name: p.Name.Opt, GivenName: p.GivenName.Opt, FamilyName: p.FamilyName.Opt,
		MiddleName: p.MiddleName.Opt, Nickname: p.Nickname.Opt,
		PreferredUsername: p.PreferredUsername.Opt, Gender: p.Gender.Opt,
		Profile: p.Profile.Opt, Website: p.Website.Opt, Picture: p.Picture.Opt,
		Email: p.Email.Opt, PhoneNumber: p.PhoneNumber.Opt, Birthdate: p.Birthdate.Opt,
		Zoneinfo: p.Zoneinfo.Opt, Locale: p.Locale.Opt,
		Address: Opt[vAddressPatch]{Set: p.Address.Set, Null: p.Address.Null, V: vAddressPatch{
			Formatted: a.Formatted.Opt, StreetAddress: a.StreetAddress.Opt, Locality: a.Locality.Opt,
			Region: a.Region.Opt, PostalCode: a.PostalCode.Opt, Country: a.Country.Opt,
		}},
		CustomAttributes: p.CustomAttributes.Opt,
	}
}

// NewValidatorBest is the validator engine in its best honest configuration ("validator_best").
func NewValidatorBest(ref *Reference) (*Validator, error) {
	return newValidator(ref, "validator_best", new(zoneCache))
}
