package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/jsonschema"
	"github.com/profilekit/profilekit/validation"
)

// profilecheck runs the command with args and stdin and returns its exit code and output.
func profilecheck(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// td is the path of a testdata file.
func td(name string) string { return filepath.Join("testdata", name) }

// writeTemp writes content to a file named name in a temporary directory.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

// textProfile decodes the profile that text output starts with, and returns the rest.
func textProfile(t *testing.T, stdout string) (map[string]any, string) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(stdout))
	var p map[string]any
	require.NoError(t, dec.Decode(&p), stdout)
	rest := stdout[dec.InputOffset():]
	return p, strings.TrimLeft(rest, "\n")
}

// locations returns the locations of the cause lines of text output ("  /loc: kind: ...").
func locations(stdout string) []string {
	var locs []string
	for line := range strings.Lines(stdout) {
		if rest, ok := strings.CutPrefix(line, "  /"); ok {
			loc, _, _ := strings.Cut(rest, ": ")
			locs = append(locs, "/"+loc)
		} else if k, _, ok := strings.Cut(strings.TrimPrefix(line, "  "), ": "); ok && strings.HasPrefix(line, "  ") && k != "" && !strings.ContainsAny(k, " /") {
			locs = append(locs, "(document)") // a cause with no location is printed "kind: ..."
		}
	}
	return locs
}

var withIDs = []string{"-config", td("authgear.yaml"), "-current", td("current.json"), "-identities", td("identities.yaml")}

func args(base []string, more ...string) []string {
	return append(append([]string{}, base...), more...)
}

func TestApplyText(t *testing.T) {
	tests := []struct {
		name      string
		stdin     string
		args      []string
		wantCode  int
		check     func(t *testing.T, profile map[string]any, rest string)
		wantLocs  []string // for invalid updates: the cause locations, in order
		wantKinds []string // and their kinds, in the text's "loc: kind:" form
	}{
		{
			name:     "valid patch from the reference update",
			args:     args(withIDs, "-party", "end_user", "-mode", "patch", td("update.json")),
			wantCode: 0,
			check: func(t *testing.T, p map[string]any, rest string) {
				assert.Equal(t, "Jane Q. Doe", p["name"])
				assert.Equal(t, "+14155552671", p["phone_number"])
				assert.Equal(t, map[string]any{"department": "engineering", "employee_id": "E123456",
					"home_country": "JP", "shoe_size": 38.5, "tickets": float64(3)}, p["custom_attributes"])
				assert.True(t, strings.HasPrefix(rest, "12 changes:\n"), rest)
				assert.Contains(t, rest, `  add    /name = "Jane Q. Doe"`)
				assert.Contains(t, rest, `  add    /custom_attributes/shoe_size = 38.5`)
				assert.NotContains(t, rest, "/given_name", "unchanged values are not changes")
				assert.NotContains(t, rest, "/custom_attributes/employee_id", "read-only but unchanged: no change, no violation")
			},
		},
		{
			name:      "invalid patch: the reference's four faults, every one reported",
			args:      args(withIDs, td("update-invalid.json")),
			wantCode:  1,
			wantLocs:  []string{"/custom_attributes/department", "/custom_attributes/home_country", "/custom_attributes/shoe_size", "/email"},
			wantKinds: []string{"enum", "format", "maximum", "format"},
		},
		{
			name:     "replace: what is not sent is removed, what the end user cannot write is kept",
			args:     []string{"-config", td("authgear.yaml"), "-mode", "replace", "-current", td("current-full.yaml"), "-identities", td("identities.yaml"), td("update-replace.json")},
			wantCode: 0,
			check: func(t *testing.T, p map[string]any, rest string) {
				assert.Equal(t, "Janet", p["given_name"], "trimmed")
				assert.Equal(t, "ja-JP", p["locale"], "canonical locale")
				assert.NotContains(t, p, "website")
				assert.NotContains(t, p, "address")
				assert.Equal(t, map[string]any{"employee_id": "E123456", "shoe_size": float64(39)}, p["custom_attributes"])
				assert.Equal(t, `8 changes:
  remove /name (was "Jane Q. Doe")
  change /given_name: "Jane" -> "Janet"
  remove /website (was "https://jane.example.com/")
  change /locale: "en-US" -> "ja-JP"
  remove /phone_number (was "+14155552671")
  remove /address (was {"locality":"San Francisco","country":"United States"})
  change /custom_attributes/shoe_size: 38.5 -> 39
  remove /custom_attributes/department (was "engineering")
`, rest)
			},
		},
		{
			name:     "an empty patch changes nothing",
			stdin:    "{}",
			args:     args(withIDs, "-"),
			wantCode: 0,
			check: func(t *testing.T, p map[string]any, rest string) {
				assert.Equal(t, "Jane", p["given_name"])
				assert.Equal(t, "no changes\n", rest)
			},
		},
		{
			name:      "the end user may not change a read-only attribute",
			stdin:     `{"custom_attributes": {"employee_id": "E000001"}}`,
			args:      args(withIDs, "-"),
			wantCode:  1,
			wantLocs:  []string{"/custom_attributes/employee_id"},
			wantKinds: []string{"forbidden"},
		},
		{
			name:     "the admin API may",
			stdin:    `{"custom_attributes": {"employee_id": "E000001"}}`,
			args:     args(withIDs, "-party", "admin_api", "-"),
			wantCode: 0,
			check: func(t *testing.T, _ map[string]any, rest string) {
				assert.Equal(t, "1 change:\n  change /custom_attributes/employee_id: \"E123456\" -> \"E000001\"\n", rest)
			},
		},
		{
			name:      "a bearer never writes",
			stdin:     `{"given_name": "Mallory"}`,
			args:      args(withIDs, "-party", "bearer", "-"),
			wantCode:  1,
			wantLocs:  []string{"/given_name"},
			wantKinds: []string{"forbidden"},
		},
		{
			name:      "without identities, a new phone number is not owned",
			stdin:     `{"phone_number": "+14155552671"}`,
			args:      []string{"-config", td("authgear.yaml"), "-current", td("current.json"), "-"},
			wantCode:  1,
			wantLocs:  []string{"/phone_number"},
			wantKinds: []string{"unowned"},
		},
		{
			name:      "YAML update on stdin; supported languages come from authgear.yaml's localization",
			stdin:     "locale: fr\nzoneinfo: localtime\n",
			args:      args(withIDs, "-"),
			wantCode:  1,
			wantLocs:  []string{"/locale", "/zoneinfo"},
			wantKinds: []string{"enum", "format"},
		},
		{
			name:     "YAML update on stdin, valid",
			stdin:    "locale: ja_JP\ncustom_attributes:\n  tickets: 3.0\n",
			args:     args(withIDs, "-"),
			wantCode: 0,
			check: func(t *testing.T, p map[string]any, rest string) {
				assert.Equal(t, "ja-JP", p["locale"])
				assert.Contains(t, rest, "add    /custom_attributes/tickets = 3\n")
			},
		},
		{
			name:      "a duplicate key in YAML is a syntax error, not last-one-wins: exit 2",
			stdin:     "given_name: A\ngiven_name: B\n",
			args:      args(withIDs, "-"),
			wantCode:  2,
			wantLocs:  []string{"(document)"}, // the whole document
			wantKinds: []string{"syntax"},
		},
		{
			name:      "a .json update is strict JSON (a trailing comma is a syntax error): exit 2",
			args:      args(withIDs, writeTemp(t, "trailing.json", `{"given_name": "A",}`)),
			wantCode:  2,
			wantLocs:  []string{"(document)"},
			wantKinds: []string{"syntax"},
		},
		{
			name:      "a YAML syntax error in the update: exit 2",
			stdin:     "given_name: [\n",
			args:      args(withIDs, "-"),
			wantCode:  2,
			wantLocs:  []string{"(document)"},
			wantKinds: []string{"syntax"},
		},
		{
			name:      "plain text is neither JSON nor a YAML object: exit 2",
			stdin:     "Jane Doe\n",
			args:      args(withIDs, "-"),
			wantCode:  2,
			wantLocs:  []string{"(document)"},
			wantKinds: []string{"syntax"},
		},
		{
			name:      "an empty update: exit 2",
			stdin:     "",
			args:      args(withIDs, "-"),
			wantCode:  2,
			wantLocs:  []string{"(document)"},
			wantKinds: []string{"syntax"},
		},
		{
			name:      "a JSON string is JSON, of the wrong type: exit 1",
			stdin:     `"Jane Doe"`,
			args:      args(withIDs, "-"),
			wantCode:  1,
			wantLocs:  []string{"(document)"},
			wantKinds: []string{"type"},
		},
		{
			name:      "a duplicate member in JSON is reported",
			stdin:     `{"given_name": "A", "given_name": "B"}`,
			args:      args(withIDs, "-"),
			wantCode:  1,
			wantLocs:  []string{"/given_name"},
			wantKinds: []string{"duplicated"},
		},
		{
			name:     "updated_at may be sent back unchanged (it is taken from the current profile)",
			stdin:    `{"updated_at": 1700000000, "given_name": "X"}`,
			args:     []string{"-config", td("authgear.yaml"), "-current", td("current-full.yaml"), "-"},
			wantCode: 0,
			check: func(t *testing.T, _ map[string]any, rest string) {
				assert.Equal(t, "1 change:\n  change /given_name: \"Jane\" -> \"X\"\n", rest)
			},
		},
		{
			name:      "but not changed",
			stdin:     `{"updated_at": 5}`,
			args:      []string{"-config", td("authgear.yaml"), "-current", td("current-full.yaml"), "-"},
			wantCode:  1,
			wantLocs:  []string{"/updated_at"},
			wantKinds: []string{"const"},
		},
		{
			name:     "flags may follow the update file; the section-only JSON config works too",
			args:     []string{td("update.json"), "-config", td("user_profile.json"), "-current", td("current.json"), "-identities", td("identities.yaml")},
			wantCode: 0,
			check: func(t *testing.T, p map[string]any, rest string) {
				assert.Equal(t, "en-US", p["locale"])
				assert.True(t, strings.HasPrefix(rest, "12 changes:\n"), rest)
			},
		},
		{
			name:      "an invalid config stops the check with its causes",
			args:      []string{"-config", td("bad-config.yaml"), td("update.json")},
			wantCode:  1,
			wantLocs:  []string{"/custom_attributes/attributes/1/pointer", "/custom_attributes/attributes/2/minimum", "/standard_attributes/access_control/0/access_control"},
			wantKinds: []string{"reserved", "maximum", "enum"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, tt.stdin, tt.args...)
			require.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			assert.Empty(t, stderr)
			if tt.wantCode == 0 {
				p, rest := textProfile(t, stdout)
				tt.check(t, p, rest)
				return
			}
			head, body, _ := strings.Cut(stdout, "\n")
			if tt.wantCode == 2 {
				assert.Contains(t, head, ": cannot decode update (")
			} else {
				assert.Contains(t, head, ": invalid ")
			}
			assert.Contains(t, head, "problem")
			assert.Equal(t, tt.wantLocs, locations(stdout))
			var kinds []string
			for line := range strings.Lines(body) {
				rest := strings.TrimSpace(line)
				if strings.HasPrefix(rest, "/") { // "loc: kind: ..."; a cause without location is "kind: ..."
					_, rest, _ = strings.Cut(rest, ": ")
				}
				kind, _, _ := strings.Cut(rest, ":")
				kinds = append(kinds, kind)
			}
			assert.Equal(t, tt.wantKinds, kinds, stdout)
		})
	}
}

