package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/profilekit/profilekit/stdattr"
)

// The form parsing of the paired controls: gender (select + "other" text) and birthdate (date
// input + part kept) become one attribute each; the second controls never reach ApplyForm.
func TestParseSettingsForm(t *testing.T) {
	tests := []struct {
		name     string
		posted   map[string]string
		want     map[string]string // the form for ApplyForm
		problems map[string]string // pointer -> a substring of the problem
	}{
		{name: "gender female: the other text is ignored",
			posted: map[string]string{"/gender": "female", formGenderOther: "ignored"},
			want:   map[string]string{"/gender": "female"}},
		{name: "gender other with text",
			posted: map[string]string{"/gender": "other", formGenderOther: "non-binary"},
			want:   map[string]string{"/gender": "non-binary"}},
		{name: "gender other with its text as typed (the library trims)",
			posted: map[string]string{"/gender": "other", formGenderOther: "  genderqueer "},
			want:   map[string]string{"/gender": "  genderqueer "}},
		{name: "gender other with blank text is other",
			posted: map[string]string{"/gender": "other", formGenderOther: "  "},
			want:   map[string]string{"/gender": "other"}},
		{name: "gender other without its text field",
			posted: map[string]string{"/gender": "other"},
			want:   map[string]string{"/gender": "other"}},
		{name: "gender emptied: removed, whatever the text says",
			posted: map[string]string{"/gender": "", formGenderOther: "x"},
			want:   map[string]string{"/gender": ""}},
		{name: "a gender value the select does not have is passed on (a client posting the claim)",
			posted: map[string]string{"/gender": "nonbinary"},
			want:   map[string]string{"/gender": "nonbinary"}},
		{name: "gender other text without the gender select (gender not on the page): dropped",
			posted: map[string]string{formGenderOther: "x", "/given_name": "Alice"},
			want:   map[string]string{"/given_name": "Alice"}},

		{name: "full birthdate",
			posted: map[string]string{"/birthdate": "1990-04-01", formBirthdatePart: "full"},
			want:   map[string]string{"/birthdate": "1990-04-01"}},
		{name: "birthdate with the year withheld",
			posted: map[string]string{"/birthdate": "1985-07-14", formBirthdatePart: "month-day"},
			want:   map[string]string{"/birthdate": "0000-07-14"}},
		{name: "29 February with the year withheld",
			posted: map[string]string{"/birthdate": "2000-02-29", formBirthdatePart: "month-day"},
			want:   map[string]string{"/birthdate": "0000-02-29"}},
		{name: "birthdate year only",
			posted: map[string]string{"/birthdate": "1985-07-14", formBirthdatePart: "year"},
			want:   map[string]string{"/birthdate": "1985"}},
		{name: "birthdate emptied with the full date: removed",
			posted: map[string]string{"/birthdate": "", formBirthdatePart: "full"},
			want:   map[string]string{"/birthdate": ""}},
		{name: "without the part select the date is the claim (a client posting 0000-MM-DD or YYYY)",
			posted: map[string]string{"/birthdate": "0000-04-01"},
			want:   map[string]string{"/birthdate": "0000-04-01"}},
		{name: "a year typed with year only is the year",
			posted: map[string]string{"/birthdate": "1985", formBirthdatePart: "year"},
			want:   map[string]string{"/birthdate": "1985"}},
		{name: "an impossible date is passed on for the library to refuse",
			posted: map[string]string{"/birthdate": "1900-02-29", formBirthdatePart: "month-day"},
			want:   map[string]string{"/birthdate": "0000-02-29"}},
		{name: "not a date under a partial part: passed on unchanged",
			posted: map[string]string{"/birthdate": "14/07/1985", formBirthdatePart: "year"},
			want:   map[string]string{"/birthdate": "14/07/1985"}},
		{name: "year withheld with no date: a problem, the birthdate left out (not removed)",
			posted:   map[string]string{"/birthdate": "", formBirthdatePart: "month-day", "/given_name": "Alice"},
			want:     map[string]string{"/given_name": "Alice"},
			problems: map[string]string{"/birthdate": "any year will do"}},
		{name: "year only with no date: a problem",
			posted:   map[string]string{"/birthdate": " ", formBirthdatePart: "year"},
			want:     map[string]string{},
			problems: map[string]string{"/birthdate": "any day will do"}},
		{name: "an unknown part: a problem",
			posted:   map[string]string{"/birthdate": "1990-04-01", formBirthdatePart: "decade"},
			want:     map[string]string{},
			problems: map[string]string{"/birthdate": "Choose which part"}},
		{name: "a part without the date input: dropped",
			posted: map[string]string{formBirthdatePart: "year"},
			want:   map[string]string{}},

		{name: "other keys pass through, unknown ones too (ApplyForm reports them)",
			posted: map[string]string{"/zoneinfo": "Europe/Paris", "/shoe_size": "40"},
			want:   map[string]string{"/zoneinfo": "Europe/Paris", "/shoe_size": "40"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form, problems := parseSettingsForm(tt.posted)
			assert.Equal(t, tt.want, form)
			require.Len(t, problems, len(tt.problems))
			for k, want := range tt.problems {
				assert.Contains(t, problems[k], want, k)
			}
		})
	}
}

