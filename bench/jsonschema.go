package bench

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed update.schema.json
var updateSchema []byte

// JSONSchema is the engine a Go identity server uses today: a JSON Schema (2020-12) for the
// update document, written by hand to mirror the config, compiled once with
// santhosh-tekuri/jsonschema v6, with Go format checkers for phone, birthdate, zoneinfo, locale,
// country and email. After validation it checks access and merges in plain Go.
type JSONSchema struct {
	name    string
	schema  *jsonschema.Schema
	policy  *policy
	current map[string]any
	zones   *zoneCache // nil for "jsonschema"
}

// NewJSONSchema is the engine "as commonly written": the format checks of formats.go
// (time.LoadLocation per zoneinfo value, phonenumbers.Parse and Format per phone value).
func NewJSONSchema(ref *Reference) (*JSONSchema, error) {
	return newJSONSchema(ref, "jsonschema", map[string]func(string) error{
		"phone": checkPhone, "birthdate": checkBirthdate, "zoneinfo": checkZoneinfo,
		"locale": checkLocale, "country": checkCountry, "email": checkEmail,
	}, nil)
}

// NewJSONSchemaBest is the same schema, compiler and pipeline in its best honest
// configuration ("jsonschema_best"): zoneinfo through a cache of time.LoadLocation's answers
// (zoneCache), phone through checkPhoneBest (the E.164 shape checked before libphonenumber,
// its reusable PhoneNumber and Builder pooled). Everything else is already done once: the
// schema, its $refs and its patterns are compiled once by Compile, the country set is built at
// init. The decoder stays jsonschema.UnmarshalJSON (json.Decoder with UseNumber): json.Unmarshal
// would decode numbers to float64, which accepts 10.0000000000000001 as an integer ≤ 10 where
// UseNumber and profilekit refuse it, so it would be a precision shortcut, not a configuration;
// a json.Decoder cannot be reused for the next document (it keeps its io.EOF).
func NewJSONSchemaBest(ref *Reference) (*JSONSchema, error) {
	zones := new(zoneCache)
	return newJSONSchema(ref, "jsonschema_best", map[string]func(string) error{
		"phone": checkPhoneBest, "birthdate": checkBirthdate, "zoneinfo": zones.check,
		"locale": checkLocale, "country": checkCountry, "email": checkEmail,
	}, zones)
}

// newJSONSchema compiles update.schema.json with the given format checks and prepares the
// current profile and policy of ref.
func newJSONSchema(ref *Reference, name string, formats map[string]func(string) error, zones *zoneCache) (*JSONSchema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(updateSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // 2020-12 only annotates formats unless asked to assert them
	for name, check := range formats {
		c.RegisterFormat(&jsonschema.Format{Name: name, Validate: stringFormat(check)})
	}
	const loc = "https://profilekit.example/bench/update.schema.json"
	if err := c.AddResource(loc, doc); err != nil {
		return nil, err
	}
	sch, err := c.Compile(loc)
	if err != nil {
		return nil, err
	}
	p, err := newPolicy(ref)
	if err != nil {
		return nil, err
	}
	cur, err := jsonschema.UnmarshalJSON(bytes.NewReader(ref.Current))
	if err != nil {
		return nil, err
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return nil, errNotObject
	}
	return &JSONSchema{name: name, schema: sch, policy: p, current: m, zones: zones}, nil
}

// stringFormat adapts a string check to a jsonschema format: other JSON types pass (the
// schema's "type" keyword rejects them).
func stringFormat(check func(string) error) func(any) error {
	return func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		return check(s)
	}
}

// Name is "jsonschema" or "jsonschema_best".
func (e *JSONSchema) Name() string { return e.name }

// Apply decodes update with jsonschema.UnmarshalJSON (numbers as json.Number), validates it
// against the compiled schema, then checks access and merges into the current profile.
func (e *JSONSchema) Apply(update []byte) (any, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(update))
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if err := e.schema.Validate(doc); err != nil {
		return nil, err
	}
	patch, ok := doc.(map[string]any)
	if !ok {
		return nil, errNotObject
	}
	return e.policy.mergeMap(e.current, patch)
}

// Check is Apply without returning the next profile (which is already a pointer, so Apply
// does no extra allocation for it).
func (e *JSONSchema) Check(update []byte) error {
	_, err := e.Apply(update)
	return err
}
