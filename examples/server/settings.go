package main

import (
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/message"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

//go:embed settings.html
var settingsHTML string

var settingsTmpl = template.Must(template.New("settings").Parse(settingsHTML))

// Form fields of the settings page that are not attributes: they are removed before the form
// goes to Schema.ApplyForm, which would report them as unknown attributes.
const (
	formCSRF    = "csrf_token" // the session token, see session.go
	formVersion = "version"    // the profile version the page was rendered from
)

// settingsPage is what settings.html renders.
type settingsPage struct {
	UserID   string
	Action   string // the form's action URL
	Version  int64
	CSRF     string
	Items    []pageItem
	General  []string // messages of causes that belong to no field on the page
	Problems int      // how many problems the last POST had (0: none)
	Saved    bool     // the last POST was saved (after the 303 redirect)
	Conflict bool     // the profile changed since the page was rendered
}

// pageItem is one attribute on the page: a single input, or the address fieldset.
type pageItem struct {
	Field *formField
	Group *formGroup
}

// formField is one input (or select, or textarea). Name is the attribute's JSON pointer,
// which is the form key Schema.ApplyForm expects.
type formField struct {
	Name         string
	ID           string
	Label        string
	Type         string // input type: text, email, tel, url, date
	InputMode    string
	Autocomplete string
	Placeholder  string
	Value        string
	Disabled     bool         // read-only for the end user: shown, not editable, not submitted
	Multiline    bool         // a textarea (address formatted and street_address)
	Options      []formOption // non-nil: a select (enum and boolean custom attributes)
	Errors       []string
	Notes        []string // what a stale form sent, after an edit conflict
}

type formOption struct {
	Value, Label string
	Selected     bool
}

// formGroup is the address: one fieldset with an input per sub-field.
type formGroup struct {
	Name     string
	Label    string
	Disabled bool
	Fields   []*formField
	Errors   []string // causes located at /address itself
}

// settingsGet is GET /settings?user=<id>: the end user's settings page.
//
// DEMO SESSION: the user is whoever ?user= names. A real service takes the user from its
// login session; never deploy this.
func (s *server) settingsGet(w http.ResponseWriter, r *http.Request) {
	u, ok := s.settingsUser(w, r)
	if !ok {
		return
	}
	page := s.page(&u, startSession(w, r), nil, nil)
	page.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, http.StatusOK, page)
}

// settingsPost is POST /settings?user=<id>: the form, as a merge patch from the end user.
// Success redirects (303) to the page; failure re-renders it with the submitted values and
// each problem next to its field (422). When the profile changed since the page was rendered
// (its version field is stale), nothing is written and the page comes back with the current
// values and, next to each field, what the stale form had sent (409): nothing is overwritten
// unseen and nothing typed is lost.
func (s *server) settingsPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, int64(s.schema.Limits().MaxBytes))
	if err := r.ParseForm(); err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			http.Error(w, "the form did not arrive within the server's read timeout", http.StatusRequestTimeout)
			return
		}
		http.Error(w, "bad form: "+err.Error(), http.StatusBadRequest)
		return
	}
	u, ok := s.settingsUser(w, r)
	if !ok {
		return
	}
	sid, ok := sessionOf(r)
	if !ok {
		refuseSession(w, errNoSession)
		return
	}
	if err := s.checkSessionToken(sid, u.ID, r.PostForm.Get(formCSRF)); err != nil {
		refuseSession(w, err)
		return
	}
	version, err := strconv.ParseInt(r.PostForm.Get(formVersion), 10, 64)
	if err != nil {
		http.Error(w, "the form has no valid version field: reload the settings page", http.StatusBadRequest)
		return
	}
	form := make(map[string]string, len(r.PostForm))
	for k, vs := range r.PostForm {
		if k == formCSRF || k == formVersion || len(vs) == 0 {
			continue
		}
		form[k] = vs[0]
	}
	if version != u.Version {
		s.render(w, http.StatusConflict, s.conflictPage(&u, sid, form))
		return
	}

	// ApplyForm reports every problem at once: the fields it cannot parse and the rest.
	var causes []*validation.Cause
	next, changes, err := s.schema.ApplyForm(&u.Profile, form, profile.Update{
		Party: access.EndUser, Identities: u.Identities, UpdatedAt: u.UpdatedAt})
	if err != nil {
		verr, ok := errors.AsType[*validation.Error](err)
		if !ok {
			s.internal(w, r, err)
			return
		}
		causes = verr.Causes
	}
	if len(causes) > 0 {
		s.render(w, http.StatusUnprocessableEntity, s.page(&u, sid, form, causes))
		return
	}
	if len(changes) > 0 {
		_, err := s.store.swap(r.Context(), u.ID, u.Version, &next, s.now().Unix())
		switch {
		case errors.Is(err, errStale):
			fresh, ok := s.settingsUser(w, r)
			if !ok {
				return
			}
			s.render(w, http.StatusConflict, s.conflictPage(&fresh, sid, form))
			return
		case err != nil:
			s.internal(w, r, err)
			return
		}
		s.log.Info("profile updated", "user", u.ID, "party", "end_user", "mode", "merge_patch", "changes", changeList(changes))
	}
	http.Redirect(w, r, "/settings?"+url.Values{"user": {u.ID}, "saved": {"1"}}.Encode(), http.StatusSeeOther)
}