// Stored values are shown back in the paired controls so that posting the page unchanged
// keeps them.
func TestBirthdateAndGenderControls(t *testing.T) {
	tests := []struct {
		stored, date, part, words string
	}{
		{"1990-04-01", "1990-04-01", partFull, "1 April 1990"},
		{"0000-04-01", "2000-04-01", partMonthDay, "1 April (year not shared)"},
		{"0000-02-29", "2000-02-29", partMonthDay, "29 February (year not shared)"},
		{"1990", "1990-01-01", partYear, "1990 (year only)"},
		{"", "", partFull, "no birthdate"},
	}
	for _, tt := range tests {
		date, part := birthdateControls(tt.stored)
		assert.Equal(t, tt.date, date, tt.stored)
		assert.Equal(t, tt.part, part, tt.stored)
		assert.Equal(t, tt.words, birthdateWords(tt.stored))
		back, problem := composeBirthdate(date, part)
		assert.Empty(t, problem)
		assert.Equal(t, tt.stored, back, "round trip of %q", tt.stored)
	}
	for _, g := range []string{"", "female", "male", "other", "non-binary", "Male"} {
		choice, other := genderControls(g)
		assert.Equal(t, g, composeGender(choice, other), "round trip of %q", g)
	}
}

// optionValues lists the options of a select as value=label, and the selected one.
func optionValues(sel *html.Node) (opts []string, selected string) {
	for _, o := range findAll(sel, func(n *html.Node) bool { return n.Data == "option" }) {
		v, _ := attr(o, "value")
		opts = append(opts, v+"="+textOf(o))
		if _, ok := attr(o, "selected"); ok {
			selected = v
		}
	}
	return opts, selected
}

// postEdit posts alice's page, as rendered now in b, with edits.
func postEdit(t *testing.T, b *browser, edit map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	form := formValues(getSettings(t, b, "alice"))
	for k, v := range edit {
		form.Set(k, v)
	}
	return b.postForm("/settings?user=alice", form)
}

// Gender "other" and the partial birthdates through the page: saved, shown back in their
// controls, and kept by a post of the unchanged page.
func TestSettingsPostPairedControls(t *testing.T) {
	tests := []struct {
		name                    string
		edit                    map[string]string
		gender, birthdate       string // stored
		choice, other           string // shown back
		date, part, hintContent string
	}{
		{name: "gender other with text, year withheld",
			edit:   map[string]string{"/gender": "other", formGenderOther: "non-binary", "/birthdate": "1985-07-14", formBirthdatePart: partMonthDay},
			gender: "non-binary", birthdate: "0000-07-14",
			choice: "other", other: "non-binary", date: "2000-07-14", part: partMonthDay, hintContent: "14 July (year not shared)"},
		{name: "gender other left blank, year only",
			edit:   map[string]string{"/gender": "other", formGenderOther: "", "/birthdate": "1985-07-14", formBirthdatePart: partYear},
			gender: "other", birthdate: "1985",
			choice: "other", other: "", date: "1985-01-01", part: partYear, hintContent: "1985 (year only)"},
		{name: "gender male, text ignored; full date",
			edit:   map[string]string{"/gender": "male", formGenderOther: "ignored", "/birthdate": "1985-07-14", formBirthdatePart: partFull},
			gender: "male", birthdate: "1985-07-14",
			choice: "male", other: "", date: "1985-07-14", part: partFull, hintContent: "14 July 1985"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, "")
			b := &browser{s: s}
			resp := postEdit(t, b, tt.edit)
			require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
			u, err := s.store.get(context.Background(), "alice")
			require.NoError(t, err)
			assert.Equal(t, tt.gender, u.Profile.Gender)
			assert.Equal(t, tt.birthdate, u.Profile.Birthdate)
			assert.Equal(t, int64(2), u.Version)

			doc := getSettings(t, b, "alice")
			assert.Equal(t, tt.choice, controlValue(control(doc, "/gender")))
			assert.Equal(t, tt.other, controlValue(control(doc, formGenderOther)))
			assert.Equal(t, tt.date, controlValue(control(doc, "/birthdate")))
			assert.Equal(t, tt.part, controlValue(control(doc, formBirthdatePart)))
			assert.Contains(t, textOf(find(doc, hasAttr("id", "f-birthdate-hint"))), tt.hintContent)

			resp = postEdit(t, b, nil)
			require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
			u, _ = s.store.get(context.Background(), "alice")
			assert.Equal(t, int64(2), u.Version, "the unchanged page writes nothing")
			assert.Equal(t, tt.birthdate, u.Profile.Birthdate)
		})
	}
}

