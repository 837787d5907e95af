package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/profilekit/profilekit/customattr"
)

// browser is a client of the settings page that keeps the session cookie, as a browser does.
type browser struct {
	s      *server
	cookie *http.Cookie // the session cookie, once a page has set it
}

// do sends one request with the session cookie and keeps the cookie the answer sets.
func (b *browser) do(method, target, body string, header ...string) *httptest.ResponseRecorder {
	if b.cookie != nil {
		header = append(header, "Cookie", b.cookie.Name+"="+b.cookie.Value)
	}
	w := call(b.s, method, target, body, header...)
	for _, c := range w.Result().Cookies() {
		b.cookie = c
	}
	return w
}

// postForm POSTs form to target as the browser's form submission.
func (b *browser) postForm(target string, form url.Values, header ...string) *httptest.ResponseRecorder {
	return b.do("POST", target, form.Encode(), append(header, "Content-Type", "application/x-www-form-urlencoded")...)
}

func getSettings(t *testing.T, b *browser, user string) *html.Node {
	t.Helper()
	w := b.do("GET", "/settings?user="+user, "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
	require.NotNil(t, b.cookie, "the page starts a session")
	return parseHTML(t, w.Body.String())
}

func postSettings(b *browser, user string, form url.Values) *http.Response {
	return b.postForm("/settings?user="+user, form).Result()
}

func TestSettingsPage(t *testing.T) {
	s := newTestServer(t, "")
	doc := getSettings(t, &browser{s: s}, "alice")

	// Editable attributes: inputs named by JSON pointer, holding the stored value.
	for name, value := range map[string]string{
		"/given_name": "Alice", "/family_name": "Liddell", "/email": "alice@example.com",
		"/birthdate": "1990-04-01", "/phone_number": "+14155552671", "/website": "https://example.com/alice",
		"/custom_attributes/shoe_size": "38", "/custom_attributes/tickets": "3",
		"/address/locality": "Oxford", "/address/postal_code": "OX1 1AA", "/address/country": "GB",
		"/address/street_address": "1 Rabbit Hole Lane", "/address/region": "", "/picture": "",
	} {
		c := control(doc, name)
		require.NotNil(t, c, "no input %s", name)
		assert.Equal(t, value, controlValue(c), name)
		assert.False(t, disabled(c), "%s is editable", name)
		label := find(doc, hasAttr("for", mustAttr(t, c, "id")))
		assert.NotNil(t, label, "%s has a label", name)
	}
	assert.Equal(t, "textarea", control(doc, "/address/street_address").Data)

	// The controls of the claims with a closed set of values (settings_controls_test.go has
	// the details): selects of the user's own identities, of zones, of languages, of
	// countries; gender with its "other" text; birthdate as a date and the part kept.
	for name, want := range map[string]string{
		"/email": "select", "/phone_number": "select", "/zoneinfo": "select", "/locale": "select",
		"/address/country": "select", "/custom_attributes/office_country": "select", "/gender": "select",
		"/birthdate": "input", formGenderOther: "input", formBirthdatePart: "select",
	} {
		c := control(doc, name)
		require.NotNil(t, c, name)
		assert.Equal(t, want, c.Data, name)
		assert.NotNil(t, find(doc, hasAttr("for", mustAttr(t, c, "id"))), "%s has a label", name)
	}
	assert.Equal(t, "date", mustAttr(t, control(doc, "/birthdate"), "type"))
	for name, want := range map[string]string{
		"/zoneinfo": "Europe/London", "/locale": "en-GB", "/custom_attributes/office_country": "",
		"/gender": "", formGenderOther: "", formBirthdatePart: "full",
	} {
		assert.Equal(t, want, controlValue(control(doc, name)), name)
	}

	// Required: an asterisk in the label (hidden from screen readers, which hear the
	// required attribute instead) and a note saying what it means.
	given := control(doc, "/given_name")
	_, req := attr(given, "required")
	assert.True(t, req, "given_name is required for the end user in the demo config")
	assert.Equal(t, "Given Name *", textOf(find(doc, hasAttr("for", "f-given_name"))))
	_, req = attr(control(doc, "/family_name"), "required")
	assert.False(t, req)
	assert.NotNil(t, find(doc, hasAttr("id", "required-note")))

	// Read-only attributes are shown, disabled.
	for name, value := range map[string]string{"/preferred_username": "alice", "/custom_attributes/employee_id": "E000123"} {
		c := control(doc, name)
		require.NotNil(t, c, name)
		assert.True(t, disabled(c), "%s is read-only", name)
		assert.Equal(t, value, controlValue(c))
	}

	// Hidden attributes are absent, values included.
	for _, name := range []string{"/name", "/middle_name", "/nickname", "/profile", "/custom_attributes/risk_score"} {
		assert.Nil(t, control(doc, name), "%s is hidden from the end user", name)
	}
	assert.NotContains(t, textOf(doc), "Risk")

	// An enum custom attribute is a select with the option labels and an empty choice.
	sel := control(doc, "/custom_attributes/department")
	require.NotNil(t, sel)
	require.Equal(t, "select", sel.Data)
	var opts []string
	for _, o := range findAll(sel, func(n *html.Node) bool { return n.Data == "option" }) {
		v, _ := attr(o, "value")
		opts = append(opts, v+"="+textOf(o))
	}
	assert.Equal(t, []string{"=—", "engineering=Engineering", "customer_support=Customer Support", "sales=Sales"}, opts)
	assert.Equal(t, "engineering", controlValue(sel))

	// The form carries a CSRF token and the version; no error is shown.
	assert.NotEmpty(t, controlValue(control(doc, formCSRF)))
	assert.Equal(t, "1", controlValue(control(doc, formVersion)))
	assert.Empty(t, findAll(doc, func(n *html.Node) bool { c, _ := attr(n, "class"); return c == "error" }))

	// Unknown user and missing user.
	assert.Equal(t, http.StatusNotFound, call(s, "GET", "/settings?user=bob", "").Code)
	assert.Equal(t, http.StatusNotFound, call(s, "GET", "/settings?user=%3Cscript%3E", "").Code)
	assert.Equal(t, http.StatusBadRequest, call(s, "GET", "/settings", "").Code)
}

func mustAttr(t *testing.T, n *html.Node, key string) string {
	t.Helper()
	v, ok := attr(n, key)
	require.True(t, ok, "no attribute %s on <%s>", key, n.Data)
	return v
}

// Under the default rules the address, the name and the custom attributes are hidden from the
// end user: no address inputs at all.
func TestSettingsPageHiddenAddress(t *testing.T) {
	s := newTestServer(t, `{"user_profile": {"custom_attributes": {"attributes": [
	  {"id": "1", "pointer": "/employee_id", "type": "string"}]}}, "http": {"public_origin": "https://example.com"}}`)
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	assert.NotNil(t, control(doc, "/given_name"))
	assert.Nil(t, find(doc, hasAttr("id", "g-address")))
	for _, n := range findAll(doc, func(n *html.Node) bool { _, ok := attr(n, "name"); return ok }) {
		name, _ := attr(n, "name")
		assert.False(t, strings.HasPrefix(name, "/address"), "address input %s", name)
		assert.False(t, strings.HasPrefix(name, "/custom_attributes"), "custom input %s", name)
	}
	assert.Nil(t, control(doc, "/website"), "website is hidden by default")

	// The address exists (the Admin API seeded it) and stays after an end-user post.
	form := formValues(doc)
	form.Set("/given_name", "Alicia")
	resp := postSettings(b, "alice", form)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, "Alicia", u.Profile.GivenName)
	require.NotNil(t, u.Profile.Address)
	assert.Equal(t, "Oxford", u.Profile.Address.Locality)
}

