package jsonschema_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/jsonschema"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// ajvRequiredEnv, set to 1, makes the Ajv tests fail instead of skip when node or the
// packages of ajvtest are missing. CI sets it (ajvtest/run.sh).
const ajvRequiredEnv = "PROFILEKIT_AJV_REQUIRED"

// ajvNode returns the path of node, once ajvtest's packages are installed; otherwise it skips
// the test, or fails it when ajvRequiredEnv is 1.
func ajvNode(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		t.Helper()
		msg := what + "; this test needs node (20 or later) and the packages of ajvtest: run jsonschema/ajvtest/run.sh, or (cd jsonschema/ajvtest && npm ci --no-audit --no-fund)"
		if os.Getenv(ajvRequiredEnv) == "1" {
			t.Fatal(msg + " (" + ajvRequiredEnv + "=1: required)")
		}
		t.Skip(msg)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH")
	}
	for _, pkg := range []string{"ajv", "ajv-formats"} {
		// Read, not only looked at, so that go test's cache sees an upgrade.
		if _, err := os.ReadFile(filepath.Join("ajvtest", "node_modules", pkg, "package.json")); err != nil {
			missing("ajvtest/node_modules/" + pkg + " is not installed")
		}
	}
	// Node reads the script, so go test's cache would not see a change to it.
	_, err = os.ReadFile(filepath.Join("ajvtest", "check.js"))
	require.NoError(t, err)
	return node
}

type ajvSchema struct {
	Name    string          `json:"name"`
	Schema  json.RawMessage `json:"schema"`
	Formats bool            `json:"formats"` // add ajv-formats
}

type ajvCheck struct {
	Schema string `json:"schema"`
	Doc    string `json:"doc"`
}

type ajvOutput struct {
	Ajv        string `json:"ajv"`
	AjvFormats string `json:"ajvFormats"`
	Schemas    map[string]struct {
		Error string `json:"error"`
	} `json:"schemas"`
	Results []ajvResult `json:"results"`
}

type ajvResult struct {
	Valid  bool       `json:"valid"`
	Errors []ajvError `json:"errors"`
}

type ajvError struct {
	InstancePath string         `json:"instancePath"`
	SchemaPath   string         `json:"schemaPath"`
	Keyword      string         `json:"keyword"`
	Params       map[string]any `json:"params"`
	Message      string         `json:"message"`
}

// locations are the instance locations of r's errors, as profilekit reports them: the
// member itself for an additional property, each location once, sorted.
func (r ajvResult) locations() []string {
	var out []string
	for _, e := range r.Errors {
		loc := e.InstancePath
		if e.Keyword == "additionalProperties" {
			if name, ok := e.Params["additionalProperty"].(string); ok {
				loc += jsonptr.Join(name)
			}
		}
		out = append(out, loc)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// runAjv compiles schemas with ajvtest/check.js and runs checks, failing the test when node
// fails or a schema does not compile.
func runAjv(t *testing.T, node string, schemas []ajvSchema, checks []ajvCheck) ajvOutput {
	t.Helper()
	in, err := json.Marshal(map[string]any{"schemas": schemas, "checks": checks})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "input.json")
	require.NoError(t, os.WriteFile(path, in, 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("ajvtest", "check.js"), path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "node ajvtest/check.js: %s", stderr.String())
	var out ajvOutput
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out), "check.js output: %s", stdout.String())
	require.Len(t, out.Results, len(checks))
	for _, sch := range schemas {
		c, ok := out.Schemas[sch.Name]
		require.True(t, ok, sch.Name)
		require.Empty(t, c.Error, "Ajv 2020 (strict) refuses the schema %s", sch.Name)
	}
	return out
}

// ajvDoc is a document of TestAjvAgreement. show is how the package documentation's table
// writes it, when doc is too long for it.
type ajvDoc struct{ doc, show string }

func (d ajvDoc) String() string {
	if d.show != "" {
		return d.show
	}
	return d.doc
}