// applyJSON is the -json result of an update check.
type applyJSON struct {
	Profile map[string]any `json:"profile"`
	Changes []struct {
		Path string `json:"path"`
		Op   string `json:"op"`
		Old  any    `json:"old"`
		New  any    `json:"new"`
	} `json:"changes"`
}

// causesJSON is the -json result of an invalid update or config.
type causesJSON struct {
	File   string              `json:"file"`
	Causes []*validation.Cause `json:"causes"`
}

func TestApplyJSON(t *testing.T) {
	t.Run("valid: profile and changes parse back", func(t *testing.T) {
		code, stdout, stderr := profilecheck(t, "", args(withIDs, "-json", td("update.json"))...)
		require.Equal(t, 0, code, stderr)
		var res applyJSON
		require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
		assert.Equal(t, "Jane Q. Doe", res.Profile["name"])
		assert.Equal(t, "America/Los_Angeles", res.Profile["zoneinfo"])
		require.Len(t, res.Changes, 12)
		paths := make([]string, len(res.Changes))
		for i, c := range res.Changes {
			paths[i] = c.Path
			assert.Equal(t, "add", c.Op, c.Path)
			assert.Nil(t, c.Old, c.Path)
		}
		assert.Equal(t, []string{"/name", "/website", "/gender", "/birthdate", "/zoneinfo", "/locale",
			"/phone_number", "/address", "/custom_attributes/shoe_size", "/custom_attributes/tickets",
			"/custom_attributes/department", "/custom_attributes/home_country"}, paths)
		assert.Equal(t, map[string]any{"street_address": "1 Main St", "locality": "San Francisco",
			"region": "CA", "postal_code": "94105", "country": "United States"}, res.Changes[7].New)
		assert.Equal(t, 38.5, res.Changes[8].New)
	})
	t.Run("no changes is an empty list, not null", func(t *testing.T) {
		code, stdout, _ := profilecheck(t, "{}", args(withIDs, "-json", "-")...)
		require.Equal(t, 0, code)
		assert.Contains(t, stdout, `"changes": []`)
	})
	t.Run("invalid: causes parse back with their details", func(t *testing.T) {
		code, stdout, stderr := profilecheck(t, "", args(withIDs, "-json", td("update-invalid.json"))...)
		require.Equal(t, 1, code, stderr)
		var res causesJSON
		require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
		assert.Equal(t, td("update-invalid.json"), res.File)
		require.Len(t, res.Causes, 4)
		byLoc := map[string]*validation.Cause{}
		for _, c := range res.Causes {
			byLoc[c.Location] = c
		}
		shoe := byLoc["/custom_attributes/shoe_size"]
		require.NotNil(t, shoe)
		assert.Equal(t, validation.KindMaximum, shoe.Kind)
		assert.Equal(t, float64(60), shoe.Details.Expected)
		assert.Equal(t, float64(99), shoe.Details.Actual)
		dept := byLoc["/custom_attributes/department"]
		require.NotNil(t, dept)
		assert.Equal(t, validation.KindEnum, dept.Kind)
		assert.Equal(t, []any{"engineering", "sales", "support"}, dept.Details.Expected)
		assert.Equal(t, "marketing", dept.Details.Actual)
		email := byLoc["/email"]
		require.NotNil(t, email)
		assert.Equal(t, validation.KindFormat, email.Kind)
		assert.Equal(t, "email", email.Details.Format)
		assert.Equal(t, "jane.doe@", email.Details.Actual)
		country := byLoc["/custom_attributes/home_country"]
		require.NotNil(t, country)
		assert.Equal(t, validation.KindFormat, country.Kind)
		assert.Equal(t, "ZZ", country.Details.Actual)
	})
	t.Run("stdin is named <stdin>", func(t *testing.T) {
		code, stdout, _ := profilecheck(t, `{"birthdate": "1900-02-29"}`, args(withIDs, "-json", "-")...)
		require.Equal(t, 1, code)
		var res causesJSON
		require.NoError(t, json.Unmarshal([]byte(stdout), &res))
		assert.Equal(t, "<stdin>", res.File)
		require.Len(t, res.Causes, 1)
		assert.Equal(t, "/birthdate", res.Causes[0].Location)
		assert.Equal(t, "birthdate", res.Causes[0].Details.Format)
	})
}

