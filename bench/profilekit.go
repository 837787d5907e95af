package bench

import (
	"encoding/json"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/profile"
)

// Profilekit is the library under test: the config compiled into a profile.Schema once,
// and every update applied from raw JSON bytes with Schema.ApplyJSON (decode, normalize,
// validate, access, identity coupling, merge in one pass).
type Profilekit struct {
	schema  *profile.Schema
	current profile.Profile
	update  profile.Update
	name    string
}

// NewProfilekit parses and compiles ref's config and prepares the current profile.
func NewProfilekit(ref *Reference) (*Profilekit, error) {
	s, err := CompileProfilekit(ref.Config.UserProfile)
	if err != nil {
		return nil, err
	}
	e := &Profilekit{schema: s}
	if err := json.Unmarshal(ref.Current, &e.current); err != nil {
		return nil, err
	}
	var ids profile.Identities
	if err := json.Unmarshal(ref.Identities, &ids); err != nil {
		return nil, err
	}
	e.update = profile.Update{Party: access.EndUser, Mode: profile.MergePatch, Identities: ids}
	e.name = "profilekit"
	return e, nil
}

// NewProfilekitNoChanges is NewProfilekit with Update.SkipChanges: the same work as the
// competitors do (decode, validate, access, merge), without the change list that profilekit
// otherwise builds for audit logs and events and that the competitors do not build at all.
func NewProfilekitNoChanges(ref *Reference) (*Profilekit, error) {
	e, err := NewProfilekit(ref)
	if err != nil {
		return nil, err
	}
	e.update.SkipChanges, e.name = true, "profilekit_nochanges"
	return e, nil
}

// CompileProfilekit is the config -> schema step: profile.ParseConfig then profile.Compile.
func CompileProfilekit(userProfile []byte) (*profile.Schema, error) {
	cfg, err := profile.ParseConfig(userProfile)
	if err != nil {
		return nil, err
	}
	return profile.Compile(cfg)
}

// Name is "profilekit" or "profilekit_nochanges".
func (e *Profilekit) Name() string { return e.name }

// Apply is Schema.ApplyJSON as the end user, merge patch, with the reference identities.
func (e *Profilekit) Apply(update []byte) (any, error) {
	next, _, err := e.schema.ApplyJSON(&e.current, update, e.update)
	if err != nil {
		return nil, err
	}
	return next, nil
}

// Check is Apply without returning the next profile.
func (e *Profilekit) Check(update []byte) error {
	_, _, err := e.schema.ApplyJSON(&e.current, update, e.update)
	return err
}
