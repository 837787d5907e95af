package jsonschema_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/profilekit/profilekit/internal/jsonptr"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/internal/tzdb"
	"github.com/profilekit/profilekit/jsonschema"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// compileExported exports s for party with o and profilekit's formats (ProfilekitFormats,
// whatever o.Formats says) and compiles the document with santhosh-tekuri/jsonschema,
// asserting formats with the schema's own checks. It fails the test when the document uses a
// format that Formats does not check (the validator would silently ignore it).
func compileExported(t testing.TB, s *profile.Schema, party access.Party, o jsonschema.Options) *jsv.Schema {
	t.Helper()
	o.Formats = jsonschema.ProfilekitFormats
	doc, err := jsonschema.Export(s, party, o)
	require.NoError(t, err)
	v, err := jsv.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err)
	formats := jsonschema.Formats(s)
	for _, f := range formatsIn(v) {
		require.Contains(t, formats, f, "format %q has no check", f)
	}
	c := jsv.NewCompiler()
	c.AssertFormat()
	for name, check := range formats {
		c.RegisterFormat(&jsv.Format{Name: name, Validate: func(v any) error {
			str, ok := v.(string)
			if !ok {
				return nil // "type" rejects it
			}
			return check(str)
		}})
	}
	const loc = "https://profilekit.example/profile.schema.json"
	require.NoError(t, c.AddResource(loc, v))
	sch, err := c.Compile(loc)
	require.NoError(t, err)
	return sch
}

// formatsIn lists every "format" value of a decoded schema document.
func formatsIn(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, sub := range x {
			if f, ok := sub.(string); ok && k == "format" {
				out = append(out, f)
			}
			out = append(out, formatsIn(sub)...)
		}
	case []any:
		for _, sub := range x {
			out = append(out, formatsIn(sub)...)
		}
	}
	return out
}

func jsValidate(t testing.TB, sch *jsv.Schema, doc string) error {
	t.Helper()
	v, err := jsv.UnmarshalJSON(strings.NewReader(doc))
	require.NoError(t, err, "test documents are JSON")
	return sch.Validate(v)
}

// leafLocations returns the JSON pointers of the innermost errors of a validation error.
func leafLocations(err error) []string {
	var ve *jsv.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	var walk func(e *jsv.ValidationError)
	walk = func(e *jsv.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, jsonptr.Join(e.InstanceLocation...))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	slices.Sort(out)
	return slices.Compact(out)
}

