package main

import (
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/internal/iso3166"
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
	Required bool     // some field is required: the page explains the asterisk
	// The picture upload form, shown when the end user may write picture.
	PictureAction string // its action URL; "" when picture is not writable
	PictureURL    string // the current picture's public URL ("" when none)
	PictureError  string // why the last upload was refused
}

// pageItem is one attribute on the page: a single input, or the address fieldset.
type pageItem struct {
	Field *formField
	Group *formGroup
}

// Controls of a formField.
const (
	controlInput     = "input"     // <input type=Type>
	controlTextarea  = "textarea"  // address formatted and street_address
	controlSelect    = "select"    // Options and/or Groups
	controlGender    = "gender"    // a select of female/male/other and the text of "other"
	controlBirthdate = "birthdate" // a date input and a select of the part kept
	controlList      = "list"      // a multi-valued attribute: one input an element, Elems
	controlCheckbox  = "checkbox"  // a boolean custom attribute, with a hidden "false" (PostFalse)
)

// listElem is one input of a list control, named by the element's pointer.
type listElem struct {
	Name, ID, Label, Value string
}

// formField is one attribute's control (or pair of controls). Name is the attribute's JSON
// pointer, which is the form key Schema.ApplyForm expects.
type formField struct {
	Name         string
	ID           string
	Label        string
	Control      string // controlInput, controlTextarea, ...
	Type         string // input type: text, email, tel, url, date
	InputMode    string
	Autocomplete string
	Placeholder  string
	Value        string       // what the control holds (a select: the selected option's value)
	Stored       string       // the attribute's current value as text: what a stale form is compared with
	Required     bool         // the end user may not remove it: an asterisk and the required attribute
	Disabled     bool         // read-only for the end user: shown, not editable, not submitted
	Options      []formOption // a select's options outside any group (the empty choice first)
	Groups       []optionGroup
	Hint         string // help shown under the control, referenced by aria-describedby
	// The second control of a gender or birthdate field: the "other" text, or the part select.
	Other     string
	PartNames []formOption // the birthdate part select's options
	Errors    []string
	Notes     []string   // what a stale form sent, after an edit conflict
	Lang      string     // the BCP 47 tag of a language-tagged variant: the control's lang attribute
	Elems     []listElem // a list control's inputs: one per element, and an empty one to add
	// PostFalse puts a hidden "false" of the checkbox's name after it, so that an unchecked box
	// posts "false" (a checked one posts "true" first, and the first value wins): see
	// checkboxPostsFalse.
	PostFalse bool

	// extraLabel names a current value that is not among the options (nil: the value itself).
	extraLabel func(string) string
	// alias, when set, maps a value to the option that stands for it (a tz link to its zone).
	alias func(string) (string, bool)
}

type formOption struct {
	Value, Label string
	Lang         string // the label's language, when it is not English
	Selected     bool
}

type optionGroup struct {
	Label   string
	Options []formOption
}

// formGroup is the address: one fieldset with an input per sub-field.
type formGroup struct {
	Name     string
	Label    string
	Disabled bool
	Required bool
	Fields   []*formField
	Errors   []string // causes located at /address itself
}