// settingsUser loads the user named by ?user= (the DEMO session), answering 400/404 itself.
func (s *server) settingsUser(w http.ResponseWriter, r *http.Request) (user, bool) {
	id := r.URL.Query().Get("user")
	if id == "" {
		http.Error(w, "DEMO session: name the user with ?user=<id>, e.g. /settings?user="+demoUserID, http.StatusBadRequest)
		return user{}, false
	}
	if !userID.MatchString(id) {
		http.Error(w, "no such user", http.StatusNotFound)
		return user{}, false
	}
	u, err := s.store.get(r.Context(), id)
	switch {
	case errors.Is(err, errNotFound):
		http.Error(w, "no such user", http.StatusNotFound)
		return user{}, false
	case err != nil:
		s.internal(w, r, err)
		return user{}, false
	}
	return u, true
}

func (s *server) render(w http.ResponseWriter, status int, page settingsPage) {
	var b strings.Builder
	if err := settingsTmpl.Execute(&b, page); err != nil {
		s.log.Error("settings template", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

// page builds the settings page from the end user's view of u, with a session token issued
// now for the session sessionID: hidden attributes are absent, read-only ones disabled.
// submitted, when not nil, replaces the stored values of the fields the user could edit (a
// re-rendered form keeps what was typed); causes go next to the field their location names, or
// to the general list.
func (s *server) page(u *user, sessionID string, submitted map[string]string, causes []*validation.Cause) settingsPage {
	page := settingsPage{
		UserID:  u.ID,
		Action:  "/settings?" + url.Values{"user": {u.ID}}.Encode(),
		Version: u.Version,
		CSRF:    s.sessionToken(sessionID, u.ID),
	}
	byName := map[string]*formField{}
	var addr *formGroup
	view := s.schema.View(&u.Profile, access.EndUser)
	for _, f := range view.Fields {
		if f.Path == stdattr.AttrAddress.Pointer() {
			addr = &formGroup{Name: f.Path, Label: f.Label, Disabled: !f.Writable}
			var cur stdattr.Address
			if a := f.Value.Address(); a != nil {
				cur = *a
			}
			vals := [6]string{cur.Formatted, cur.StreetAddress, cur.Locality, cur.Region, cur.PostalCode, cur.Country}
			for i, sub := range stdattr.AddressFields() {
				ff := &formField{Name: f.Path + "/" + sub, Label: addressLabels[i], Type: "text", Value: vals[i],
					Disabled: !f.Writable, Autocomplete: addressAutocomplete[i],
					Multiline: sub == "formatted" || sub == "street_address"}
				addr.Fields = append(addr.Fields, ff)
				byName[ff.Name] = ff
			}
			page.Items = append(page.Items, pageItem{Group: addr})
			continue
		}
		ff := &formField{Name: f.Path, Label: f.Label, Disabled: !f.Writable, Type: "text"}
		if f.Custom != nil {
			describeCustom(ff, f.Custom, f.Value.Custom())
		} else {
			describeStandard(ff, f.Name)
			ff.Value, _ = f.Value.Text()
		}
		byName[ff.Name] = ff
		page.Items = append(page.Items, pageItem{Field: ff})
	}
	for name, ff := range byName {
		ff.ID = "f" + strings.NewReplacer("/", "-", "~", "-").Replace(name)
		if v, ok := submitted[name]; ok && !ff.Disabled {
			ff.Value = v
			for i := range ff.Options {
				ff.Options[i].Selected = ff.Options[i].Value == v
			}
		}
	}
	page.Problems = len(causes)
	for _, c := range causes {
		msg := causeMessage(c, u.Profile.Locale)
		switch {
		case byName[c.Location] != nil:
			byName[c.Location].Errors = append(byName[c.Location].Errors, msg)
		case addr != nil && c.Location == addr.Name:
			addr.Errors = append(addr.Errors, msg)
		default:
			page.General = append(page.General, c.Location+": "+msg)
		}
	}
	return page
}

// conflictPage renders u's current values, noting next to each editable field the value the
// stale form sent when it differs.
func (s *server) conflictPage(u *user, sessionID string, submitted map[string]string) settingsPage {
	page := s.page(u, sessionID, nil, nil)
	page.Conflict = true
	for _, it := range page.Items {
		fields := []*formField{it.Field}
		if it.Group != nil {
			fields = it.Group.Fields
		}
		for _, ff := range fields {
			if v, ok := submitted[ff.Name]; ok && !ff.Disabled && strings.TrimSpace(v) != ff.Value {
				ff.Notes = append(ff.Notes, fmt.Sprintf("Not saved: you had entered %q.", v))
			}
		}
	}
	return page
}

var (
	addressLabels       = [6]string{"Formatted Address", "Street Address", "City", "Region", "Postal Code", "Country"}
	addressAutocomplete = [6]string{"off", "street-address", "address-level2", "address-level1", "postal-code", "country-name"}
)

// describeStandard sets the input type, autocomplete hint and placeholder of a standard claim.
func describeStandard(ff *formField, name string) {
	switch name {
	case "email":
		ff.Type, ff.Autocomplete = "email", "email"
	case "phone_number":
		ff.Type, ff.Autocomplete, ff.Placeholder = "tel", "tel", "+14155552671"
	case "profile", "picture", "website":
		ff.Type, ff.Autocomplete, ff.Placeholder = "url", "url", "https://"
	case "birthdate":
		ff.Placeholder = "YYYY-MM-DD, 0000-MM-DD or YYYY"
		ff.Autocomplete = "bday"
	case "zoneinfo":
		ff.Placeholder = "Europe/Paris"
	case "locale":
		ff.Placeholder = "en-GB"
		ff.Autocomplete = "language"
	case "given_name", "family_name", "name", "nickname":
		ff.Autocomplete = map[string]string{"given_name": "given-name", "family_name": "family-name",
			"name": "name", "nickname": "nickname"}[name]
	case "middle_name":
		ff.Autocomplete = "additional-name"
	case "preferred_username":
		ff.Autocomplete = "username"
	case "gender":
		ff.Autocomplete = "sex"
	}
}

// describeCustom sets the input of a custom attribute: a select with the option labels for an
// enum (plus an empty choice that removes the value), a Yes/No select for a boolean (a select
// rather than a checkbox, since an unchecked box posts nothing and could not set false), a date
// input for a date, text with an input mode otherwise.
func describeCustom(ff *formField, a *customattr.Attribute, v customattr.Value) {
	if s, ok := v.Text(); ok {
		ff.Value = s
	} else if n, ok := v.Number(); ok {
		ff.Value = n.String()
	} else if b, ok := v.Bool(); ok {
		ff.Value = strconv.FormatBool(b)
	}
	d := a.Definition()
	switch d.Type {
	case customattr.Boolean:
		ff.Options = []formOption{{Value: "", Label: "—", Selected: ff.Value == ""},
			{Value: "true", Label: "Yes", Selected: ff.Value == "true"},
			{Value: "false", Label: "No", Selected: ff.Value == "false"}}
	case customattr.Date:
		ff.Type = "date" // posts YYYY-MM-DD
		ff.Placeholder = dateHint(d)
	case customattr.Enum:
		ff.Options = []formOption{{Value: "", Label: "—", Selected: ff.Value == ""}}
		for _, o := range a.Options() {
			ff.Options = append(ff.Options, formOption{Value: o.Value, Label: o.Label, Selected: o.Value == ff.Value})
		}
	case customattr.Integer:
		ff.InputMode = "numeric"
		ff.Placeholder = boundsHint(d)
	case customattr.Number:
		ff.InputMode = "decimal"
		ff.Placeholder = boundsHint(d)
	case customattr.Email:
		ff.Type = "email"
	case customattr.URL:
		ff.Type, ff.Placeholder = "url", "https://"
	case customattr.PhoneNumber:
		ff.Type = "tel"
	case customattr.CountryCode:
		ff.Placeholder = "two letters, like GB"
	}
}

// dateHint says what a date may be: its format, and its bounds.
func dateHint(d customattr.Definition) string {
	if h := boundsHint(d); h != "" {
		return "YYYY-MM-DD, " + h
	}
	return "YYYY-MM-DD"
}

func boundsHint(d customattr.Definition) string {
	lo, hi := d.Minimum, d.Maximum // "" when unset
	hasLo, hasHi := lo != "", hi != ""
	switch {
	case hasLo && hasHi:
		return string(lo) + " to " + string(hi)
	case hasLo:
		return "at least " + string(lo)
	case hasHi:
		return "at most " + string(hi)
	}
	return ""
}

// causeMessage says what is wrong in words for the person filling in the form, in the
// user's own language (the locale claim; English when it has none or profilekit has no
// catalog for it): the library's message for people, never an API name.
func causeMessage(c *validation.Cause, locale string) string {
	return message.Render(c, language.Make(locale)).Person
}

// sentence capitalizes the first letter and ends with a period.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