func causeLocations(err error) []string {
	var verr *validation.Error
	if !errors.As(err, &verr) {
		return nil
	}
	var out []string
	for _, c := range verr.Causes {
		out = append(out, c.Location)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// exportedSchemas compiles the document schema and the nullable (update) schema of a party.
type exportedSchemas struct{ doc, update *jsv.Schema }

func exportBoth(t testing.TB, s *profile.Schema, party access.Party) exportedSchemas {
	return exportedSchemas{
		doc:    compileExported(t, s, party, jsonschema.Options{}),
		update: compileExported(t, s, party, jsonschema.Options{Nullable: true}),
	}
}

var jsParties = []access.Party{access.EndUser, access.AdminAPI}

// The reference documents: update is valid for profilekit and for the exported schema,
// update_invalid invalid for both, and both report the faults at the same locations.
func TestJSONSchemaReferenceAgreement(t *testing.T) {
	ref, s, cur := loadReference(t)
	for _, party := range jsParties {
		sch := exportBoth(t, s, party)
		for _, mode := range []profile.Mode{profile.Replace, profile.MergePatch} {
			t.Run(party.String()+"/"+mode.String(), func(t *testing.T) {
				up := profile.Update{Party: party, Mode: mode, Identities: ref.Identities}
				_, _, err := s.ApplyJSON(&cur, ref.Update, up)
				require.NoError(t, err)
				require.NoError(t, jsValidate(t, sch.update, string(ref.Update)))
				require.NoError(t, jsValidate(t, sch.doc, string(ref.Update)))

				_, _, pkErr := s.ApplyJSON(&cur, ref.UpdateInvalid, up)
				require.Error(t, pkErr)
				for _, js := range []*jsv.Schema{sch.doc, sch.update} {
					jsErr := jsValidate(t, js, string(ref.UpdateInvalid))
					require.Error(t, jsErr)
					assert.Equal(t, causeLocations(pkErr), leafLocations(jsErr), "same faults, same places")
				}
			})
		}
	}
}

// agreeCase is a small update with profilekit's verdict per party. The exported schema gives
// the same verdict, except where known names a rule JSON Schema (or the export) does not
// express: then the schema's verdict is asserted to be the opposite, for the parties in
// knownFor (all when nil), so that a fix on either side shows up here.
type agreeCase struct {
	name        string
	doc         string
	user, admin bool         // profilekit accepts it from the end user / the Admin API
	mode        profile.Mode // 0: both modes
	known       string
	knownFor    []access.Party
}

func agreeCases() []agreeCase {
	long := strings.Repeat("a", 1025)
	return []agreeCase{
		// Valid for everyone.
		{name: "empty", doc: `{}`, user: true, admin: true},
		{name: "given_name", doc: `{"given_name":"Janet"}`, user: true, admin: true},
		{name: "non-ASCII name", doc: `{"family_name":"Doe-Müller 山田"}`, user: true, admin: true},
		{name: "longest name", doc: `{"given_name":"` + long[1:] + `"}`, user: true, admin: true},
		{name: "birthdate full", doc: `{"birthdate":"2020-02-29"}`, user: true, admin: true},
		{name: "birthdate year withheld", doc: `{"birthdate":"0000-02-29"}`, user: true, admin: true},
		{name: "birthdate year only", doc: `{"birthdate":"1990"}`, user: true, admin: true},
		{name: "zoneinfo alias", doc: `{"zoneinfo":"US/Pacific"}`, user: true, admin: true},
		{name: "zoneinfo UTC", doc: `{"zoneinfo":"UTC"}`, user: true, admin: true},
		{name: "locale lower case", doc: `{"locale":"en-us"}`, user: true, admin: true},
		{name: "locale M.49 area", doc: `{"locale":"es-419"}`, user: true, admin: true},
		{name: "owned phone", doc: `{"phone_number":"+14155552671"}`, user: true, admin: true},
		{name: "owned email unchanged", doc: `{"email":"jane.doe@example.com"}`, user: true, admin: true},
		{name: "website", doc: `{"website":"https://jane.example.com/about?x=1#top"}`, user: true, admin: true},
		{name: "picture", doc: `{"picture":"https://cdn.example.com/jane.png"}`, user: true, admin: true},
		{name: "gender", doc: `{"gender":"female"}`, user: true, admin: true},
		{name: "address multiline", doc: `{"address":{"formatted":"1 Main St\nSan Francisco","country":"US"}}`, user: true, admin: true},
		{name: "address empty", doc: `{"address":{}}`, user: true, admin: true},
		{name: "custom empty", doc: `{"custom_attributes":{}}`, user: true, admin: true},
		{name: "number bounds", doc: `{"custom_attributes":{"shoe_size":20}}`, user: true, admin: true},
		{name: "number upper bound", doc: `{"custom_attributes":{"shoe_size":60}}`, user: true, admin: true},
		{name: "number fraction", doc: `{"custom_attributes":{"shoe_size":38.5}}`, user: true, admin: true},
		{name: "integer zero", doc: `{"custom_attributes":{"tickets":0}}`, user: true, admin: true},
		{name: "integer as 3.0", doc: `{"custom_attributes":{"tickets":3.0}}`, user: true, admin: true},
		{name: "integer as 1e1", doc: `{"custom_attributes":{"tickets":1e1}}`, user: true, admin: true},
		{name: "enum", doc: `{"custom_attributes":{"department":"sales"}}`, user: true, admin: true},
		{name: "country code", doc: `{"custom_attributes":{"home_country":"JP"}}`, user: true, admin: true},
		{name: "country code lower case", doc: `{"custom_attributes":{"home_country":"us"}}`, user: true, admin: true},
		{name: "read-only sent unchanged", doc: `{"custom_attributes":{"employee_id":"E123456"}}`, user: true, admin: true},
		{name: "derived sent unchanged", doc: `{"email":"jane.doe@example.com","email_verified":true}`, user: true, admin: true},
		{name: "derived phone unverified", doc: `{"phone_number":"+14155552671","phone_number_verified":false}`, user: true, admin: true},
		{name: "updated_at unchanged", doc: `{"updated_at":1700000000}`, user: true, admin: true},

		// Invalid for everyone.
		{name: "not an object", doc: `[]`},
		{name: "empty string", doc: `{"given_name":""}`},
		{name: "number for string", doc: `{"given_name":5}`},
		{name: "too long", doc: `{"given_name":"` + long + `"}`},
		{name: "not a leap year", doc: `{"birthdate":"1900-02-29"}`},
		{name: "birthdate --MM-DD", doc: `{"birthdate":"--02-29"}`},
		{name: "birthdate year 0000", doc: `{"birthdate":"0000"}`},
		{name: "unknown zone", doc: `{"zoneinfo":"Mars/Olympus_Mons"}`},
		{name: "zone localtime", doc: `{"zoneinfo":"localtime"}`},
		{name: "locale unknown region", doc: `{"locale":"en-XX"}`},
		{name: "locale und", doc: `{"locale":"und"}`},
		{name: "phone without +", doc: `{"phone_number":"4155552671"}`},
		{name: "javascript URL", doc: `{"website":"javascript:alert(1)"}`},
		{name: "relative URL", doc: `{"website":"/about"}`},
		{name: "URL with user info", doc: `{"website":"https://user:pw@example.com/"}`},
		{name: "ftp picture", doc: `{"picture":"ftp://example.com/a.png"}`},
		{name: "email without domain", doc: `{"email":"jane.doe@"}`},
		{name: "email with display name", doc: `{"email":"Jane <jane.doe@example.com>"}`},
		{name: "unknown claim", doc: `{"sub":"123"}`},
		{name: "unknown address field", doc: `{"address":{"zip":"94105"}}`},
		{name: "address as string", doc: `{"address":"1 Main St"}`},
		{name: "empty address field", doc: `{"address":{"locality":""}}`},
		{name: "string for number", doc: `{"custom_attributes":{"shoe_size":"38"}}`},
		{name: "below minimum", doc: `{"custom_attributes":{"shoe_size":19.99}}`},
		{name: "above maximum", doc: `{"custom_attributes":{"shoe_size":60.0001}}`},
		{name: "fractional integer", doc: `{"custom_attributes":{"tickets":3.5}}`},
		{name: "integer above maximum", doc: `{"custom_attributes":{"tickets":11}}`},
		{name: "integer below minimum", doc: `{"custom_attributes":{"tickets":-1}}`},
		{name: "enum is case-sensitive", doc: `{"custom_attributes":{"department":"Sales"}}`},
		{name: "not an option", doc: `{"custom_attributes":{"department":"marketing"}}`},
		{name: "withdrawn country code", doc: `{"custom_attributes":{"home_country":"UK"}}`},
		{name: "alpha-3 country code", doc: `{"custom_attributes":{"home_country":"USA"}}`},
		{name: "unknown custom attribute", doc: `{"custom_attributes":{"nope":1}}`},
		{name: "pattern", doc: `{"custom_attributes":{"employee_id":"E12345"}}`},
		{name: "custom_attributes as array", doc: `{"custom_attributes":[]}`},
		{name: "derived as string", doc: `{"email_verified":"true"}`},
		{name: "updated_at as string", doc: `{"updated_at":"1700000000"}`},

		// Depends on the party, and both agree.
		{name: "hidden to the end user", doc: `{"middle_name":"Q"}`, admin: true},
		{name: "hidden URL", doc: `{"profile":"https://jane.example.com/"}`, admin: true},

		// Known disagreements.
		{name: "blank", doc: `{"given_name":"   "}`,
			known: "normalization: profilekit trims before minLength"},
		{name: "enum with spaces", doc: `{"custom_attributes":{"department":" sales "}}`, user: true, admin: true,
			known: "normalization: profilekit trims enum values"},
		{name: "long before trimming", doc: `{"given_name":"` + long[1:] + ` "}`, user: true, admin: true,
			known: "normalization: maxLength counts after trimming"},
		{name: "long before NFC", doc: `{"given_name":"` + strings.Repeat("e\u0301", 600) + `"}`, user: true, admin: true,
			known: "normalization: maxLength counts after NFC (600 runes, 1200 before)"},
		{name: "control character", doc: `{"given_name":"Jane\u0000Doe"}`,
			known: "characters: control characters are not described"},
		{name: "line break in a single-line claim", doc: `{"given_name":"Jane\nDoe"}`,
			known: "characters: line breaks are not described"},
		{name: "unowned email", doc: `{"email":"someone@example.com"}`,
			known: "ownership"},
		{name: "read-only changed", doc: `{"custom_attributes":{"employee_id":"E654321"}}`, admin: true,
			known: "access on change: readOnly is an annotation", knownFor: []access.Party{access.EndUser}},
		{name: "hidden, null, replace", doc: `{"middle_name":null}`, user: true, admin: true, mode: profile.Replace,
			known: "in Replace null is absent; a hidden attribute has no property", knownFor: []access.Party{access.EndUser}},
		// A hidden attribute mentioned in a merge patch is refused whatever its value, so that
		// the answer reveals nothing about it: here both agree.
		{name: "hidden, null, patch", doc: `{"middle_name":null}`, admin: true, mode: profile.MergePatch},
		{name: "derived changed", doc: `{"email":"jane.doe@example.com","email_verified":false}`,
			known: "derived claims may be sent only with their actual value"},
		{name: "updated_at changed", doc: `{"updated_at":1}`,
			known: "derived claims may be sent only with their actual value"},
		{name: "custom_attributes null, patch", doc: `{"custom_attributes":null}`, admin: true, mode: profile.MergePatch,
			known: "access on change: null removes the read-only employee_id", knownFor: []access.Party{access.EndUser}},
		{name: "custom_attributes null, replace", doc: `{"custom_attributes":null}`, user: true, admin: true, mode: profile.Replace},
	}
}

func TestJSONSchemaAgreement(t *testing.T) {
	ref, s, cur := loadReference(t)
	schemas := map[access.Party]exportedSchemas{}
	for _, party := range jsParties {
		schemas[party] = exportBoth(t, s, party)
	}
	for _, tc := range agreeCases() {
		for _, party := range jsParties {
			for _, mode := range []profile.Mode{profile.Replace, profile.MergePatch} {
				if tc.mode != 0 && tc.mode != mode {
					continue
				}
				t.Run(tc.name+"/"+party.String()+"/"+mode.String(), func(t *testing.T) {
					want := tc.user
					if party == access.AdminAPI {
						want = tc.admin
					}
					up := profile.Update{Party: party, Mode: mode, Identities: ref.Identities, UpdatedAt: 1700000000}
					_, _, pkErr := s.ApplyJSON(&cur, []byte(tc.doc), up)
					require.Equal(t, want, pkErr == nil, "profilekit: %v", pkErr)

					jsErr := jsValidate(t, schemas[party].update, tc.doc)
					if tc.known != "" && (tc.knownFor == nil || slices.Contains(tc.knownFor, party)) {
						assert.Equal(t, !want, jsErr == nil, "known disagreement (%s) no longer holds: %v", tc.known, jsErr)
					} else {
						assert.Equal(t, want, jsErr == nil, "exported schema: %v", jsErr)
					}
					// Without nulls, the document schema and the update schema agree.
					if !strings.Contains(tc.doc, "null") {
						docErr := jsValidate(t, schemas[party].doc, tc.doc)
						assert.Equal(t, jsErr == nil, docErr == nil, "document schema: %v", docErr)
					}
				})
			}
		}
	}
}

// Null is a member's removal in an update; a document (a view) has none.
func TestJSONSchemaNulls(t *testing.T) {
	_, s, _ := loadReference(t)
	sch := exportBoth(t, s, access.EndUser)
	for _, doc := range []string{
		`{"given_name":null}`, `{"address":null}`, `{"address":{"locality":null}}`,
		`{"custom_attributes":null}`, `{"custom_attributes":{"department":null,"shoe_size":null}}`,
		`{"email_verified":null}`,
	} {
		assert.NoError(t, jsValidate(t, sch.update, doc), doc)
		assert.Error(t, jsValidate(t, sch.doc, doc), doc)
	}
}

// What a party's view of a profile holds is valid against the document schema of that party.
func TestJSONSchemaViewsValidate(t *testing.T) {
	ref, s, cur := loadReference(t)
	next, _, err := s.ApplyJSON(&cur, ref.Update, profile.Update{Party: access.AdminAPI, Mode: profile.MergePatch, Identities: ref.Identities})
	require.NoError(t, err)
	next.MiddleName, next.Profile = "Q", "https://jane.example.com/p"
	for _, party := range allParties() {
		sch := compileExported(t, s, party, jsonschema.Options{})
		for _, p := range []profile.Profile{cur, next} {
			v := s.View(&p, party)
			doc, err := json.Marshal(v.Profile)
			require.NoError(t, err)
			assert.NoError(t, jsValidate(t, sch, string(doc)), "%s: %s", party, doc)
		}
		// The full profile is valid only for a party that can read everything in it.
		full, err := json.Marshal(next)
		require.NoError(t, err)
		fullErr := jsValidate(t, sch, string(full))
		assert.Equal(t, party == access.AdminAPI, fullErr == nil, "%s: %v", party, fullErr)
	}
}

// decodeSchema parses an exported document keeping numbers as json.Number.
func decodeSchema(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	return m
}

func prop(t *testing.T, m map[string]any, path ...string) map[string]any {
	t.Helper()
	for _, p := range path {
		props, ok := m["properties"].(map[string]any)
		require.True(t, ok, "no properties on the way to %v", path)
		sub, ok := props[p].(map[string]any)
		require.True(t, ok, "no property %q on the way to %v", p, path)
		m = sub
	}
	return m
}

func hasProp(m map[string]any, name string) bool {
	props, _ := m["properties"].(map[string]any)
	_, ok := props[name]
	return ok
}

func TestJSONSchemaContent(t *testing.T) {
	_, s, _ := loadReference(t)
	doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{})
	require.NoError(t, err)
	m := decodeSchema(t, doc)

	assert.Equal(t, jsonschema.Draft, m["$schema"])
	assert.Equal(t, "object", m["type"])
	assert.Equal(t, false, m["additionalProperties"])

	// Hidden to the end user by default: absent.
	for _, name := range []string{"middle_name", "nickname", "profile"} {
		assert.False(t, hasProp(m, name), name)
	}
	// Readable and writable (name, website and address by this config).
	for _, name := range []string{"name", "given_name", "website", "address", "email"} {
		assert.Nil(t, prop(t, m, name)["readOnly"], name)
	}
	given := prop(t, m, "given_name")
	assert.Equal(t, "string", given["type"])
	assert.Equal(t, json.Number("1"), given["minLength"])
	assert.Equal(t, json.Number("1024"), given["maxLength"])
	assert.Equal(t, "Given Name", given["title"])
	// Standard formats only; profilekit's own in $comment, shapes as patterns.
	for name, want := range map[string]struct{ format, profilekit string }{
		"email": {"email", "email"}, "website": {"uri", "uri"}, "picture": {"uri", "x_picture"},
		"birthdate": {"", "birthdate"}, "zoneinfo": {"", "timezone"}, "locale": {"", "bcp47"},
		"phone_number": {"", "phone"},
	} {
		p := prop(t, m, name)
		assert.Equal(t, want.format, orEmpty(p["format"]), name)
		assert.Equal(t, `profilekit format "`+want.profilekit+`"`, p["$comment"], name)
	}
	for _, name := range []string{"website", "picture", "birthdate", "zoneinfo", "locale"} {
		assert.NotEmpty(t, prop(t, m, name)["pattern"], name)
	}
	assert.Nil(t, prop(t, m, "phone_number")["pattern"], "no pattern states what profilekit accepts as a phone number")
	assert.Contains(t, prop(t, m, "phone_number")["description"], "+14155552671")
	assert.Contains(t, prop(t, m, "birthdate")["description"], "0000-MM-DD")

	addr := prop(t, m, "address")
	assert.Equal(t, "object", addr["type"])
	assert.Equal(t, false, addr["additionalProperties"])
	assert.Len(t, addr["properties"], 6)
	assert.Equal(t, "string", prop(t, m, "address", "street_address")["type"])

	for name, typ := range map[string]string{"email_verified": "boolean", "phone_number_verified": "boolean", "updated_at": "integer"} {
		d := prop(t, m, name)
		assert.Equal(t, typ, d["type"], name)
		assert.Equal(t, true, d["readOnly"], name)
	}

	custom := prop(t, m, "custom_attributes")
	assert.Equal(t, false, custom["additionalProperties"])
	emp := prop(t, m, "custom_attributes", "employee_id")
	assert.Equal(t, true, emp["readOnly"])
	assert.Equal(t, "^E[0-9]{6}$", emp["pattern"])
	assert.Equal(t, "Employee Id", emp["title"])
	shoe := prop(t, m, "custom_attributes", "shoe_size")
	assert.Equal(t, "number", shoe["type"])
	assert.Equal(t, json.Number("20"), shoe["minimum"])
	assert.Equal(t, json.Number("60"), shoe["maximum"])
	assert.Equal(t, "integer", prop(t, m, "custom_attributes", "tickets")["type"])
	dept := prop(t, m, "custom_attributes", "department")
	assert.Nil(t, dept["enum"], "one representation: the oneOf, with the labels")
	assert.Equal(t, []any{
		map[string]any{"const": "engineering", "title": "Engineering"},
		map[string]any{"const": "sales", "title": "Sales"},
		map[string]any{"const": "support", "title": "Support"},
	}, dept["oneOf"])
	home := prop(t, m, "custom_attributes", "home_country")
	assert.Nil(t, home["format"])
	assert.Equal(t, `profilekit format "iso3166-1-alpha-2"`, home["$comment"])
	assert.Contains(t, home["pattern"], "[Uu][")

	// Display order: standard claims in OIDC order, then custom_attributes; custom attributes
	// in definition order.
	assert.Less(t, bytes.Index(doc, []byte(`"given_name"`)), bytes.Index(doc, []byte(`"family_name"`)))
	assert.Less(t, bytes.Index(doc, []byte(`"updated_at"`)), bytes.Index(doc, []byte(`"custom_attributes"`)))
	assert.Less(t, bytes.Index(doc, []byte(`"tickets"`)), bytes.Index(doc, []byte(`"department"`)))

	// The bearer never writes: everything it sees is read-only.
	bdoc, err := jsonschema.Export(s, access.Bearer, jsonschema.Options{})
	require.NoError(t, err)
	bm := decodeSchema(t, bdoc)
	for name, p := range bm["properties"].(map[string]any) {
		if name != "custom_attributes" {
			assert.Equal(t, true, p.(map[string]any)["readOnly"], name)
		}
	}
	for name, p := range prop(t, bm, "custom_attributes")["properties"].(map[string]any) {
		assert.Equal(t, true, p.(map[string]any)["readOnly"], name)
	}

	// The Admin API sees and writes every attribute; only derived claims are read-only.
	adoc, err := jsonschema.Export(s, access.AdminAPI, jsonschema.Options{})
	require.NoError(t, err)
	am := decodeSchema(t, adoc)
	assert.Len(t, am["properties"], 16+3+1)
	assert.Nil(t, prop(t, am, "custom_attributes", "employee_id")["readOnly"])
	assert.Equal(t, true, prop(t, am, "email_verified")["readOnly"])

	_, err = jsonschema.Export(s, access.Party(0), jsonschema.Options{})
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, validation.KindEnum, c.Kind)
}