func TestSettingsPostValid(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	form := formValues(getSettings(t, b, "alice"))
	assert.NotContains(t, form, "/preferred_username", "a disabled input is not submitted")
	form.Set("/given_name", "  Alicia ")
	form.Set("/custom_attributes/department", "customer_support")
	form.Set("/custom_attributes/shoe_size", "+38.5")
	form.Set("/address/region", "Oxfordshire")
	form.Set("/website", "") // emptied: removed
	resp := postSettings(b, "alice", form)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	assert.Equal(t, "/settings?saved=1&user=alice", resp.Header.Get("Location"))

	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, int64(2), u.Version)
	assert.Equal(t, int64(1800000000), u.UpdatedAt)
	assert.Equal(t, "Alicia", u.Profile.GivenName)
	assert.Empty(t, u.Profile.Website)
	assert.Equal(t, "Oxfordshire", u.Profile.Address.Region)
	assert.Equal(t, "Oxford", u.Profile.Address.Locality)
	assert.Equal(t, customattr.StringValue("customer_support"), u.Profile.Custom["department"])
	n, _ := u.Profile.Custom["shoe_size"].Number()
	assert.Equal(t, "38.5", string(n))
	assert.Equal(t, customattr.IntValue(12), u.Profile.Custom["risk_score"], "a hidden attribute is kept")
	assert.Equal(t, customattr.StringValue("E000123"), u.Profile.Custom["employee_id"])

	w := b.do("GET", resp.Header.Get("Location"), "")
	require.Equal(t, http.StatusOK, w.Code)
	doc := parseHTML(t, w.Body.String())
	assert.NotNil(t, find(doc, hasAttr("id", "saved")))
	assert.Equal(t, "Alicia", controlValue(control(doc, "/given_name")))
	assert.Equal(t, "customer_support", controlValue(control(doc, "/custom_attributes/department")))

	// Posting the page again unchanged writes nothing.
	resp = postSettings(b, "alice", formValues(doc))
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	u, _ = s.store.get(context.Background(), "alice")
	assert.Equal(t, int64(2), u.Version)
}

