package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/internal/jsonscan"
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

// ParseConfig decodes a Config from JSON strictly: unknown members are an error (a misspelt
// option must not be ignored). Use Compile on the result.
func ParseConfig(data []byte) (Config, error) {
	// A well-formed config is read in one pass by configDecoder; anything it does not accept
	// takes the general path below, which decodes it the same way and reports every problem.
	c, ok := parseConfigFast(data)
	if !ok {
		var err error
		if c, err = parseConfigSlow(data); err != nil {
			return Config{}, err
		}
	}
	if verr := checkKeyCase(data); verr != nil {
		return Config{}, verr
	}
	return c, nil
}

// parseConfigSlow is ParseConfig without its fast path: encoding/json (strict), then
// customattr's strict decoder over the custom attribute list.
func parseConfigSlow(data []byte) (Config, error) {
	var c Config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, configDecodeError(data, err)
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

func configDecodeError(data []byte, err error) error {
	c := &validation.Cause{Kind: validation.KindSyntax, Details: validation.Details{Message: err.Error()}}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		c.Kind = validation.KindType
		c.Location = pointerAtOffset(data, int(te.Offset))
		c.Details.Expected, c.Details.Actual = jsonTypeName(te.Type), te.Value
		c.Details.Message = ""
	} else if msg := err.Error(); len(msg) > 0 && bytes.Contains([]byte(msg), []byte("unknown field")) {
		c.Kind = validation.KindUnknown
	}
	return &validation.Error{Causes: []*validation.Cause{c}}
}

// pointerAtOffset is the JSON pointer of the innermost value of data that ends at byte offset
// off or encloses it: where encoding/json stopped on a value of the wrong type. (Its error
// names Go struct fields, not JSON positions, and has no array indexes.)
func pointerAtOffset(data []byte, off int) string {
	sc := jsonscan.New(string(data))
	var path []string
	var best string
	var walk func() bool // reports whether the scan can go on
	walk = func() bool {
		start := sc.Offset()
		here := validation.Pointer(path...)
		switch sc.Peek() {
		case jsonscan.Object:
			if sc.BeginObject() != nil {
				return false
			}
			for {
				k, ok, err := sc.NextKey()
				if err != nil {
					return false
				}
				if !ok {
					break
				}
				path = append(path, k)
				cont := walk()
				path = path[:len(path)-1]
				if !cont {
					return false
				}
			}
		case jsonscan.Array:
			if sc.BeginArray() != nil {
				return false
			}
			for i := 0; ; i++ {
				ok, err := sc.NextElem()
				if err != nil {
					return false
				}
				if !ok {
					break
				}
				path = append(path, strconv.Itoa(i))
				cont := walk()
				path = path[:len(path)-1]
				if !cont {
					return false
				}
			}
		default:
			if sc.Skip() != nil {
				return false
			}
		}
		if start <= off && off <= sc.Offset() && best == "" {
			best = here // the first value to close around off is the innermost
		}
		return sc.Offset() < off || best == ""
	}
	walk()
	return best
}