// ajvDocs are the documents TestAjvAgreement gives profilekit and Ajv, as every party.
func ajvDocs() []ajvDoc {
	long := strings.Repeat("a", 1024)
	docs := []ajvDoc{
		{doc: `{"given_name":"` + long + `"}`, show: `{"given_name":"a…a"} (1024 a)`},
		{doc: `{"given_name":"` + long + `a"}`, show: `{"given_name":"a…a"} (1025 a)`},
		{doc: `{"given_name":"` + long + ` "}`, show: `{"given_name":"a…a "} (1024 a, a space)`},
		{doc: `{"given_name":"` + strings.Repeat("e\u0301", 600) + `"}`, show: `{"given_name":"é…é"} (600 e and U+0301)`},
	}
	for _, d := range []string{
		// The reference's current values, sent back unchanged.
		`{}`,
		`{"given_name":"Jane","family_name":"Doe"}`,
		`{"email":"jane.doe@example.com","email_verified":true}`,
		`{"custom_attributes":{"employee_id":"E123456"}}`,
		`{"updated_at":1700000000}`,
		`{"email":"jane.doe@example.com"}`,
		`{"custom_attributes":{}}`,
		`{"phone_number_verified":null}`,
		`{"middle_name":null}`,
		// Changes.
		`{"given_name":"Janet"}`,
		`{"given_name":" Jane"}`,
		`{"family_name":"Doe-Müller 山田"}`,
		`{"preferred_username":"jdoe"}`,
		`{"phone_number":"+14155552671"}`,
		`{"phone_number":"+1 (415) 555-2671"}`,
		`{"birthdate":"1990-07-14"}`,
		`{"birthdate":"0000-02-29"}`,
		`{"birthdate":"1990"}`,
		`{"zoneinfo":"America/Los_Angeles"}`,
		`{"zoneinfo":"Etc/GMT+5"}`,
		`{"locale":"en-US"}`,
		`{"locale":"zh_hant_tw"}`,
		`{"website":"https://jane.example.com/about?x=1#top"}`,
		`{"website":"HTTPS://Jane.Example.COM"}`,
		`{"picture":"https://cdn.example.com/jane.png"}`,
		`{"picture":"authgearimages:///app/obj"}`,
		`{"gender":"female"}`,
		`{"address":{"formatted":"1 Main St\nSan Francisco","country":"US"}}`,
		`{"custom_attributes":{"shoe_size":38.5,"tickets":3,"department":"sales"}}`,
		`{"custom_attributes":{"tickets":1e1}}`,
		`{"custom_attributes":{"home_country":"jp"}}`,
		`{"given_name":null,"address":{"locality":null},"custom_attributes":{"department":null}}`,
		// Invalid for everyone.
		`[]`,
		`{"given_name":""}`,
		`{"given_name":"   "}`,
		`{"given_name":5}`,
		`{"given_name":"Jane\u0000Doe"}`,
		`{"given_name":"Jane\nDoe"}`,
		`{"sub":"123"}`,
		`{"email":"jane.doe@"}`,
		`{"email":"Jane <jane.doe@example.com>"}`,
		`{"email":"someone@example.com"}`,
		`{"phone_number":"4155552671"}`,
		`{"phone_number":"+1415555267"}`,
		`{"birthdate":"1900-02-29"}`,
		`{"birthdate":"1990-13-01"}`,
		`{"birthdate":"0000"}`,
		`{"birthdate":"--02-29"}`,
		`{"birthdate":" 1990-07-14"}`,
		`{"zoneinfo":"Mars/Olympus_Mons"}`,
		`{"zoneinfo":"../etc/passwd"}`,
		`{"locale":"en-XX"}`,
		`{"locale":"en US"}`,
		`{"website":"javascript:alert(1)"}`,
		`{"website":"/about"}`,
		`{"website":"https://user:pw@example.com/"}`,
		`{"website":"https://example.com/a/../b"}`,
		`{"website":"https://例子.广告/"}`,
		`{"picture":"ftp://example.com/a.png"}`,
		`{"picture":"authgearimages:///app"}`,
		`{"address":{"zip":"94105"}}`,
		`{"address":"1 Main St"}`,
		`{"email_verified":"true"}`,
		`{"email_verified":false}`,
		`{"updated_at":1}`,
		`{"custom_attributes":{"shoe_size":"38"}}`,
		`{"custom_attributes":{"shoe_size":60.0001}}`,
		`{"custom_attributes":{"tickets":3.5}}`,
		`{"custom_attributes":{"department":"Sales"}}`,
		`{"custom_attributes":{"department":" sales"}}`,
		`{"custom_attributes":{"home_country":"UK"}}`,
		`{"custom_attributes":{"home_country":"USA"}}`,
		`{"custom_attributes":{"employee_id":"E654321"}}`,
		`{"custom_attributes":{"employee_id":" E123456"}}`,
		`{"custom_attributes":{"nope":1}}`,
		`{"custom_attributes":[]}`,
		// Hidden from some parties.
		`{"middle_name":"Q"}`,
		`{"profile":"https://jane.example.com/"}`,
	} {
		docs = append(docs, ajvDoc{doc: d})
	}
	return docs
}

