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
	// Variants holds language-tagged values of standard claims (OpenID Connect Core §5.2),
	// keyed as in JSON: "family_name#ja-Kana-JP", the tag in canonical form. They sit at the
	// top level of the JSON form, next to their claim. An empty value counts as absent.
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

// MarshalJSON writes the flat OIDC shape; absent claims are omitted, never null or "".
func (p Profile) MarshalJSON() ([]byte, error) {
	w := profileJSON{Claims: p.Claims}
	if p.Address != nil && p.Address.IsZero() {
		w.Address = nil
	}
	for k, v := range p.Custom {
		if v.IsZero() {
			continue
		}
		if w.Custom == nil {
			w.Custom = make(map[string]customattr.Value, len(p.Custom))
		}
		w.Custom[k] = v
	}
	b, err := json.Marshal(w)
	if err != nil || len(p.Variants) == 0 {
		return b, err
	}
	// The variants go at the top level, sorted, before custom_attributes' closing brace.
	b = b[:len(b)-1]
	for _, k := range slices.Sorted(maps.Keys(p.Variants)) {
		v := p.Variants[k]
		if v == "" {
			continue
		}
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(v)
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(append(append(b, kb...), ':'), vb...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads the flat OIDC shape. It checks JSON types only (a custom attribute value
// must be a string, a number or a boolean); it neither normalizes nor validates: use
// Schema.Validate.
func (p *Profile) UnmarshalJSON(data []byte) error {
	var w profileJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	p.Claims, p.Custom, p.Variants = w.Claims, w.Custom, nil
	if !bytes.Contains(data, []byte("#")) {
		return nil
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	for k, raw := range members {
		if !strings.Contains(k, "#") {
			continue
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("profile: %s: %w", k, err)
		}
		if p.Variants == nil {
			p.Variants = make(map[string]string)
		}
		p.Variants[k] = v
	}
	return nil
}
