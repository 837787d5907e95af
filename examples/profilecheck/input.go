package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// readFile reads path, or stdin when path is "-" and stdin is not nil.
func readFile(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" {
		if stdin == nil {
			return nil, errors.New("- (standard input) is only for the update, -check-config or -evolve")
		}
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		return b, nil
	}
	return os.ReadFile(path)
}

// toJSON returns the content of the file name as JSON. A ".json" file is JSON and is returned
// as it is (its syntax is checked by whoever decodes it); a ".yaml" or ".yml" file is YAML;
// anything else (standard input, other names) is JSON when it starts with "{" or "[" and is
// valid JSON, YAML otherwise. JSON is never converted, so numbers stay exact and duplicate
// members are left for the strict decoders to report. YAML is converted strictly (duplicate
// keys are an error). A YAML failure is a cause of kind "syntax".
func toJSON(data []byte, name string) ([]byte, *validation.Cause) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return data, nil
	case ".yaml", ".yml":
	default:
		if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid(t) {
			return t, nil
		}
	}
	j, err := yaml.YAMLToJSONStrict(data)
	if err != nil {
		return nil, &validation.Cause{Kind: validation.KindSyntax, Details: validation.Details{
			Message: strings.Join(strings.Fields(err.Error()), " ")}}
	}
	return j, nil
}

// configFile is a config read from a file, compiled.
type configFile struct {
	schema *profile.Schema
	config profile.Config
	// prefix is where the user_profile section sits in the file: "/user_profile" in a whole
	// authgear.yaml, "" when the file is the section itself.
	prefix string
	// langsFromLocalization is true when supported_languages came from
	// /localization/supported_languages of a whole authgear.yaml.
	langsFromLocalization bool
}

// relocate turns a location in the user_profile section into a location in the file.
func (f *configFile) relocate(loc string) string {
	if f.langsFromLocalization && (loc == "/supported_languages" || strings.HasPrefix(loc, "/supported_languages/")) {
		return "/localization" + loc
	}
	return f.prefix + loc
}

// loadConfig reads, decodes and compiles a config file. A file that cannot be read is an
// error (exit 2); a config that is malformed or does not compile is a *validation.Error with
// locations into the file (exit 1).
func loadConfig(path string, stdin io.Reader) (*configFile, *validation.Error, error) {
	data, err := readFile(path, stdin)
	if err != nil {
		return nil, nil, err
	}
	f := &configFile{}
	invalid := func(err error) (*configFile, *validation.Error, error) {
		verr := asValidation(err)
		for _, c := range verr.Causes {
			c.Location = f.relocate(c.Location)
		}
		_ = verr.Err() // sorts
		return nil, verr, nil
	}
	j, cause := toJSON(data, path)
	if cause != nil {
		return invalid(cause)
	}
	section, err := selectSection(j, f)
	if err != nil {
		return invalid(err)
	}
	if err := checkDefinitions(section); err != nil {
		return invalid(err)
	}
	cfg, err := profile.ParseConfig(section)
	if err != nil {
		return invalid(err)
	}
	schema, err := profile.Compile(cfg)
	if err != nil {
		return invalid(err)
	}
	f.schema, f.config = schema, cfg
	return f, nil, nil
}

// selectSection finds the user_profile section in a config document and records in f where
// it sits. A whole authgear.yaml has a user_profile key, or the id and http keys every
// authgear.yaml has (then user_profile is absent and takes its defaults).
func selectSection(j []byte, f *configFile) ([]byte, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(j, &top); err != nil || top == nil {
		return nil, &validation.Cause{Kind: validation.KindType, Details: validation.Details{
			Expected: "object", Message: "a config must be an object: a whole authgear.yaml or its user_profile section"}}
	}
	up, hasUP := top["user_profile"]
	_, hasID := top["id"]
	_, hasHTTP := top["http"]
	if !hasUP && !(hasID && hasHTTP) {
		return j, nil // the section itself
	}
	f.prefix = "/user_profile"
	if !hasUP || bytes.Equal(bytes.TrimSpace(up), []byte("null")) {
		up = json.RawMessage("{}")
	}
	loc, ok := top["localization"]
	if !ok {
		return up, nil
	}
	var l struct {
		SupportedLanguages json.RawMessage `json:"supported_languages"`
	}
	if json.Unmarshal(loc, &l) != nil || len(l.SupportedLanguages) == 0 {
		return up, nil // not ours to check: the identity server validates its localization
	}
	var sec map[string]json.RawMessage
	if json.Unmarshal(up, &sec) != nil || sec == nil {
		return up, nil // ParseConfig reports the malformed section
	}
	if _, own := sec["supported_languages"]; own {
		return up, nil
	}
	sec["supported_languages"] = l.SupportedLanguages
	f.langsFromLocalization = true
	return json.Marshal(sec)
}

