package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"

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
// anything else (standard input, other names) is JSON when it is valid JSON, YAML otherwise.
// JSON is never converted, so numbers stay exact and duplicate members are left for the strict
// decoders to report. YAML is converted strictly (duplicate keys are an error). A YAML failure
// is a cause of kind "syntax", and so is input of no given type that is not JSON and that YAML
// reads as a single value or nothing (plain text, an empty file): a document here is an
// object or a list, so it is not a document at all.
func toJSON(data []byte, name string) ([]byte, *validation.Cause) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	sniffed := false
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return data, nil
	case ".yaml", ".yml":
	default:
		if t := bytes.TrimSpace(data); json.Valid(t) {
			return t, nil
		}
		sniffed = true
	}
	j, err := yaml.YAMLToJSONStrict(data)
	if err != nil {
		return nil, &validation.Cause{Kind: validation.KindSyntax, Details: validation.Details{
			Message: strings.Join(strings.Fields(err.Error()), " ")}}
	}
	if sniffed && (len(j) == 0 || (j[0] != '{' && j[0] != '[')) {
		return nil, &validation.Cause{Kind: validation.KindSyntax, Details: validation.Details{
			Message: "not JSON, and not YAML of an object or a list: read as YAML it is " + yamlScalar(j)}}
	}
	return j, nil
}

// yamlScalar describes the JSON of a YAML document that is not an object or a list.
func yamlScalar(j []byte) string {
	switch {
	case len(j) == 0 || string(j) == "null":
		return "empty"
	case j[0] == '"':
		return "a string"
	case j[0] == 't' || j[0] == 'f':
		return "a boolean"
	default:
		return "a number"
	}
}

// configFile is a config read from a file.
type configFile struct {
	// schema and config are the compiled config; nil and zero when the config is invalid.
	schema *profile.Schema
	config profile.Config
	// prefix is where the user_profile section sits in the file: "/user_profile" in a whole
	// authgear.yaml, "" when the file is the section itself.
	prefix string
	// langsFromLocalization is true when supported_languages came from
	// /localization/supported_languages of a whole authgear.yaml.
	langsFromLocalization bool
	// warnings are located in the file: top-level members of a whole authgear.yaml that look
	// like a misspelt section or a misplaced user_profile member.
	warnings []*validation.Cause
}

// relocate turns a location in the user_profile section into a location in the file.
func (f *configFile) relocate(loc string) string {
	if f.langsFromLocalization && (loc == "/supported_languages" || strings.HasPrefix(loc, "/supported_languages/")) {
		return "/localization" + loc
	}
	return f.prefix + loc
}

// loadConfig reads, decodes and compiles a config file; with authgear, the members only
// profilekit knows are causes too. A file that cannot be read is an error (exit 2). Otherwise
// the configFile holds the warnings, and a config that is malformed or does not compile is a
// *validation.Error of every cause found, sorted, with locations into the file (exit 1, or 2
// when it has a cause of kind syntax: the file cannot be decoded).
func loadConfig(path string, stdin io.Reader, authgear bool) (*configFile, *validation.Error, error) {
	data, err := readFile(path, stdin)
	if err != nil {
		return nil, nil, err
	}
	f := &configFile{}
	j, cause := toJSON(data, path)
	if cause != nil {
		return f, &validation.Error{Causes: []*validation.Cause{cause}}, nil
	}
	section, own, top := selectSection(j, f)
	var causes validation.Error // in the section, relocated below
	if authgear {
		causes.Add(authgearCauses(own)...)
	}
	if section != nil { // nil: not an object, and top says so
		cfg, err := profile.ParseConfig(section)
		var schema *profile.Schema
		if err == nil {
			schema, err = profile.Compile(cfg)
		}
		switch {
		case err != nil:
			causes.Add(asValidation(err).Causes...)
		case len(causes.Causes) == 0 && len(top) == 0:
			f.schema, f.config = schema, cfg
			return f, nil, nil
		}
	}
	if f.prefix == "" {
		suggestUserProfile(&causes)
	}
	for _, c := range causes.Causes {
		c.Location = f.relocate(c.Location)
	}
	causes.Add(top...)
	_ = causes.Err() // sorts
	return f, &causes, nil
}

// selectSection finds the user_profile section in a config document and records in f where
// it sits and the warnings about the document's top level. A whole authgear.yaml has a
// user_profile key, or the id and http keys every authgear.yaml has (then user_profile is
// absent and takes its defaults). It returns the section to decode (with localization's
// supported_languages added when the section has none), the section as written (for
// authgearCauses), and the causes at the top level of a whole authgear.yaml (a repeated
// section, or a document that is not an object: then section is nil), located in the file.
func selectSection(j []byte, f *configFile) (section, own []byte, top []*validation.Cause) {
	if !json.Valid(j) {
		return j, j, nil // ParseConfig reports the syntax error, located
	}
	ms, ok := members(j)
	if !ok {
		return nil, nil, []*validation.Cause{{Kind: validation.KindType, Details: validation.Details{
			Expected: "object", Message: "a config must be an object: a whole authgear.yaml or its user_profile section"}}}
	}
	byName := make(map[string]json.RawMessage, len(ms))
	for _, m := range ms {
		if _, seen := byName[m.name]; seen {
			top = append(top, &validation.Cause{Location: pointer(m.name), Kind: validation.KindDuplicated,
				Details: validation.Details{Actual: m.name, Message: "section " + strconv.Quote(m.name) + " appears more than once"}})
		}
		byName[m.name] = m.value
	}
	up, hasUP := byName["user_profile"]
	_, hasID := byName["id"]
	_, hasHTTP := byName["http"]
	if !hasUP && !(hasID && hasHTTP) {
		return j, j, nil // the section itself; ParseConfig reports its repeated members
	}
	f.prefix = "/user_profile"
	f.warnings = topLevelWarnings(ms, hasUP)
	if !hasUP || bytes.Equal(bytes.TrimSpace(up), []byte("null")) {
		up = json.RawMessage("{}")
	}
	loc, ok := byName["localization"]
	if !ok {
		return up, up, top
	}
	var l struct {
		SupportedLanguages json.RawMessage `json:"supported_languages"`
	}
	if json.Unmarshal(loc, &l) != nil || len(l.SupportedLanguages) == 0 {
		return up, up, top // not ours to check: the identity server validates its localization
	}
	sec, ok := members(up)
	if !ok {
		return up, up, top // ParseConfig reports the malformed section
	}
	for _, m := range sec {
		if m.name == "supported_languages" {
			return up, up, top
		}
	}
	// Splice the languages in rather than re-encode, so that ParseConfig sees the section as
	// written (member order, repeated members).
	rest := bytes.TrimLeft(bytes.TrimSpace(up)[1:], " \t\r\n")
	var b bytes.Buffer
	b.WriteString(`{"supported_languages":`)
	b.Write(l.SupportedLanguages)
	if rest[0] != '}' {
		b.WriteByte(',')
	}
	b.Write(rest)
	f.langsFromLocalization = true
	return b.Bytes(), up, top
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

// pointer is the JSON pointer (RFC 6901) to the top-level member name.
func pointer(name string) string {
	return "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
}