func TestSettingsPostInvalid(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	base := formValues(getSettings(t, b, "alice"))
	tests := []struct {
		name    string
		edit    map[string]string
		errors  map[string]string // field -> a substring of the message shown next to it
		general []string          // substrings of messages in the general list
	}{
		{
			name:   "impossible birthdate",
			edit:   map[string]string{"/birthdate": "1900-02-29"},
			errors: map[string]string{"/birthdate": "Birthdate is not a valid date"},
		},
		{
			name:   "an address sub-field goes next to its own input",
			edit:   map[string]string{"/address/locality": "Ox\u0007ford"},
			errors: map[string]string{"/address/locality": "character that is not allowed"},
		},
		{
			name: "every problem at once, a number the form cannot parse included",
			edit: map[string]string{"/custom_attributes/shoe_size": "1,5", "/custom_attributes/tickets": "-1",
				"/zoneinfo": "US/Pacifc", "/given_name": "Alicia"},
			errors: map[string]string{"/custom_attributes/shoe_size": "must be a number", "/custom_attributes/tickets": "must be 0 or more",
				"/zoneinfo": "not a known time zone"},
		},
		{
			name:   "an email the user does not own",
			edit:   map[string]string{"/email": "mallory@example.com"},
			errors: map[string]string{"/email": "one you have verified"},
		},
		{
			name:   "a read-only attribute forced into the post",
			edit:   map[string]string{"/custom_attributes/employee_id": "E999999"},
			errors: map[string]string{"/custom_attributes/employee_id": "You cannot change"},
		},
		{
			name:    "a hidden attribute forced into the post: no field to show it next to",
			edit:    map[string]string{"/custom_attributes/risk_score": "0"},
			general: []string{"/custom_attributes/risk_score: You cannot change Risk Score"},
		},
		{
			name:    "an unknown form field",
			edit:    map[string]string{"/shoe_size": "40"},
			general: []string{"/shoe_size: "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{}
			for k, v := range base {
				form[k] = v
			}
			for k, v := range tt.edit {
				form.Set(k, v)
			}
			w := b.postForm("/settings?user=alice", form)
			require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
			doc := parseHTML(t, w.Body.String())
			for field, want := range tt.errors {
				assert.Contains(t, errorNextTo(t, doc, field), want, field)
				if c := control(doc, field); !disabled(c) {
					assert.Equal(t, tt.edit[field], controlValue(c), "the submitted value is kept")
					assert.Equal(t, "true", mustAttr(t, c, "aria-invalid"))
				}
			}
			// No other field shows an error.
			for _, p := range findAll(doc, hasAttr("class", "error")) {
				forName, _ := attr(p, "data-error-for")
				assert.Contains(t, tt.errors, forName, "unexpected error next to %s: %s", forName, textOf(p))
			}
			summary := find(doc, hasAttr("id", "summary"))
			require.NotNil(t, summary)
			assert.Contains(t, textOf(summary), "Nothing was saved")
			problems := find(doc, hasAttr("id", "problems"))
			if len(tt.general) == 0 {
				assert.Nil(t, problems)
			} else {
				require.NotNil(t, problems)
				for _, g := range tt.general {
					assert.Contains(t, textOf(problems), g)
				}
			}
			u, err := s.store.get(context.Background(), "alice")
			require.NoError(t, err)
			assert.Equal(t, int64(1), u.Version, "nothing was written")
			assert.Equal(t, "Alice", u.Profile.GivenName)
		})
	}
}