// whole is a minimal whole authgear.yaml: the id and http keys, then more.
const whole = "id: x\nhttp:\n  public_origin: https://x.example\n"

func TestCheckConfig(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		wantCode  int
		wantLocs  []string
		wantKinds []validation.Kind
		// wantSuggest is the Details.Suggest of the causes and warnings at these locations.
		wantSuggest map[string]any
		// wantWarnings are the locations of the warnings.
		wantWarnings []string
	}{
		{name: "whole authgear.yaml", file: td("authgear.yaml")},
		{name: "user_profile section as JSON", file: td("user_profile.json")},
		{name: "a whole authgear.yaml without user_profile takes the defaults", file: writeTemp(t, "a.yaml", whole)},
		{name: "an empty section is a valid config", file: writeTemp(t, "e.json", "{}")},
		{
			name:      "bad section: locations into the section",
			file:      td("bad-config.yaml"),
			wantCode:  1,
			wantLocs:  []string{"/custom_attributes/attributes/1/pointer", "/custom_attributes/attributes/2/minimum", "/standard_attributes/access_control/0/access_control"},
			wantKinds: []validation.Kind{validation.KindReserved, validation.KindMaximum, validation.KindEnum},
		},
		{
			name:      "bad whole authgear.yaml: locations into the file, languages under /localization",
			file:      td("bad-authgear.yaml"),
			wantCode:  1,
			wantLocs:  []string{"/localization/supported_languages/1", "/user_profile/custom_attributes/attributes/1/id", "/user_profile/phone/default_region"},
			wantKinds: []validation.Kind{validation.KindFormat, validation.KindDuplicated, validation.KindFormat},
		},
		{
			name:        "a misspelt option is not ignored",
			file:        writeTemp(t, "typo.yaml", "custom_attribute:\n  attributes: []\n"),
			wantCode:    1,
			wantLocs:    []string{"/custom_attribute"},
			wantKinds:   []validation.Kind{validation.KindUnknown},
			wantSuggest: map[string]any{"/custom_attribute": "custom_attributes"},
		},
		{
			name:     "a top-level typo of user_profile in a whole authgear.yaml: a warning with a did-you-mean, exit 0",
			file:     writeTemp(t, "user_profil.yaml", whole+"user_profil:\n  custom_attributes:\n    attributes: []\n"),
			wantCode: 0, wantWarnings: []string{"/user_profil"},
			wantSuggest: map[string]any{"/user_profil": "user_profile"},
		},
		{
			name:     "misspelt sections, another case, other separators; a user_profile member at the top level",
			file:     writeTemp(t, "sections.yaml", whole+"authenticaton: {}\nLocalization: {}\nuser-profile: {}\ncustom_attributes: {}\nuser_profile: {}\n"),
			wantCode: 0, wantWarnings: []string{"/Localization", "/authenticaton", "/custom_attributes", "/user-profile"},
			wantSuggest: map[string]any{"/authenticaton": "authentication", "/Localization": "localization",
				"/user-profile": "user_profile", "/custom_attributes": "/user_profile/custom_attributes"},
		},
		{
			name: "unknown sections close to nothing known are fine",
			file: writeTemp(t, "extensions.yaml", whole+"x_custom: {}\nmy_extension: 1\nui2: {}\ndb: {}\nuser_profile: {}\n"),
		},
		{
			name:        "a section-only file with user_profile misspelt: the unknown member suggests user_profile",
			file:        writeTemp(t, "section-typo.yaml", "user_profil:\n  custom_attributes:\n    attributes: []\n"),
			wantCode:    1,
			wantLocs:    []string{"/user_profil"},
			wantKinds:   []validation.Kind{validation.KindUnknown},
			wantSuggest: map[string]any{"/user_profil": "user_profile"},
		},
		{
			name:        "an unknown member of user_profile, located, with a did-you-mean",
			file:        writeTemp(t, "up-typo.yaml", whole+"user_profile:\n  custom_atributes:\n    attributes: []\n"),
			wantCode:    1,
			wantLocs:    []string{"/user_profile/custom_atributes"},
			wantKinds:   []validation.Kind{validation.KindUnknown},
			wantSuggest: map[string]any{"/user_profile/custom_atributes": "custom_attributes"},
		},
		{
			name: "unknown members at every level at once, with localization's languages spliced in",
			file: writeTemp(t, "levels.yaml", whole+`localization: {supported_languages: [en]}
user_profile:
  custom_attributes:
    atributes: []
  standard_attributes:
    populaton: {}
    access_control:
      - pointer: /name
        access_control: {end_usr: readwrite}
`),
			wantCode: 1,
			wantLocs: []string{"/user_profile/custom_attributes/atributes", "/user_profile/standard_attributes/access_control/0/access_control/end_usr",
				"/user_profile/standard_attributes/populaton"},
			wantKinds: []validation.Kind{validation.KindUnknown, validation.KindUnknown, validation.KindUnknown},
			wantSuggest: map[string]any{"/user_profile/custom_attributes/atributes": "attributes",
				"/user_profile/standard_attributes/access_control/0/access_control/end_usr": "end_user",
				"/user_profile/standard_attributes/populaton":                               "population"},
		},
		{
			name:      "a repeated member of user_profile in JSON is reported though localization's languages are added",
			file:      writeTemp(t, "dup.json", `{"id": "x", "http": {}, "localization": {"supported_languages": ["en"]}, "user_profile": {"max_length": 10, "max_length": 20}}`),
			wantCode:  1,
			wantLocs:  []string{"/user_profile/max_length"},
			wantKinds: []validation.Kind{validation.KindDuplicated},
		},
		{
			name:      "a repeated section of a whole config in JSON",
			file:      writeTemp(t, "dup-section.json", `{"id": "x", "http": {}, "user_profile": {}, "user_profile": {"max_length": 10}}`),
			wantCode:  1,
			wantLocs:  []string{"/user_profile"},
			wantKinds: []validation.Kind{validation.KindDuplicated},
		},
		{
			name:      "a quoted minimum is a type error at its location",
			file:      writeTemp(t, "quoted.json", `{"custom_attributes": {"attributes": [{"id": "1", "pointer": "/x", "type": "number", "minimum": "5"}]}}`),
			wantCode:  1,
			wantLocs:  []string{"/custom_attributes/attributes/0/minimum"},
			wantKinds: []validation.Kind{validation.KindType},
		},
		{
			name:      "every unknown key of the attribute list at once",
			file:      writeTemp(t, "unknown.yaml", "user_profile:\n  custom_attributes:\n    attributes:\n      - {id: \"1\", pointer: /x, type: string, maxlength: 5}\n      - {id: \"2\", pointer: /y, type: number, min: 1}\n"),
			wantCode:  1,
			wantLocs:  []string{"/user_profile/custom_attributes/attributes/0/maxlength", "/user_profile/custom_attributes/attributes/1/min"},
			wantKinds: []validation.Kind{validation.KindUnknown, validation.KindUnknown},
		},
		{
			name:      "not an object",
			file:      writeTemp(t, "list.yaml", "- a\n- b\n"),
			wantCode:  1,
			wantLocs:  []string{""},
			wantKinds: []validation.Kind{validation.KindType},
		},
		{
			name:      "YAML syntax error: cannot be decoded, exit 2",
			file:      writeTemp(t, "broken.yaml", "user_profile: [\n"),
			wantCode:  2,
			wantLocs:  []string{""},
			wantKinds: []validation.Kind{validation.KindSyntax},
		},
		{
			name:      "a duplicate YAML key: exit 2",
			file:      writeTemp(t, "dupkey.yaml", "user_profile: {}\nuser_profile: {}\n"),
			wantCode:  2,
			wantLocs:  []string{""},
			wantKinds: []validation.Kind{validation.KindSyntax},
		},
		{
			name:      "a .json config that is not JSON: exit 2",
			file:      writeTemp(t, "trailing.json", `{"custom_attributes": {},}`),
			wantCode:  2,
			wantKinds: []validation.Kind{validation.KindSyntax},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, "", "-check-config", tt.file)
			require.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			assert.Empty(t, stderr)
			switch tt.wantCode {
			case 0:
				assert.True(t, strings.HasPrefix(stdout, tt.file+": ok\n"), stdout)
			case 1:
				assert.True(t, strings.HasPrefix(stdout, tt.file+": invalid config ("), stdout)
			case 2:
				assert.True(t, strings.HasPrefix(stdout, tt.file+": cannot decode config ("), stdout)
			}
			if len(tt.wantWarnings) > 0 {
				assert.Contains(t, stdout, fmt.Sprintf("%s: %s:\n", tt.file, plural(len(tt.wantWarnings), "warning")))
			} else {
				assert.NotContains(t, stdout, "warning")
			}

			code, stdout, _ = profilecheck(t, "", "-check-config", "-json", tt.file)
			require.Equal(t, tt.wantCode, code)
			var res configJSON
			require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
			assert.Equal(t, tt.file, res.File)
			assert.Equal(t, tt.wantCode == 0, res.OK)
			assert.Contains(t, stdout, `"warnings": [`, "always a list")
			var locs, warnLocs []string
			var kinds []validation.Kind
			suggest := map[string]any{}
			for _, c := range res.Causes {
				locs = append(locs, c.Location)
				kinds = append(kinds, c.Kind)
				if c.Details.Suggest != nil {
					suggest[c.Location] = c.Details.Suggest
				}
			}
			for _, c := range res.Warnings {
				warnLocs = append(warnLocs, c.Location)
				assert.Equal(t, validation.KindUnknown, c.Kind)
				suggest[c.Location] = c.Details.Suggest
			}
			if tt.wantLocs != nil {
				assert.Equal(t, tt.wantLocs, locs)
			}
			assert.Equal(t, tt.wantKinds, kinds)
			assert.Equal(t, tt.wantWarnings, warnLocs)
			for loc, want := range tt.wantSuggest {
				assert.Equal(t, want, suggest[loc], loc)
			}
		})
	}
}

