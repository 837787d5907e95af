package bench

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-playground/validator/v10"

	"github.com/profilekit/profilekit/stdattr"
)

func loadRef(t testing.TB) *Reference {
	t.Helper()
	ref, err := LoadReference("testdata/bench-update.json")
	require.NoError(t, err)
	return ref
}

func engines(t testing.TB) []Engine {
	t.Helper()
	es, err := NewEngines(loadRef(t))
	require.NoError(t, err)
	return es
}

// validDocs are updates every engine must accept (as the end user, merge patch, on the
// reference's current profile and identities).
var validDocs = map[string]string{
	"empty patch":              `{}`,
	"rename":                   `{"given_name": "Janet", "family_name": "Doe-Smith"}`,
	"withheld year leap day":   `{"birthdate": "0000-02-29"}`,
	"leap day":                 `{"birthdate": "2020-02-29"}`,
	"year only":                `{"birthdate": "1985"}`,
	"zone":                     `{"zoneinfo": "Europe/Paris"}`,
	"zone alias":               `{"zoneinfo": "US/Pacific"}`,
	"locale":                   `{"locale": "fr-CA"}`,
	"owned phone":              `{"phone_number": "+14155552671"}`,
	"free gender":              `{"gender": "non-binary"}`,
	"address partial":          `{"address": {"country": "Japan", "formatted": "1-1 Chiyoda\nTokyo"}}`,
	"address null no-op":       `{"address": null}`,
	"remove absent claim":      `{"website": null}`,
	"remove username":          `{"preferred_username": null}`,
	"custom bounds":            `{"custom_attributes": {"shoe_size": 20, "tickets": 10, "department": "support", "home_country": "US"}}`,
	"custom upper bounds":      `{"custom_attributes": {"shoe_size": 60, "tickets": 0}}`,
	"integer as 3.0":           `{"custom_attributes": {"tickets": 3.0}}`,
	"custom remove absent":     `{"custom_attributes": {"tickets": null}}`,
	"read-only unchanged":      `{"custom_attributes": {"employee_id": "E123456"}}`,
	"unicode name":             `{"name": "Zoë Ångström 山田"}`,
	"website with path":        `{"website": "https://jane.example.com/blog?x=1"}`,
	"email owned (same value)": `{"email": "jane.doe@example.com"}`,
}

// invalidDocs are updates every engine must reject.
var invalidDocs = map[string]string{
	"email without domain":    `{"email": "jane.doe@"}`,
	"email with display name": `{"email": "Jane <jane.doe@example.com>"}`,
	"email not owned":         `{"email": "other@example.com"}`,
	"phone national form":     `{"phone_number": "415-555-2671"}`,
	"phone letters":           `{"phone_number": "+1415CALLME"}`,
	"birthdate 1900-02-29":    `{"birthdate": "1900-02-29"}`,
	"birthdate year 0000":     `{"birthdate": "0000"}`,
	"birthdate month 13":      `{"birthdate": "1990-13-01"}`,
	"birthdate --MM-DD":       `{"birthdate": "--07-14"}`,
	"zone unknown":            `{"zoneinfo": "Mars/Olympus_Mons"}`,
	"locale garbage":          `{"locale": "not a tag"}`,
	"shoe_size below":         `{"custom_attributes": {"shoe_size": 19.5}}`,
	"shoe_size above":         `{"custom_attributes": {"shoe_size": 99}}`,
	"shoe_size string":        `{"custom_attributes": {"shoe_size": "38"}}`,
	"tickets fraction":        `{"custom_attributes": {"tickets": 2.5}}`,
	"tickets above":           `{"custom_attributes": {"tickets": 11}}`,
	"tickets negative":        `{"custom_attributes": {"tickets": -1}}`,
	"department outside enum": `{"custom_attributes": {"department": "marketing"}}`,
	"department number":       `{"custom_attributes": {"department": 7}}`,
	"country ZZ":              `{"custom_attributes": {"home_country": "ZZ"}}`,
	"country alpha-3":         `{"custom_attributes": {"home_country": "USA"}}`,
	"employee_id pattern":     `{"custom_attributes": {"employee_id": "X1"}}`,
	"unknown custom":          `{"custom_attributes": {"favourite_colour": "blue"}}`,
	"read-only changed":       `{"custom_attributes": {"employee_id": "E654321"}}`,
	"read-only removed":       `{"custom_attributes": {"employee_id": null}}`,
	"hidden claim written":    `{"middle_name": "Quinn"}`,
	"derived claim changed":   `{"email_verified": false}`,
	"unknown claim":           `{"favourite_colour": "blue"}`,
	"empty string":            `{"given_name": ""}`,
	"number for string":       `{"given_name": 5}`,
	"control character":       `{"name": "Jane\u0007Doe"}`,
	"newline in one-line":     `{"name": "Jane\nDoe"}`,
	"javascript website":      `{"website": "javascript:alert(1)"}`,
	"relative website":        `{"website": "/home"}`,
	"address unknown field":   `{"address": {"planet": "Mars"}}`,
	"address empty field":     `{"address": {"locality": ""}}`,
	"address not object":      `{"address": "1 Main St"}`,
	"array":                   `[]`,
	"not JSON":                `{"name": "Jane"`,
}

