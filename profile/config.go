package profile

import (
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/internal/strictjson"
	"github.com/profilekit/profilekit/validation"
)

// Config is the user_profile section of an identity server's configuration (the shape of
// authgear.yaml's user_profile, as JSON), plus profilekit's own options. Existing configs
// decode unchanged; YAML users convert YAML to JSON with their YAML package first (see the
// package example). Compile turns a Config into a Schema.
type Config struct {
	StandardAttributes StandardAttributes `json:"standard_attributes"`
	CustomAttributes   CustomAttributes   `json:"custom_attributes"`

	// SupportedLanguages, when set, is the list of BCP 47 tags that locale must match
	// ("en" covers "en-US"). Identity servers keep it in their localization config.
	SupportedLanguages []string `json:"supported_languages,omitempty"`
	// Phone sets how phone numbers (phone_number and custom phone_number attributes) are checked.
	Phone PhoneConfig `json:"phone,omitempty"`
	// MaxLength is the maximum length in runes of standard text claims (names, gender, address
	// sub-fields); 0 means 1024. Custom string attributes have their own max_length (default 1024).
	MaxLength int `json:"max_length,omitempty"`
	// AddressCountryCode requires address.country to be an ISO 3166-1 alpha-2 code. OIDC
	// defines it as free text, which is the default.
	AddressCountryCode bool `json:"address_country_code,omitempty"`
	// Images configures the picture resolver (image references <-> public URLs). Without it
	// picture values are kept as given: http(s) URLs or image references.
	Images *imageurl.Config `json:"images,omitempty"`
	// IdentityCoupling is CouplingEnforce (the default: email, phone_number and
	// preferred_username must be values the user owns through an identity) or CouplingOff
	// (they are plain attributes).
	IdentityCoupling IdentityCoupling `json:"identity_coupling,omitempty"`
	// Limits bound the size of an update. Zero fields take the defaults (see Limits).
	Limits Limits `json:"limits,omitempty"`
	// LanguageTags sets which standard claims may carry language-tagged variants
	// ("family_name#ja-Kana-JP", OpenID Connect Core §5.2). A profilekit option.
	LanguageTags LanguageTags `json:"language_tags,omitempty"`
}

// LanguageTags configures language-tagged claims (OIDC Core §5.2): a variant
// "family_name#ja-Kana-JP" of a claim, with the same rules, access and scope as the claim.
// Variants sit next to their claim: at the top level for a claim, inside "address" for an
// address sub-field ({"address": {"locality#ja-Jpan-JP": "東京都"}}), inside
// "custom_attributes" for a custom attribute ({"custom_attributes": {"kana_name#ja-Kana-JP": "…"}}).
type LanguageTags struct {
	// Claims lists the standard claims that may be tagged, address sub-fields written
	// "address/locality". Empty means the human-readable ones: name, given_name, family_name,
	// middle_name, nickname, profile, website and the address sub-fields formatted,
	// street_address, locality, region and country (country not when AddressCountryCode makes
	// it a code). Identity-coupled claims (email, phone_number, preferred_username) cannot be
	// tagged.
	Claims []string `json:"claims,omitempty"`
	// Custom lists the custom attributes that may be tagged (none by default): each must be
	// of type string and single-valued.
	Custom []string `json:"custom,omitempty"`
	// Languages, when set, limits the tags to these languages ("ja" covers "ja-Kana-JP").
	Languages []string `json:"languages,omitempty"`
	// MaxVariants caps the variants of one attribute in a profile (each address sub-field
	// counted on its own); 0 means 8.
	MaxVariants int `json:"max_variants,omitempty"`
}

// StandardAttributes is user_profile.standard_attributes: population settings and access rules.
type StandardAttributes struct {
	Population    Population     `json:"population,omitempty"`
	AccessControl []access.Entry `json:"access_control,omitempty"`
}

// Population is user_profile.standard_attributes.population.
type Population struct {
	// Strategy is PopulationOnSignup (the default: claims from an identity provider fill the
	// profile at sign-up) or PopulationNone.
	Strategy PopulationStrategy `json:"strategy,omitempty"`
}

// CustomAttributes is user_profile.custom_attributes.
type CustomAttributes struct {
	Attributes []CustomAttribute `json:"attributes,omitempty"`
}

// CustomAttribute is one custom attribute definition with its access rule, as in
// authgear.yaml: {"id", "pointer", "type", "minimum", ..., "access_control": {...}}.
type CustomAttribute struct {
	customattr.Definition
	// AccessControl is the attribute's rule; nil means hidden/hidden/readwrite.
	AccessControl *access.Rule `json:"access_control,omitempty"`
	// Required lists the parties for which the attribute is required (see access.Entry's
	// Required): a profilekit extension.
	Required []access.Party `json:"required,omitempty"`
}