// configJSON is the -json result of -check-config for one file.
type configJSON struct {
	File     string              `json:"file"`
	OK       bool                `json:"ok"`
	Error    string              `json:"error"`
	Causes   []*validation.Cause `json:"causes"`
	Warnings []*validation.Cause `json:"warnings"`
}

func TestCheckConfigAuthgear(t *testing.T) {
	// An Authgear-clean config (no pattern, min_length, max_length, write_once) passes either way.
	clean := writeTemp(t, "clean.yaml", whole+`localization: {supported_languages: [en, ja]}
user_profile:
  standard_attributes:
    access_control:
      - pointer: /name
        access_control: {end_user: readwrite, bearer: readonly, portal_ui: readwrite}
  custom_attributes:
    attributes:
      - {id: "1", pointer: /x, type: string}
      - {id: "2", pointer: /n, type: integer, minimum: 0, maximum: 9}
`)
	attr := func(extra string) string {
		return whole + "user_profile:\n  custom_attributes:\n    attributes:\n      - {id: \"1\", pointer: /x, type: string, " + extra + "}\n"
	}
	tests := []struct {
		name       string
		file       string
		wantCode   int      // with -authgear; without it every file is valid
		wantLocs   []string // the causes with -authgear
		wantOption []string // a word of the message of each: the profilekit option
	}{
		{name: "Authgear-clean config", file: clean},
		{name: "the section itself, clean", file: writeTemp(t, "clean.json", `{"custom_attributes": {"attributes": [{"id": "1", "pointer": "/x", "type": "email"}]}}`)},
		{
			name:       "localization.supported_languages is Authgear's; user_profile.supported_languages is not",
			file:       writeTemp(t, "langs.yaml", whole+"localization: {supported_languages: [en]}\nuser_profile:\n  supported_languages: [en]\n"),
			wantCode:   1,
			wantLocs:   []string{"/user_profile/supported_languages"},
			wantOption: []string{"profile.Config.SupportedLanguages"},
		},
		{
			name: "every profilekit-only member of user_profile",
			file: writeTemp(t, "top.yaml", whole+`user_profile:
  phone: {default_region: US}
  max_length: 100
  identity_coupling: "off"
  limits: {max_keys: 100}
  address_country_code: true
  images: {public_host: img.example.com}
`),
			wantCode: 1,
			wantLocs: []string{"/user_profile/address_country_code", "/user_profile/identity_coupling", "/user_profile/images",
				"/user_profile/limits", "/user_profile/max_length", "/user_profile/phone"},
			wantOption: []string{"profile.Config.AddressCountryCode", "profile.Config.IdentityCoupling", "profile.Config.Images",
				"profile.Config.Limits", "profile.Config.MaxLength", "profile.Config.Phone"},
		},
		{
			name:       "pattern on a custom attribute",
			file:       writeTemp(t, "pattern.yaml", attr(`pattern: "^a"`)),
			wantCode:   1,
			wantLocs:   []string{"/user_profile/custom_attributes/attributes/0/pattern"},
			wantOption: []string{"customattr.Definition.Pattern"},
		},
		{
			name:       "min_length and max_length on a custom attribute",
			file:       writeTemp(t, "lengths.yaml", attr("min_length: 1, max_length: 5")),
			wantCode:   1,
			wantLocs:   []string{"/user_profile/custom_attributes/attributes/0/max_length", "/user_profile/custom_attributes/attributes/0/min_length"},
			wantOption: []string{"customattr.Definition.MaxLength", "customattr.Definition.MinLength"},
		},
		{
			name: "the types boolean and date",
			file: writeTemp(t, "types.yaml", whole+`user_profile:
  custom_attributes:
    attributes:
      - {id: "1", pointer: /newsletter, type: boolean}
      - {id: "2", pointer: /start_date, type: date, minimum: "2000-01-01"}
      - {id: "3", pointer: /x, type: string}
`),
			wantCode:   1,
			wantLocs:   []string{"/user_profile/custom_attributes/attributes/0/type", "/user_profile/custom_attributes/attributes/1/type"},
			wantOption: []string{"customattr.Boolean", "customattr.Date"},
		},
		{
			name:       "write_once in a custom attribute's access rule",
			file:       writeTemp(t, "wo-custom.yaml", attr("access_control: {end_user: readwrite, bearer: readonly, portal_ui: readwrite, write_once: true}")),
			wantCode:   1,
			wantLocs:   []string{"/user_profile/custom_attributes/attributes/0/access_control/write_once"},
			wantOption: []string{"access.Rule.WriteOnce"},
		},
		{
			name:       "write_once in a standard attribute's access rule, in a section-only file",
			file:       writeTemp(t, "wo-std.yaml", "standard_attributes:\n  access_control:\n    - pointer: /name\n      access_control: {end_user: readwrite, bearer: readonly, portal_ui: readwrite, write_once: true}\n"),
			wantCode:   1,
			wantLocs:   []string{"/standard_attributes/access_control/0/access_control/write_once"},
			wantOption: []string{"access.Rule.WriteOnce"},
		},
		{
			name:       "the reference authgear.yaml has a pattern",
			file:       td("authgear.yaml"),
			wantCode:   1,
			wantLocs:   []string{"/user_profile/custom_attributes/attributes/0/pattern"},
			wantOption: []string{"customattr.Definition.Pattern"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, "", "-check-config", tt.file)
			require.Equal(t, 0, code, "without -authgear profilekit accepts it\n%s%s", stdout, stderr)

			code, stdout, stderr = profilecheck(t, "", "-check-config", "-authgear", "-json", tt.file)
			require.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			var res configJSON
			require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
			var locs []string
			for i, c := range res.Causes {
				locs = append(locs, c.Location)
				assert.Equal(t, validation.KindUnknown, c.Kind, c.Location)
				if i < len(tt.wantOption) {
					assert.Contains(t, c.Details.Message, "is a profilekit option ("+tt.wantOption[i]+": ", c.Location)
					assert.Contains(t, c.Details.Message, "unknown to Authgear")
				}
			}
			assert.Equal(t, tt.wantLocs, locs)
		})
	}
	t.Run("with the other causes, and for -config and -evolve too", func(t *testing.T) {
		bad := writeTemp(t, "both.yaml", whole+"user_profile:\n  max_length: 10\n  custom_attributes:\n    attributes:\n      - {id: \"1\", pointer: /given_name, type: string}\n")
		code, stdout, _ := profilecheck(t, "", "-check-config", "-authgear", bad)
		require.Equal(t, 1, code)
		assert.Equal(t, []string{"/user_profile/custom_attributes/attributes/0/pointer", "/user_profile/max_length"}, locations(stdout))

		code, stdout, _ = profilecheck(t, "{}", "-config", td("authgear.yaml"), "-authgear", "-")
		assert.Equal(t, 1, code)
		assert.Contains(t, stdout, td("authgear.yaml")+": invalid config (1 problem):\n  /user_profile/custom_attributes/attributes/0/pattern: unknown: ")

		code, _, _ = profilecheck(t, "", "-evolve", "-authgear", clean, td("authgear.yaml"))
		assert.Equal(t, 1, code)
		code, _, _ = profilecheck(t, "", "-evolve", "-authgear", clean, clean)
		assert.Equal(t, 0, code)
	})
}

