package customattr

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/profilekit/profilekit/internal/jsonscan"
	"github.com/profilekit/profilekit/validation"
)

// Definition declares one custom attribute, in the shape of an entry of
// user_profile.custom_attributes.attributes in authgear.yaml (id, pointer, type, minimum,
// maximum, enum) plus profilekit's additions for strings (min_length, max_length, pattern).
//
// Definition deliberately has no access_control field and no JSON methods of its own: a config
// type embeds it next to its own access_control field, and encoding/json then decodes both
// (a JSON method on Definition would be promoted and hide the embedding type's other fields).
// A plain json.Unmarshal ignores unknown keys, as encoding/json always does; use
// [ParseDefinitions] (or a json.Decoder with DisallowUnknownFields on the embedding type) to
// reject them.
type Definition struct {
	// ID is the stable storage key of the attribute's values. It never changes and is never
	// reused for another attribute. Required.
	ID string `json:"id"`
	// Pointer is the attribute's name as a one-level JSON pointer, such as "/x_age". Required.
	Pointer string `json:"pointer"`
	// Type is one of the Type constants. Required.
	Type Type `json:"type"`
	// Minimum and Maximum are inclusive bounds for number and integer attributes, as exact JSON
	// number literals; "" means no bound. Integer bounds must be integers within int64.
	Minimum json.Number `json:"minimum,omitempty"`
	Maximum json.Number `json:"maximum,omitempty"`
	// Enum lists the options of an enum attribute, in display order. Required for enum.
	Enum []string `json:"enum,omitempty"`
	// MinLength and MaxLength bound a string attribute's length in Unicode code points (after
	// normalization); 0 means no bound beyond "non-empty" and the default maximum length
	// (format.DefaultMaxLength, 1024).
	MinLength int `json:"min_length,omitempty"`
	MaxLength int `json:"max_length,omitempty"`
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
// custom_attributes.attributes converted to JSON). Unlike json.Unmarshal it reports, all at
// once and located into the array: unknown keys (kind "unknown"; "access_control" is allowed and
// ignored, it belongs to the access policy), members of the wrong JSON type (kind "type", e.g. a
// quoted "minimum": "5"), and an explicit "max_length": 0. It does not apply the rules of
// [Compile]; call Compile on the result.
func ParseDefinitions(data []byte) ([]Definition, error) {
	// A well-formed list is read in one pass; anything else takes the general path below,
	// which reports every problem.
	if defs, ok := parseDefinitionsFast(data); ok {
		return defs, nil
	}
	return parseDefinitionsSlow(data)
}

// parseDefinitionsFast decodes, in one pass with jsonscan, the lists that
// parseDefinitionsSlow accepts without error, and reports ok=false for anything else (and for
// some accepted shapes it leaves to the slow path: a repeated member, a length written as 1e2
// or 5.0, invalid UTF-8 or a lone surrogate, which encoding/json would replace). When ok is
// true the definitions are those parseDefinitionsSlow returns.
func parseDefinitionsFast(data []byte) ([]Definition, bool) {
	var sc jsonscan.Scanner
	sc.Reset(string(data))
	if sc.Peek() != jsonscan.Array || sc.BeginArray() != nil {
		return nil, false
	}
	defs := []Definition{}
	for {
		more, err := sc.NextElem()
		if err != nil {
			return nil, false
		}
		if !more {
			break
		}
		defs = append(defs, Definition{})
		if !scanDefinition(&sc, &defs[len(defs)-1]) {
			return nil, false
		}
	}
	if sc.End() != nil {
		return nil, false
	}
	return defs, true
}

// definitionMembers are the members of a definition object, in the order of the bits of
// scanDefinition's set of members seen.
var definitionMembers = [...]string{"id", "pointer", "type", "minimum", "maximum", "enum",
	"min_length", "max_length", "pattern", "access_control"}

// scanDefinition reads one definition object for parseDefinitionsFast.
func scanDefinition(sc *jsonscan.Scanner, d *Definition) bool {
	if sc.Peek() != jsonscan.Object || sc.BeginObject() != nil {
		return false
	}
	str := func(dst *string) bool {
		if sc.Peek() != jsonscan.String {
			return false
		}
		s, err := sc.String()
		*dst = s
		return err == nil
	}
	length := func(dst *int, lowest int) bool {
		if sc.Peek() != jsonscan.Number {
			return false
		}
		lit, err := sc.Number()
		if err != nil {
			return false
		}
		n, err := strconv.ParseInt(lit, 10, 64)
		*dst = int(n)
		return err == nil && n >= int64(lowest) && n <= maxLengthLimit
	}
	var seen uint32
	for {
		k, more, err := sc.NextKey()
		if err != nil {
			return false
		}
		if !more {
			return true
		}
		i := 0
		for i < len(definitionMembers) && definitionMembers[i] != k {
			i++
		}
		if i == len(definitionMembers) || seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		ok := false
		switch k {
		case "id":
			ok = str(&d.ID)
		case "pointer":
			ok = str(&d.Pointer)
		case "type":
			var t string
			ok = str(&t)
			d.Type = Type(t)
		case "minimum", "maximum":
			if sc.Peek() != jsonscan.Number {
				return false
			}
			lit, err := sc.Number()
			if k == "minimum" {
				d.Minimum = json.Number(lit)
			} else {
				d.Maximum = json.Number(lit)
			}
			ok = err == nil
		case "enum":
			if sc.Peek() != jsonscan.Array || sc.BeginArray() != nil {
				return false
			}
			d.Enum = []string{}
			for {
				more, err := sc.NextElem()
				if err != nil {
					return false
				}
				if !more {
					break
				}
				var s string
				if !str(&s) {
					return false
				}
				d.Enum = append(d.Enum, s)
			}
			ok = true
		case "min_length":
			ok = length(&d.MinLength, 0)
		case "max_length":
			ok = length(&d.MaxLength, 1)
		case "pattern":
			ok = str(&d.Pattern)
		case "access_control":
			ok = sc.Skip() == nil // decoded by the access policy, not here
		}
		if !ok {
			return false
		}
	}
}

// parseDefinitionsSlow is ParseDefinitions without its fast path: encoding/json into maps,
// reporting every problem with its location.
func parseDefinitionsSlow(data []byte) ([]Definition, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &validation.Cause{Kind: validation.KindSyntax, Details: validation.Details{
			Expected: "array", Message: "definitions must be a JSON array of objects: " + err.Error(),
		}}
	}
	var verr validation.Error
	defs := make([]Definition, len(raw))
	for i, r := range raw {
		base := "/" + strconv.Itoa(i)
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(r, &obj); err != nil || obj == nil {
			verr.Add(&validation.Cause{Location: base, Kind: validation.KindType,
				Details: validation.Details{Expected: "object", Actual: jsonType(r)}})
			continue
		}
		d := &defs[i]
		for k, v := range obj {
			loc := base + "/" + validation.EscapeToken(k)
			var c *validation.Cause
			switch k {
			case "id":
				c = decodeString(v, &d.ID)
			case "pointer":
				c = decodeString(v, &d.Pointer)
			case "type":
				var s string
				c = decodeString(v, &s)
				d.Type = Type(s)
			case "minimum":
				c = decodeNumber(v, &d.Minimum)
			case "maximum":
				c = decodeNumber(v, &d.Maximum)
			case "enum":
				if jsonType(v) != "array" {
					c = typeCause("array", jsonType(v))
					break
				}
				var items []json.RawMessage
				_ = json.Unmarshal(v, &items)
				d.Enum = make([]string, len(items))
				for j, it := range items {
					if ic := decodeString(it, &d.Enum[j]); ic != nil {
						verr.Add(ic.At(loc + "/" + strconv.Itoa(j)))
					}
				}
			case "min_length":
				c = decodeLength(v, &d.MinLength, 0)
			case "max_length":
				c = decodeLength(v, &d.MaxLength, 1)
			case "pattern":
				c = decodeString(v, &d.Pattern)
			case "access_control":
				// Decoded by the access policy, not here.
			default:
				c = &validation.Cause{Kind: validation.KindUnknown, Details: validation.Details{
					Actual:  k,
					Message: "unknown member " + strconv.Quote(k) + " of a custom attribute definition",
				}}
			}
			if c != nil {
				verr.Add(c.At(loc))
			}
		}
	}
	if err := verr.Err(); err != nil {
		return nil, err
	}
	return defs, nil
}