func TestSettingsPostRefused(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	form := formValues(getSettings(t, b, "alice"))

	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set(formCSRF, s.sessionToken(b.cookie.Value, "bob"))
	assert.Equal(t, http.StatusForbidden, postSettings(b, "alice", bad).StatusCode, "a token for another user")
	bad.Del(formCSRF)
	assert.Equal(t, http.StatusForbidden, postSettings(b, "alice", bad).StatusCode, "no token")
	bad.Set(formCSRF, form.Get(formCSRF))
	bad.Del(formVersion)
	assert.Equal(t, http.StatusBadRequest, postSettings(b, "alice", bad).StatusCode, "no version")
	assert.Equal(t, http.StatusNotFound, postSettings(b, "bob", form).StatusCode)

	// The profile changed after the page was rendered: 409, nothing written; the page shows the
	// current values, notes what the stale form had, and carries the new version.
	w := call(s, "PATCH", "/admin/users/alice", `{"family_name": "Smith"}`, "Content-Type", mergePatch)
	require.Equal(t, http.StatusOK, w.Code)
	form.Set("/given_name", "Alicia")
	w = b.postForm("/settings?user=alice", form)
	require.Equal(t, http.StatusConflict, w.Code)
	doc := parseHTML(t, w.Body.String())
	assert.NotNil(t, find(doc, hasAttr("id", "conflict")))
	assert.Equal(t, "Alice", controlValue(control(doc, "/given_name")))
	assert.Equal(t, "Smith", controlValue(control(doc, "/family_name")))
	assert.Equal(t, "2", controlValue(control(doc, formVersion)))
	notes := map[string]string{}
	for _, n := range findAll(doc, hasAttr("class", "note")) {
		f, _ := attr(n, "data-note-for")
		notes[f] = textOf(n)
	}
	assert.Equal(t, map[string]string{
		"/given_name":  `Not saved: you had entered "Alicia".`,
		"/family_name": `Not saved: you had entered "Liddell".`,
	}, notes)
	u, _ := s.store.get(context.Background(), "alice")
	assert.Equal(t, "Alice", u.Profile.GivenName)
	assert.Equal(t, "Smith", u.Profile.FamilyName)

	// Redoing the edit on the fresh page saves it over the new version and keeps the other change.
	form = formValues(doc)
	form.Set("/given_name", "Alicia")
	resp := postSettings(b, "alice", form)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	u, _ = s.store.get(context.Background(), "alice")
	assert.Equal(t, "Alicia", u.Profile.GivenName)
	assert.Equal(t, "Smith", u.Profile.FamilyName)
	assert.Equal(t, int64(3), u.Version)
}

// The page speaks the user's own language: the locale claim picks the catalog of the
// library's messages (issue 12).
func TestSettingsMessagesInTheUsersLanguage(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	form := url.Values{}
	for k, v := range formValues(getSettings(t, b, "alice")) {
		form[k] = v
	}
	form.Set("/locale", "de")
	w := b.postForm("/settings?user=alice", form)
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())

	form = url.Values{}
	for k, v := range formValues(getSettings(t, b, "alice")) {
		form[k] = v
	}
	form.Set("/birthdate", "1900-02-29")
	w = b.postForm("/settings?user=alice", form)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	doc := parseHTML(t, w.Body.String())
	assert.Contains(t, errorNextTo(t, doc, "/birthdate"), "enthält kein gültiges Datum")
}