// TestAjvAgreement compiles the exported documents of the reference config, for every party
// and also with Nullable, in Ajv 2020 with strict: true and allErrors (ajvtest/check.js, Ajv's
// standard formats only), validates the documents of ajvDocs with them, and compares each
// verdict with profilekit's (a merge patch from that party to the reference's current
// profile). They must agree except on the documents of the package documentation's table,
// where they must disagree as it says. The reference's faulty update is reported at the same
// locations by both. The NoFormats documents compile without even ajv-formats.
func TestAjvAgreement(t *testing.T) {
	node := ajvNode(t)
	ref, s, cur := loadReference(t)
	docs := ajvDocs()
	table := disagreementTable(t)

	var schemas []ajvSchema
	var checks []ajvCheck
	views := map[access.Party]map[string]any{} // the decoded profile documents
	for _, party := range allParties() {
		for _, v := range []struct {
			suffix string
			o      jsonschema.Options
		}{
			{"", jsonschema.Options{}},
			{"/update", jsonschema.Options{Nullable: true}},
			{"/no-formats", jsonschema.Options{Formats: jsonschema.NoFormats}},
		} {
			doc, err := jsonschema.Export(s, party, v.o)
			require.NoError(t, err)
			schemas = append(schemas, ajvSchema{Name: party.String() + v.suffix, Schema: doc, Formats: v.o.Formats != jsonschema.NoFormats})
			if v.suffix == "" {
				views[party] = decodeSchema(t, doc)
			}
		}
		for _, d := range docs {
			checks = append(checks, ajvCheck{party.String() + "/update", d.doc}, ajvCheck{party.String(), d.doc})
		}
		checks = append(checks, ajvCheck{party.String() + "/no-formats", `{}`})
	}
	// The reference update is valid as the end user sends it; update_invalid has four faults.
	checks = append(checks, ajvCheck{"end_user/update", string(ref.Update)}, ajvCheck{"end_user/update", string(ref.UpdateInvalid)})
	out := runAjv(t, node, schemas, checks)
	t.Logf("ajv %s, ajv-formats %s: %d schemas compiled (strict), %d documents validated", out.Ajv, out.AjvFormats, len(schemas), len(checks))

	results := out.Results
	seen := map[string]bool{} // table rows that held
	for _, party := range allParties() {
		counts := map[bool]int{}
		for _, d := range docs {
			upd, view := results[0], results[1]
			results = results[2:]
			up := profile.Update{Party: party, Mode: profile.MergePatch, Identities: ref.Identities, UpdatedAt: 1700000000}
			_, _, pkErr := s.ApplyJSON(&cur, []byte(d.doc), up)
			pk := pkErr == nil
			counts[pk]++
			// Without nulls, the profile document's schema says what the update's says.
			if !strings.Contains(d.doc, "null") {
				assert.Equal(t, upd.Valid, view.Valid, "%s as %s: document and update schemas differ: %v / %v", d, party, view.Errors, upd.Errors)
			}
			row, listed := table.lookup(d.String(), party)
			if !listed && !pk && upd.Valid && onlyReadOnlyChanges(pkErr, views[party]) {
				row, listed = table.lookup("*", party)
			}
			switch {
			case listed:
				seen[row.key()] = true
				if pk != row.profilekit || upd.Valid != row.ajv {
					t.Errorf("%s as %s: the table says profilekit %s and Ajv %s (%s), but profilekit %s (%v) and Ajv %s (%v)",
						d, party, verdict(row.profilekit), verdict(row.ajv), row.why, verdict(pk), pkErr, verdict(upd.Valid), upd.Errors)
				}
			case pk != upd.Valid:
				t.Errorf("%s as %s: profilekit %s (%v), Ajv %s (%v): a disagreement the package documentation's table does not list",
					d, party, verdict(pk), pkErr, verdict(upd.Valid), upd.Errors)
			}
		}
		assert.GreaterOrEqual(t, counts[true], 10, "%s: documents profilekit accepts", party)
		assert.GreaterOrEqual(t, counts[false], 10, "%s: documents profilekit rejects", party)
		assert.GreaterOrEqual(t, counts[true]+counts[false], 30, party)
		t.Logf("%s: profilekit accepts %d documents, rejects %d", party, counts[true], counts[false])
		require.True(t, results[0].Valid, "%s: the NoFormats document, without ajv-formats: %v", party, results[0].Errors)
		results = results[1:]
	}
	for _, row := range table.rows {
		assert.True(t, seen[row.key()], "the table's row %q (%s) matches no document", row.doc, row.who)
	}

	valid, invalid := results[0], results[1]
	assert.True(t, valid.Valid, "the reference update: %v", valid.Errors)
	_, _, pkErr := s.ApplyJSON(&cur, ref.UpdateInvalid, profile.Update{Party: access.EndUser, Mode: profile.MergePatch, Identities: ref.Identities})
	require.Error(t, pkErr)
	// home_country ZZ is refused by the pattern of assigned codes, so all four faults show.
	assert.Equal(t, causeLocations(pkErr), invalid.locations(), "the reference's faulty update: same faults, same places")
}