func TestCheckConfigSeveral(t *testing.T) {
	typo := writeTemp(t, "typo.yaml", whole+"user_profil: {}\n")
	broken := writeTemp(t, "broken.yaml", "user_profile: [\n")
	missing := td("nope.yaml")
	tests := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantOut  []string // the first line of each file's report, in order
		wantErr  string
	}{
		{name: "all valid", args: []string{td("authgear.yaml"), td("user_profile.json")}, wantCode: 0,
			wantOut: []string{td("authgear.yaml") + ": ok", td("user_profile.json") + ": ok"}},
		{name: "a warning alone is exit 0", args: []string{td("authgear.yaml"), typo}, wantCode: 0,
			wantOut: []string{td("authgear.yaml") + ": ok", typo + ": ok", typo + ": 1 warning:"}},
		{name: "a warning is exit 1 with -strict", args: []string{"-strict", td("authgear.yaml"), typo}, wantCode: 1,
			wantOut: []string{td("authgear.yaml") + ": ok", typo + ": ok", typo + ": 1 warning:"}, wantErr: "-strict: failing on 1 warning"},
		{name: "an invalid one makes exit 1, every file is reported", args: []string{td("bad-config.yaml"), td("authgear.yaml")}, wantCode: 1,
			wantOut: []string{td("bad-config.yaml") + ": invalid config (3 problems):", td("authgear.yaml") + ": ok"}},
		{name: "syntax is worse than invalid", args: []string{broken, td("bad-config.yaml"), td("authgear.yaml")}, wantCode: 2,
			wantOut: []string{broken + ": cannot decode config (1 problem):", td("bad-config.yaml") + ": invalid config (3 problems):", td("authgear.yaml") + ": ok"}},
		{name: "an unreadable file is exit 2, on stderr; the others are still checked", args: []string{missing, td("bad-config.yaml")}, wantCode: 2,
			wantOut: []string{td("bad-config.yaml") + ": invalid config (3 problems):"}, wantErr: "no such file"},
		{name: "standard input once, among files", stdin: "custom_attributes: {}\n", args: []string{"-", td("authgear.yaml")}, wantCode: 0,
			wantOut: []string{"<stdin>: ok", td("authgear.yaml") + ": ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, tt.stdin, append([]string{"-check-config"}, tt.args...)...)
			require.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			var heads []string
			for line := range strings.Lines(stdout) {
				if !strings.HasPrefix(line, "  ") {
					heads = append(heads, strings.TrimSuffix(line, "\n"))
				}
			}
			assert.Equal(t, tt.wantOut, heads)
			if tt.wantErr == "" {
				assert.Empty(t, stderr)
			} else {
				assert.Contains(t, stderr, tt.wantErr)
			}

			code, stdout, _ = profilecheck(t, tt.stdin, append([]string{"-check-config", "-json"}, tt.args...)...)
			require.Equal(t, tt.wantCode, code)
			var res []configJSON
			require.NoError(t, json.Unmarshal([]byte(stdout), &res), "several files: a list\n%s", stdout)
			var files []string
			for _, a := range tt.args {
				if a != "-strict" {
					files = append(files, displayName(a))
				}
			}
			require.Len(t, res, len(files))
			for i, r := range res {
				assert.Equal(t, files[i], r.File)
				assert.Equal(t, r.OK, r.Error == "" && r.Causes == nil, r.File)
				if files[i] == missing {
					assert.Contains(t, r.Error, "no such file")
				}
			}
		})
	}
}