// Boolean and date custom attributes get a checkbox and a date input; a multi-valued boolean
// is a list of text inputs with the choices in its hint.
func TestDescribeCustomBooleanDate(t *testing.T) {
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "1", Pointer: "/newsletter", Type: customattr.Boolean},
		{ID: "2", Pointer: "/start_date", Type: customattr.Date, Minimum: "2000-01-01"},
		{ID: "3", Pointer: "/answers", Type: customattr.Boolean, Multiple: true},
	}, customattr.Options{})
	require.NoError(t, err)
	newsletter, _ := s.Lookup("newsletter")
	start, _ := s.Lookup("start_date")
	answers, _ := s.Lookup("answers")

	for v, checked := range map[customattr.Value]bool{
		customattr.BoolValue(true): true, customattr.BoolValue(false): false, {}: false,
	} {
		ff := &formField{Type: "text", Value: customText(v)}
		describeCustom(ff, newsletter)
		assert.Equal(t, controlCheckbox, ff.Control, "%v", v)
		assert.Equal(t, "checkbox", ff.Type)
		assert.Equal(t, checked, ff.Checked(), "%v", v)
		assert.Nil(t, ff.Options)
	}
	for v, want := range map[string]bool{"true": true, "TRUE": true, "on": true, "false": false, "off": false, "": false, "yes": false} {
		assert.Equal(t, want, checkedValue(v), "%q", v)
	}

	ff := &formField{Type: "text"}
	describeCustom(ff, answers)
	assert.Equal(t, controlList, ff.Control)
	assert.Equal(t, "text", ff.Type)
	assert.Contains(t, ff.Hint, "Each one of: true, false.")

	ff = &formField{Type: "text", Value: customText(customattr.StringValue("2020-02-29"))}
	describeCustom(ff, start)
	assert.Equal(t, "date", ff.Type)
	assert.Equal(t, "2020-02-29", ff.Value)
	assert.Equal(t, "YYYY-MM-DD, at least 2000-01-01", ff.Placeholder)
	assert.Nil(t, ff.Options)
}

func TestDescribeCustomMultiple(t *testing.T) {
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "1", Pointer: "/lucky", Type: customattr.Integer, Multiple: true},
		{ID: "2", Pointer: "/langs", Type: customattr.Enum, Enum: []string{"en", "de"}, Multiple: true},
	}, customattr.Options{})
	require.NoError(t, err)
	lucky, _ := s.Lookup("lucky")
	v, err := lucky.Check(customattr.ListValue(customattr.IntValue(7), customattr.IntValue(13)))
	require.NoError(t, err)
	ff := &formField{Name: "/custom_attributes/lucky", ID: "f-lucky", Label: "Lucky", Type: "text"}
	describeCustom(ff, lucky)
	assert.Equal(t, controlList, ff.Control)
	assert.Equal(t, "numeric", ff.InputMode, "each input as the single value's")
	ff.setList(strings.Split(customText(v), "\n"))
	assert.Equal(t, []listElem{
		{Name: "/custom_attributes/lucky/0", ID: "f-lucky", Value: "7"},
		{Name: "/custom_attributes/lucky/1", ID: "f-lucky-1", Label: "Lucky, value 2", Value: "13"},
		{Name: "/custom_attributes/lucky/2", ID: "f-lucky-2", Label: "Lucky, value 3"},
	}, ff.Elems, "one input an element and an empty one to add")

	langs, _ := s.Lookup("langs")
	ff = &formField{Type: "text"}
	describeCustom(ff, langs)
	assert.Equal(t, controlList, ff.Control)
	assert.Nil(t, ff.Options)
	assert.Contains(t, ff.Hint, "Each one of: en, de.")
}