func TestReferenceFile(t *testing.T) {
	ref := loadRef(t)
	assert.Contains(t, ref.Description, "update_invalid")
	for _, raw := range [][]byte{ref.Config.UserProfile, ref.Current, ref.Identities, ref.Update, ref.UpdateInvalid} {
		assert.True(t, json.Valid(raw))
	}
}

// TestEnginesAgree is what makes the benchmark fair: all engines accept and reject the same
// documents, and produce the same next profile for the valid ones.
func TestEnginesAgree(t *testing.T) {
	ref := loadRef(t)
	es := engines(t)
	valid := map[string][]byte{"reference update": ref.Update}
	for name, doc := range validDocs {
		valid[name] = []byte(doc)
	}
	invalid := map[string][]byte{"reference update_invalid": ref.UpdateInvalid}
	for name, doc := range invalidDocs {
		invalid[name] = []byte(doc)
	}
	for name, doc := range valid {
		t.Run("valid/"+name, func(t *testing.T) {
			var want string
			for _, e := range es {
				next, err := e.Apply(doc)
				assert.NoError(t, e.Check(doc), "%s: Check disagrees with Apply", e.Name())
				if !assert.NoError(t, err, "%s rejects %s", e.Name(), doc) {
					continue
				}
				got := profileJSON(t, next)
				if want == "" {
					want = got
					continue
				}
				assert.JSONEq(t, want, got, "%s merges %s differently from %s", e.Name(), doc, es[0].Name())
			}
		})
	}
	for name, doc := range invalid {
		t.Run("invalid/"+name, func(t *testing.T) {
			for _, e := range es {
				next, err := e.Apply(doc)
				assert.Error(t, err, "%s accepts %s", e.Name(), doc)
				assert.Nil(t, next, e.Name())
				assert.Error(t, e.Check(doc), "%s: Check disagrees with Apply", e.Name())
			}
		})
	}
}