func TestStrict(t *testing.T) {
	typo := writeTemp(t, "typo.yaml", whole+"user_profil: {}\n")
	tightened := writeTemp(t, "cur.yaml", "given_name: Jane\ncustom_attributes:\n  shoe_size: 99\n")
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int // without -strict
		wantStrict int // with -strict
		wantStderr string
	}{
		{name: "check-config, no warnings", args: []string{"-check-config", td("authgear.yaml")}, wantCode: 0, wantStrict: 0},
		{name: "check-config, a top-level warning", args: []string{"-check-config", typo}, wantCode: 0, wantStrict: 1},
		{name: "check-config, invalid stays 1", args: []string{"-check-config", td("bad-config.yaml")}, wantCode: 1, wantStrict: 1},
		{name: "check-config, a syntax error stays 2", args: []string{"-check-config", writeTemp(t, "b.yaml", "a: [\n")}, wantCode: 2, wantStrict: 2},
		{name: "evolve, no changes", args: []string{"-evolve", td("authgear.yaml"), td("user_profile.json")}, wantCode: 0, wantStrict: 0},
		{name: "evolve, warnings (a tighter bound, a removed option)", args: []string{"-evolve", td("authgear.yaml"), td("evolve-renamed.yaml")}, wantCode: 0, wantStrict: 1},
		{name: "evolve, breaking stays 3", args: []string{"-evolve", td("authgear.yaml"), td("evolve-breaking.yaml")}, wantCode: 3, wantStrict: 3},
		{name: "evolve, a config warning", args: []string{"-evolve", typo, typo}, wantCode: 0, wantStrict: 1, wantStderr: "warning: " + typo + ": /user_profil: "},
		{name: "update, a current profile that no longer validates", stdin: `{"family_name": "Doe"}`,
			args: []string{"-config", td("authgear.yaml"), "-current", tightened, "-"}, wantCode: 0, wantStrict: 1, wantStderr: "warning: " + tightened + ": /custom_attributes/shoe_size: maximum"},
		{name: "update, a config warning", stdin: `{"family_name": "Doe"}`, args: []string{"-config", typo, "-"}, wantCode: 0, wantStrict: 1,
			wantStderr: "warning: " + typo + ": /user_profil: unknown: "},
		{name: "update, clean", stdin: `{"family_name": "Doe"}`, args: []string{"-config", td("authgear.yaml"), "-"}, wantCode: 0, wantStrict: 0},
		{name: "schema, a config warning", args: []string{"-schema", typo}, wantCode: 0, wantStrict: 1, wantStderr: "warning: " + typo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			assert.Contains(t, stderr, tt.wantStderr)
			assert.NotContains(t, stderr, "-strict")
			for _, j := range []bool{false, true} {
				a := append([]string{"-strict"}, tt.args...)
				if j {
					a = append(a, "-json")
				}
				code, strictOut, strictErr := profilecheck(t, tt.stdin, a...)
				assert.Equal(t, tt.wantStrict, code, "json %v\nstdout:\n%s\nstderr:\n%s", j, strictOut, strictErr)
				if !j {
					assert.Equal(t, stdout, strictOut, "-strict changes the exit code, not the report")
				}
				if tt.wantStrict == 1 && tt.wantCode == 0 {
					assert.Contains(t, strictErr, "profilecheck: -strict: failing on ")
				}
			}
		})
	}
}

func TestSchema(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantCode  int
		wantTitle string   // the document's title
		readOnly  []string // properties marked readOnly
		writable  []string // properties not marked readOnly
		wantOut   string   // for failures: a part of stdout
		wantErr   string   // and of stderr
	}{
		{name: "end_user (the default party)", args: []string{td("authgear.yaml")}, wantTitle: "Profile as seen by end_user",
			readOnly: []string{"email_verified", "updated_at"}, writable: []string{"name", "given_name", "email"}},
		{name: "bearer reads only", args: []string{"-party", "bearer", td("authgear.yaml")}, wantTitle: "Profile as seen by bearer",
			readOnly: []string{"name", "given_name"}},
		{name: "flags after the file; a section-only JSON config", args: []string{td("user_profile.json"), "-party", "admin_api"}, wantTitle: "Profile as seen by admin_api",
			writable: []string{"name"}},
		{name: "an invalid config: the causes, exit 1", args: []string{td("bad-config.yaml")}, wantCode: 1,
			wantOut: td("bad-config.yaml") + ": invalid config (3 problems):"},
		{name: "a YAML syntax error, exit 2", args: []string{writeTemp(t, "b.yaml", "a: [\n")}, wantCode: 2, wantOut: ": cannot decode config ("},
		{name: "a missing file, exit 2", args: []string{td("nope.yaml")}, wantCode: 2, wantErr: "no such file"},
		{name: "an unknown party, exit 2", args: []string{"-party", "root", td("authgear.yaml")}, wantCode: 2, wantErr: `-party "root"`},
		{name: "two files, exit 2", args: []string{td("authgear.yaml"), td("authgear.yaml")}, wantCode: 2, wantErr: "-schema takes one config file, got 2"},
		{name: "-mode is for updates, exit 2", args: []string{"-mode", "replace", td("authgear.yaml")}, wantCode: 2, wantErr: "-schema does not take -mode"},
		{name: "not with -check-config, exit 2", args: []string{"-check-config", td("authgear.yaml")}, wantCode: 2, wantErr: "-check-config and -schema cannot be combined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, "", append([]string{"-schema"}, tt.args...)...)
			require.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			if tt.wantCode != 0 {
				assert.Contains(t, stdout, tt.wantOut)
				assert.Contains(t, stderr, tt.wantErr)
				return
			}
			assert.Empty(t, stderr)
			var doc struct {
				Schema     string `json:"$schema"`
				Title      string `json:"title"`
				Type       string `json:"type"`
				Properties map[string]struct {
					ReadOnly bool `json:"readOnly"`
				} `json:"properties"`
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &doc), stdout)
			assert.Equal(t, jsonschema.Draft, doc.Schema)
			assert.Equal(t, tt.wantTitle, doc.Title)
			assert.Equal(t, "object", doc.Type)
			for _, p := range tt.readOnly {
				require.Contains(t, doc.Properties, p)
				assert.True(t, doc.Properties[p].ReadOnly, p)
			}
			for _, p := range tt.writable {
				require.Contains(t, doc.Properties, p)
				assert.False(t, doc.Properties[p].ReadOnly, p)
			}
			assert.Contains(t, doc.Properties, "custom_attributes")
		})
	}
	t.Run("the document is jsonschema.Export's, byte for byte", func(t *testing.T) {
		cf, verr, err := loadConfig(td("authgear.yaml"), nil, false)
		require.NoError(t, err)
		require.Nil(t, verr)
		want, err := jsonschema.Export(cf.schema, access.Bearer, jsonschema.Options{})
		require.NoError(t, err)
		code, stdout, _ := profilecheck(t, "", "-schema", "-party", "bearer", td("authgear.yaml"))
		require.Equal(t, 0, code)
		assert.Equal(t, string(want)+"\n", stdout)
	})
}