func TestSettingsPageMultiple(t *testing.T) {
	var cfg map[string]any
	require.NoError(t, json.Unmarshal(demoConfig, &cfg))
	custom := cfg["user_profile"].(map[string]any)["custom_attributes"].(map[string]any)
	custom["attributes"] = append(custom["attributes"].([]any), map[string]any{
		"id": "0099", "pointer": "/lucky", "type": "integer", "maximum": 99, "multiple": true, "unique_items": true,
		"access_control": map[string]any{"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}})
	raw, err := json.Marshal(cfg)
	require.NoError(t, err)
	s := newTestServer(t, string(raw))
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	first := control(doc, "/custom_attributes/lucky/0")
	require.NotNil(t, first, "an empty input to add the first value")
	assert.NotNil(t, find(doc, hasAttr("for", mustAttr(t, first, "id"))), "the first input has the label")
	assert.Nil(t, control(doc, "/custom_attributes/lucky/1"))

	form := formValues(doc)
	form.Set("/custom_attributes/lucky/0", "7")
	resp := postSettings(b, "alice", form)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, customattr.ListValue(customattr.IntValue(7)), u.Profile.Custom["lucky"])

	// Now two inputs: the value and an empty one. A repeat is shown at the list, with what
	// was typed kept.
	doc = getSettings(t, b, "alice")
	assert.Equal(t, "7", controlValue(control(doc, "/custom_attributes/lucky/0")))
	form = formValues(doc)
	form.Set("/custom_attributes/lucky/1", "7")
	w := b.postForm("/settings?user=alice", form)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	doc = parseHTML(t, w.Body.String())
	assert.Equal(t, "7", controlValue(control(doc, "/custom_attributes/lucky/1")), "what was typed is kept")
	errp := find(doc, hasAttr("data-error-for", "/custom_attributes/lucky"))
	require.NotNil(t, errp, "the cause at /custom_attributes/lucky/1 is shown at the list")

	// Emptying every input removes the list.
	form.Set("/custom_attributes/lucky/0", "")
	form.Set("/custom_attributes/lucky/1", "")
	resp = postSettings(b, "alice", form)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	u, _ = s.store.get(context.Background(), "alice")
	_, has := u.Profile.Custom["lucky"]
	assert.False(t, has)
}

func TestSettingsPageVariants(t *testing.T) {
	s := newTestServer(t, "")
	w := call(s, "PATCH", "/admin/users/alice", `{"family_name#ja-kana-jp": "リデル", "family_name#ja-Hani-JP": "理出流",
	  "website#de": "https://example.com/alice/de"}`,
		"Content-Type", mergePatch, "If-Match", `*`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")

	// Shown right after their claim, in their language, editable like it.
	var names []string
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Data == "input" || n.Data == "select" || n.Data == "textarea" }) {
		if v, ok := attr(n, "name"); ok && (strings.HasPrefix(v, "/family_name") || v == "/given_name") {
			names = append(names, v)
		}
	}
	require.Contains(t, names, "/family_name")
	i := slices.Index(names, "/family_name")
	require.Greater(t, len(names), i+2, "%v", names)
	assert.Equal(t, []string{"/family_name#ja-Hani-JP", "/family_name#ja-Kana-JP"}, names[i+1:i+3])
	kana := control(doc, "/family_name#ja-Kana-JP")
	assert.Equal(t, "リデル", controlValue(kana))
	assert.Equal(t, "ja-Kana-JP", mustAttr(t, kana, "lang"))
	assert.False(t, disabled(kana))
	assert.NotNil(t, find(doc, hasAttr("for", mustAttr(t, kana, "id"))), "it has a label")
	assert.Equal(t, "text", mustAttr(t, kana, "type"))
	assert.Equal(t, "url", mustAttr(t, control(doc, "/website#de"), "type"), "a URL claim's variant is a URL input")

	// Editing one and emptying the other through the page.
	form := formValues(doc)
	form.Set("/family_name#ja-Kana-JP", "リドル")
	form.Set("/family_name#ja-Hani-JP", "")
	form.Set("/website#de", "")
	resp := postSettings(b, "alice", form)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"family_name#ja-Kana-JP": "リドル",
		"address/locality#ja-Kana-JP": "オックスフォード", "custom_attributes/job_title#ja": "エンジニア"}, u.Profile.Variants,
		"the seeded variants of the address and job_title are kept")
}

// controlNames lists the names of the controls under n in document order.
func controlNames(n *html.Node) []string {
	var names []string
	for _, n := range findAll(n, func(n *html.Node) bool { return n.Data == "input" || n.Data == "select" || n.Data == "textarea" }) {
		if v, ok := attr(n, "name"); ok {
			names = append(names, v)
		}
	}
	return names
}