// A partial birthdate chosen with an empty date (what a browser sends for an incomplete date)
// is a problem next to the birthdate, reported with the library's problems, and nothing is
// saved: the birthdate is not removed.
func TestSettingsPostPartialBirthdateWithoutDate(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	resp := postEdit(t, b, map[string]string{"/birthdate": "", formBirthdatePart: partYear,
		"/custom_attributes/tickets": "-1", "/gender": "other", formGenderOther: "agender"})
	require.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
	doc := parseHTML(t, resp.Body.String())
	assert.Contains(t, errorNextTo(t, doc, "/birthdate"), "Pick a full date")
	assert.Contains(t, errorNextTo(t, doc, "/custom_attributes/tickets"), "must be 0 or more")
	assert.Contains(t, textOf(find(doc, hasAttr("id", "summary"))), "2 problems")
	date := control(doc, "/birthdate")
	assert.Equal(t, "true", mustAttr(t, date, "aria-invalid"))
	assert.Equal(t, "f-birthdate-hint f-birthdate-error", mustAttr(t, date, "aria-describedby"))
	// What was chosen and typed is kept for correction.
	assert.Equal(t, partYear, controlValue(control(doc, formBirthdatePart)))
	assert.Equal(t, "", controlValue(date))
	assert.Equal(t, "other", controlValue(control(doc, "/gender")))
	assert.Equal(t, "agender", controlValue(control(doc, formGenderOther)))
	u, _ := s.store.get(context.Background(), "alice")
	assert.Equal(t, int64(1), u.Version)
	assert.Equal(t, "1990-04-01", u.Profile.Birthdate)
	assert.Empty(t, u.Profile.Gender)
}

// An error of gender marks the control that holds the value: the text field when "other" is
// chosen.
func TestSettingsGenderOtherError(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	resp := postEdit(t, b, map[string]string{"/gender": "other", formGenderOther: "a\u0007b"})
	require.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
	doc := parseHTML(t, resp.Body.String())
	assert.NotEmpty(t, errorNextTo(t, doc, "/gender"))
	other := control(doc, formGenderOther)
	assert.Equal(t, "true", mustAttr(t, other, "aria-invalid"))
	assert.Contains(t, mustAttr(t, other, "aria-describedby"), "f-gender-error")
	_, invalid := attr(control(doc, "/gender"), "aria-invalid")
	assert.False(t, invalid, "the select is fine: other is a valid choice")
}