func TestNearSection(t *testing.T) {
	tests := []struct{ name, want string }{
		{"user_profil", "user_profile"},
		{"user_profiles", "user_profile"},
		{"usr_profil", "user_profile"},
		{"user_porfile", "user_profile"},
		{"userprofile", "user_profile"},
		{"UserProfile", "user_profile"},
		{"user-profile", "user_profile"},
		{"USER_PROFILE", "user_profile"},
		{"authenticaton", "authentication"},
		{"authenticators", "authenticator"},
		{"localisation", "localization"},
		{"sesion", "session"},
		{"htpp", "http"},
		{"oauht", "oauth"},
		{"HTTP", "http"},
		{"x_custom", ""},
		{"my_extension", ""},
		{"profile", ""},
		{"ui2", ""},
		{"db", ""},
		{"io", ""},
		{"otpx", ""},
		{"redis_cluster", ""},
		{strings.Repeat("user_profile", 10), ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, nearSection(tt.name), tt.name)
	}
}

func TestCheckConfigSuggestion(t *testing.T) {
	code, stdout, _ := profilecheck(t, "", "-check-config", td("bad-config.yaml"))
	require.Equal(t, 1, code)
	assert.Contains(t, stdout, `(suggested: {"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"})`)
}

// evolutionJSON is the -json result of -evolve.
type evolutionJSON struct {
	Breaking []*validation.Cause `json:"breaking"`
	Warnings []*validation.Cause `json:"warnings"`
	Renamed  []rename            `json:"renamed"`
}

func TestEvolve(t *testing.T) {
	tests := []struct {
		name         string
		old, new     string
		wantCode     int
		wantBreaking []string // location kind
		wantWarnings []string
		wantRenamed  []rename
	}{
		{
			name: "deletion and type change are breaking",
			old:  td("authgear.yaml"), new: td("evolve-breaking.yaml"),
			wantCode: 3,
			wantBreaking: []string{
				"/user_profile/custom_attributes/attributes immutable",
				"/user_profile/custom_attributes/attributes/1/type immutable",
			},
		},
		{
			name: "rename is allowed; a tighter bound and a removed option are warnings",
			old:  td("authgear.yaml"), new: td("evolve-renamed.yaml"),
			wantCode: 0,
			wantWarnings: []string{
				"/user_profile/custom_attributes/attributes/1/maximum maximum",
				"/user_profile/custom_attributes/attributes/3/enum enum",
			},
			wantRenamed: []rename{{ID: "0002", From: "/shoe_size", To: "/shoe_size_eu"}},
		},
		{
			name: "the same list in another shape (section as JSON) is no change at all",
			old:  td("authgear.yaml"), new: td("user_profile.json"),
			wantCode: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, "", "-evolve", "-json", tt.old, tt.new)
			require.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			var res evolutionJSON
			require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
			flat := func(cs []*validation.Cause) []string {
				var s []string
				for _, c := range cs {
					s = append(s, c.Location+" "+string(c.Kind))
				}
				return s
			}
			assert.Equal(t, tt.wantBreaking, flat(res.Breaking))
			assert.Equal(t, tt.wantWarnings, flat(res.Warnings))
			if tt.wantRenamed == nil {
				assert.Empty(t, res.Renamed)
			} else {
				assert.Equal(t, tt.wantRenamed, res.Renamed)
			}
			assert.Contains(t, stdout, `"breaking": [`, "always a list")

			code, stdout, _ = profilecheck(t, "", "-evolve", tt.old, tt.new)
			require.Equal(t, tt.wantCode, code)
			if len(tt.wantBreaking) > 0 {
				assert.Contains(t, stdout, "breaking changes:\n")
				assert.Contains(t, stdout, `id "0003" (/tickets, at /2 in the previous list) was deleted`)
				assert.Contains(t, stdout, "original: number, incoming: integer")
			} else {
				assert.True(t, strings.HasPrefix(stdout, "no breaking changes\n"), stdout)
			}
			for _, r := range tt.wantRenamed {
				assert.Contains(t, stdout, "  id \""+r.ID+"\": "+r.From+" -> "+r.To+"\n")
			}
		})
	}
	t.Run("an invalid config is reported, not compared", func(t *testing.T) {
		code, stdout, _ := profilecheck(t, "", "-evolve", td("authgear.yaml"), td("bad-authgear.yaml"))
		assert.Equal(t, 1, code)
		assert.True(t, strings.HasPrefix(stdout, td("bad-authgear.yaml")+": invalid config (3 problems):\n"), stdout)
	})
}

func TestUsage(t *testing.T) {
	cfg := []string{"-config", td("authgear.yaml")}
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"no arguments", nil, "usage:"},
		{"unknown flag", []string{"-verbose"}, "flag provided but not defined: -verbose"},
		{"no config", []string{td("update.json")}, "-config is required"},
		{"no update", cfg, "want one update file"},
		{"two updates", args(cfg, td("update.json"), td("update.json")), "got 2 arguments"},
		{"unknown party", args(cfg, "-party", "root", td("update.json")), `-party "root"`},
		{"unknown mode", args(cfg, "-mode", "upsert", td("update.json")), `-mode "upsert"`},
		{"check-config without a file", []string{"-check-config"}, "-check-config takes one or more config files, got none"},
		{"check-config with -party", []string{"-check-config", "-party", "bearer", td("authgear.yaml")}, "-check-config does not take -party"},
		{"check-config reads standard input once", []string{"-check-config", "-", "-"}, "- (standard input) can be read only once"},
		{"evolve reads standard input once", []string{"-evolve", "-", "-"}, "- (standard input) can be read only once"},
		{"evolve with -current", []string{"-evolve", "-current", td("current.json"), td("authgear.yaml"), td("authgear.yaml")}, "-evolve does not take -current"},
		{"schema without a file", []string{"-schema"}, "-schema takes one config file, got 0"},
		{"three commands", []string{"-schema", "-evolve", "-check-config", "a"}, "-check-config and -evolve and -schema cannot be combined"},
		{"config file not decodable as a -current", args(cfg, "-current", writeTemp(t, "c.yaml", "a: [\n"), td("update.json")), "c.yaml"},
		{"check-config with -config", []string{"-check-config", "-config", td("authgear.yaml"), td("authgear.yaml")}, "-check-config does not take -config"},
		{"evolve with one file", []string{"-evolve", td("authgear.yaml")}, "-evolve takes two config files"},
		{"evolve and check-config", []string{"-evolve", "-check-config", "a", "b"}, "cannot be combined"},
		{"missing config file", []string{"-check-config", td("nope.yaml")}, "no such file"},
		{"missing update file", args(cfg, td("nope.json")), "no such file"},
		{"missing current file", args(cfg, "-current", td("nope.json"), td("update.json")), "no such file"},
		{"current from stdin", args(cfg, "-current", "-", td("update.json")), "only for the update"},
		{"current with a misspelt claim", args(cfg, "-current", writeTemp(t, "c.yaml", "given_nam: Jane\n"), td("update.json")), `unknown member "given_nam"`},
		{"current not JSON", args(cfg, "-current", writeTemp(t, "c.json", "{"), td("update.json")), "c.json"},
		{"identities of an unknown kind", args(cfg, "-identities", writeTemp(t, "i.yaml", "- kind: passkey\n  value: x\n"), td("update.json")), `unknown identity kind "passkey"`},
		{"identities with an unknown member", args(cfg, "-identities", writeTemp(t, "i.yaml", "- kind: email\n  value: a@example.com\n  verifed: true\n"), td("update.json")), `unknown field "verifed"`},
		{"identities without kind", args(cfg, "-identities", writeTemp(t, "i.yaml", "- value: a@example.com\n"), td("update.json")), "missing kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, "", tt.args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tt.wantStderr)
		})
	}
}

