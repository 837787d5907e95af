package customattr

import (
	"encoding/json"

	"github.com/profilekit/profilekit/internal/strictjson"
)

// Definition declares one custom attribute, in the shape of an entry of
// user_profile.custom_attributes.attributes in authgear.yaml (id, pointer, type, minimum,
// maximum, enum) plus profilekit's additions: the types boolean and date, bounds for dates, and
// for strings min_length, max_length and pattern.
//
// Definition deliberately has no access_control field and no JSON methods of its own: a config
// type embeds it next to its own access_control field, and encoding/json then decodes both
// (a JSON method on Definition would be promoted and hide the embedding type's other fields).
// A plain json.Unmarshal ignores unknown keys, as encoding/json always does; use
// [ParseDefinitions] (or a json.Decoder with DisallowUnknownFields on the embedding type) to
// reject them.
type Definition struct {
	// ID is the stable storage key of the attribute's values. It never changes and is never
	// reused for another attribute. Required; any text without "#" (which separates a
	// language-tagged variant's tag in storage).
	ID string `json:"id"`
	// Pointer is the attribute's name as a one-level JSON pointer, such as "/x_age". Required.
	Pointer string `json:"pointer"`
	// Type is one of the Type constants. Required.
	Type Type `json:"type"`
	// Minimum and Maximum are inclusive bounds: for number and integer attributes exact JSON
	// number literals (JSON numbers in the config; integer bounds must be integers within
	// int64), for date attributes dates YYYY-MM-DD (JSON strings in the config); "" means no
	// bound. See [Bound].
	Minimum Bound `json:"minimum,omitempty"`
	Maximum Bound `json:"maximum,omitempty"`
	// Enum lists the options of an enum attribute, in display order. Required for enum.
	Enum []string `json:"enum,omitempty"`
	// MinLength and MaxLength bound a string attribute's length in Unicode code points (after
	// normalization); 0 means no bound beyond "non-empty" and the default maximum length
	// (1024).
	MinLength int `json:"min_length,omitempty"`
	MaxLength int `json:"max_length,omitempty"`
	// Multiple makes the attribute multi-valued: a JSON array of values of Type, in order, each
	// checked and normalized as a single value would be. MinItems and MaxItems bound the count
	// (at most 1000; 0 means 1 and 1000: an empty list is not a value, null removes the
	// attribute), and UniqueItems forbids two elements that are equal after normalization.
	// The three are valid only with Multiple, which cannot change once values are stored.
	Multiple    bool `json:"multiple,omitempty"`
	MinItems    int  `json:"min_items,omitempty"`
	MaxItems    int  `json:"max_items,omitempty"`
	UniqueItems bool `json:"unique_items,omitempty"`
	// Pattern is an RE2 regular expression (Go regexp syntax) a string value must match. As in
	// JSON Schema it is not anchored: write "^…$" to match the whole value.
	Pattern string `json:"pattern,omitempty"`
}

// Name returns the attribute name: the pointer without its leading "/" ("/x_age" is "x_age").
// It does not check the pointer; [Compile] does.
func (d Definition) Name() string {
	if len(d.Pointer) > 0 && d.Pointer[0] == '/' {
		return d.Pointer[1:]
	}
	return d.Pointer
}

// ParseDefinitions strictly decodes a JSON array of definitions (authgear.yaml's
// custom_attributes.attributes converted to JSON) with the one config decoder
// (internal/strictjson). Unlike json.Unmarshal it reports, all at once and located into the
// array: syntax errors (data after the array included), unknown members (kind "unknown", with
// a suggestion for a case variant or a near spelling; "access_control" is allowed and
// ignored, it belongs to the access policy), repeated members (kind "duplicated") and members
// of the wrong JSON type (kind "type", e.g. a quoted "minimum": "5", or a max_length that is
// not an integer). It does not apply the rules of [Compile]; call Compile on the result.
func ParseDefinitions(data []byte) ([]Definition, error) {
	var entries []definitionEntry
	if err := definitionsCodec.Decode(data, &entries); err != nil {
		return nil, err
	}
	defs := make([]Definition, len(entries))
	for i := range entries {
		defs[i] = entries[i].Definition
	}
	return defs, nil
}

// definitionEntry is one element of a definitions list: a Definition and the access rule
// that belongs to the access policy.
type definitionEntry struct {
	Definition
	AccessControl json.RawMessage `json:"access_control"` // the access policy's, not ours
}

var definitionsCodec = strictjson.For[[]definitionEntry]()

// maxLengthLimit is the largest min_length or max_length accepted (1 Mi code points).
const maxLengthLimit = 1 << 20