// onlyReadOnlyChanges reports whether every cause of err is a forbidden change (kind
// forbidden) of an attribute that the party's document view marks readOnly.
func onlyReadOnlyChanges(err error, view map[string]any) bool {
	var verr *validation.Error
	if !errors.As(err, &verr) || len(verr.Causes) == 0 {
		return false
	}
	for _, c := range verr.Causes {
		if c.Kind != validation.KindForbidden {
			return false
		}
		node := view
		for tok := range strings.SplitSeq(strings.TrimPrefix(c.Location, "/"), "/") {
			props, _ := node["properties"].(map[string]any)
			node, _ = props[tok].(map[string]any) // names of the reference need no unescaping
		}
		if node["readOnly"] != true {
			return false
		}
	}
	return true
}

func verdict(ok bool) string {
	if ok {
		return "accepts"
	}
	return "rejects"
}

// tableRow is a row of the package documentation's table of disagreements.
type tableRow struct {
	doc, who        string         // who: the parties column as written
	parties         []access.Party // nil: all
	profilekit, ajv bool
	why             string
}

func (r tableRow) key() string { return r.doc + " | " + r.who }

type disagreements struct{ rows []tableRow }

// lookup finds the row of doc for party.
func (d disagreements) lookup(doc string, party access.Party) (tableRow, bool) {
	for _, r := range d.rows {
		if r.doc == doc && (r.parties == nil || slices.Contains(r.parties, party)) {
			return r, true
		}
	}
	return tableRow{}, false
}

// disagreementTable reads the table of doc.go: the lines of the preformatted block after the
// line "Disagreements with Ajv" whose first column is a document.
func disagreementTable(t *testing.T) disagreements {
	t.Helper()
	f, err := os.Open("doc.go")
	require.NoError(t, err)
	defer f.Close()
	var d disagreements
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "// # Disagreements with Ajv") {
			in = true
			continue
		}
		if !in {
			continue
		}
		if strings.HasPrefix(line, "// # ") {
			break
		}
		body, ok := strings.CutPrefix(line, "//\t")
		if !ok || !(strings.HasPrefix(body, "{") || strings.HasPrefix(body, "[") || strings.HasPrefix(body, "* ")) {
			continue
		}
		cols := strings.Split(body, " | ")
		require.Len(t, cols, 5, "table row %q: document | parties | profilekit | Ajv | why", body)
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		row := tableRow{doc: cols[0], who: cols[1], why: cols[4]}
		switch but, ok := strings.CutPrefix(cols[1], "all but "); {
		case cols[1] == "all":
		case ok:
			var p access.Party
			require.NoError(t, p.UnmarshalText([]byte(but)), "table row %q", body)
			for _, q := range allParties() {
				if q != p {
					row.parties = append(row.parties, q)
				}
			}
		default:
			for name := range strings.SplitSeq(cols[1], ",") {
				var p access.Party
				require.NoError(t, p.UnmarshalText([]byte(strings.TrimSpace(name))), "table row %q", body)
				row.parties = append(row.parties, p)
			}
		}
		for i, v := range []*bool{&row.profilekit, &row.ajv} {
			switch cols[2+i] {
			case "accepts":
				*v = true
			case "rejects":
			default:
				t.Fatalf("table row %q: %q is neither accepts nor rejects", body, cols[2+i])
			}
		}
		require.NotEqual(t, row.profilekit, row.ajv, "table row %q lists an agreement", body)
		d.rows = append(d.rows, row)
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, d.rows, "doc.go has no table of disagreements")
	return d
}

