package bench

import (
	"encoding/json"
	"fmt"
	"os"
)

// Reference is the reference update file (testdata/bench-update.json): a config, the current
// profile, the user's identities and two updates, one valid and one with four faults.
type Reference struct {
	Description string `json:"description"`
	Config      struct {
		UserProfile json.RawMessage `json:"user_profile"`
	} `json:"config"`
	Current       json.RawMessage `json:"current"`
	Identities    json.RawMessage `json:"identities"`
	Update        json.RawMessage `json:"update"`
	UpdateInvalid json.RawMessage `json:"update_invalid"`
}

// LoadReference reads and decodes the reference file at path.
func LoadReference(path string) (*Reference, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ref Reference
	if err := json.Unmarshal(data, &ref); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &ref, nil
}

// Engine validates an update and applies it: decode the raw JSON, validate every value, check
// the end user's access on what changes (and ownership of identity-coupled claims), merge the
// update into the current profile with RFC 7396 merge patch.
type Engine interface {
	// Name is the engine's sub-benchmark name: "profilekit", "jsonschema", "jsonschema_best",
	// "validator" or "validator_best".
	Name() string
	// Apply returns the next profile (a value that marshals to the OIDC JSON shape), or an
	// error when the update is invalid or not allowed.
	Apply(update []byte) (any, error)
	// Check does the same work as Apply and drops the next profile: what the benchmarks time
	// (so that boxing the result into an interface is not counted against any engine).
	Check(update []byte) error
}

// NewEngines builds the engines for ref, profilekit first: profilekit, then each competitor as
// commonly written ("jsonschema", "validator") and in its best honest configuration
// ("jsonschema_best", "validator_best"; see README.md).
func NewEngines(ref *Reference) ([]Engine, error) {
	var es []Engine
	for _, c := range []struct {
		name string
		new  func(*Reference) (Engine, error)
	}{
		{"profilekit", func(r *Reference) (Engine, error) { return NewProfilekit(r) }},
		{"profilekit_nochanges", func(r *Reference) (Engine, error) { return NewProfilekitNoChanges(r) }},
		{"jsonschema", func(r *Reference) (Engine, error) { return NewJSONSchema(r) }},
		{"jsonschema_best", func(r *Reference) (Engine, error) { return NewJSONSchemaBest(r) }},
		{"validator", func(r *Reference) (Engine, error) { return NewValidator(r) }},
		{"validator_best", func(r *Reference) (Engine, error) { return NewValidatorBest(r) }},
	} {
		e, err := c.new(ref)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		es = append(es, e)
	}
	return es, nil
}
