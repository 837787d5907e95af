package customattr_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/validation"
)

// causeAt is the (location, kind) pair a test expects.
type causeAt struct {
	loc  string
	kind validation.Kind
}

func causesOf(t *testing.T, err error) []causeAt {
	t.Helper()
	var verr *validation.Error
	require.True(t, errors.As(err, &verr), "want *validation.Error, got %T %v", err, err)
	out := make([]causeAt, len(verr.Causes))
	for i, c := range verr.Causes {
		out[i] = causeAt{c.Location, c.Kind}
	}
	return out
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name string
		defs []customattr.Definition
		want []causeAt
	}{
		{"missing everything", []customattr.Definition{{}},
			[]causeAt{{"/0/id", "required"}, {"/0/pointer", "required"}, {"/0/type", "required"}}},
		{"duplicate id and name", []customattr.Definition{
			{ID: "1", Pointer: "/a", Type: "string"},
			{ID: "2", Pointer: "/b", Type: "string"},
			{ID: "1", Pointer: "/a", Type: "string"},
		}, []causeAt{{"/2/id", "duplicated"}, {"/2/pointer", "duplicated"}}},
		{"unknown type", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "alpha2"}},
			[]causeAt{{"/0/type", "enum"}}},
		{"datetime type", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "datetime"}},
			[]causeAt{{"/0/type", "enum"}}},
		{"minimum greater than maximum", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "number", Minimum: "10", Maximum: "9.99"}},
			[]causeAt{{"/0/minimum", "maximum"}}},
		{"integer bounds not integers", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "integer", Minimum: "0.5", Maximum: "1e-1"}},
			[]causeAt{{"/0/maximum", "type"}, {"/0/minimum", "type"}}},
		{"integer bound beyond int64", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "integer", Minimum: "-1e19", Maximum: "9223372036854775808"}},
			[]causeAt{{"/0/maximum", "maximum"}, {"/0/minimum", "minimum"}}},
		{"number bound beyond float64", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "number", Maximum: "1e309"}},
			[]causeAt{{"/0/maximum", "maximum"}}},
		{"bound not a number literal", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "number", Minimum: "abc", Maximum: "+1"}},
			[]causeAt{{"/0/maximum", "type"}, {"/0/minimum", "type"}}},
		{"enum missing", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "enum"}},
			[]causeAt{{"/0/enum", "required"}}},
		{"enum empty", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "enum", Enum: []string{}}},
			[]causeAt{{"/0/enum", "minLength"}}},
		{"enum options", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "enum", Enum: []string{"ok", "", "a-b", "ok", "with space", "OK"}}},
			[]causeAt{{"/0/enum/1", "minLength"}, {"/0/enum/2", "pattern"}, {"/0/enum/3", "duplicated"}, {"/0/enum/4", "pattern"}}},
		{"constraints that do not apply", []customattr.Definition{
			{ID: "1", Pointer: "/a", Type: "email", Minimum: "1"},
			{ID: "2", Pointer: "/b", Type: "number", Enum: []string{"x"}, Pattern: "x", MaxLength: 3},
			{ID: "3", Pointer: "/c", Type: "enum", Enum: []string{"x"}, MinLength: 2},
		}, []causeAt{{"/0/minimum", "unknown"}, {"/1/enum", "unknown"}, {"/1/max_length", "unknown"}, {"/1/pattern", "unknown"}, {"/2/min_length", "unknown"}}},
		{"invalid pattern", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "string", Pattern: "a(b"}},
			[]causeAt{{"/0/pattern", "format"}}},
		{"perl lookahead is not RE2", []customattr.Definition{{ID: "1", Pointer: "/a", Type: "string", Pattern: "(?=a)"}},
			[]causeAt{{"/0/pattern", "format"}}},
		{"length bounds", []customattr.Definition{
			{ID: "1", Pointer: "/a", Type: "string", MinLength: 5, MaxLength: 4},
			{ID: "2", Pointer: "/b", Type: "string", MinLength: -1, MaxLength: -2},
		}, []causeAt{{"/0/min_length", "maximum"}, {"/1/max_length", "minimum"}, {"/1/min_length", "minimum"}}},
		{"bad and reserved names", []customattr.Definition{
			{ID: "1", Pointer: "/Name", Type: "string"},
			{ID: "2", Pointer: "/email", Type: "email"},
			{ID: "3", Pointer: "/a/b", Type: "string"},
		}, []causeAt{{"/0/pointer", "pattern"}, {"/1/pointer", "reserved"}, {"/2/pointer", "pattern"}}},
		{"every problem at once", []customattr.Definition{
			{ID: "1", Pointer: "/ok", Type: "integer", Minimum: "1.5"},
			{ID: "1", Pointer: "/x-y", Type: "colour"},
		}, []causeAt{{"/0/minimum", "type"}, {"/1/id", "duplicated"}, {"/1/pointer", "pattern"}, {"/1/type", "enum"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := customattr.Compile(tt.defs, customattr.Options{})
			require.Error(t, err)
			assert.Nil(t, s)
			assert.Equal(t, tt.want, causesOf(t, err))
			assert.ErrorIs(t, err, validation.ErrInvalid)
		})
	}
}