// jsonTypeName names the JSON type a Go type decodes from.
func jsonTypeName(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	if t == reflect.TypeFor[json.Number]() {
		return "number"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "object"
	}
	return t.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

func itoa64(i int64) string { return strconv.FormatInt(i, 10) }

// parseConfigFast decodes the shapes of config that parseConfigSlow accepts without any error,
// in one pass with jsonscan, and reports ok=false for anything else: an unknown, misspelt or
// repeated member, null, a value of another JSON type, a number encoding/json would not put
// in an int, a custom attribute that customattr.ParseDefinitions would reject (a quoted
// number, max_length 0, a length out of range), invalid UTF-8 or a lone surrogate (which
// encoding/json would replace), data after the object. Access rules and entries are decoded
// by their own UnmarshalJSON on the same bytes encoding/json would hand them, so a rule with
// problems keeps them exactly as on the slow path. When ok is true, the Config is the one
// parseConfigSlow returns with a nil error.
func parseConfigFast(data []byte) (Config, bool) {
	d := configDecoder{data: data}
	d.sc.Reset(string(data))
	var c Config
	ok := d.object(configMembers[:], func(k string) bool {
		switch k {
		case "standard_attributes":
			return d.standard(&c.StandardAttributes)
		case "custom_attributes":
			return d.object(customMembers[:], func(string) bool {
				return d.array(func() bool {
					c.CustomAttributes.Attributes = append(c.CustomAttributes.Attributes, CustomAttribute{})
					return d.attribute(&c.CustomAttributes.Attributes[len(c.CustomAttributes.Attributes)-1])
				}, func() { c.CustomAttributes.Attributes = []CustomAttribute{} })
			})
		case "supported_languages":
			return d.strings(&c.SupportedLanguages)
		case "phone":
			return d.object(phoneMembers[:], func(k string) bool {
				if k == "validation" {
					return d.str(&c.Phone.Validation)
				}
				return d.str(&c.Phone.DefaultRegion)
			})
		case "max_length":
			return d.int(&c.MaxLength)
		case "address_country_code":
			if d.sc.Peek() != jsonscan.Bool {
				return false
			}
			b, err := d.sc.Bool()
			c.AddressCountryCode = b
			return err == nil
		case "images":
			raw, ok := d.raw()
			if !ok {
				return false
			}
			var ic imageurl.Config
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if dec.Decode(&ic) != nil {
				return false
			}
			c.Images = &ic
			return true
		case "identity_coupling":
			return d.str(&c.IdentityCoupling)
		case "limits":
			return d.object(limitsMembers[:], func(k string) bool {
				switch k {
				case "max_bytes":
					return d.int(&c.Limits.MaxBytes)
				case "max_keys":
					return d.int(&c.Limits.MaxKeys)
				}
				return d.int(&c.Limits.MaxDepth)
			})
		}
		return false
	})
	if !ok || d.sc.End() != nil {
		return Config{}, false
	}
	return c, true
}

// The members parseConfigFast knows, by object (json tags of the Config types).
var (
	configMembers = [...]string{"standard_attributes", "custom_attributes", "supported_languages",
		"phone", "max_length", "address_country_code", "images", "identity_coupling", "limits"}
	standardMembers  = [...]string{"population", "access_control"}
	populationMember = [...]string{"strategy"}
	customMembers    = [...]string{"attributes"}
	attributeMembers = [...]string{"id", "pointer", "type", "minimum", "maximum", "enum",
		"min_length", "max_length", "pattern", "access_control"}
	phoneMembers  = [...]string{"validation", "default_region"}
	limitsMembers = [...]string{"max_bytes", "max_keys", "max_depth"}
)

// maxDefinitionLength is customattr's largest accepted min_length or max_length; beyond it
// ParseDefinitions reports an error, so the fast path leaves such configs to the slow path.
const maxDefinitionLength = 1 << 20

// configDecoder is parseConfigFast's scanner over data (as a string; decoded strings without
// escapes share its memory).
type configDecoder struct {
	sc   jsonscan.Scanner
	data []byte
}

// object reads an object whose members are all in names, each at most once, calling member
// to read each value.
func (d *configDecoder) object(names []string, member func(key string) bool) bool {
	if d.sc.Peek() != jsonscan.Object || d.sc.BeginObject() != nil {
		return false
	}
	var seen uint64
	for {
		k, more, err := d.sc.NextKey()
		if err != nil {
			return false
		}
		if !more {
			return true
		}
		i := slices.Index(names, k)
		if i < 0 || seen&(1<<i) != 0 || !member(k) {
			return false
		}
		seen |= 1 << i
	}
}

// array reads an array, calling elem for each element; empty is called for an empty array
// (encoding/json makes it an empty, non-nil slice).
func (d *configDecoder) array(elem func() bool, empty func()) bool {
	if d.sc.Peek() != jsonscan.Array || d.sc.BeginArray() != nil {
		return false
	}
	for n := 0; ; n++ {
		more, err := d.sc.NextElem()
		if err != nil {
			return false
		}
		if !more {
			if n == 0 {
				empty()
			}
			return true
		}
		if !elem() {
			return false
		}
	}
}

func (d *configDecoder) str(dst *string) bool {
	if d.sc.Peek() != jsonscan.String {
		return false
	}
	s, err := d.sc.String()
	*dst = s
	return err == nil
}

func (d *configDecoder) strings(dst *[]string) bool {
	return d.array(func() bool {
		var s string
		ok := d.str(&s)
		*dst = append(*dst, s)
		return ok
	}, func() { *dst = []string{} })
}

// int reads a number that encoding/json puts in an int: an integer literal in range.
func (d *configDecoder) int(dst *int) bool {
	if d.sc.Peek() != jsonscan.Number {
		return false
	}
	lit, err := d.sc.Number()
	if err != nil {
		return false
	}
	n, err := strconv.ParseInt(lit, 10, strconv.IntSize)
	*dst = int(n)
	return err == nil
}

// length reads a min_length or max_length both encoding/json and customattr accept: digits
// only, from lowest to maxDefinitionLength.
func (d *configDecoder) length(dst *int, lowest int) bool {
	if !d.int(dst) {
		return false
	}
	return *dst >= lowest && *dst <= maxDefinitionLength
}

// raw returns the bytes of the next value, an object, as encoding/json would pass them to an
// UnmarshalJSON method.
func (d *configDecoder) raw() ([]byte, bool) {
	if d.sc.Peek() != jsonscan.Object {
		return nil, false
	}
	start := d.sc.Offset()
	if d.sc.Skip() != nil {
		return nil, false
	}
	return d.data[start:d.sc.Offset()], true
}

func (d *configDecoder) standard(sa *StandardAttributes) bool {
	return d.object(standardMembers[:], func(k string) bool {
		if k == "population" {
			return d.object(populationMember[:], func(string) bool { return d.str(&sa.Population.Strategy) })
		}
		return d.array(func() bool {
			raw, ok := d.raw()
			if !ok {
				return false
			}
			sa.AccessControl = append(sa.AccessControl, access.Entry{})
			_ = sa.AccessControl[len(sa.AccessControl)-1].UnmarshalJSON(raw) // never fails; problems are kept in the entry
			return true
		}, func() { sa.AccessControl = []access.Entry{} })
	})
}

func (d *configDecoder) attribute(a *CustomAttribute) bool {
	return d.object(attributeMembers[:], func(k string) bool {
		switch k {
		case "id":
			return d.str(&a.ID)
		case "pointer":
			return d.str(&a.Pointer)
		case "type":
			var t string
			ok := d.str(&t)
			a.Type = customattr.Type(t)
			return ok
		case "minimum", "maximum":
			if d.sc.Peek() != jsonscan.Number {
				return false
			}
			lit, err := d.sc.Number()
			if k == "minimum" {
				a.Minimum = json.Number(lit)
			} else {
				a.Maximum = json.Number(lit)
			}
			return err == nil
		case "enum":
			return d.strings(&a.Enum)
		case "min_length":
			return d.length(&a.MinLength, 0)
		case "max_length":
			return d.length(&a.MaxLength, 1)
		case "pattern":
			return d.str(&a.Pattern)
		}
		raw, ok := d.raw() // access_control
		if !ok {
			return false
		}
		a.AccessControl = new(access.Rule)
		_ = a.AccessControl.UnmarshalJSON(raw) // never fails; problems are kept in the rule
		return true
	})
}
