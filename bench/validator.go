package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"regexp"
	"strings"
	"unicode"

	"github.com/go-playground/validator/v10"
)

// Opt is a member of a merge patch as encoding/json decodes it: absent (Set false), null
// (Set and Null: remove), or a value. validator sees the value, or a nil pointer when there
// is none (so `omitnil` skips it).
type Opt[T any] struct {
	V         T
	Set, Null bool
}

// UnmarshalJSON records that the member was present, and whether it was null.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		return nil
	}
	if p, ok := any(&o.V).(*string); ok {
		return json.Unmarshal(b, p)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(&o.V)
}

// ValidatorValue is what validator checks: the value, or a nil *T when absent or null.
func (o Opt[T]) ValidatorValue() any {
	if !o.Set || o.Null {
		return (*T)(nil)
	}
	return o.V
}

// strValue is a string member's value after the patch: "" when null.
func strValue(o Opt[string]) string {
	if o.Null {
		return ""
	}
	return o.V
}

// vPatch is the update document as struct tags describe it: the 16 writable standard claims
// (derived claims are unknown fields, rejected by the decoder) and custom_attributes, which
// ValidateMap checks.
type vPatch struct {
	Name              Opt[string]         `json:"name" validate:"omitnil,min=1,max=1024,nocontrol"`
	GivenName         Opt[string]         `json:"given_name" validate:"omitnil,min=1,max=1024,nocontrol"`
	FamilyName        Opt[string]         `json:"family_name" validate:"omitnil,min=1,max=1024,nocontrol"`
	MiddleName        Opt[string]         `json:"middle_name" validate:"omitnil,min=1,max=1024,nocontrol"`
	Nickname          Opt[string]         `json:"nickname" validate:"omitnil,min=1,max=1024,nocontrol"`
	PreferredUsername Opt[string]         `json:"preferred_username" validate:"omitnil,min=1,max=1024,nocontrol"`
	Gender            Opt[string]         `json:"gender" validate:"omitnil,min=1,max=1024,nocontrol"`
	Profile           Opt[string]         `json:"profile" validate:"omitnil,http_url"`
	Website           Opt[string]         `json:"website" validate:"omitnil,http_url"`
	Picture           Opt[string]         `json:"picture" validate:"omitnil,url"`
	Email             Opt[string]         `json:"email" validate:"omitnil,email"`
	PhoneNumber       Opt[string]         `json:"phone_number" validate:"omitnil,e164"`
	Birthdate         Opt[string]         `json:"birthdate" validate:"omitnil,birthdate"`
	Zoneinfo          Opt[string]         `json:"zoneinfo" validate:"omitnil,timezone"`
	Locale            Opt[string]         `json:"locale" validate:"omitnil,bcp47_language_tag"`
	Address           Opt[vAddressPatch]  `json:"address"`
	CustomAttributes  Opt[map[string]any] `json:"custom_attributes" validate:"-"`
}

// vAddressPatch is the address member of an update.
type vAddressPatch struct {
	Formatted     Opt[string] `json:"formatted" validate:"omitnil,min=1,max=1024,nocontrol_multiline"`
	StreetAddress Opt[string] `json:"street_address" validate:"omitnil,min=1,max=1024,nocontrol_multiline"`
	Locality      Opt[string] `json:"locality" validate:"omitnil,min=1,max=1024,nocontrol"`
	Region        Opt[string] `json:"region" validate:"omitnil,min=1,max=1024,nocontrol"`
	PostalCode    Opt[string] `json:"postal_code" validate:"omitnil,min=1,max=1024,nocontrol"`
	Country       Opt[string] `json:"country" validate:"omitnil,min=1,max=1024,nocontrol"`
}