// DescribedBy is the control's aria-describedby: its hint and its error message.
func (ff *formField) DescribedBy() string {
	var ids []string
	if ff.Hint != "" {
		ids = append(ids, ff.ID+"-hint")
	}
	if len(ff.Errors) > 0 {
		ids = append(ids, ff.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// Checked reports whether a checkbox is checked: its value is true (as stored, or "true" or
// "on" as a rejected post sent it).
func (ff *formField) Checked() bool { return checkedValue(ff.Value) }

// checkedValue reports whether a checkbox's posted or stored value is true.
func checkedValue(v string) bool { return strings.EqualFold(v, "true") || strings.EqualFold(v, "on") }

// checkboxPostsFalse decides whether an editable checkbox is followed by its hidden "false",
// that is whether leaving it unchecked saves false:
//
//   - the attribute has a value (true or false): yes, unchecking a checked box sets false;
//   - it has none and is required for the end user: yes, unchecked is the answer "no", which
//     fulfils the requirement (the box itself is never required: "required" on a checkbox
//     means it must be checked, which is not what a required boolean means);
//   - it has none and is optional: no, an unchecked box posts nothing and the attribute stays
//     unset. The page keeps its promise that saving it unchanged changes nothing (see
//     controls.go), so a user who only edits their name does not also answer every yes/no
//     question with "no"; checking the box sets true, and from then on unchecking sets false.
//
// A checkbox has no third state: the page cannot make a set boolean unset again (the Admin
// API can).
func checkboxPostsFalse(ff *formField) bool {
	return !ff.Disabled && (ff.Stored != "" || ff.Required)
}

// OtherChosen reports whether the gender select is on "other" (its text field then holds the
// value, and carries aria-invalid with the field's errors).
func (ff *formField) OtherChosen() bool {
	return ff.Control == controlGender && ff.Value == genderOther
}

// setValue puts v in the control: the text of an input, or the selected option of a select.
// A value no option has is kept as an extra option at the top, selected, so that posting the
// page unchanged keeps it; except that a value some option stands for (alias) takes that
// option over, which then carries v and shows it in its label.
func (ff *formField) setValue(v string) {
	ff.Value = v
	if ff.Control != controlSelect && ff.Control != controlGender {
		return
	}
	found := false
	sel := func(o *formOption) {
		o.Selected = !found && o.Value == v
		found = found || o.Selected
	}
	if ff.alias != nil {
		if target, ok := ff.alias(v); ok && target != v {
			for i := range ff.Groups {
				for j := range ff.Groups[i].Options {
					if o := &ff.Groups[i].Options[j]; o.Value == target {
						o.Value = v
						if o.Label != v {
							o.Label += " (" + v + ")"
						}
					}
				}
			}
		}
	}
	for i := range ff.Options {
		sel(&ff.Options[i])
	}
	for i := range ff.Groups {
		for j := range ff.Groups[i].Options {
			sel(&ff.Groups[i].Options[j])
		}
	}
	if found {
		return
	}
	label := v
	if ff.extraLabel != nil {
		label = ff.extraLabel(v)
	}
	extra := formOption{Value: v, Label: label, Selected: true}
	at := 0
	if len(ff.Options) > 0 && ff.Options[0].Value == "" {
		at = 1 // after the empty choice
	}
	ff.Options = slices.Insert(ff.Options, at, extra)
}

// setBirthdate puts a date input value and a part in the birthdate's controls.
func (ff *formField) setBirthdate(date, part string) {
	ff.Value = date
	ff.PartNames = slices.Clone(birthdateParts)
	found := false
	for i := range ff.PartNames {
		ff.PartNames[i].Selected = ff.PartNames[i].Value == part
		found = found || ff.PartNames[i].Selected
	}
	if !found {
		ff.PartNames[0].Selected = true
	}
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
	// What the controls held, to re-render them: the first value of each key, as url.Values.Get
	// takes it (r.PostForm keeps the body's order). A checked boolean checkbox posts "true"
	// before its hidden "false", so checked is true and unchecked is the hidden field alone.
	posted := make(map[string]string, len(r.PostForm))
	for k, vs := range r.PostForm {
		if k != formCSRF && k != formVersion && len(vs) > 0 {
			posted[k] = vs[0]
		}
	}
	form, formProblems := parseSettingsForm(posted)
	if version != u.Version {
		s.render(w, http.StatusConflict, s.conflictPage(&u, sid, form))
		return
	}

	// ApplyForm reports every problem at once: the fields it cannot parse and the rest. The
	// problems of the page's own controls (parseSettingsForm) are added to them.
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
	if len(causes) > 0 || len(formProblems) > 0 {
		page := s.page(&u, sid, posted, causes)
		page.addFormProblems(formProblems)
		s.render(w, http.StatusUnprocessableEntity, page)
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
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

// page builds the settings page from the end user's view of u, with a session token issued
// now for the session sessionID: hidden attributes are absent, read-only ones disabled.
// submitted, when not nil, is what the controls of a rejected post held (keyed by control name,
// see parseSettingsForm): it replaces the stored values of the fields the user could edit, so that
// a re-rendered form keeps what was typed and chosen. causes go next to the field their location
// names, or to the general list.
func (s *server) page(u *user, sessionID string, submitted map[string]string, causes []*validation.Cause) settingsPage {
	page := settingsPage{
		UserID:  u.ID,
		Action:  "/settings?" + url.Values{"user": {u.ID}}.Encode(),
		Version: u.Version,
		CSRF:    s.sessionToken(sessionID, u.ID),
	}
	if s.pictureWritable(u) {
		page.PictureAction = "/settings/picture?" + url.Values{"user": {u.ID}}.Encode()
		page.PictureURL = u.Profile.Picture
	}
	byName := map[string]*formField{}
	var fields []*formField
	var addr *formGroup
	variants := map[string][]pageItem{} // claim name → the items of its language-tagged variants
	norm := s.schema.Normalizer()
	view := s.schema.View(&u.Profile, access.EndUser)
	for _, f := range view.Fields {
		if f.Path == "/"+stdattr.AttrAddress.String() {
			addr = &formGroup{Name: f.Path, Label: f.Label, Disabled: !f.Writable, Required: f.Required && f.Writable}
			var cur stdattr.Address
			if a := f.Value.Address(); a != nil {
				cur = *a
			}
			vals := [6]string{cur.Formatted, cur.StreetAddress, cur.Locality, cur.Region, cur.PostalCode, cur.Country}
			for i, sub := range stdattr.AddressFields() {
				ff := &formField{Name: f.Path + "/" + sub, Label: addressLabels[i], Control: controlInput, Type: "text",
					Stored: vals[i], Disabled: !f.Writable, Autocomplete: addressAutocomplete[i]}
				switch {
				case sub == "formatted" || sub == "street_address":
					ff.Control = controlTextarea
				case sub == "country" && norm.AddressCountryCode:
					countrySelect(ff, false)
				}
				addr.Fields = append(addr.Fields, ff)
				fields = append(fields, ff)
			}
			page.Items = append(page.Items, pageItem{Group: addr})
			continue
		}
		ff := &formField{Name: f.Path, Label: f.Label, Disabled: !f.Writable, Control: controlInput, Type: "text",
			Required: f.Required && f.Writable}
		if base, tag, ok := strings.Cut(f.Name, "#"); ok {
			// A language-tagged variant, keyed by its path: a claim's (family_name#ja-Kana-JP), an
			// address sub-field's (address/locality#ja-Jpan-JP) or a custom string attribute's
			// (custom_attributes/kana_name#ja-Kana). A text input in that language named by the
			// variant's pointer, shown under its attribute (placeVariants). Emptying it removes
			// the variant.
			ff.Stored, _ = f.Value.Text()
			ff.Lang = tag
			if sub, ok := strings.CutPrefix(base, "address/"); ok {
				subs := stdattr.AddressFields()
				if i := slices.Index(subs[:], sub); i >= 0 {
					ff.Label = addressLabels[i] + " (" + tag + ")" // inside the address fieldset
					if sub == "formatted" || sub == "street_address" {
						ff.Control, ff.Autocomplete = controlTextarea, "off"
					}
				}
			} else if base == "profile" || base == "website" { // the taggable URL claims
				ff.Type = "url"
			}
			fields = append(fields, ff)
			variants[base] = append(variants[base], pageItem{Field: ff})
			continue
		}
		if f.Custom != nil {
			ff.Stored = customText(f.Value.Custom())
			describeCustom(ff, f.Custom)
		} else {
			ff.Stored, _ = f.Value.Text()
			s.describeStandard(ff, f.Name, u.Identities)
		}
		fields = append(fields, ff)
		page.Items = append(page.Items, pageItem{Field: ff})
	}
	if len(variants) > 0 {
		page.Items = placeVariants(page.Items, variants)
	}
	for _, ff := range fields {
		byName[ff.Name] = ff
		ff.ID = "f" + strings.NewReplacer("/", "-", "~", "-", "#", "-").Replace(ff.Name)
		page.Required = page.Required || ff.Required
		v, edited := submitted[ff.Name]
		if !edited || ff.Disabled {
			v = ff.Stored
		}
		switch ff.Control {
		case controlGender:
			choice, other := genderControls(v)
			if edited && !ff.Disabled && slices.ContainsFunc(genderOptions, func(o formOption) bool { return o.Value == v }) {
				choice, other = v, submitted[formGenderOther] // what the two controls held
			}
			ff.setValue(choice)
			ff.Other = other
		case controlBirthdate:
			date, part := birthdateControls(v)
			if edited && !ff.Disabled {
				date, part = v, submitted[formBirthdatePart]
			}
			ff.setBirthdate(date, part)
			ff.Hint = "Saved: " + birthdateWords(ff.Stored) + ". For the day and month only, pick that day in any year; " +
				"for the year only, pick any day of that year."
		case controlList:
			var vals []string
			if prefix := ff.Name + "/"; !ff.Disabled && hasPrefixKey(submitted, prefix) {
				for i := 0; i < 1000; i++ { // what the inputs held, in order
					x, ok := submitted[prefix+strconv.Itoa(i)]
					if !ok {
						break
					}
					if strings.TrimSpace(x) != "" {
						vals = append(vals, x)
					}
				}
			} else if ff.Stored != "" {
				vals = strings.Split(ff.Stored, "\n")
			}
			ff.setList(vals)
		case controlCheckbox:
			ff.setValue(v)
			ff.PostFalse = checkboxPostsFalse(ff)
			if ff.Required && !ff.Disabled {
				ff.Hint = "An answer is required: leave the box unchecked for no."
			}
		default:
			ff.setValue(v)
		}
	}
	page.Required = page.Required || (addr != nil && addr.Required)
	page.Problems = len(causes)
	for _, c := range causes {
		msg := causeMessage(c, u.Profile.Locale)
		switch {
		case byName[c.Location] != nil:
			byName[c.Location].Errors = append(byName[c.Location].Errors, msg)
		case listField(byName, c.Location) != nil:
			ff := listField(byName, c.Location)
			ff.Errors = append(ff.Errors, msg)
		case addr != nil && c.Location == addr.Name:
			addr.Errors = append(addr.Errors, msg)
		default:
			page.General = append(page.General, c.Location+": "+msg)
		}
	}
	return page
}

// placeVariants puts each attribute's language-tagged variants (keyed by the attribute's
// path, "family_name", "address/locality", "custom_attributes/kana_name") right after it, in
// the view's order (by tag): a claim's and a custom attribute's after its item, an address
// sub-field's inside the address fieldset after that sub-field. Variants of an attribute the
// page does not show by itself are kept, at the end, rather than dropped.
func placeVariants(items []pageItem, variants map[string][]pageItem) []pageItem {
	placed := make(map[string]bool, len(variants))
	take := func(name string) []pageItem {
		base := strings.TrimPrefix(name, "/")
		placed[base] = true
		return variants[base]
	}
	out := make([]pageItem, 0, len(items)+len(variants))
	for _, it := range items {
		out = append(out, it)
		switch {
		case it.Field != nil:
			out = append(out, take(it.Field.Name)...)
		case it.Group != nil:
			subs := make([]*formField, 0, len(it.Group.Fields))
			for _, ff := range it.Group.Fields {
				subs = append(subs, ff)
				for _, v := range take(ff.Name) {
					subs = append(subs, v.Field)
				}
			}
			it.Group.Fields = subs
		}
	}
	for _, base := range slices.Sorted(maps.Keys(variants)) {
		if !placed[base] {
			out = append(out, variants[base]...)
		}
	}
	return out
}

// addFormProblems puts the problems parseSettingsForm found next to their fields.
func (page *settingsPage) addFormProblems(problems map[string]string) {
	for _, name := range slices.Sorted(maps.Keys(problems)) {
		page.Problems++
		placed := false
		for _, it := range page.Items {
			if it.Field != nil && it.Field.Name == name {
				it.Field.Errors = append(it.Field.Errors, problems[name])
				placed = true
			}
		}
		if !placed {
			page.General = append(page.General, name+": "+problems[name])
		}
	}
}

// parseSettingsForm turns what the settings form's controls sent (the first value of each, without
// the csrf_token and version) into the form Schema.ApplyForm takes, keyed by JSON pointer:
//
//   - /gender is the select's choice, or with "other" chosen the gender_other text (or "other"
//     itself when the text is blank); the text is ignored otherwise;
//   - /birthdate is the date input's YYYY-MM-DD as it is with birthdate_part "full" (or
//     absent), 0000-MM-DD of it with "month-day", YYYY of it with "year";
//   - every other key is passed on as it is (ApplyForm reports those that are no attribute).
//
// gender_other and birthdate_part never reach ApplyForm. problems, keyed by pointer, are what
// the controls cannot say together: a partial birthdate chosen with an empty date input (the
// birthdate is then left out of the form, not removed), or an unknown part.
func parseSettingsForm(posted map[string]string) (form, problems map[string]string) {
	form = make(map[string]string, len(posted))
	for k, v := range posted {
		if k != formGenderOther && k != formBirthdatePart {
			form[k] = v
		}
	}
	gender := "/" + stdattr.AttrGender.String()
	if choice, ok := posted[gender]; ok {
		form[gender] = composeGender(choice, posted[formGenderOther])
	}
	birthdate := "/" + stdattr.AttrBirthdate.String()
	if date, ok := posted[birthdate]; ok {
		v, problem := composeBirthdate(date, posted[formBirthdatePart])
		if problem != "" {
			delete(form, birthdate)
			problems = map[string]string{birthdate: problem}
		} else {
			form[birthdate] = v
		}
	}
	return form, problems
}

// conflictPage renders u's current values, noting next to each editable field the value the
// stale form sent (form, as parseSettingsForm made it) when it differs.
func (s *server) conflictPage(u *user, sessionID string, form map[string]string) settingsPage {
	page := s.page(u, sessionID, nil, nil)
	page.Conflict = true
	for _, it := range page.Items {
		fields := []*formField{it.Field}
		if it.Group != nil {
			fields = it.Group.Fields
		}
		for _, ff := range fields {
			v, ok := form[ff.Name]
			switch {
			case !ok || ff.Disabled:
			case ff.Control == controlCheckbox:
				if checked := checkedValue(v); checked != (ff.Stored == "true") {
					ff.Notes = append(ff.Notes, map[bool]string{
						true: "Not saved: you had checked this box.", false: "Not saved: you had left this box unchecked."}[checked])
				}
			case strings.TrimSpace(v) != ff.Stored:
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

// describeStandard sets the control of a standard claim: its kind, input type, autocomplete
// hint, placeholder and options.
func (s *server) describeStandard(ff *formField, name string, ids profile.Identities) {
	if a, kind, ok := identityKind(name); ok && s.settings.coupled {
		// The claim must be one of the user's own identities: offer exactly those.
		ff.Control = controlSelect
		ff.Options = append([]formOption{{Value: "", Label: "—"}}, identityOptions(s.schema.Normalizer(), a, kind, ids)...)
		ff.extraLabel = func(v string) string { return v + " (not one of your sign-in identities)" }
		ff.Autocomplete = map[string]string{"email": "email", "phone_number": "tel", "preferred_username": "username"}[name]
		ff.Hint = map[string]string{
			"email":              "One of the email addresses you sign in with.",
			"phone_number":       "One of the phone numbers you sign in with.",
			"preferred_username": "One of the usernames you sign in with.",
		}[name]
		return
	}
	switch name {
	case "email":
		ff.Type, ff.Autocomplete = "email", "email"
	case "phone_number":
		ff.Type, ff.Autocomplete, ff.Placeholder = "tel", "tel", "+14155552671"
	case "profile", "picture", "website":
		ff.Type, ff.Autocomplete, ff.Placeholder = "url", "url", "https://"
	case "birthdate":
		ff.Control, ff.Type, ff.Autocomplete = controlBirthdate, "date", "bday"
	case "zoneinfo":
		ff.Control = controlSelect
		ff.Options = []formOption{{Value: "", Label: "—"}}
		ff.Groups = zoneOptions()
		ff.alias = stdattr.CanonicalZone
		ff.extraLabel = func(v string) string { return v + " (not a known time zone)" }
	case "locale":
		ff.Control, ff.Autocomplete = controlSelect, "language"
		ff.Options = append([]formOption{{Value: "", Label: "—"}}, localeOptions(s.settings.languages)...)
		ff.extraLabel = localeLabel
	case "given_name", "family_name", "name", "nickname":
		ff.Autocomplete = map[string]string{"given_name": "given-name", "family_name": "family-name",
			"name": "name", "nickname": "nickname"}[name]
	case "middle_name":
		ff.Autocomplete = "additional-name"
	case "preferred_username":
		ff.Autocomplete = "username"
	case "gender":
		ff.Control, ff.Autocomplete = controlGender, "sex"
		ff.Options = slices.Clone(genderOptions)
	}
}

// countrySelect makes ff a select of ISO 3166-1 alpha-2 codes by name (and XK when withXK).
func countrySelect(ff *formField, withXK bool) {
	ff.Control = controlSelect
	ff.Options = append([]formOption{{Value: "", Label: "—"}}, countryOptions(withXK)...)
	ff.extraLabel = func(v string) string { return v + " (not an ISO 3166-1 country code)" }
}

// customText is a custom attribute's value as the form writes it.
func customText(v customattr.Value) string {
	if s, ok := v.Text(); ok {
		return s
	}
	if n, ok := v.Number(); ok {
		return n.String()
	}
	if b, ok := v.Bool(); ok {
		return strconv.FormatBool(b)
	}
	if elems, ok := v.List(); ok { // a multi-valued attribute: one element a line
		lines := make([]string, len(elems))
		for i, e := range elems {
			lines[i] = customText(e)
		}
		return strings.Join(lines, "\n")
	}
	return ""
}

// describeCustom sets the control of a custom attribute: a select with the option labels for
// an enum (plus an empty choice that removes the value), a checkbox for a boolean, a date input
// for a date, a select of countries for a country_code, text with an input mode otherwise.
func describeCustom(ff *formField, a *customattr.Attribute) {
	d := a.Definition()
	if d.Multiple {
		defer listOf(ff)
	}
	switch d.Type {
	case customattr.Boolean:
		if d.Multiple { // a list of text inputs, the choices in its hint (listOf)
			ff.Control = controlSelect
			ff.Options = []formOption{{Value: "", Label: "—"}, {Value: "true", Label: "Yes"}, {Value: "false", Label: "No"}}
			break
		}
		// A checkbox posting "true", followed by a hidden "false" when unchecking it should save
		// false (page sets PostFalse, see checkboxPostsFalse); settingsPost keeps the first value
		// of each key, so a checked box wins over the hidden field.
		ff.Control, ff.Type = controlCheckbox, "checkbox"
	case customattr.Date:
		ff.Type = "date" // posts YYYY-MM-DD
		ff.Placeholder = dateHint(d)
	case customattr.Enum:
		ff.Control = controlSelect
		ff.Options = []formOption{{Value: "", Label: "—"}}
		for _, o := range a.Options() {
			ff.Options = append(ff.Options, formOption{Value: o.Value, Label: o.Label})
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
		// AllowXK is a check option, not part of the definition: ask the attribute.
		_, err := a.Check(customattr.StringValue(iso3166.Kosovo))
		countrySelect(ff, err == nil)
	}
}

// hasPrefixKey reports whether m has a key starting with prefix.
func hasPrefixKey(m map[string]string, prefix string) bool {
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// listField is the list control an element's location ("/custom_attributes/tags/2") is in, or nil.
func listField(byName map[string]*formField, loc string) *formField {
	i := strings.LastIndexByte(loc, '/')
	if i <= 0 {
		return nil
	}
	if ff := byName[loc[:i]]; ff != nil && ff.Control == controlList {
		return ff
	}
	return nil
}

// listOf turns the control ff describes into a list of such inputs, posted element by element
// (profile.Schema.ApplyForm reads /custom_attributes/NAME/0, /1, …; blank ones are left out).
// A select becomes text inputs with the choices in the hint.
func listOf(ff *formField) {
	hint := "One value a field; empty a field to remove that value."
	if ff.Control == controlSelect {
		var choices []string
		for _, o := range ff.Options {
			if o.Value != "" {
				choices = append(choices, o.Value)
			}
		}
		if len(choices) > 0 && len(choices) <= 20 {
			hint = "Each one of: " + strings.Join(choices, ", ") + ". " + hint
		}
		ff.Options, ff.Groups, ff.extraLabel, ff.Type = nil, nil, nil, "text"
	}
	ff.Control, ff.Hint = controlList, hint
}

// setList fills a list control with vals and, when it is editable, one empty input to add a
// value.
func (ff *formField) setList(vals []string) {
	ff.Value = strings.Join(vals, "\n")
	if !ff.Disabled {
		vals = append(vals, "")
	}
	ff.Elems = make([]listElem, len(vals))
	for i, v := range vals {
		e := listElem{Name: ff.Name + "/" + strconv.Itoa(i), ID: ff.ID, Value: v}
		if i > 0 { // the first input has the field's label; the others say which they are
			e.ID = ff.ID + "-" + strconv.Itoa(i)
			e.Label = ff.Label + ", value " + strconv.Itoa(i+1)
		}
		ff.Elems[i] = e
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