func jsonType(p json.RawMessage) string {
	p = bytes.TrimSpace(p)
	if len(p) == 0 {
		return "nothing"
	}
	switch c := p[0]; {
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	}
	return "number"
}

func decodeString(p json.RawMessage, dst *string) *validation.Cause {
	if t := jsonType(p); t != "string" {
		return typeCause("string", t)
	}
	if err := json.Unmarshal(p, dst); err != nil {
		return typeCause("string", "invalid")
	}
	return nil
}

func decodeNumber(p json.RawMessage, dst *json.Number) *validation.Cause {
	if t := jsonType(p); t != "number" {
		return typeCause("number", t)
	}
	*dst = json.Number(bytes.TrimSpace(p))
	return nil
}

func decodeLength(p json.RawMessage, dst *int, lowest int) *validation.Cause {
	if t := jsonType(p); t != "number" {
		return typeCause("integer", t)
	}
	d, ok := parseDecimal(string(bytes.TrimSpace(p)))
	if !ok {
		return typeCause("integer", "invalid")
	}
	i, over, ok := d.int64()
	if !ok {
		return typeCause("integer", "number")
	}
	switch {
	case over < 0 || (over == 0 && i < int64(lowest)):
		return &validation.Cause{Kind: validation.KindMinimum, Details: validation.Details{Expected: lowest, Actual: json.Number(bytes.TrimSpace(p))}}
	case over > 0 || i > maxLengthLimit:
		return &validation.Cause{Kind: validation.KindMaximum, Details: validation.Details{Expected: maxLengthLimit, Actual: json.Number(bytes.TrimSpace(p))}}
	}
	*dst = int(i)
	return nil
}

// maxLengthLimit is the largest min_length or max_length accepted (1 Mi code points).
const maxLengthLimit = 1 << 20
