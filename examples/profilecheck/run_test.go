package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
			name:      "a duplicate key in YAML is a syntax error, not last-one-wins",
			stdin:     "given_name: A\ngiven_name: B\n",
			args:      args(withIDs, "-"),
			wantCode:  1,
			wantLocs:  []string{"(document)"}, // the whole document
			wantKinds: []string{"syntax"},
		},
		{
			name:      "a .json update is strict JSON (a trailing comma is a syntax error)",
			args:      args(withIDs, writeTemp(t, "trailing.json", `{"given_name": "A",}`)),
			wantCode:  1,
			wantLocs:  []string{"(document)"},
			wantKinds: []string{"syntax"},
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
			assert.Contains(t, head, "invalid ")
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

func TestCheckConfig(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		wantCode  int
		wantLocs  []string
		wantKinds []validation.Kind
	}{
		{name: "whole authgear.yaml", file: td("authgear.yaml")},
		{name: "user_profile section as JSON", file: td("user_profile.json")},
		{name: "a whole authgear.yaml without user_profile takes the defaults", file: writeTemp(t, "a.yaml", "id: x\nhttp:\n  public_origin: https://x.example\n")},
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
			name:      "a misspelt option is not ignored",
			file:      writeTemp(t, "typo.yaml", "custom_attribute:\n  attributes: []\n"),
			wantCode:  1,
			wantLocs:  []string{"/custom_attribute"},
			wantKinds: []validation.Kind{validation.KindUnknown},
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
			name:      "YAML syntax error",
			file:      writeTemp(t, "broken.yaml", "user_profile: [\n"),
			wantCode:  1,
			wantLocs:  []string{""},
			wantKinds: []validation.Kind{validation.KindSyntax},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := profilecheck(t, "", "-check-config", tt.file)
			require.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			assert.Empty(t, stderr)
			if tt.wantCode == 0 {
				assert.Equal(t, "ok\n", stdout)
			} else {
				assert.True(t, strings.HasPrefix(stdout, tt.file+": invalid config ("), stdout)
			}

			code, stdout, _ = profilecheck(t, "", "-check-config", "-json", tt.file)
			require.Equal(t, tt.wantCode, code)
			if tt.wantCode == 0 {
				assert.JSONEq(t, `{"ok": true}`, stdout)
				return
			}
			var res causesJSON
			require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
			assert.Equal(t, tt.file, res.File)
			var locs []string
			var kinds []validation.Kind
			for _, c := range res.Causes {
				locs = append(locs, c.Location)
				kinds = append(kinds, c.Kind)
			}
			if tt.wantLocs != nil {
				assert.Equal(t, tt.wantLocs, locs)
			}
			assert.Equal(t, tt.wantKinds, kinds)
		})
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
		{"check-config without a file", []string{"-check-config"}, "-check-config takes one config file"},
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
		assert.Contains(t, stdout, "-check-config")
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