// Variants of an address sub-field are inside the address fieldset right after that
// sub-field; a custom string attribute's right after it (the demo seeds
// address/locality#ja-Kana-JP and custom_attributes/job_title#ja). Each is named by its
// pointer, in its language, and edited, emptied and refused like its attribute.
func TestSettingsPageNestedVariants(t *testing.T) {
	const (
		locality = "/address/locality#ja-Kana-JP"
		jobTitle = "/custom_attributes/job_title#ja"
	)
	s := newTestServer(t, "")
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")

	fieldset := find(doc, hasAttr("id", "g-address"))
	require.NotNil(t, fieldset)
	inAddr := controlNames(fieldset)
	i := slices.Index(inAddr, "/address/locality")
	require.GreaterOrEqual(t, i, 0, "%v", inAddr)
	require.Greater(t, len(inAddr), i+1)
	assert.Equal(t, locality, inAddr[i+1], "in the address fieldset, right after the city")
	all := controlNames(doc)
	i = slices.Index(all, "/custom_attributes/job_title")
	require.GreaterOrEqual(t, i, 0, "%v", all)
	require.Greater(t, len(all), i+1)
	assert.Equal(t, jobTitle, all[i+1], "right after its attribute")

	for name, want := range map[string]struct{ value, lang, label string }{
		locality: {"オックスフォード", "ja-Kana-JP", "City (ja-Kana-JP)"},
		jobTitle: {"エンジニア", "ja", "Job Title (ja)"},
	} {
		c := control(doc, name)
		require.NotNil(t, c, name)
		assert.Equal(t, "input", c.Data, name)
		assert.Equal(t, want.value, controlValue(c), name)
		assert.Equal(t, want.lang, mustAttr(t, c, "lang"), name)
		assert.False(t, disabled(c), "%s is editable", name)
		label := find(doc, hasAttr("for", mustAttr(t, c, "id")))
		require.NotNil(t, label, "%s has a label", name)
		assert.Equal(t, want.label, textOf(label), name)
	}

	// Edited through the page: the form keys are the variants' pointers.
	resp := postEdit(t, b, map[string]string{locality: "オクスフォド", jobTitle: "技術者"})
	require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"address/locality#ja-Kana-JP": "オクスフォド", "custom_attributes/job_title#ja": "技術者"}, u.Profile.Variants)
	assert.Equal(t, "Oxford", u.Profile.Address.Locality, "the sub-field itself is kept")
	assert.Equal(t, customattr.StringValue("Engineer"), u.Profile.Custom["job_title"])
	doc = getSettings(t, b, "alice")
	assert.Equal(t, "技術者", controlValue(control(doc, jobTitle)))

	// A variant takes its attribute's rules (job_title: at most 100 characters): the error is
	// next to the variant's input, which keeps what was typed; nothing is saved.
	long := strings.Repeat("長", 101)
	w := postEdit(t, b, map[string]string{jobTitle: long})
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	doc = parseHTML(t, w.Body.String())
	assert.NotEmpty(t, errorNextTo(t, doc, jobTitle))
	assert.Equal(t, long, controlValue(control(doc, jobTitle)))
	assert.Equal(t, "true", mustAttr(t, control(doc, jobTitle), "aria-invalid"))

	// Emptied: the variant is removed, its attribute kept.
	resp = postEdit(t, b, map[string]string{jobTitle: "", locality: ""})
	require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
	u, _ = s.store.get(context.Background(), "alice")
	assert.Empty(t, u.Profile.Variants)
	assert.Equal(t, customattr.StringValue("Engineer"), u.Profile.Custom["job_title"])
	doc = getSettings(t, b, "alice")
	assert.Nil(t, control(doc, jobTitle))
	assert.Nil(t, control(doc, locality))
}

// A variant of an attribute the end user may only read is shown, disabled, and not posted.
func TestSettingsPageNestedVariantsReadOnly(t *testing.T) {
	cfg := strings.Replace(string(demoConfig),
		`{"pointer": "/address", "access_control": {"end_user": "readwrite"`, `{"pointer": "/address", "access_control": {"end_user": "readonly"`, 1)
	cfg = strings.Replace(cfg, `"pointer": "/job_title", "type": "string", "max_length": 100,
         "access_control": {"end_user": "readwrite"`, `"pointer": "/job_title", "type": "string", "max_length": 100,
         "access_control": {"end_user": "readonly"`, 1)
	require.Equal(t, 2, strings.Count(string(demoConfig), `"end_user": "readwrite"`)-strings.Count(cfg, `"end_user": "readwrite"`),
		"both rules edited")
	s := newTestServer(t, cfg)
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	for _, name := range []string{"/address/locality#ja-Kana-JP", "/custom_attributes/job_title#ja"} {
		c := control(doc, name)
		require.NotNil(t, c, name)
		assert.True(t, disabled(c), "%s is read-only", name)
	}
	form := formValues(doc)
	for k := range form {
		assert.NotContains(t, k, "#", "a read-only variant is not posted")
	}
	resp := postSettings(b, "alice", form)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	u, _ := s.store.get(context.Background(), "alice")
	assert.Len(t, u.Profile.Variants, 2)
}