// profileJSON marshals an engine's next profile without the derived claims (only profilekit
// computes them; the others have no notion of them).
func profileJSON(t *testing.T, next any) string {
	t.Helper()
	b, err := json.Marshal(next)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	for _, k := range []string{"email_verified", "phone_number_verified", "updated_at"} {
		delete(m, k)
	}
	b, err = json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

// TestReferenceUpdateResult pins the reference result so that "all engines agree" cannot
// mean "all engines are equally wrong".
func TestReferenceUpdateResult(t *testing.T) {
	ref := loadRef(t)
	for _, e := range engines(t) {
		next, err := e.Apply(ref.Update)
		require.NoError(t, err, e.Name())
		assert.JSONEq(t, `{
			"name": "Jane Q. Doe", "given_name": "Jane", "family_name": "Doe", "preferred_username": "jdoe",
			"email": "jane.doe@example.com", "phone_number": "+14155552671", "gender": "female",
			"birthdate": "1990-07-14", "zoneinfo": "America/Los_Angeles", "locale": "en-US",
			"website": "https://jane.example.com/",
			"address": {"street_address": "1 Main St", "locality": "San Francisco", "region": "CA",
				"postal_code": "94105", "country": "United States"},
			"custom_attributes": {"employee_id": "E123456", "shoe_size": 38.5, "tickets": 3,
				"department": "engineering", "home_country": "JP"}
		}`, profileJSON(t, next), e.Name())

		// Each of the four faults of update_invalid alone is rejected too.
		for _, fault := range []string{
			`{"email": "jane.doe@"}`,
			`{"custom_attributes": {"shoe_size": 99}}`,
			`{"custom_attributes": {"department": "marketing"}}`,
			`{"custom_attributes": {"home_country": "ZZ"}}`,
		} {
			_, err := e.Apply([]byte(fault))
			assert.Error(t, err, "%s accepts %s", e.Name(), fault)
		}
	}
}

// verdicts maps engine name to whether it accepts doc.
func verdicts(t *testing.T, es []Engine, doc string) map[string]bool {
	t.Helper()
	out := make(map[string]bool, len(es))
	for _, e := range es {
		_, err := e.Apply([]byte(doc))
		out[e.Name()] = err == nil
	}
	return out
}

// TestKnownDisagreements documents, by asserting it, where an engine is more lenient than
// profilekit (or profilekit normalizes what the others reject). None of these documents is in
// the benchmark; they are why the comparison documents above avoid these corners.
func TestKnownDisagreements(t *testing.T) {
	es := engines(t)
	cases := []struct {
		name, doc string
		want      map[string]bool // engine -> accepts
		why       string
	}{
		{"locale und", `{"locale": "und"}`,
			map[string]bool{"profilekit": false, "jsonschema": false, "validator": true},
			"bcp47_language_tag is language.Parse alone, which accepts the undetermined language"},
		{"locale unknown region", `{"locale": "en-ZZ"}`,
			map[string]bool{"profilekit": false, "jsonschema": true, "validator": true},
			"language.Parse accepts ZZ (unknown region); profilekit requires an ISO 3166-1 country or a UN M.49 area"},
		{"shoe_size zero", `{"custom_attributes": {"shoe_size": 0}}`,
			map[string]bool{"profilekit": false, "jsonschema": false, "validator": true},
			"ValidateMap needs omitempty for absent keys, and omitempty skips the zero value, so 0 escapes min=20"},
		{"empty custom string", `{"custom_attributes": {"department": ""}}`,
			map[string]bool{"profilekit": false, "jsonschema": false, "validator": true},
			"the same omitempty skips \"\""},
		{"duplicate member", `{"given_name": "Ann", "given_name": "Bob"}`,
			map[string]bool{"profilekit": false, "jsonschema": true, "validator": true},
			"encoding/json keeps the last duplicate; profilekit rejects duplicates (two readers could disagree)"},
		{"derived claim unchanged", `{"email_verified": true}`,
			map[string]bool{"profilekit": true, "jsonschema": false, "validator": false},
			"profilekit lets a client send back a derived claim it read, unchanged (the email is verified); the others know no derived claims and reject the member"},
		{"blank name", `{"given_name": "   "}`,
			map[string]bool{"profilekit": false, "jsonschema": true, "validator": true},
			"profilekit trims before checking minLength; the others count the spaces"},
		{"phone with spaces", `{"phone_number": "+1 415 555 2671"}`,
			map[string]bool{"profilekit": true, "jsonschema": false, "validator": false},
			"profilekit normalizes to E.164 (+14155552671, which the user owns); the others reject non-E.164 input"},
		{"lower-case country", `{"custom_attributes": {"home_country": "jp"}}`,
			map[string]bool{"profilekit": true, "jsonschema": false, "validator": false},
			"profilekit normalizes us -> US; the others look the exact string up"},
		{"integer beyond float64 precision", `{"custom_attributes": {"tickets": 10.0000000000000001}}`,
			map[string]bool{"profilekit": false, "jsonschema": false, "validator": true},
			"profilekit and jsonschema (UseNumber) see the exact literal, which has a fractional part; encoding/json into any rounds it to the float64 10 (this is why jsonschema_best keeps UseNumber)"},
		{"maximum beyond float64 precision", `{"custom_attributes": {"shoe_size": 60.0000000000000001}}`,
			map[string]bool{"profilekit": false, "jsonschema": false, "validator": true},
			"the same rounding lets 60.0000000000000001 pass max=60"},
	}
	if _, err := os.Stat("/usr/share/zoneinfo/localtime"); err == nil {
		cases = append(cases, struct {
			name, doc string
			want      map[string]bool
			why       string
		}{"zone localtime", `{"zoneinfo": "localtime"}`,
			map[string]bool{"profilekit": false, "jsonschema": true, "validator": true},
			"time.LoadLocation opens /usr/share/zoneinfo/localtime, which is not a zone name; profilekit checks the compiled-in tz list"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A best-configured engine gives its plain counterpart's verdict: it changes how
			// the work is done, never what is accepted.
			c.want["profilekit_nochanges"] = c.want["profilekit"]
			c.want["jsonschema_best"] = c.want["jsonschema"]
			c.want["validator_best"] = c.want["validator"]
			assert.Equal(t, c.want, verdicts(t, es, c.doc), c.why)
		})
	}
}

// TestKnownFormatLeniency compares single values where the pipeline cannot show the
// difference (phone_number is identity-coupled, so any number the user does not own is
// rejected by every engine before its format matters): profilekit's normalizer, the
// jsonschema engine's format checker, and validator's built-in tag.
func TestKnownFormatLeniency(t *testing.T) {
	v := validator.New()
	cases := []struct {
		value, tag string
		pk, js     func(string) error
		want       [3]bool // profilekit, jsonschema, validator accept
		why        string
	}{
		{"14155552671", "e164", errOnly(normalizeClaim(stdattr.AttrPhoneNumber)), checkPhone, [3]bool{false, false, true},
			"validator's e164 is the regexp ^\\+?[1-9]\\d{7,14}$: the + is optional"},
		{"+1415555267", "e164", errOnly(normalizeClaim(stdattr.AttrPhoneNumber)), checkPhone, [3]bool{false, false, true},
			"e164 checks the shape only; libphonenumber knows +1 415 555 267 is too short"},
		{"+999123456789", "e164", errOnly(normalizeClaim(stdattr.AttrPhoneNumber)), checkPhone, [3]bool{false, false, true},
			"there is no country calling code 999"},
		{"und", "bcp47_language_tag", errOnly(normalizeClaim(stdattr.AttrLocale)), checkLocale, [3]bool{false, false, true},
			"language.Parse accepts the undetermined language"},
		{"en-ZZ", "bcp47_language_tag", errOnly(normalizeClaim(stdattr.AttrLocale)), checkLocale, [3]bool{false, true, true},
			"language.Parse accepts region ZZ (unknown region)"},
	}
	for _, z := range []struct{ name, why string }{
		{"localtime", "time.LoadLocation opens /usr/share/zoneinfo/localtime, a machine-specific file, not a zone name"},
		{"posixrules", "a file of the tz directory, not a zone name"},
		{"Factory", "the tz database's placeholder zone, not a place"},
		{"right/UTC", "Debian's leap-second variant of the tz files"},
		{"posix/Europe/Paris", "Debian's copy of the tz files under posix/"},
		{"Europe/./Paris", "LoadLocation joins the name to the tz directory, so a path spelling opens the same file"},
	} {
		if _, err := os.Stat("/usr/share/zoneinfo/" + z.name); err != nil {
			continue // the answer depends on the machine's tz files
		}
		cases = append(cases, struct {
			value, tag string
			pk, js     func(string) error
			want       [3]bool
			why        string
		}{z.name, "timezone", errOnly(normalizeClaim(stdattr.AttrZoneinfo)), checkZoneinfo, [3]bool{false, true, true}, z.why})
	}
	for _, c := range cases {
		t.Run(c.tag+"/"+strings.ReplaceAll(c.value, "/", "_"), func(t *testing.T) {
			got := [3]bool{c.pk(c.value) == nil, c.js(c.value) == nil, v.Var(c.value, c.tag) == nil}
			assert.Equal(t, c.want, got, c.why)
		})
	}
}

func errOnly(f func(string) (string, error)) func(string) error {
	return func(s string) error {
		_, err := f(s)
		return err
	}
}

// normalizeClaim is stdattr's check of claim a with the default options.
func normalizeClaim(a stdattr.Attr) func(string) (string, error) {
	return func(s string) (string, error) {
		var n stdattr.Normalizer
		return n.Normalize(a, s)
	}
}