// vProfile is a stored profile: absent claims are "".
type vProfile struct {
	Name              string         `json:"name,omitempty"`
	GivenName         string         `json:"given_name,omitempty"`
	FamilyName        string         `json:"family_name,omitempty"`
	MiddleName        string         `json:"middle_name,omitempty"`
	Nickname          string         `json:"nickname,omitempty"`
	PreferredUsername string         `json:"preferred_username,omitempty"`
	Gender            string         `json:"gender,omitempty"`
	Profile           string         `json:"profile,omitempty"`
	Website           string         `json:"website,omitempty"`
	Picture           string         `json:"picture,omitempty"`
	Email             string         `json:"email,omitempty"`
	PhoneNumber       string         `json:"phone_number,omitempty"`
	Birthdate         string         `json:"birthdate,omitempty"`
	Zoneinfo          string         `json:"zoneinfo,omitempty"`
	Locale            string         `json:"locale,omitempty"`
	Address           *vAddress      `json:"address,omitempty"`
	CustomAttributes  map[string]any `json:"custom_attributes,omitempty"`
}

// vAddress is a stored address.
type vAddress struct {
	Formatted     string `json:"formatted,omitempty"`
	StreetAddress string `json:"street_address,omitempty"`
	Locality      string `json:"locality,omitempty"`
	Region        string `json:"region,omitempty"`
	PostalCode    string `json:"postal_code,omitempty"`
	Country       string `json:"country,omitempty"`
}

// customRules are the ValidateMap rules for custom_attributes. validator has no regexp tag and
// no JSON type tags, so employee_id, jstring, jnumber and jinteger are registered functions.
var customRules = map[string]any{
	"employee_id":  "omitempty,jstring,employee_id",
	"shoe_size":    "omitempty,jnumber,min=20,max=60",
	"tickets":      "omitempty,jinteger,min=0,max=10",
	"department":   "omitempty,jstring,oneof=engineering sales support",
	"home_country": "omitempty,jstring,iso3166_1_alpha2",
}

var employeeID = regexp.MustCompile(`^E[0-9]{6}$`)

// Validator is the struct-tag engine: go-playground/validator v10 on a struct decoded with
// encoding/json, ValidateMap for the custom attributes, then the access check and the merge in
// plain Go.
type Validator struct {
	name     string
	best     bool // decode into vPatchBest (validator_best.go)
	validate *validator.Validate
	policy   *policy
	current  vProfile
	zones    *zoneCache // nil for "validator"
}

// NewValidator is the engine "as commonly written" ("validator"): the built-in tags, among
// them `timezone` (time.LoadLocation per value), and the Opt wrapper that decodes each member
// again with encoding/json.
func NewValidator(ref *Reference) (*Validator, error) {
	return newValidator(ref, "validator", nil)
}

// newValidator registers the custom tags and prepares the current profile and policy of ref.
// With zones, the built-in `timezone` tag is replaced by the same check behind zones (validator
// lets a registered function replace a built-in tag).
func newValidator(ref *Reference, name string, zones *zoneCache) (*Validator, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	tags := map[string]validator.Func{
		"birthdate":           func(fl validator.FieldLevel) bool { return checkBirthdate(fl.Field().String()) == nil },
		"nocontrol":           func(fl validator.FieldLevel) bool { return noControl(fl.Field().String(), false) },
		"nocontrol_multiline": func(fl validator.FieldLevel) bool { return noControl(fl.Field().String(), true) },
		"employee_id":         func(fl validator.FieldLevel) bool { return employeeID.MatchString(fl.Field().String()) },
		"jstring":             func(fl validator.FieldLevel) bool { return fl.Field().Kind() == reflect.String },
		"jnumber":             func(fl validator.FieldLevel) bool { return fl.Field().Kind() == reflect.Float64 },
		"jinteger": func(fl validator.FieldLevel) bool {
			f := fl.Field()
			return f.Kind() == reflect.Float64 && f.Float() == math.Trunc(f.Float()) && !math.IsInf(f.Float(), 0)
		},
	}
	if zones != nil {
		tags["timezone"] = func(fl validator.FieldLevel) bool { return zones.check(fl.Field().String()) == nil }
	}
	for tag, fn := range tags {
		if err := v.RegisterValidation(tag, fn); err != nil {
			return nil, err
		}
	}
	p, err := newPolicy(ref)
	if err != nil {
		return nil, err
	}
	e := &Validator{name: name, best: zones != nil, validate: v, policy: p, zones: zones}
	if err := json.Unmarshal(ref.Current, &e.current); err != nil {
		return nil, err
	}
	return e, nil
}

func noControl(s string, multiline bool) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && !(multiline && r == '\n') }) < 0
}

// Name is "validator" or "validator_best".
func (e *Validator) Name() string { return e.name }