func TestHelp(t *testing.T) {
	for _, h := range []string{"-h", "-help", "--help"} {
		code, stdout, stderr := profilecheck(t, "", h)
		assert.Equal(t, 0, code, h)
		assert.Empty(t, stderr)
		assert.Contains(t, stdout, "exit codes:\n  0  ")
		assert.Contains(t, stdout, "  3  -evolve found breaking changes")
		for _, f := range []string{"-check-config", "-evolve", "-schema", "-strict", "-authgear", "-json", "-party string"} {
			assert.Contains(t, stdout, "\n  "+f+"\n", "flag %s described", f)
		}
		assert.Contains(t, stdout, "config.yaml...", "-check-config takes several files")
	}
}

// TestExitCodes runs one command per case of the -h exit code table and checks both the code
// and that -h lists the case.
func TestExitCodes(t *testing.T) {
	_, help, _ := profilecheck(t, "", "-h")
	typo := writeTemp(t, "typo.yaml", whole+"user_profil: {}\n")
	tests := []struct {
		help  string // words of the -h line of the case
		stdin string
		args  []string
		want  int
	}{
		{"0  valid update", "{}", args(withIDs, "-"), 0},
		{"valid config(s)", "", []string{"-check-config", td("authgear.yaml"), td("user_profile.json")}, 0},
		{"evolution without breaking changes", "", []string{"-evolve", td("authgear.yaml"), td("evolve-renamed.yaml")}, 0},
		{"schema printed", "", []string{"-schema", td("authgear.yaml")}, 0},
		{"warnings may be printed", "", []string{"-check-config", typo}, 0},
		{"1  the update or a config is invalid", `{"birthdate": "1900-02-29"}`, args(withIDs, "-"), 1},
		{"1  the update or a config is invalid", "", []string{"-check-config", td("bad-config.yaml")}, 1},
		{"1  the update or a config is invalid", "{}", []string{"-config", td("bad-config.yaml"), "-"}, 1},
		{"or -strict and there are warnings", "", []string{"-strict", "-check-config", typo}, 1},
		{"or -strict and there are warnings", "", []string{"-strict", "-evolve", td("authgear.yaml"), td("evolve-renamed.yaml")}, 1},
		{"2  usage error", "", []string{"-frobnicate"}, 2},
		{"a file that cannot be read", "", []string{"-check-config", td("nope.yaml")}, 2},
		{"a YAML\n     syntax error", "", []string{"-check-config", writeTemp(t, "b.yaml", "user_profile: [\n")}, 2},
		{"a YAML\n     syntax error", "{}", []string{"-config", writeTemp(t, "b.yaml", "user_profile: [\n"), "-"}, 2},
		{"an update that is not JSON", "", args(withIDs, writeTemp(t, "u.json", "{given_name: A}")), 2},
		{"not JSON or YAML", "<profile/>", args(withIDs, "-"), 2},
		{"3  -evolve found breaking changes", "", []string{"-evolve", td("authgear.yaml"), td("evolve-breaking.yaml")}, 3},
		{"3  -evolve found breaking changes", "", []string{"-strict", "-evolve", td("authgear.yaml"), td("evolve-breaking.yaml")}, 3},
		{"the worst code of any file", "", []string{"-check-config", td("authgear.yaml"), td("bad-config.yaml"), td("nope.yaml")}, 2},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			assert.Contains(t, help, tt.help)
			code, stdout, stderr := profilecheck(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.want, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
		})
	}
}

func TestCurrentWarning(t *testing.T) {
	// A stored profile that no longer validates (the config tightened) is a warning, not a
	// failure: the update is still checked against it.
	cur := writeTemp(t, "cur.yaml", "given_name: Jane\ncustom_attributes:\n  shoe_size: 99\n")
	code, stdout, stderr := profilecheck(t, `{"family_name": "Doe"}`, "-config", td("authgear.yaml"), "-current", cur, "-")
	require.Equal(t, 0, code, stdout)
	assert.Contains(t, stderr, "warning: "+cur+": /custom_attributes/shoe_size: maximum")
	assert.Contains(t, stdout, "1 change:\n  add    /family_name = \"Doe\"\n")
}

func TestToJSON(t *testing.T) {
	tests := []struct {
		name, file, in, want string
		wantSyntax           bool
	}{
		{name: "JSON kept as is: exact numbers", file: "-", in: `{"n": 0.10000000000000000001}`, want: `{"n": 0.10000000000000000001}`},
		{name: "YAML converted", file: "-", in: "num: 1\ns: x\n", want: `{"num":1,"s":"x"}`},
		{name: "YAML flow mapping that is not JSON", file: "-", in: `{num: 1}`, want: `{"num":1}`},
		{name: "YAML 1.1: unquoted NO is false (the reason to quote codes)", file: "-", in: "country: NO\n", want: `{"country":false}`},
		{name: ".json is never YAML", file: "u.json", in: `{n: 1}`, want: `{n: 1}`},
		{name: ".yml is YAML even if it looks like JSON", file: "u.yml", in: `{"n": 1}`, want: `{"n":1}`},
		{name: "byte order mark dropped", file: "-", in: "\ufeff{\"n\": 1}", want: `{"n": 1}`},
		{name: "quoted id stays a string", file: "-", in: `id: "0001"`, want: `{"id":"0001"}`},
		{name: "duplicate YAML key", file: "u.yaml", in: "a: 1\na: 2\n", wantSyntax: true},
		{name: "tab indentation", file: "u.yaml", in: "a:\n\tb: 1\n", wantSyntax: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cause := toJSON([]byte(tt.in), tt.file)
			if tt.wantSyntax {
				require.NotNil(t, cause)
				assert.Equal(t, validation.KindSyntax, cause.Kind)
				assert.NotContains(t, cause.Details.Message, "\n")
				return
			}
			require.Nil(t, cause)
			assert.Equal(t, tt.want, string(got))
		})
	}
}
