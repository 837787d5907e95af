package profile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/stdattr"
)

// Profile is a user profile in representation form: what a relying party would see as OIDC
// claims. Standard claims sit at the top level (an empty string is an absent claim), custom
// attributes under "custom_attributes", keyed by attribute name. It marshals to and from that
// JSON shape with encoding/json, and it is a plain Go value: build it with a literal, read its
// fields directly.
//
// A Profile is not validated by itself; Schema.Apply produces only valid ones, and
// Schema.Validate checks one that came from elsewhere (a database, a test).
type Profile struct {
	stdattr.Claims
	// Custom holds custom attribute values by name. A nil or empty map has no custom attributes;
	// a zero Value in the map counts as absent.
	Custom map[string]customattr.Value
	// Variants holds language-tagged values (OpenID Connect Core §5.2), keyed by their place
	// in the JSON form without the leading slash, the tag in canonical form:
	// "family_name#ja-Kana-JP" (a top-level member next to its claim),
	// "address/locality#ja-Jpan-JP" (a member of "address"), "custom_attributes/kana_name#ja"
	// (a member of "custom_attributes"). "/" + key is the JSON pointer of a variant with a
	// well-formed tag. An empty
	// value counts as absent.
	Variants map[string]string
}

// Clone returns a deep copy of p.
func (p *Profile) Clone() Profile {
	return Profile{Claims: p.Claims.Clone(), Custom: maps.Clone(p.Custom), Variants: maps.Clone(p.Variants)}
}

// Equal reports whether p and q hold the same attributes, custom numbers compared by value (38
// equals 38.0), as Apply compares them: an update that Apply finds unchanged gives an Equal
// profile.
func (p *Profile) Equal(q *Profile) bool {
	if !p.Claims.Equal(&q.Claims) {
		return false
	}
	for k, v := range p.Custom {
		if !v.IsZero() && !v.Equal(q.Custom[k]) {
			return false
		}
	}
	for k, v := range q.Custom {
		if !v.IsZero() && !v.Equal(p.Custom[k]) {
			return false
		}
	}
	for k, v := range p.Variants {
		if v != q.Variants[k] {
			return false
		}
	}
	for k, v := range q.Variants {
		if v != p.Variants[k] {
			return false
		}
	}
	return true
}

type profileJSON struct {
	stdattr.Claims
	Custom map[string]customattr.Value `json:"custom_attributes,omitempty"`
}

// profileOut is the JSON form written: Address and Custom shadow the embedded ones, so that
// the variants of address sub-fields and custom attributes can sit inside them.
type profileOut struct {
	stdattr.Claims
	Address any `json:"address,omitempty"`
	Custom  any `json:"custom_attributes,omitempty"`
}

// MarshalJSON writes the flat OIDC shape; absent claims are omitted, never null or "". Each
// language-tagged variant sits next to its attribute: at the top level, inside "address" or
// inside "custom_attributes".
func (p Profile) MarshalJSON() ([]byte, error) {
	w := profileOut{Claims: p.Claims}
	if p.Address != nil && !p.Address.IsZero() {
		w.Address = p.Address
	}
	var custom map[string]any
	for k, v := range p.Custom {
		if !v.IsZero() {
			if custom == nil {
				custom = make(map[string]any, len(p.Custom))
			}
			custom[k] = v
		}
	}
	var addr map[string]string
	var top []string
	for k, v := range p.Variants {
		if v == "" {
			continue
		}
		if !strings.Contains(k, "#") {
			// It would read back as the attribute itself, or not at all.
			return nil, fmt.Errorf("profile: variant key %q has no language tag (\"#\")", k)
		}
		if rest, ok := strings.CutPrefix(k, addressPrefix); ok {
			if addr == nil {
				addr = make(map[string]string)
			}
			addr[rest] = v
		} else if rest, ok := strings.CutPrefix(k, customPrefix); ok {
			if custom == nil {
				custom = make(map[string]any)
			}
			custom[rest] = v
		} else {
			top = append(top, k)
		}
	}
	if addr != nil {
		for _, f := range addressFields {
			if p.Address != nil && *p.Address.Field(f) != "" {
				addr[f] = *p.Address.Field(f)
			}
		}
		w.Address = addr
	}
	if custom != nil {
		w.Custom = custom
	}
	b, err := json.Marshal(w)
	if err != nil || len(top) == 0 {
		return b, err
	}
	// The top-level variants go last, sorted, before the closing brace.
	b = b[:len(b)-1]
	slices.Sort(top)
	for _, k := range top {
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(p.Variants[k])
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(append(append(b, kb...), ':'), vb...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads the flat OIDC shape. It checks JSON types only (a custom attribute value
// must be a string, a number or a boolean, a variant a string); it neither normalizes nor
// validates: use Schema.Validate. Top-level members that are no claim of a Profile ("sub",
// "email_verified", "updated_at" of a UserInfo answer) are ignored, as encoding/json does, so
// that OIDC documents read as profiles; an update is read strictly by Schema.ApplyJSON.
func (p *Profile) UnmarshalJSON(data []byte) error {
	var w profileJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	p.Claims, p.Custom, p.Variants = w.Claims, w.Custom, nil
	if !bytes.Contains(data, []byte("#")) && !bytes.Contains(bytes.ToLower(data), []byte(`\u0023`)) {
		return nil // no member name can hold "#", escaped or not
	}
	var members struct {
		Address map[string]json.RawMessage `json:"address"`
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return err
	}
	if raw, ok := top["address"]; ok {
		if err := json.Unmarshal(raw, &members.Address); err != nil {
			return err
		}
	}
	add := func(key string, raw json.RawMessage) error {
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("profile: %s: %w", key, err)
		}
		if p.Variants == nil {
			p.Variants = make(map[string]string)
		}
		p.Variants[key] = v
		return nil
	}
	for k, raw := range top {
		if strings.Contains(k, "#") {
			if err := add(k, raw); err != nil {
				return err
			}
		}
	}
	for k, raw := range members.Address {
		if strings.Contains(k, "#") {
			if err := add(addressPrefix+k, raw); err != nil {
				return err
			}
		}
	}
	for k, v := range p.Custom {
		if !strings.Contains(k, "#") {
			continue
		}
		text, ok := v.Text()
		if !ok {
			return fmt.Errorf("profile: custom_attributes/%s: a language-tagged variant must be a string", k)
		}
		delete(p.Custom, k)
		if p.Variants == nil {
			p.Variants = make(map[string]string)
		}
		p.Variants[customPrefix+k] = text
	}
	return nil
}