func TestCompileDetails(t *testing.T) {
	_, err := customattr.Compile([]customattr.Definition{
		{ID: "1", Pointer: "/a", Type: "number", Minimum: "10", Maximum: "9"},
		{ID: "2", Pointer: "/b", Type: "alpha2"},
	}, customattr.Options{})
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Causes, 2)
	assert.Equal(t, validation.Details{Expected: json.Number("9"), Actual: json.Number("10"), Message: "minimum is greater than maximum"}, verr.Causes[0].Details)
	assert.Equal(t, []string{"string", "number", "integer", "enum", "phone_number", "email", "url", "country_code", "boolean", "date"}, verr.Causes[1].Details.Expected)
	assert.Contains(t, verr.Causes[1].Details.Message, "valid types: string, number, integer, enum, phone_number, email, url, country_code, boolean, date")
	// The JSON shape uses the JSON Schema keyword for the bound.
	p, err := json.Marshal(verr.Causes[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"location":"/0/minimum","kind":"maximum","details":{"maximum":9,"actual":10,"error":"minimum is greater than maximum"}}`, string(p))
}

func TestCompileValid(t *testing.T) {
	defs := []customattr.Definition{
		{ID: "0001", Pointer: "/x_age", Type: customattr.Integer, Minimum: "0", Maximum: "0"}, // equal bounds are fine
		{ID: "0002", Pointer: "/weight", Type: customattr.Number, Minimum: "-1e308", Maximum: "1.7976931348623157e308"},
		{ID: "0003", Pointer: "/a_to_b", Type: customattr.Enum, Enum: []string{"bed_and_breakfast", "USA", "x_2fa"}},
		{ID: "0004", Pointer: "/s", Type: customattr.String, MinLength: 2, MaxLength: 2, Pattern: `^[a-z]+$`},
		{ID: "0005", Pointer: "/p", Type: customattr.PhoneNumber},
		{ID: "0006", Pointer: "/e", Type: customattr.Email},
		{ID: "0007", Pointer: "/u", Type: customattr.URL},
		{ID: "0008", Pointer: "/c", Type: customattr.CountryCode},
		{ID: "0009", Pointer: "/big", Type: customattr.Integer, Minimum: "-9223372036854775808", Maximum: "9223372036854775807"},
	}
	s, err := customattr.Compile(defs, customattr.Options{})
	require.NoError(t, err)
	attrs := s.Attributes()
	require.Equal(t, len(defs), len(attrs))
	for i, d := range defs {
		a := attrs[i]
		assert.Equal(t, d.ID, a.Definition().ID)
		assert.Equal(t, d.Name(), a.Name())
		assert.Equal(t, d.Pointer, a.Definition().Pointer)
		assert.Equal(t, d.Type, a.Definition().Type)
		byName, ok := s.Lookup(d.Name())
		require.True(t, ok)
		assert.Same(t, a, byName)
		byID, ok := s.LookupID(d.ID)
		require.True(t, ok)
		assert.Same(t, a, byID)
	}
	assert.Equal(t, defs, definitions(s))
	_, ok := s.Lookup("nope")
	assert.False(t, ok)
	_, ok = s.LookupID("x_age")
	assert.False(t, ok, "ids and names are separate")

	a, _ := s.Lookup("a_to_b")
	assert.Equal(t, "A to B", a.Label())
	var labels, values []string
	for _, o := range a.Options() {
		labels = append(labels, o.Label)
		values = append(values, o.Value)
	}
	assert.Equal(t, []string{"Bed and Breakfast", "USA", "X 2fa"}, labels)
	assert.Equal(t, []string{"bed_and_breakfast", "USA", "x_2fa"}, values)
	assert.Equal(t, customattr.Bound("0"), attrs[0].Definition().Minimum)
	assert.Equal(t, customattr.Bound(""), attrs[4].Definition().Maximum, "no bound")

	// The schema does not share the caller's slices.
	defs[2].Enum[0] = "changed"
	assert.Equal(t, "bed_and_breakfast", a.Options()[0].Value)
	got := definitions(s)
	got[2].Enum[1] = "changed"
	assert.Equal(t, "USA", a.Definition().Enum[1])

	empty, err := customattr.Compile(nil, customattr.Options{})
	require.NoError(t, err)
	assert.Empty(t, empty.Attributes())
}

func TestDecodeAuthgearShape(t *testing.T) {
	// user_profile.custom_attributes.attributes from an authgear.yaml, converted to JSON.
	const data = `[
	  {"id": "0000", "pointer": "/x_string", "type": "string", "access_control": {"end_user": "hidden", "bearer": "hidden", "portal_ui": "readwrite"}},
	  {"id": "0001", "pointer": "/x_number", "type": "number", "minimum": 0.5, "maximum": 10},
	  {"id": "0002", "pointer": "/x_integer", "type": "integer", "minimum": -12345678901234567890, "maximum": 12345678901234567},
	  {"id": "0003", "pointer": "/x_enum", "type": "enum", "enum": ["a", "b", "c"]},
	  {"id": "0004", "pointer": "/x_phone", "type": "phone_number"},
	  {"id": "0005", "pointer": "/x_email", "type": "email"},
	  {"id": "0006", "pointer": "/x_url", "type": "url"},
	  {"id": "0007", "pointer": "/x_country", "type": "country_code"}
	]`
	var defs []customattr.Definition
	require.NoError(t, json.Unmarshal([]byte(data), &defs))
	assert.Equal(t, customattr.Bound("-12345678901234567890"), defs[2].Minimum, "bounds keep their literal")
	_, err := customattr.Compile(defs, customattr.Options{})
	require.Error(t, err, "the integer minimum is beyond int64")
	assert.Equal(t, []causeAt{{"/2/minimum", "minimum"}}, causesOf(t, err))

	defs[2].Minimum = "-9007199254740993"
	s, err := customattr.Compile(defs, customattr.Options{})
	require.NoError(t, err)
	assert.Equal(t, customattr.CountryCode, s.Attributes()[7].Definition().Type)
	_, cause := check(t, s, "x_integer", mustNumber(t, "-9007199254740994"))
	require.NotNil(t, cause, "2^53+2 is below -2^53-1 exactly, though float64 cannot tell")
	assert.Equal(t, validation.KindMinimum, cause.Kind)

	strict, err := customattr.ParseDefinitions([]byte(data))
	require.NoError(t, err)
	assert.Equal(t, defs[0], strict[0])
	assert.Equal(t, defs[1], strict[1])

	// Round trip: what we write decodes to the same definitions.
	p, err := json.Marshal(definitions(s))
	require.NoError(t, err)
	var back []customattr.Definition
	require.NoError(t, json.Unmarshal(p, &back))
	assert.Equal(t, definitions(s), back)
	assert.NotContains(t, string(p), "access_control")
}

// configEntry is how a config package adds access control: by embedding Definition.
type configEntry struct {
	customattr.Definition
	AccessControl *struct {
		EndUser  string `json:"end_user"`
		Bearer   string `json:"bearer"`
		PortalUI string `json:"portal_ui"`
	} `json:"access_control,omitempty"`
}

func TestDefinitionEmbeds(t *testing.T) {
	const data = `{"id": "0001", "pointer": "/x_age", "type": "integer", "minimum": 0,
		"access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}}`
	var e configEntry
	require.NoError(t, json.Unmarshal([]byte(data), &e))
	assert.Equal(t, "x_age", e.Name())
	assert.Equal(t, customattr.Bound("0"), e.Minimum)
	require.NotNil(t, e.AccessControl, "Definition must not hide the embedding type's fields")
	assert.Equal(t, "readonly", e.AccessControl.EndUser)
	p, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, data, string(p))
}