// TestAjvBooleanDate compiles the documents of a config with boolean and date custom
// attributes in Ajv 2020 (strict), with ajv-formats for the default StandardFormats ("date"
// is standard) and without it for NoFormats, and compares Ajv's verdicts with profilekit's.
// They agree but where listed, each disagreement one that Export's documentation names.
func TestAjvBooleanDate(t *testing.T) {
	node := ajvNode(t)
	cfg, err := profile.ParseConfig([]byte(`{"identity_coupling": "off", "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/newsletter", "type": "boolean",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "2", "pointer": "/start_date", "type": "date", "minimum": "2000-01-01",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	var schemas []ajvSchema
	for name, o := range map[string]jsonschema.Options{
		"standard":   {Nullable: true},
		"no-formats": {Nullable: true, Formats: jsonschema.NoFormats},
	} {
		doc, err := jsonschema.Export(s, access.EndUser, o)
		require.NoError(t, err)
		schemas = append(schemas, ajvSchema{Name: name, Schema: doc, Formats: o.Formats != jsonschema.NoFormats})
	}
	// standard and noFormats say why Ajv's verdict with that schema is not profilekit's ("" where
	// they agree): trim, shape (a pattern cannot tell a leap day) and date bounds (only described).
	docs := []struct {
		doc                 string
		standard, noFormats string
	}{
		{`{"custom_attributes":{"newsletter":true}}`, "", ""},
		{`{"custom_attributes":{"newsletter":false,"start_date":"2020-02-29"}}`, "", ""},
		{`{"custom_attributes":{"newsletter":null,"start_date":null}}`, "", ""},
		{`{"custom_attributes":{"newsletter":"true"}}`, "", ""},
		{`{"custom_attributes":{"newsletter":1}}`, "", ""},
		{`{"custom_attributes":{"start_date":"2021-04-31"}}`, "", "shape"},
		{`{"custom_attributes":{"start_date":"1900-02-29"}}`, "", "shape"},
		{`{"custom_attributes":{"start_date":"2020-13-01"}}`, "", ""},
		{`{"custom_attributes":{"start_date":"2020-02-29T00:00:00Z"}}`, "", ""},
		{`{"custom_attributes":{"start_date":20200229}}`, "", ""},
		{`{"custom_attributes":{"start_date":" 2020-02-29"}}`, "trim", "trim"},
		{`{"custom_attributes":{"start_date":"1999-12-31"}}`, "date bounds", "date bounds"},
	}
	var checks []ajvCheck
	for _, d := range docs {
		checks = append(checks, ajvCheck{"standard", d.doc}, ajvCheck{"no-formats", d.doc})
	}
	out := runAjv(t, node, schemas, checks)
	var cur profile.Profile
	for i, d := range docs {
		_, _, pkErr := s.ApplyJSON(&cur, []byte(d.doc), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		for j, why := range []string{d.standard, d.noFormats} {
			res := out.Results[2*i+j]
			if why != "" {
				assert.NotEqual(t, pkErr == nil, res.Valid, "%s (%s): the disagreement (%s) no longer holds", d.doc, checks[2*i+j].Schema, why)
				continue
			}
			assert.Equal(t, pkErr == nil, res.Valid, "%s (%s): profilekit %v, Ajv %v", d.doc, checks[2*i+j].Schema, pkErr, res.Errors)
		}
	}
}

// TestAjvMultiple: multi-valued custom attributes compile in Ajv's strict mode and Ajv gives
// profilekit's verdict, but for a repeat that only normalization reveals.
func TestAjvMultiple(t *testing.T) {
	node := ajvNode(t)
	s, doc := exportEndUser(t, `{"identity_coupling": "off", "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/languages", "type": "enum", "enum": ["en", "de", "fr"], "multiple": true, "max_items": 2, "unique_items": true,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "2", "pointer": "/lucky", "type": "integer", "minimum": 0, "maximum": 99, "multiple": true, "min_items": 2, "unique_items": true,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "3", "pointer": "/phones", "type": "phone_number", "multiple": true, "unique_items": true,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`)
	docs := []ajvCase{
		{`{"custom_attributes":{"languages":["en","fr"]}}`, ""},
		{`{"custom_attributes":{"languages":null,"lucky":null}}`, ""},
		{`{"custom_attributes":{"languages":["en","en"]}}`, ""},
		{`{"custom_attributes":{"languages":["en","de","fr"]}}`, ""},
		{`{"custom_attributes":{"languages":[]}}`, ""},
		{`{"custom_attributes":{"languages":"en"}}`, ""},
		{`{"custom_attributes":{"languages":[null]}}`, ""},
		{`{"custom_attributes":{"lucky":[1,2]}}`, ""},
		{`{"custom_attributes":{"lucky":[1,1.0]}}`, ""}, // JSON Schema compares numbers by value too
		{`{"custom_attributes":{"lucky":[1]}}`, ""},
		{`{"custom_attributes":{"lucky":[1,100]}}`, ""},
		{`{"custom_attributes":{"phones":["+14155552671","+442079460958"]}}`, ""},
		{`{"custom_attributes":{"phones":["+14155552671","+1 415 555 2671"]}}`, "a repeat after normalization"},
	}
	agreeWithAjv(t, node, s, doc, docs)
}

// TestAjvVariants: Ajv in strict mode and profilekit agree on language-tagged variants
// (patternProperties) at the top level, in the address and in custom_attributes.
func TestAjvVariants(t *testing.T) {
	node := ajvNode(t)
	s, doc := exportEndUser(t, `{"identity_coupling": "off", "language_tags": {"custom": ["kana"]},
	  "standard_attributes": {"access_control": [
	    {"pointer": "/address", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]},
	  "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/kana", "type": "string", "max_length": 5, "pattern": "^[ァ-ヶー]+$",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`)
	docs := []ajvCase{
		{`{"family_name#ja-Kana-JP":"ヤマダ","given_name#de":null}`, ""},
		{`{"website#de":"https://example.de/"}`, ""},
		{`{"website#de":"not a url"}`, ""},
		{`{"family_name#ja":""}`, ""},
		{`{"family_name#ja":5}`, ""},
		{`{"family_name#!!":"x"}`, ""},
		{`{"email#en":"a@example.com"}`, ""},
		{`{"address":{"locality#ja-Jpan-JP":"東京都","region#ja":null}}`, ""},
		{`{"address":{"postal_code#ja":"100"}}`, ""},
		{`{"custom_attributes":{"kana#ja-Kana":"タロウ"}}`, ""},
		{`{"custom_attributes":{"kana#ja":"taro"}}`, ""},
		{`{"custom_attributes":{"kana#ja":"タロウタロウ"}}`, ""},
		{`{"family_name#zz-zzzz-zzzz":"x"}`, "a tag of BCP 47's shape whose subtags do not exist"},
	}
	agreeWithAjv(t, node, s, doc, docs)
}

// ajvCase is a document for agreeWithAjv; why, when set, names a known disagreement.
type ajvCase struct{ doc, why string }

// agreeWithAjv validates each document with Ajv against schema (the end user's merge-patch
// export of s, formats on) and with profilekit as the end user's merge patch of an empty
// profile, and asserts that they agree, or disagree where why says they do.
// exportEndUser compiles the user_profile config and exports its update schema for the end
// user, with null allowed for removals.
func exportEndUser(t *testing.T, config string) (*profile.Schema, []byte) {
	t.Helper()
	cfg, err := profile.ParseConfig([]byte(config))
	require.NoError(t, err)
	s := mustCompile(cfg)
	doc, err := jsonschema.Export(s, access.EndUser, jsonschema.Options{Nullable: true})
	require.NoError(t, err)
	return s, doc
}

func agreeWithAjv(t *testing.T, node string, s *profile.Schema, schema []byte, docs []ajvCase) {
	t.Helper()
	checks := make([]ajvCheck, len(docs))
	for i, d := range docs {
		checks[i] = ajvCheck{"standard", d.doc}
	}
	out := runAjv(t, node, []ajvSchema{{Name: "standard", Schema: schema, Formats: true}}, checks)
	var cur profile.Profile
	for i, d := range docs {
		_, _, pkErr := s.ApplyJSON(&cur, []byte(d.doc), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		res := out.Results[i]
		if d.why != "" {
			assert.NotEqual(t, pkErr == nil, res.Valid, "%s: the disagreement (%s) no longer holds", d.doc, d.why)
			continue
		}
		assert.Equal(t, pkErr == nil, res.Valid, "%s: profilekit %v, Ajv %v", d.doc, pkErr, res.Errors)
	}
}