var errTrailing = errors.New("data after the update object")

// decodeStrict decodes one JSON value into v with encoding/json, unknown members rejected, and
// nothing after it.
func decodeStrict(update []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(update))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errTrailing
	}
	return nil
}

// Apply decodes update with encoding/json (unknown members rejected), validates the struct and
// the custom attributes, then checks access and merges into the current profile.
func (e *Validator) Apply(update []byte) (any, error) {
	var patch vPatch
	var errs Errors
	if e.best {
		var bp vPatchBest
		if err := decodeStrict(update, &bp); err != nil {
			return nil, err
		}
		if err := e.validate.Struct(&bp); err != nil {
			errs = append(errs, err.Error())
		}
		patch = bp.patch()
	} else {
		if err := decodeStrict(update, &patch); err != nil {
			return nil, err
		}
		if err := e.validate.Struct(&patch); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if c := patch.CustomAttributes; c.Set && !c.Null {
		for k := range c.V {
			if _, ok := customRules[k]; !ok {
				errs = append(errs, "/custom_attributes/"+k+": unknown custom attribute")
			}
		}
		for k, err := range e.validate.ValidateMap(c.V, customRules) {
			errs = append(errs, "/custom_attributes/"+k+": "+err.(error).Error())
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return e.merge(&patch)
}

func (e *Validator) merge(patch *vPatch) (any, error) {
	var errs Errors
	cur := &e.current
	next := *cur
	p := e.policy
	str := func(name string, o Opt[string], old string, dst *string) {
		if !o.Set || strValue(o) == old {
			return
		}
		if p.checkStd(&errs, name, strValue(o)) {
			*dst = strValue(o)
		}
	}
	str("name", patch.Name, cur.Name, &next.Name)
	str("given_name", patch.GivenName, cur.GivenName, &next.GivenName)
	str("family_name", patch.FamilyName, cur.FamilyName, &next.FamilyName)
	str("middle_name", patch.MiddleName, cur.MiddleName, &next.MiddleName)
	str("nickname", patch.Nickname, cur.Nickname, &next.Nickname)
	str("preferred_username", patch.PreferredUsername, cur.PreferredUsername, &next.PreferredUsername)
	str("gender", patch.Gender, cur.Gender, &next.Gender)
	str("profile", patch.Profile, cur.Profile, &next.Profile)
	str("website", patch.Website, cur.Website, &next.Website)
	str("picture", patch.Picture, cur.Picture, &next.Picture)
	str("email", patch.Email, cur.Email, &next.Email)
	str("phone_number", patch.PhoneNumber, cur.PhoneNumber, &next.PhoneNumber)
	str("birthdate", patch.Birthdate, cur.Birthdate, &next.Birthdate)
	str("zoneinfo", patch.Zoneinfo, cur.Zoneinfo, &next.Zoneinfo)
	str("locale", patch.Locale, cur.Locale, &next.Locale)

	if a := patch.Address; a.Set {
		var na vAddress
		if cur.Address != nil {
			na = *cur.Address
		}
		if a.Null {
			na = vAddress{}
		} else {
			set := func(o Opt[string], dst *string) {
				if o.Set {
					*dst = strValue(o)
				}
			}
			set(a.V.Formatted, &na.Formatted)
			set(a.V.StreetAddress, &na.StreetAddress)
			set(a.V.Locality, &na.Locality)
			set(a.V.Region, &na.Region)
			set(a.V.PostalCode, &na.PostalCode)
			set(a.V.Country, &na.Country)
		}
		var old vAddress
		if cur.Address != nil {
			old = *cur.Address
		}
		if na != old && p.checkStd(&errs, "address", "") {
			next.Address = nil
			if na != (vAddress{}) {
				next.Address = &na
			}
		}
	}
	if c := patch.CustomAttributes; c.Set {
		var v any
		if !c.Null {
			v = c.V
		}
		next.CustomAttributes = p.mergeCustom(&errs, cur.CustomAttributes, v)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &next, nil
}

// Check is Apply without returning the next profile (which is already a pointer, so Apply
// does no extra allocation for it).
func (e *Validator) Check(update []byte) error {
	_, err := e.Apply(update)
	return err
}