func TestParseDefinitions(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []causeAt
	}{
		{"not an array", `{"id": "1"}`, []causeAt{{"", "type"}}},
		{"data after the array", `[]]`, []causeAt{{"", "syntax"}}},
		{"not JSON", `[`, []causeAt{{"", "syntax"}}},
		{"element not an object", `[1, null, "x"]`, []causeAt{{"/0", "type"}, {"/2", "type"}}}, // null: a zero definition, for Compile
		{"unknown keys", `[{"id": "1", "pointer": "/a", "type": "string", "maxLength": 3, "required": true, "access_control": {}}]`,
			[]causeAt{{"/0/maxLength", "unknown"}, {"/0/required", "unknown"}}},
		{"wrong JSON types", `[{"id": 1, "pointer": "/a", "type": "number", "minimum": "5", "maximum": true, "enum": "a"}]`,
			[]causeAt{{"/0/enum", "type"}, {"/0/id", "type"}, {"/0/maximum", "type"}, {"/0/minimum", "type"}}},
		{"enum items", `[{"id": "1", "pointer": "/a", "type": "enum", "enum": ["a", 1, null]}]`,
			[]causeAt{{"/0/enum/1", "type"}}}, // null is "", which Compile rejects
		{"lengths", `[{"id": "1", "pointer": "/a", "type": "string", "min_length": 1.5, "max_length": 0}, {"id": "2", "pointer": "/b", "type": "string", "min_length": -1, "max_length": 1e9}]`,
			[]causeAt{{"/0/min_length", "type"}, {"/1/max_length", "type"}}}, // ranges are Compile's
		{"repeated and case-folded members", `[{"id": "1", "ID": "2", "pointer": "/a", "pointer": "/b"}]`,
			[]causeAt{{"/0/ID", "unknown"}, {"/0/pointer", "duplicated"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defs, err := customattr.ParseDefinitions([]byte(tt.data))
			require.Error(t, err)
			assert.Nil(t, defs)
			var c *validation.Cause
			if tt.want[0].kind == validation.KindSyntax {
				require.ErrorAs(t, err, &c)
				assert.Equal(t, validation.KindSyntax, c.Kind)
				return
			}
			assert.Equal(t, tt.want, causesOf(t, err))
		})
	}

	defs, err := customattr.ParseDefinitions([]byte(`[{"id": "1", "pointer": "/a", "type": "string", "min_length": 2, "max_length": 5, "pattern": "^a", "access_control": {"x": 1}}]`))
	require.NoError(t, err)
	assert.Equal(t, []customattr.Definition{{ID: "1", Pointer: "/a", Type: "string", MinLength: 2, MaxLength: 5, Pattern: "^a"}}, defs)
}

