package profile

import (
	"strconv"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/internal/strictjson"
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
	// IdentityCoupling is "enforce" (the default: email, phone_number and preferred_username
	// must be values the user owns through an identity) or "off" (they are plain attributes).
	IdentityCoupling string `json:"identity_coupling,omitempty"`
	// Limits bound the size of an update. Zero fields take the defaults of DefaultLimits().
	Limits Limits `json:"limits,omitempty"`
}

// StandardAttributes is user_profile.standard_attributes: population settings and access rules.
type StandardAttributes struct {
	Population    Population     `json:"population,omitempty"`
	AccessControl []access.Entry `json:"access_control,omitempty"`
}

// Population is user_profile.standard_attributes.population.
type Population struct {
	// Strategy is "on_signup" (the default: claims from an identity provider fill the profile
	// at sign-up) or "none".
	Strategy string `json:"strategy,omitempty"`
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
}

// PhoneConfig is how phone numbers are checked.
type PhoneConfig struct {
	// Validation is "valid" (the default: a number valid for its region) or "possible" (a
	// number of a possible length).
	Validation string `json:"validation,omitempty"`
	// DefaultRegion, an ISO 3166-1 alpha-2 code, lets numbers be written without "+" and a
	// country calling code. Empty requires the international form.
	DefaultRegion string `json:"default_region,omitempty"`
}

// Limits bound what one update may hold; exceeding one is a cause of kind "limit".
type Limits struct {
	MaxBytes int `json:"max_bytes,omitempty"` // size of a raw JSON update; at least 64
	MaxKeys  int `json:"max_keys,omitempty"`  // members of all objects together; at least 8
	MaxDepth int `json:"max_depth,omitempty"` // nesting of objects and arrays; at least 2
}

// DefaultLimits returns the limits of a Config that sets none: 1 MiB, 1000 members, depth 16 —
// far above any real profile (which nests two levels deep) and small enough that hostile input
// costs little. It is a function so that no package state can be changed by a caller.
func DefaultLimits() Limits { return Limits{MaxBytes: 1 << 20, MaxKeys: 1000, MaxDepth: 16} }

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