// A config with options that change the exported document.
func TestJSONSchemaOptionsOfTheConfig(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{
	  "max_length": 10,
	  "standard_attributes": {"access_control": [{"pointer": "/address",
	    "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]},
	  "address_country_code": true,
	  "phone": {"default_region": "US"},
	  "supported_languages": ["en", "fr"],
	  "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/nick", "type": "string", "min_length": 2,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite", "write_once": true}},
	    {"id": "2", "pointer": "/ratio", "type": "number", "minimum": 0.1, "maximum": 1e3,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "3", "pointer": "/bed", "type": "enum", "enum": ["bed_and_breakfast", "half_board"],
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "4", "pointer": "/secret", "type": "string"},
	    {"id": "5", "pointer": "/work_phone", "type": "phone_number",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "6", "pointer": "/blog", "type": "url",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "7", "pointer": "/backup_email", "type": "email",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}
	  ]}
	}`))
	require.NoError(t, err)
	s := mustCompile(cfg)

	doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{ID: "https://example.com/profile.json", Nullable: true})
	require.NoError(t, err)
	m := decodeSchema(t, doc)
	assert.Equal(t, "https://example.com/profile.json", m["$id"])
	assert.Equal(t, json.Number("10"), prop(t, m, "given_name")["maxLength"])
	assert.Equal(t, []any{"string", "null"}, prop(t, m, "given_name")["type"])
	country := prop(t, m, "address", "country")
	assert.Nil(t, country["format"])
	assert.Equal(t, `profilekit format "iso3166-1-alpha-2"`, country["$comment"])
	assert.NotEmpty(t, country["pattern"])
	assert.Nil(t, country["maxLength"])
	nick := prop(t, m, "custom_attributes", "nick")
	assert.Equal(t, json.Number("2"), nick["minLength"])
	assert.Equal(t, json.Number("1024"), nick["maxLength"], "max_length does not apply to custom strings")
	assert.Equal(t, "Write-once: it may be set while absent, not changed or removed.", nick["description"])
	assert.Nil(t, nick["readOnly"])
	ratio := prop(t, m, "custom_attributes", "ratio")
	assert.Equal(t, json.Number("0.1"), ratio["minimum"], "the configured literal, exactly")
	assert.Equal(t, json.Number("1e3"), ratio["maximum"])
	bed := prop(t, m, "custom_attributes", "bed")
	assert.Nil(t, bed["enum"])
	assert.Len(t, bed["oneOf"], 3)
	assert.Equal(t, map[string]any{"const": "bed_and_breakfast", "title": "Bed and Breakfast"}, bed["oneOf"].([]any)[0])
	assert.Equal(t, map[string]any{"const": nil}, bed["oneOf"].([]any)[2])
	assert.False(t, hasProp(prop(t, m, "custom_attributes"), "secret"), "custom attributes are hidden by default")
	phone := prop(t, m, "custom_attributes", "work_phone")
	assert.Nil(t, phone["format"])
	assert.Equal(t, `profilekit format "phone"`, phone["$comment"])
	assert.Contains(t, phone["description"], "as dialled in US", "the default region")
	assert.Equal(t, "uri", prop(t, m, "custom_attributes", "blog")["format"])
	assert.NotEmpty(t, prop(t, m, "custom_attributes", "blog")["pattern"])
	assert.Equal(t, "email", prop(t, m, "custom_attributes", "backup_email")["format"])

	// With profilekit's formats: their names, and no patterns for them.
	pdoc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{Nullable: true, Formats: jsonschema.ProfilekitFormats})
	require.NoError(t, err)
	pm := decodeSchema(t, pdoc)
	for path, format := range map[string]string{
		"address/country": "iso3166-1-alpha-2", "custom_attributes/work_phone": "phone",
		"custom_attributes/blog": "uri", "custom_attributes/backup_email": "email", "locale": "bcp47",
	} {
		p := prop(t, pm, strings.Split(path, "/")...)
		assert.Equal(t, format, p["format"], path)
		assert.Nil(t, p["pattern"], path)
		assert.Nil(t, p["$comment"], path)
	}

	// Agreement under these options (the end user, merge patch, nothing owned needed).
	sch := compileExported(t, s, access.EndUser, jsonschema.Options{Nullable: true})
	cur := profile.Profile{}
	for _, tc := range []struct {
		doc   string
		valid bool
	}{
		{`{"given_name":"Jane"}`, true},
		{`{"given_name":"Janet Jane"}`, true},
		{`{"given_name":"Janet Janes"}`, false}, // 11 > max_length 10
		{`{"address":{"country":"fr"}}`, true},
		{`{"address":{"country":"France"}}`, false},
		{`{"locale":"fr-CA"}`, true},
		{`{"locale":"de"}`, false}, // not a supported language
		{`{"custom_attributes":{"work_phone":"(415) 555-2671"}}`, true},
		{`{"custom_attributes":{"work_phone":"555"}}`, false},
		{`{"custom_attributes":{"nick":"J"}}`, false},
		{`{"custom_attributes":{"nick":"` + strings.Repeat("j", 20) + `"}}`, true},
		{`{"custom_attributes":{"ratio":0.1}}`, true},
		{`{"custom_attributes":{"ratio":0.09}}`, false},
		{`{"custom_attributes":{"ratio":1000.5}}`, false},
		{`{"custom_attributes":{"bed":"half_board"}}`, true},
		{`{"custom_attributes":{"bed":null}}`, true},
		{`{"custom_attributes":{"blog":"javascript:alert(1)"}}`, false},
		{`{"custom_attributes":{"backup_email":"j@example.org"}}`, true},
	} {
		_, _, pkErr := s.ApplyJSON(&cur, []byte(tc.doc), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		assert.Equal(t, tc.valid, pkErr == nil, "profilekit %s: %v", tc.doc, pkErr)
		jsErr := jsValidate(t, sch, tc.doc)
		assert.Equal(t, tc.valid, jsErr == nil, "schema %s: %v", tc.doc, jsErr)
	}
}

// Boolean and date custom attributes: their nodes, and the exported schema's verdicts against
// profilekit's, with the date bounds the one known disagreement.
func TestJSONSchemaBooleanDate(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"identity_coupling": "off", "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/newsletter", "type": "boolean",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "2", "pointer": "/start_date", "type": "date", "minimum": "2000-01-01", "maximum": "2030-12-31",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite", "write_once": true}},
	    {"id": "3", "pointer": "/end_date", "type": "date",
	     "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "4", "pointer": "/since", "type": "date", "minimum": "1900-01-01",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}
	]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)

	const datePattern = "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
	doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{})
	require.NoError(t, err)
	m := decodeSchema(t, doc)
	assert.Equal(t, map[string]any{"title": "Newsletter", "type": "boolean"}, prop(t, m, "custom_attributes", "newsletter"))
	assert.Equal(t, map[string]any{"title": "Start Date", "type": "string", "format": "date", "minLength": json.Number("1"),
		"pattern": datePattern, "$comment": `profilekit format "date"`,
		"description": "Write-once: it may be set while absent, not changed or removed. A date YYYY-MM-DD. From 2000-01-01 to 2030-12-31."},
		prop(t, m, "custom_attributes", "start_date"))
	assert.Equal(t, map[string]any{"title": "End Date", "type": "string", "format": "date", "minLength": json.Number("1"), "readOnly": true,
		"pattern": datePattern, "$comment": `profilekit format "date"`, "description": "A date YYYY-MM-DD."},
		prop(t, m, "custom_attributes", "end_date"))
	assert.Equal(t, "A date YYYY-MM-DD. On or after 1900-01-01.", prop(t, m, "custom_attributes", "since")["description"])
	assert.Nil(t, prop(t, m, "custom_attributes", "start_date")["minimum"], "minimum compares numbers only")
	// The other styles: no format at all, or profilekit's "date" without the pattern.
	for style, want := range map[jsonschema.FormatStyle][2]any{
		jsonschema.NoFormats:         {nil, datePattern},
		jsonschema.ProfilekitFormats: {"date", nil},
	} {
		doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{Formats: style})
		require.NoError(t, err)
		n := prop(t, decodeSchema(t, doc), "custom_attributes", "start_date")
		assert.Equal(t, want, [2]any{n["format"], n["pattern"]}, style.String())
	}
	// The pattern accepts every date profilekit accepts, and refuses the wrong shapes.
	re := regexp.MustCompile(datePattern)
	endDate, _ := s.Custom().Lookup("end_date") // no bounds
	for _, y := range []string{"0000", "0001", "1900", "2000", "2024", "9999"} {
		for mo := 0; mo <= 13; mo++ {
			for d := 0; d <= 32; d++ {
				v := fmt.Sprintf("%s-%02d-%02d", y, mo, d)
				if _, err := endDate.Check(customattr.StringValue(v)); err == nil {
					assert.True(t, re.MatchString(v), "profilekit accepts %q, the pattern refuses it", v)
				}
			}
		}
	}
	for _, bad := range []string{"2020-13-01", "2020-00-10", "2020-01-32", "2020-1-01", "20200101", "2020-01-01T00:00:00Z", "2020"} {
		assert.False(t, re.MatchString(bad), bad)
	}
	nullable, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{Nullable: true})
	require.NoError(t, err)
	nm := decodeSchema(t, nullable)
	assert.Equal(t, []any{"boolean", "null"}, prop(t, nm, "custom_attributes", "newsletter")["type"])
	assert.Equal(t, []any{"string", "null"}, prop(t, nm, "custom_attributes", "start_date")["type"])

	sch := compileExported(t, s, access.EndUser, jsonschema.Options{Nullable: true})
	var cur profile.Profile
	for _, tc := range []struct {
		doc   string
		valid bool
		known string // the schema's verdict is the opposite, for this reason
	}{
		{`{"custom_attributes":{"newsletter":true}}`, true, ""},
		{`{"custom_attributes":{"newsletter":false}}`, true, ""},
		{`{"custom_attributes":{"newsletter":null}}`, true, ""},
		{`{"custom_attributes":{"newsletter":"true"}}`, false, ""},
		{`{"custom_attributes":{"newsletter":1}}`, false, ""},
		{`{"custom_attributes":{"newsletter":[true]}}`, false, ""},
		{`{"custom_attributes":{"start_date":"2020-02-29"}}`, true, ""},
		{`{"custom_attributes":{"start_date":" 2020-02-29 "}}`, true, ""}, // the date check trims, like profilekit
		{`{"custom_attributes":{"start_date":"2000-01-01","since":"1900-01-01"}}`, true, ""},
		{`{"custom_attributes":{"start_date":"1900-02-29"}}`, false, ""},
		{`{"custom_attributes":{"start_date":"2021-04-31"}}`, false, ""},
		{`{"custom_attributes":{"start_date":"2020-02-29T00:00:00Z"}}`, false, ""},
		{`{"custom_attributes":{"start_date":"0000-01-01"}}`, false, ""},
		{`{"custom_attributes":{"start_date":""}}`, false, ""},
		{`{"custom_attributes":{"start_date":20200229}}`, false, ""},
		{`{"custom_attributes":{"start_date":true}}`, false, ""},
		{`{"custom_attributes":{"start_date":"1999-12-31"}}`, false, "date bounds are only described"},
		{`{"custom_attributes":{"since":"1899-12-31"}}`, false, "date bounds are only described"},
	} {
		_, _, pkErr := s.ApplyJSON(&cur, []byte(tc.doc), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		assert.Equal(t, tc.valid, pkErr == nil, "profilekit %s: %v", tc.doc, pkErr)
		jsErr := jsValidate(t, sch, tc.doc)
		if tc.known != "" {
			assert.Equal(t, !tc.valid, jsErr == nil, "known disagreement (%s) no longer holds for %s: %v", tc.known, tc.doc, jsErr)
			continue
		}
		assert.Equal(t, tc.valid, jsErr == nil, "schema %s: %v", tc.doc, jsErr)
		if !tc.valid {
			assert.Equal(t, causeLocations(pkErr), leafLocations(jsErr), "same faults, same places: %s", tc.doc)
		}
	}
}

// The checks of JSONSchemaFormats are profilekit's own.
func TestJSONSchemaFormats(t *testing.T) {
	_, s, _ := loadReference(t)
	f := jsonschema.Formats(s)
	assert.ElementsMatch(t, []string{"email", "uri", "x_picture", "birthdate", "timezone", "bcp47", "phone", "iso3166-1-alpha-2", "date"},
		keysOf(f))
	for name, tc := range map[string]struct{ ok, bad string }{
		"email":             {"jane@example.com", "jane@localhost"},
		"uri":               {"https://example.com/", "javascript:alert(1)"},
		"x_picture":         {"https://example.com/a.png", "data:image/png;base64,AAAA"},
		"birthdate":         {"0000-02-29", "1900-02-29"},
		"timezone":          {"Europe/Paris", "localtime"},
		"bcp47":             {"en-us", "en-ZZ"},
		"phone":             {"+14155552671", "+1415555267"},
		"iso3166-1-alpha-2": {"us", "UK"},
		"date":              {" 2020-02-29 ", "1900-02-29"},
	} {
		assert.NoError(t, f[name](tc.ok), "%s %q", name, tc.ok)
		err := f[name](tc.bad)
		var c *validation.Cause
		if assert.ErrorAs(t, err, &c, "%s %q", name, tc.bad) {
			assert.NotEmpty(t, c.Details.Message, "%s: a cause that says what is wrong", name)
		}
	}
}

// orEmpty is v as a string, "" when it is not one (absent).
func orEmpty(v any) string {
	s, _ := v.(string)
	return s
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Golden files: the exported documents of the reference config for every party. Run with
// -update to rewrite them after a deliberate change.
func TestJSONSchemaGolden(t *testing.T) {
	_, s, _ := loadReference(t)
	type golden struct {
		name  string
		party access.Party
		o     jsonschema.Options
	}
	cases := []golden{
		{name: "end_user_update", party: access.EndUser, o: jsonschema.Options{Nullable: true}},
		{name: "end_user_profilekit_formats", party: access.EndUser, o: jsonschema.Options{Formats: jsonschema.ProfilekitFormats}},
	}
	for _, p := range allParties() {
		cases = append(cases, golden{name: p.String(), party: p})
	}
	for _, g := range cases {
		t.Run(g.name, func(t *testing.T) {
			got, err := jsonschema.Export(s, g.party, g.o)
			require.NoError(t, err)
			path := filepath.Join("testdata", "golden", g.name+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, append(got, '\n'), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got)+"\n")
			again, err := jsonschema.Export(s, g.party, g.o)
			require.NoError(t, err)
			assert.Equal(t, got, again, "deterministic")
		})
	}
}

// Exporting from many goroutines at once is safe (run with -race).
func TestJSONSchemaConcurrent(t *testing.T) {
	_, s, _ := loadReference(t)
	want, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{})
			assert.NoError(t, err)
			assert.Equal(t, want, got)
			assert.NoError(t, jsonschema.Formats(s)["phone"]("+14155552671"))
		})
	}
	wg.Wait()
}

// Export a schema for a settings page: only what the end user sees, read-only marked, enum
// options with their labels. Here, the custom attributes part of it.
func ExampleExport() {
	cfg, err := profile.ParseConfig([]byte(`{"custom_attributes": {"attributes": [
	  {"id": "1", "pointer": "/shoe_size", "type": "number", "minimum": 20, "maximum": 60,
	   "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	  {"id": "2", "pointer": "/meal_plan", "type": "enum", "enum": ["bed_and_breakfast", "half_board"],
	   "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}},
	  {"id": "3", "pointer": "/internal_note", "type": "string"}
	]}}`))
	if err != nil {
		panic(err)
	}
	s := mustCompile(cfg)
	doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{})
	if err != nil {
		panic(err)
	}
	var m struct {
		Schema     string                     `json:"$schema"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(doc, &m); err != nil {
		panic(err)
	}
	fmt.Println(m.Schema)
	fmt.Println("middle_name exported:", m.Properties["middle_name"] != nil)
	var custom bytes.Buffer
	_ = json.Indent(&custom, m.Properties["custom_attributes"], "", "  ")
	fmt.Println(custom.String())
	// Output:
	// https://json-schema.org/draft/2020-12/schema
	// middle_name exported: false
	// {
	//   "title": "Custom Attributes",
	//   "type": "object",
	//   "properties": {
	//     "shoe_size": {
	//       "title": "Shoe Size",
	//       "type": "number",
	//       "minimum": 20,
	//       "maximum": 60
	//     },
	//     "meal_plan": {
	//       "title": "Meal Plan",
	//       "type": "string",
	//       "readOnly": true,
	//       "oneOf": [
	//         {
	//           "const": "bed_and_breakfast",
	//           "title": "Bed and Breakfast"
	//         },
	//         {
	//           "const": "half_board",
	//           "title": "Half Board"
	//         }
	//       ]
	//     }
	//   },
	//   "additionalProperties": false
	// }
}

func BenchmarkJSONSchema(b *testing.B) {
	ref, s, _ := loadReference(b)
	b.Run("export", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Validating the reference update with the exported schema (santhosh-tekuri/jsonschema,
	// formats asserted with profilekit's checks), decoding included, for comparison with
	// BenchmarkApplyJSON (which also merges and checks access).
	sch := compileExported(b, s, access.EndUser, jsonschema.Options{Nullable: true})
	b.Run("validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v, err := jsv.UnmarshalJSON(bytes.NewReader(ref.Update))
			if err != nil {
				b.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

type reference struct {
	Config struct {
		UserProfile json.RawMessage `json:"user_profile"`
	} `json:"config"`
	Current       json.RawMessage    `json:"current"`
	Identities    profile.Identities `json:"identities"`
	Update        json.RawMessage    `json:"update"`
	UpdateInvalid json.RawMessage    `json:"update_invalid"`
}

// loadReference reads the reference config, current profile and updates (
// shared/reference/bench-update.json, in profile/testdata).
func loadReference(t testing.TB) (reference, *profile.Schema, profile.Profile) {
	t.Helper()
	data, err := os.ReadFile("../profile/testdata/bench-update.json") // the reference, kept once
	require.NoError(t, err)
	var ref reference
	require.NoError(t, json.Unmarshal(data, &ref))
	cfg, err := profile.ParseConfig(ref.Config.UserProfile)
	require.NoError(t, err)
	s, err := profile.Compile(cfg)
	require.NoError(t, err)
	var cur profile.Profile
	require.NoError(t, json.Unmarshal(ref.Current, &cur))
	return ref, s, cur
}

var update = flag.Bool("update", false, "rewrite golden files")

// Required attributes are listed in "required" for the party that requires them, in the
// profile document (an update may leave them out).
func TestExportRequired(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{
	  "standard_attributes": {"access_control": [
	    {"pointer": "/given_name", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}, "required": ["end_user"]}]},
	  "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/x_team", "type": "string", "required": ["end_user"],
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{})
	require.NoError(t, err)
	m := decodeSchema(t, doc)
	assert.Equal(t, []any{"given_name", "custom_attributes"}, m["required"])
	assert.Equal(t, []any{"x_team"}, prop(t, m, "custom_attributes")["required"])
	for _, tc := range []struct {
		party access.Party
		o     jsonschema.Options
	}{{access.AdminAPI, jsonschema.Options{}}, {access.EndUser, jsonschema.Options{Nullable: true}}} {
		doc, err := jsonschema.Export(s, tc.party, tc.o)
		require.NoError(t, err)
		assert.NotContains(t, string(doc), `"required"`)
	}
	// A document without them is invalid for the exported schema, as Validate says.
	sch := compileExported(t, s, access.EndUser, jsonschema.Options{})
	assert.Error(t, jsValidate(t, sch, `{"family_name": "Doe"}`))
	assert.NoError(t, jsValidate(t, sch, `{"given_name": "Jane", "custom_attributes": {"x_team": "blue"}}`))
}

// The patterns of StandardFormats accept every value profilekit accepts, written without
// surrounding white space: a validator of the document refuses a value profilekit takes only
// for white space it would trim. Checked here with Go's RE2; the patterns use only what
// ECMA-262, Python's re and RE2 read alike (the Ajv test runs them in ECMA-262).
func TestJSONSchemaPatterns(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"address_country_code": true}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	doc, err := jsonschema.Export(s, access.AdminAPI, jsonschema.Options{})
	require.NoError(t, err)
	m := decodeSchema(t, doc)
	pattern := func(path ...string) *regexp.Regexp {
		p, ok := prop(t, m, path...)["pattern"].(string)
		require.True(t, ok, "%v has a pattern", path)
		return regexp.MustCompile(p)
	}
	n := s.Normalizer()
	check := func(name string, re *regexp.Regexp, a stdattr.Attr, values []string, exact bool) {
		t.Helper()
		accepted := 0
		for _, v := range values {
			_, err := n.Normalize(a, v)
			if err == nil {
				accepted++
				assert.True(t, re.MatchString(v), "%s: profilekit accepts %q, the pattern refuses it", name, v)
			} else if exact {
				assert.False(t, re.MatchString(v), "%s: profilekit refuses %q (%v), the pattern accepts it", name, v, err)
			}
		}
		assert.NotZero(t, accepted, name)
	}

	var dates []string
	for _, y := range []string{"0000", "0001", "0999", "1900", "1990", "2000", "2024", "9999"} {
		for mo := 0; mo <= 13; mo++ {
			for d := 0; d <= 32; d++ {
				dates = append(dates, fmt.Sprintf("%s-%02d-%02d", y, mo, d))
			}
		}
	}
	for y := range 10000 {
		dates = append(dates, fmt.Sprintf("%04d", y))
	}
	dates = append(dates, "1990-7-14", "--07-14", "1990-07", "19900714", "1990-07-14T00:00:00Z", "+1990")
	check("birthdate", pattern("birthdate"), stdattr.AttrBirthdate, dates, false)
	assert.False(t, pattern("birthdate").MatchString("0000"))
	assert.False(t, pattern("birthdate").MatchString("1990-13-01"))

	check("zoneinfo", pattern("zoneinfo"), stdattr.AttrZoneinfo, append(tzdb.Names(),
		"../etc/passwd", "Europe/", "/UTC", "Europe Paris", "Europe//Paris", "+05"), false)

	var codes []string
	for a := 'A'; a <= 'z'; a++ {
		for b := 'A'; b <= 'z'; b++ {
			if unicode.IsLetter(a) && unicode.IsLetter(b) {
				codes = append(codes, string(a)+string(b))
			}
		}
	}
	codes = append(codes, "USA", "U", "1A", "U.", "")
	country := pattern("address", "country")
	for _, c := range codes {
		_, err := n.NormalizeAddressField("country", c)
		assert.Equal(t, err == nil, country.MatchString(c), "country code %q: profilekit %v", c, err)
	}

	var tags []string
	for _, lang := range []string{"en", "EN", "fr", "zh", "sr", "de", "ast", "i", "art", "sgn", "iw", "und", "x", "qaa", "abcdefghi"} {
		for _, rest := range []string{"", "-US", "_us", "-Hant", "_hant_tw", "-Latn-RS", "-419", "-CH-1996", "-GB-oed",
			"-US-u-ca-gregory", "-t-ja", "-x-foo", "-klingon", "-lojban", "-BE-FR", "-XX", "--US", "-", "-US-abcdefghi"} {
			tags = append(tags, lang+rest)
		}
	}
	check("locale", pattern("locale"), stdattr.AttrLocale, tags, false)

	urls := []string{
		"https://example.com", "http://example.com/", "HTTPS://Example.COM/a?b#c", "https://example.com:8080/x",
		"https://[::1]/", "https://127.0.0.1?x", "https://例子.广告/ü", "https://example.com/@jane",
		"https://example.com#f", "https://example.com/a%20b", "https://user@example.com/", "https://example.com/a/../b",
		"javascript:alert(1)", "ftp://example.com/", "/about", "https:///x", "https:example.com", "mailto:a@example.com",
	}
	check("website", pattern("website"), stdattr.AttrWebsite, urls, false)
	check("picture", pattern("picture"), stdattr.AttrPicture, append(urls,
		"authgearimages:///app/obj", "AuthgearImages:///app_1/obj-2.png~", "authgearimages:///app",
		"authgearimages://host/app/obj", "authgearimages:app/obj", "authgearimages:///a/b/c", "authgearimages:///app/o%20bj"), false)
	for _, bad := range []string{"javascript:alert(1)", "https://user:pw@example.com/", "/about", "https:///x"} {
		assert.False(t, pattern("website").MatchString(bad), bad)
	}
}

// The formats of each style, and what a validator needs to compile the document.
func TestJSONSchemaFormatStyles(t *testing.T) {
	_, s, _ := loadReference(t)
	for _, tc := range []struct {
		style   jsonschema.FormatStyle
		formats []string
	}{
		{jsonschema.StandardFormats, []string{"email", "uri"}},
		{jsonschema.NoFormats, nil},
		{jsonschema.ProfilekitFormats, []string{"email", "uri", "x_picture", "birthdate", "timezone", "bcp47", "phone", "iso3166-1-alpha-2"}},
	} {
		t.Run(tc.style.String(), func(t *testing.T) {
			doc, err := jsonschema.Export(s, access.AdminAPI, jsonschema.Options{Formats: tc.style, Nullable: true})
			require.NoError(t, err)
			v, err := jsv.UnmarshalJSON(bytes.NewReader(doc))
			require.NoError(t, err)
			got := formatsIn(v)
			slices.Sort(got)
			want := slices.Clone(tc.formats)
			slices.Sort(want)
			assert.Equal(t, want, slices.Compact(got))
			if tc.style == jsonschema.ProfilekitFormats {
				return
			}
			// Valid against the 2020-12 meta-schema (checked by Compile), and compiled with no
			// format registered; here the validator asserts its own email and uri.
			c := jsv.NewCompiler()
			c.AssertFormat()
			require.NoError(t, c.AddResource("https://profilekit.example/p.json", v))
			sch, err := c.Compile("https://profilekit.example/p.json")
			require.NoError(t, err)
			var ref struct {
				Update json.RawMessage `json:"update"`
			}
			data, err := os.ReadFile("../profile/testdata/bench-update.json")
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(data, &ref))
			assert.NoError(t, jsValidate(t, sch, string(ref.Update)))
			assert.Error(t, jsValidate(t, sch, `{"birthdate":"1990-13-01"}`), "patterns")
			assert.Error(t, jsValidate(t, sch, `{"website":"javascript:alert(1)"}`), "patterns")
		})
	}
	_, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{Formats: 9})
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, validation.KindEnum, c.Kind)
	assert.Equal(t, "FormatStyle(9)", c.Details.Actual)
}

func TestJSONSchemaMultiple(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"identity_coupling": "off", "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/languages", "type": "enum", "enum": ["en", "de", "fr"], "multiple": true, "max_items": 2, "unique_items": true,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "2", "pointer": "/lucky", "type": "integer", "minimum": 0, "maximum": 99, "multiple": true, "min_items": 2,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}
	]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{Nullable: true})
	require.NoError(t, err)
	m := decodeSchema(t, doc)
	lucky := prop(t, m, "custom_attributes", "lucky")
	assert.Equal(t, []any{"array", "null"}, lucky["type"])
	assert.Equal(t, json.Number("2"), lucky["minItems"])
	assert.Equal(t, json.Number("1000"), lucky["maxItems"])
	assert.Equal(t, map[string]any{"type": "integer", "minimum": json.Number("0"), "maximum": json.Number("99")}, lucky["items"])
	assert.Equal(t, true, prop(t, m, "custom_attributes", "languages")["uniqueItems"])

	sch := compileExported(t, s, access.EndUser, jsonschema.Options{Nullable: true})
	var cur profile.Profile
	for _, tc := range []struct {
		doc   string
		valid bool
	}{
		{`{"custom_attributes":{"languages":["en","fr"]}}`, true},
		{`{"custom_attributes":{"languages":null}}`, true},
		{`{"custom_attributes":{"languages":["en","en"]}}`, false}, // located at the list by JSON Schema, at the repeat by profilekit
		{`{"custom_attributes":{"languages":["en","de","fr"]}}`, false},
		{`{"custom_attributes":{"languages":["xx"]}}`, false},
		{`{"custom_attributes":{"languages":[]}}`, false},
		{`{"custom_attributes":{"languages":"en"}}`, false},
		{`{"custom_attributes":{"languages":[null]}}`, false},
		{`{"custom_attributes":{"lucky":[1,2,2]}}`, true},
		{`{"custom_attributes":{"lucky":[1]}}`, false},
		{`{"custom_attributes":{"lucky":[1,100]}}`, false},
		{`{"custom_attributes":{"lucky":[1,2.5]}}`, false},
	} {
		_, _, pkErr := s.ApplyJSON(&cur, []byte(tc.doc), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		assert.Equal(t, tc.valid, pkErr == nil, "profilekit %s: %v", tc.doc, pkErr)
		jsErr := jsValidate(t, sch, tc.doc)
		assert.Equal(t, tc.valid, jsErr == nil, "schema %s: %v", tc.doc, jsErr)
		if !tc.valid && !strings.Contains(tc.doc, `"en","en"`) {
			assert.Equal(t, causeLocations(pkErr), leafLocations(jsErr), "same faults, same places: %s", tc.doc)
		}
	}
}