// PhoneConfig is how phone numbers are checked.
type PhoneConfig struct {
	// Validation is PhoneValid (the default: a number valid for its region) or PhonePossible
	// (a number of a possible length).
	Validation PhoneValidation `json:"validation,omitempty"`
	// DefaultRegion, an ISO 3166-1 alpha-2 code, lets numbers be written without "+" and a
	// country calling code. Empty requires the international form.
	DefaultRegion string `json:"default_region,omitempty"`
}

// The config enums: each has one spelling, the zero value is its default, and UnmarshalText
// (which the config decoder calls) refuses anything else with a located cause of kind enum.
type (
	// IdentityCoupling says whether identity-coupled claims must be owned.
	IdentityCoupling string
	// PopulationStrategy says when claims from an identity provider fill the profile.
	PopulationStrategy string
	// PhoneValidation says how strictly phone numbers are checked.
	PhoneValidation string
)

// The values of the config enums.
const (
	CouplingEnforce    IdentityCoupling   = "enforce"
	CouplingOff        IdentityCoupling   = "off"
	PopulationOnSignup PopulationStrategy = "on_signup"
	PopulationNone     PopulationStrategy = "none"
	PhoneValid         PhoneValidation    = "valid"
	PhonePossible      PhoneValidation    = "possible"
)

// UnmarshalText accepts "enforce" and "off".
func (v *IdentityCoupling) UnmarshalText(b []byte) error {
	return enumText(v, string(b), CouplingEnforce, CouplingOff)
}

// UnmarshalText accepts "on_signup" and "none".
func (v *PopulationStrategy) UnmarshalText(b []byte) error {
	return enumText(v, string(b), PopulationOnSignup, PopulationNone)
}

// UnmarshalText accepts "valid" and "possible".
func (v *PhoneValidation) UnmarshalText(b []byte) error {
	return enumText(v, string(b), PhoneValid, PhonePossible)
}

// enumText sets *v to s when s is one of values, and otherwise returns the cause of kind
// enum; checkEnum is the same check of a value built in Go ("" is the default).
func enumText[T ~string](v *T, s string, values ...T) error {
	if c := checkEnum(T(s), values...); c != nil {
		return c
	}
	*v = T(s)
	return nil
}

func checkEnum[T ~string](v T, values ...T) *validation.Cause {
	names := make([]string, len(values))
	for i, x := range values {
		if x == v {
			return nil
		}
		names[i] = string(x)
	}
	if v == "" {
		return nil
	}
	c := &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{Expected: names, Actual: string(v),
		Message: strconv.Quote(string(v)) + " is not one of " + strings.Join(names, ", ")}}
	for _, n := range names {
		if strings.EqualFold(n, string(v)) {
			c.Details.Suggest = n
		}
	}
	return c
}

// Limits bound what one update may hold; exceeding one is a cause of kind "limit". A zero
// field takes its default: 1 MiB, 1000 members, depth 16, far above any real profile (which
// nests two levels deep) and small enough that hostile input costs little. Schema.Limits
// reports the limits in force.
type Limits struct {
	MaxBytes int `json:"max_bytes,omitempty"` // size of a raw JSON update; at least 64
	MaxKeys  int `json:"max_keys,omitempty"`  // members of all objects together; at least 8
	MaxDepth int `json:"max_depth,omitempty"` // nesting of objects and arrays; at least 2
}

// defaultLimits returns the limits of a Config that sets none (see Limits).
func defaultLimits() Limits { return Limits{MaxBytes: 1 << 20, MaxKeys: 1000, MaxDepth: 16} }

// ParseConfig decodes a Config from JSON strictly, with the one config decoder
// (internal/strictjson, a single pass over the bytes driven by the json tags of the Config
// types): it reports every problem at once as a *validation.Error located by JSON pointer:
// syntax (data after the config included), unknown members with a did-you-mean
// ("/custom_attributes/attributes/0/max_lenght"), member names in the wrong case
// ("MAX_LENGTH", "limitſ"), repeated members, and values of the wrong JSON type (a quoted
// number, an access level that is not one). Use Compile on the result, which checks the
// rules (legal access combinations, names, bounds).
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := configCodec.Decode(data, (*plainConfig)(&c)); err != nil {
		return Config{}, err
	}
	return c, nil
}

// plainConfig is Config without its JSON methods, for the decoder.
type plainConfig Config

// configCodec knows the members of Config and of every type inside it: the table that drives
// the decoder, built once.
var configCodec = strictjson.For[plainConfig]()

// UnmarshalJSON is [ParseConfig]: json.Unmarshal into a Config is as strict as ParseConfig,
// and on error leaves c unchanged.
func (c *Config) UnmarshalJSON(data []byte) error {
	p, err := ParseConfig(data)
	if err != nil {
		return err
	}
	*c = p
	return nil
}

func itoa(i int) string { return strconv.Itoa(i) }

func itoa64(i int64) string { return strconv.FormatInt(i, 10) }