func mustNumber(t testing.TB, lit string) customattr.Value {
	t.Helper()
	v, err := customattr.NumberValue(json.Number(lit))
	require.NoError(t, err)
	return v
}

func ExampleCompile() {
	_, err := customattr.Compile([]customattr.Definition{
		{ID: "0001", Pointer: "/shoe_size", Type: customattr.Integer, Minimum: "30", Maximum: "20"},
		{ID: "0001", Pointer: "/Shoe-Colour", Type: "colour"},
		{ID: "0003", Pointer: "/email", Type: customattr.Email},
	}, customattr.Options{})
	fmt.Println(err)
	// Output:
	// 5 problems:
	//   /0/minimum: maximum: minimum is greater than maximum
	//   /1/id: duplicated: the id "0001" is already used at /0
	//   /1/pointer: pattern: invalid character 'S' at 0: a custom attribute name is lower case
	//   /1/type: enum: unknown type "colour"; valid types: string, number, integer, enum, phone_number, email, url, country_code, boolean, date
	//   /2/pointer: reserved: "email" is reserved: it is a standard attribute
}

func ExampleAttribute_Label() {
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "1", Pointer: "/my_string", Type: customattr.String},
		{ID: "2", Pointer: "/date_of_birth", Type: customattr.Date},
		{ID: "3", Pointer: "/pick", Type: customattr.Enum, Enum: []string{"a_to_b"}},
	}, customattr.Options{})
	if err != nil {
		panic(err)
	}
	for _, a := range s.Attributes() {
		fmt.Println(a.Label())
	}
	fmt.Println(s.Attributes()[2].Options()[0].Label)
	// Output:
	// My String
	// Date of Birth
	// Pick
	// A to B
}