// Language-tagged variants (OIDC Core §5.2) are pattern properties with their attribute's
// schema, in the object they sit in: the profile, the address, custom_attributes.
func TestJSONSchemaVariants(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"identity_coupling": "off",
	  "language_tags": {"custom": ["kana"]},
	  "standard_attributes": {"access_control": [
	    {"pointer": "/address", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"pointer": "/nickname", "access_control": {"end_user": "hidden", "bearer": "hidden", "portal_ui": "readwrite"}}]},
	  "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/kana", "type": "string", "max_length": 5,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{Nullable: true})
	require.NoError(t, err)
	m := decodeSchema(t, doc)
	pp, _ := m["patternProperties"].(map[string]any)
	assert.Contains(t, pp, "^family_name#[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
	assert.NotContains(t, pp, "^nickname#[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", "hidden from the end user")

	sch := compileExported(t, s, access.EndUser, jsonschema.Options{Nullable: true})
	var cur profile.Profile
	for _, tc := range []struct {
		doc   string
		valid bool
	}{
		{`{"family_name#ja-Kana-JP": "ヤマダ", "family_name#de": null}`, true},
		{`{"address": {"locality#ja": "東京"}, "custom_attributes": {"kana#ja-Kana": "タロウ"}}`, true},
		{`{"family_name#ja": ""}`, false},
		{`{"family_name#ja": 5}`, false},
		{`{"custom_attributes": {"kana#ja": "タロウタロウ"}}`, false},
		{`{"family_name#!!": "x"}`, false},
		{`{"address": {"postal_code#ja": "100"}}`, false},
		{`{"nickname#ja": "x"}`, false}, // hidden: refused as forbidden by profilekit, unknown by the schema
	} {
		_, _, pkErr := s.ApplyJSON(&cur, []byte(tc.doc), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		assert.Equal(t, tc.valid, pkErr == nil, "profilekit %s: %v", tc.doc, pkErr)
		jsErr := jsValidate(t, sch, tc.doc)
		assert.Equal(t, tc.valid, jsErr == nil, "schema %s: %v", tc.doc, jsErr)
	}
}

// allParties lists the four parties in order.
func allParties() []access.Party {
	var out []access.Party
	for p := access.EndUser; p <= access.AdminAPI; p++ {
		out = append(out, p)
	}
	return out
}

// mustCompile is profile.Compile for configs known to be valid; it panics on error.
func mustCompile(c profile.Config) *profile.Schema {
	s, err := profile.Compile(c)
	if err != nil {
		panic(err)
	}
	return s
}