// The time zone select: canonical zones in optgroups by region, the compiled tz list; a stored
// alias selects its zone's option, which carries the alias so that saving keeps it.
func TestSettingsZoneSelect(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	sel := control(doc, "/zoneinfo")
	require.Equal(t, "select", sel.Data)
	var groups []string
	for _, g := range findAll(sel, func(n *html.Node) bool { return n.Data == "optgroup" }) {
		l, _ := attr(g, "label")
		groups = append(groups, l)
	}
	assert.Equal(t, []string{"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "Etc", "Other"}, groups)
	london := find(sel, hasAttr("value", "Europe/London"))
	require.NotNil(t, london)
	assert.Equal(t, "Europe", mustAttr(t, london.Parent, "label"))
	assert.Equal(t, "London", textOf(london))
	_, selected := attr(london, "selected")
	assert.True(t, selected)
	opts, _ := optionValues(sel)
	assert.Equal(t, "=—", opts[0], "an empty choice removes the zone")
	for _, o := range opts[1:] {
		v, _, _ := strings.Cut(o, "=")
		canonical, ok := stdattr.CanonicalZone(v)
		assert.True(t, ok && canonical == v, "%s is a canonical zone", v)
	}
	assert.Contains(t, opts, "America/Argentina/Buenos_Aires=Argentina/Buenos Aires")
	assert.Contains(t, opts, "Etc/GMT+5=UTC−05:00 (GMT+5)", "Etc names have the sign reversed")
	assert.NotContains(t, opts, "US/Pacific=US/Pacific", "links are not listed")

	w := call(s, "PATCH", "/admin/users/alice", `{"zoneinfo": "US/Pacific"}`, "Content-Type", mergePatch)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	doc = getSettings(t, b, "alice")
	sel = control(doc, "/zoneinfo")
	assert.Equal(t, "US/Pacific", controlValue(sel))
	la := find(sel, hasAttr("value", "US/Pacific"))
	require.NotNil(t, la)
	assert.Equal(t, "America", mustAttr(t, la.Parent, "label"), "the alias is selected where its zone is")
	assert.Equal(t, "Los Angeles (US/Pacific)", textOf(la))
	assert.Nil(t, find(sel, hasAttr("value", "America/Los_Angeles")), "the zone's option stands for the alias")
	resp := postEdit(t, b, nil)
	require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
	u, _ := s.store.get(context.Background(), "alice")
	assert.Equal(t, "US/Pacific", u.Profile.Zoneinfo, "saving the page unchanged keeps the alias")
	assert.Equal(t, int64(2), u.Version)

	resp = postEdit(t, b, map[string]string{"/zoneinfo": "Asia/Tokyo"})
	require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
	u, _ = s.store.get(context.Background(), "alice")
	assert.Equal(t, "Asia/Tokyo", u.Profile.Zoneinfo)
}

// The locale select: without supported_languages, the message catalogs' languages and common
// ones, named in their own language and marked with it; with them, exactly those (normalized),
// and a current locale outside them kept as an extra option.
func TestSettingsLocaleSelect(t *testing.T) {
	s := newTestServer(t, "")
	doc := getSettings(t, &browser{s: s}, "alice")
	sel := control(doc, "/locale")
	opts, selected := optionValues(sel)
	assert.Equal(t, "en-GB", selected)
	for _, want := range []string{"=—", "de=Deutsch", "en-GB=British English", "es=español", "fr=français", "ja=日本語",
		"zh-Hant=繁體中文", "pt-BR=português (Brasil)"} {
		assert.Contains(t, opts, want)
	}
	assert.Equal(t, "ja", mustAttr(t, find(sel, hasAttr("value", "ja")), "lang"))

	s = newTestServer(t, `{"user_profile": {"supported_languages": ["en", "ja", "pt_br"],
	  "standard_attributes": {"access_control": [{"pointer": "/address", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}}`)
	b := &browser{s: s}
	doc = getSettings(t, b, "alice")
	opts, selected = optionValues(control(doc, "/locale"))
	assert.Equal(t, []string{"=—", "en-GB=British English", "en=English", "ja=日本語", "pt-BR=português (Brasil)"}, opts,
		"the supported languages, after the current locale (en-GB, covered by en) kept as it is")
	assert.Equal(t, "en-GB", selected)
	resp := postEdit(t, b, map[string]string{"/locale": "ja"})
	require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
	u, _ := s.store.get(context.Background(), "alice")
	assert.Equal(t, "ja", u.Profile.Locale)

	// Without address_country_code the address country stays free text (OIDC's default).
	assert.Equal(t, "input", control(doc, "/address/country").Data)
}

// Country selects: the address country (address_country_code on) and custom country_code
// attributes offer the ISO 3166-1 alpha-2 codes by English name, sorted by name.
func TestSettingsCountrySelect(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	for _, name := range []string{"/address/country", "/custom_attributes/office_country"} {
		opts, _ := optionValues(control(doc, name))
		require.Len(t, opts, 1+249, "%s: the empty choice and the officially assigned codes", name)
		assert.Equal(t, "=—", opts[0])
		assert.Contains(t, opts, "GB=United Kingdom")
		assert.Contains(t, opts, "CI=Côte d’Ivoire")
		assert.NotContains(t, opts, "UK=UK", "withdrawn and reserved codes are not offered")
		assert.Equal(t, "AF=Afghanistan", opts[1])
		assert.Equal(t, "AX=Åland Islands", opts[2], "sorted by name as people sort (collation), not by byte")
	}
	assert.Equal(t, "GB", controlValue(control(doc, "/address/country")))

	resp := postEdit(t, b, map[string]string{"/address/country": "NZ", "/custom_attributes/office_country": "JP"})
	require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
	u, _ := s.store.get(context.Background(), "alice")
	assert.Equal(t, "NZ", u.Profile.Address.Country)
	assert.Equal(t, "JP", customText(u.Profile.Custom["office_country"]))

	// A code the select does not have (a hand-made post) is refused by the library and shown
	// back as an extra option, selected.
	resp = postEdit(t, b, map[string]string{"/custom_attributes/office_country": "UK"})
	require.Equal(t, http.StatusUnprocessableEntity, resp.Code, resp.Body.String())
	doc = parseHTML(t, resp.Body.String())
	assert.NotEmpty(t, errorNextTo(t, doc, "/custom_attributes/office_country"))
	opts, selected := optionValues(control(doc, "/custom_attributes/office_country"))
	assert.Equal(t, "UK", selected)
	assert.Equal(t, "UK=UK (not an ISO 3166-1 country code)", opts[1])
}

// email, phone_number and preferred_username are selects of the user's own identities (the
// stored value selected); with identity_coupling off they are free text again.
func TestSettingsIdentitySelects(t *testing.T) {
	s := newTestServer(t, "")
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	opts, selected := optionValues(control(doc, "/email"))
	assert.Equal(t, []string{"=—", "alice@example.com=alice@example.com (verified)", "a.liddell@example.org=a.liddell@example.org (not verified)"}, opts)
	assert.Equal(t, "alice@example.com", selected)
	opts, selected = optionValues(control(doc, "/phone_number"))
	assert.Equal(t, []string{"=—", "+14155552671=+14155552671 (not verified)"}, opts)
	assert.Equal(t, "+14155552671", selected)
	opts, _ = optionValues(control(doc, "/preferred_username"))
	assert.Equal(t, []string{"=—", "alice=alice"}, opts)
	assert.True(t, disabled(control(doc, "/preferred_username")), "read-only in the demo config")

	resp := postEdit(t, b, map[string]string{"/email": "a.liddell@example.org"})
	require.Equal(t, http.StatusSeeOther, resp.Code, resp.Body.String())
	u, _ := s.store.get(context.Background(), "alice")
	assert.Equal(t, "a.liddell@example.org", u.Profile.Email)
	doc = getSettings(t, b, "alice")
	assert.Equal(t, "a.liddell@example.org", controlValue(control(doc, "/email")))

	s = newTestServer(t, `{"user_profile": {"identity_coupling": "off"}}`)
	doc = getSettings(t, &browser{s: s}, "alice")
	assert.Equal(t, "email", mustAttr(t, control(doc, "/email"), "type"))
	assert.Equal(t, "tel", mustAttr(t, control(doc, "/phone_number"), "type"))
}

// Required attributes: an asterisk in the label (or the legend) and the required attribute on
// the control that holds the value, whatever its kind.
func TestSettingsRequiredMarkers(t *testing.T) {
	rw := `"access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}, "required": ["end_user"]`
	s := newTestServer(t, `{"user_profile": {"standard_attributes": {"access_control": [
	  {"pointer": "/gender", `+rw+`}, {"pointer": "/birthdate", `+rw+`}, {"pointer": "/zoneinfo", `+rw+`},
	  {"pointer": "/email", `+rw+`}, {"pointer": "/address", `+rw+`}]}}}`)
	doc := getSettings(t, &browser{s: s}, "alice")
	for _, name := range []string{"/gender", "/birthdate", "/zoneinfo", "/email"} {
		c := control(doc, name)
		_, req := attr(c, "required")
		assert.True(t, req, "%s has the required attribute", name)
		label := find(doc, hasAttr("for", mustAttr(t, c, "id")))
		star := find(label, hasAttr("class", "req"))
		require.NotNil(t, star, "%s's label has the marker", name)
		assert.Equal(t, "*", textOf(star))
		assert.Equal(t, "true", mustAttr(t, star, "aria-hidden"))
	}
	for _, name := range []string{"/given_name", formGenderOther, formBirthdatePart} {
		_, req := attr(control(doc, name), "required")
		assert.False(t, req, name)
	}
	legend := find(find(doc, hasAttr("id", "g-address")), func(n *html.Node) bool { return n.Data == "legend" })
	assert.NotNil(t, find(legend, hasAttr("class", "req")), "the address legend has the marker")
	assert.Equal(t, "(required)", textOf(find(legend, hasAttr("class", "sr-only"))),
		"and says it to screen readers: a fieldset has no required attribute")
	assert.NotNil(t, find(doc, hasAttr("id", "required-note")))

	// Without required attributes there is no marker and no note.
	s = newTestServer(t, `{"user_profile": {}}`)
	doc = getSettings(t, &browser{s: s}, "alice")
	assert.Nil(t, find(doc, hasAttr("class", "req")))
	assert.Nil(t, find(doc, hasAttr("id", "required-note")))
}
