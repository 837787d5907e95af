package profile

import (
	"strings"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/stdattr"
)

// A language-tagged variant (OIDC Core §5.2) is keyed by its place in the JSON form, without
// the leading slash: "family_name#ja-Kana-JP" at the top level, "address/locality#ja-Jpan-JP"
// inside the address, "custom_attributes/kana_name#ja-Kana-JP" inside custom_attributes. The
// part before "#" is the variant's path; no segment of it contains "~", "/" or "#" (claim,
// address field and custom attribute names cannot), so "/" + key is its JSON pointer when
// the tag is well-formed; variantPointer escapes any stored key.
const (
	addressPrefix = "address/"
	customPrefix  = "custom_attributes/"
)

// variantPointer is the JSON pointer of the variant keyed key, for any key: a variant of an
// attribute that may carry them needs no escapes, a stored key of no such attribute may.
func variantPointer(key string) string {
	for _, prefix := range [...]string{addressPrefix, customPrefix} {
		if rest, ok := strings.CutPrefix(key, prefix); ok {
			return "/" + prefix + jsonptr.Escape(rest)
		}
	}
	return "/" + jsonptr.Escape(key)
}

// variantBase is the attribute a variant belongs to: it takes that attribute's value rules
// and access rule.
type variantBase struct {
	a      stdattr.Attr // the standard claim (AttrAddress for an address sub-field); 0 for custom
	field  int          // the address sub-field's index, or -1
	custom int          // the custom attribute's index, or -1
}

// splitVariant splits a variant key into its path and tag ("address/locality", "ja").
func splitVariant(key string) (path, tag string, ok bool) {
	return strings.Cut(key, "#")
}

// taggable resolves the path of a variant to its base, and reports whether the schema lets
// that attribute carry variants.
func (s *Schema) taggable(path string) (variantBase, bool) {
	if field, ok := strings.CutPrefix(path, addressPrefix); ok {
		i := addressIndex(field)
		return variantBase{a: stdattr.AttrAddress, field: i, custom: -1}, i >= 0 && s.taggedAddr[i]
	}
	if name, ok := strings.CutPrefix(path, customPrefix); ok {
		i, ok := s.customIndex(name)
		return variantBase{field: -1, custom: i}, ok && s.custom[i].tagged
	}
	a, ok := stdattr.Lookup(path)
	return variantBase{a: a, field: -1, custom: -1}, ok && int(a) <= claim.NumWritable && s.tagged[a]
}

// variantOf resolves a variant key to its base and tag; ok is false when the key is no
// variant of an attribute the schema lets carry variants.
func (s *Schema) variantOf(key string) (b variantBase, path, tag string, ok bool) {
	path, tag, ok = splitVariant(key)
	if !ok {
		return b, key, "", false
	}
	b, ok = s.taggable(path)
	return b, path, tag, ok
}

// rule is the access rule of the base attribute, which its variants follow.
func (s *Schema) variantRule(b variantBase) access.Rule {
	if b.custom >= 0 {
		return s.custom[b.custom].rule
	}
	return s.stdRule[b.a]
}

// name is the attribute name the policy knows the base by ("family_name", "address",
// "kana_name").
func (s *Schema) variantName(b variantBase) string {
	if b.custom >= 0 {
		return s.custom[b.custom].name
	}
	return b.a.String()
}

// variantLabel is the display label of a variant: its attribute's label and its tag.
func (s *Schema) variantLabel(b variantBase, tag string) string {
	switch {
	case b.custom >= 0:
		return s.custom[b.custom].attr.Label() + " (" + tag + ")"
	case b.field >= 0:
		return claim.Table[stdattr.AttrAddress].Label + ": " + addressFields[b.field] + " (" + tag + ")"
	}
	return claim.Table[b.a].Label + " (" + tag + ")"
}

// normalizeVariant normalizes and checks v as a value of the base attribute. The error's
// cause is located at the base attribute (the caller relocates it to the variant).
func (s *Schema) normalizeVariant(b variantBase, v string) (string, error) {
	switch {
	case b.custom >= 0:
		n, err := s.custom[b.custom].attr.Check(customattr.StringValue(v))
		if err != nil {
			return "", err
		}
		text, _ := n.Text()
		return text, nil
	case b.field >= 0:
		return s.std.NormalizeAddressField(addressFields[b.field], v)
	}
	return s.std.Normalize(b.a, v)
}

// variantCost is what checking a value of the base may cost: its longest text in runes and
// the size of its pattern (see work.charge).
func (s *Schema) variantCost(b variantBase) (maxRunes, patternSize int) {
	if b.custom >= 0 {
		return s.custom[b.custom].textMax, s.custom[b.custom].patternSize
	}
	return s.textMax, 0
}

// Taggable lists the attributes that may carry language-tagged variants, as the paths the
// variants are keyed by (without "#" and tag): standard claims ("family_name"), address
// sub-fields ("address/locality") and custom attributes ("custom_attributes/kana_name"), in
// display order. An export to another schema language reads it.
func (s *Schema) Taggable() []string {
	var out []string
	for a := stdattr.AttrName; a <= stdattr.AttrAddress; a++ {
		if a == stdattr.AttrAddress {
			for i, f := range addressFields {
				if s.taggedAddr[i] {
					out = append(out, addressPrefix+f)
				}
			}
		} else if s.tagged[a] {
			out = append(out, a.String())
		}
	}
	for i := range s.custom {
		if s.custom[i].tagged {
			out = append(out, customPrefix+s.custom[i].name)
		}
	}
	return out
}