// checkDefinitions runs customattr.ParseDefinitions on the section's custom attribute list,
// when there is one: it reports every member of the wrong JSON type (a quoted "minimum": "5",
// which ParseConfig's json.Number accepts) and every unknown key at once, located under
// /custom_attributes/attributes. Anything it cannot find is left to ParseConfig.
func checkDefinitions(section []byte) error {
	var sec struct {
		CustomAttributes struct {
			Attributes json.RawMessage `json:"attributes"`
		} `json:"custom_attributes"`
	}
	if json.Unmarshal(section, &sec) != nil {
		return nil
	}
	list := bytes.TrimSpace(sec.CustomAttributes.Attributes)
	if len(list) == 0 || list[0] != '[' {
		return nil
	}
	if _, err := customattr.ParseDefinitions(list); err != nil {
		verr := asValidation(err)
		for _, c := range verr.Causes {
			c.Under("/custom_attributes/attributes")
		}
		return verr
	}
	return nil
}

// asValidation returns err as a *validation.Error: a *validation.Error itself, a *Cause
// wrapped, or any other error as one cause of kind "syntax".
func asValidation(err error) *validation.Error {
	var verr *validation.Error
	if errors.As(err, &verr) {
		return verr
	}
	var c *validation.Cause
	if errors.As(err, &c) {
		return &validation.Error{Causes: []*validation.Cause{c}}
	}
	return &validation.Error{Causes: []*validation.Cause{{Kind: validation.KindSyntax, Details: validation.Details{Message: err.Error()}}}}
}

// decodeCurrent decodes a current profile strictly: top-level members must be standard
// claims, "custom_attributes" or "sub" (ignored), so a misspelt claim is not silently lost.
// updated_at is returned as the profile's current updated_at; email_verified and
// phone_number_verified are ignored (they derive from identities).
func decodeCurrent(j []byte) (profile.Profile, int64, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(j, &top); err != nil {
		return profile.Profile{}, 0, err
	}
	if top == nil {
		return profile.Profile{}, 0, nil // null or an empty document: an empty profile
	}
	var updatedAt int64
	for k, v := range top {
		if k == "custom_attributes" || k == "sub" {
			continue
		}
		a, ok := stdattr.Lookup(k)
		switch {
		case !ok:
			return profile.Profile{}, 0, fmt.Errorf("unknown member %q (not a standard claim; custom attributes go under custom_attributes)", k)
		case a == stdattr.AttrUpdatedAt:
			if err := json.Unmarshal(v, &updatedAt); err != nil {
				return profile.Profile{}, 0, fmt.Errorf("updated_at: want Unix seconds: %w", err)
			}
		}
	}
	var p profile.Profile
	if err := json.Unmarshal(j, &p); err != nil {
		return profile.Profile{}, 0, err
	}
	return p, updatedAt, nil
}

// decodeIdentities decodes a list of identities strictly.
func decodeIdentities(j []byte) (profile.Identities, error) {
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.DisallowUnknownFields()
	var ids profile.Identities
	if err := dec.Decode(&ids); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("data after the list of identities")
	}
	for i, id := range ids {
		if id.Kind == 0 {
			return nil, fmt.Errorf("identity %d: missing kind (email, phone or username)", i)
		}
	}
	return ids, nil
}
