package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/imageurl"
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
	// IdentityCoupling is "enforce" (the default: email, phone_number and preferred_username
	// must be values the user owns through an identity) or "off" (they are plain attributes).
	IdentityCoupling string `json:"identity_coupling,omitempty"`
	// Limits bound the size of an update. Zero fields take the defaults of DefaultLimits.
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
	MaxBytes int `json:"max_bytes,omitempty"` // size of a raw JSON update
	MaxKeys  int `json:"max_keys,omitempty"`  // members of all objects together
	MaxDepth int `json:"max_depth,omitempty"` // nesting of objects and arrays
}

// DefaultLimits are the limits of a Config that sets none: 1 MiB, 1000 members, depth 16 —
// far above any real profile (which nests two levels deep) and small enough that hostile
// input costs little.
var DefaultLimits = Limits{MaxBytes: 1 << 20, MaxKeys: 1000, MaxDepth: 16}

// ParseConfig decodes a Config from JSON strictly: unknown members are an error (a misspelt
// option must not be ignored). Use Compile on the result.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, configDecodeError(err)
	}
	if dec.More() {
		return Config{}, &validation.Error{Causes: []*validation.Cause{{Kind: validation.KindSyntax,
			Details: validation.Details{Message: "data after the config object"}}}}
	}
	// encoding/json lets a quoted "5" into a json.Number; customattr's strict decoder does not,
	// and it reports every wrong type at once with its location.
	var raw struct {
		CustomAttributes struct {
			Attributes json.RawMessage `json:"attributes"`
		} `json:"custom_attributes"`
	}
	if err := json.Unmarshal(data, &raw); err == nil && len(raw.CustomAttributes.Attributes) > 0 {
		if _, err := customattr.ParseDefinitions(raw.CustomAttributes.Attributes); err != nil {
			var verr validation.Error
			addUnder(&verr, err, "/custom_attributes/attributes")
			return Config{}, verr.Err()
		}
	}
	return c, nil
}

func configDecodeError(err error) error {
	c := &validation.Cause{Kind: validation.KindSyntax, Details: validation.Details{Message: err.Error()}}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		c.Kind = validation.KindType
		c.Location = "/" + pathToPointer(te.Field)
		c.Details.Expected, c.Details.Actual = te.Type.String(), te.Value
	} else if msg := err.Error(); len(msg) > 0 && bytes.Contains([]byte(msg), []byte("unknown field")) {
		c.Kind = validation.KindUnknown
	}
	return &validation.Error{Causes: []*validation.Cause{c}}
}

// pathToPointer turns encoding/json's dotted field path ("custom_attributes.attributes.0.id")
// into pointer tokens.
func pathToPointer(p string) string {
	return string(bytes.ReplaceAll([]byte(p), []byte("."), []byte("/")))
}

func itoa(i int) string { return strconv.Itoa(i) }

func itoa64(i int64) string { return strconv.FormatInt(i, 10) }
