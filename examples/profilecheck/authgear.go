package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// authgearSections are the top-level sections of an Authgear authgear.yaml (its AppConfig),
// for the did-you-mean warnings of a whole config. A section not listed here is not an error:
// only a name close to one of these, or a user_profile member put at the top level, is warned
// about.
var authgearSections = []string{
	"id", "http", "database", "redis", "hook", "ui", "localization", "messaging", "search",
	"authentication", "session", "oauth", "saml", "identity", "authenticator", "user_profile",
	"account_deletion", "account_anonymization", "account_linking", "forgot_password",
	"welcome_message", "verification", "otp", "web3", "google_tag_manager", "account_migration",
	"captcha", "bot_protection", "protection", "test_mode", "authentication_flow", "external_jwt",
}

// sectionMembers are the member names of profile.Config (the user_profile section), read from
// its json tags so that they follow the library.
var sectionMembers = func() []string {
	var names []string
	t := reflect.TypeFor[profile.Config]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return names
}()

// topLevelWarnings returns a warning for each top-level member of a whole authgear.yaml that
// is not an Authgear section and is either close to one (a likely typo: "user_profil",
// "Localization", "authenticaton") or a member of the user_profile section written at the top
// level ("custom_attributes"). Other unknown names are left alone. hasUP says whether the file
// has a user_profile section.
func topLevelWarnings(members []member, hasUP bool) []*validation.Cause {
	var out []*validation.Cause
	for _, m := range members {
		if slices.Contains(authgearSections, m.name) {
			continue
		}
		loc := pointer(m.name)
		if slices.Contains(sectionMembers, m.name) {
			out = append(out, &validation.Cause{Location: loc, Kind: validation.KindUnknown, Details: validation.Details{
				Actual: m.name, Suggest: "/user_profile/" + m.name,
				Message: strconv.Quote(m.name) + " is a member of user_profile, not a top-level section: " +
					"in a whole authgear.yaml it goes under user_profile (here it is not read)"}})
			continue
		}
		near := nearSection(m.name)
		if near == "" {
			continue
		}
		msg := "unknown top-level section " + strconv.Quote(m.name) + ": did you mean " + strconv.Quote(near) + "?"
		switch {
		case near == "user_profile" && !hasUP:
			msg += " (it is not read: the user_profile defaults apply)"
		case near == "user_profile":
			msg += " (it is not read)"
		}
		out = append(out, &validation.Cause{Location: loc, Kind: validation.KindUnknown, Details: validation.Details{
			Actual: m.name, Suggest: near, Message: msg}})
	}
	return out
}

// nearSection returns the Authgear section that name is a likely misspelling of, or "". The
// same name in another case or with other separators ("UserProfile", "user-profile") is one;
// otherwise the edit distance (a transposition counts as one edit) must be at most 3 for
// user_profile, the section profilekit reads, and for the others at most 1 (names of up to 6
// letters, none under 4) or 2, and less than half the length of name. "ui2", "x_custom" or
// "my_extension" are not close to anything.
func nearSection(name string) string {
	if len(name) > 64 {
		return ""
	}
	folded := foldName(name)
	for _, s := range authgearSections {
		if folded == foldName(s) {
			return s
		}
	}
	lower := strings.ToLower(name)
	best, bestD := "", 0
	for _, s := range authgearSections {
		d := editDistance(lower, s)
		limit := 2
		switch {
		case s == "user_profile":
			limit = 3
		case len(s) < 4:
			continue
		case len(s) <= 6:
			limit = 1
		}
		if d > limit || (s != "user_profile" && 2*d >= len(name)) {
			continue
		}
		if best == "" || d < bestD {
			best, bestD = s, d
		}
	}
	return best
}

// foldName is name in lower case without separators.
func foldName(name string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', ' ', '.':
			return -1
		}
		return r
	}, strings.ToLower(name))
}

// editDistance is the optimal string alignment distance over bytes: insertions, deletions,
// substitutions and transpositions of adjacent bytes each cost one.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// suggestUserProfile marks the causes of a section-only file whose unknown top-level member is
// close to user_profile: the file is most likely a whole authgear.yaml with user_profile
// misspelt (and no id and http, which would have told).
func suggestUserProfile(verr *validation.Error) {
	for _, c := range verr.Causes {
		name, ok := c.Details.Actual.(string)
		if c.Kind != validation.KindUnknown || !ok || c.Location != pointer(name) || nearSection(name) != "user_profile" {
			continue
		}
		c.Details.Suggest = "user_profile"
		c.Details.Message = "unknown member " + strconv.Quote(name) + ": did you mean \"user_profile\"? " +
			"(without a user_profile key, or the id and http keys of an authgear.yaml, the file is read as the user_profile section itself)"
	}
}

// profilekitOnly are the members of the user_profile section that profilekit reads and
// Authgear does not know: each with the profilekit option it sets. Authgear rejects a config
// that has them.
var profilekitOnly = []struct{ member, option string }{
	{"supported_languages", "profile.Config.SupportedLanguages: the languages locale must match; Authgear reads localization.supported_languages"},
	{"phone", "profile.Config.Phone: how phone numbers are checked"},
	{"max_length", "profile.Config.MaxLength: the maximum length of standard text claims"},
	{"address_country_code", "profile.Config.AddressCountryCode: address.country as an ISO 3166-1 alpha-2 code"},
	{"images", "profile.Config.Images: the picture resolver"},
	{"identity_coupling", "profile.Config.IdentityCoupling: whether email, phone_number and preferred_username must be owned"},
	{"limits", "profile.Config.Limits: the size limits of an update"},
	{"language_tags", "profile.Config.LanguageTags: which claims take language-tagged variants (name#ja-Kana-JP)"},
}

// attributeOnly are the members of a custom attribute definition that only profilekit reads.
var attributeOnly = []struct{ member, option string }{
	{"min_length", "customattr.Definition.MinLength: the minimum length of a string attribute"},
	{"max_length", "customattr.Definition.MaxLength: the maximum length of a string attribute"},
	{"pattern", "customattr.Definition.Pattern: a regular expression a string attribute must match"},
	{"required", "profile.CustomAttribute.Required: the parties for which the attribute is required"},
	{"multiple", "customattr.Definition.Multiple: a multi-valued attribute, a JSON array"},
	{"min_items", "customattr.Definition.MinItems: the fewest elements of a multi-valued attribute"},
	{"max_items", "customattr.Definition.MaxItems: the most elements of a multi-valued attribute"},
	{"unique_items", "customattr.Definition.UniqueItems: no element twice in a multi-valued attribute"},
}

// requiredOption is the option of required in a standard attribute's access_control entry.
const requiredOption = "access.Entry.Required: the parties for which the attribute is required"

// typeOnly are the custom attribute types that only profilekit knows, with the option each is.
var typeOnly = map[string]string{
	"boolean": "customattr.Boolean: true or false, a checkbox",
	"date":    "customattr.Date: a calendar date YYYY-MM-DD, with date bounds",
}

// writeOnceOption is the option of write_once, the member of an access rule that only
// profilekit reads.
const writeOnceOption = "access.Rule.WriteOnce: set once, then read-only for the party"

// authgearCauses returns a cause for each profilekit-only member of the user_profile section
// (as written in the file, before supported_languages is taken from localization), located in
// the section. Anything of an unexpected shape is left to ParseConfig.
func authgearCauses(section []byte) []*validation.Cause {
	var out []*validation.Cause
	only := func(loc, member, option string) {
		out = append(out, &validation.Cause{Location: loc, Kind: validation.KindUnknown, Details: validation.Details{
			Actual:  member,
			Message: strconv.Quote(member) + " is a profilekit option (" + option + "), unknown to Authgear, which rejects the config"}})
	}
	var sec map[string]json.RawMessage
	if json.Unmarshal(section, &sec) != nil {
		return nil
	}
	for _, o := range profilekitOnly {
		if _, ok := sec[o.member]; ok {
			only(pointer(o.member), o.member, o.option)
		}
	}
	rule := func(loc string, raw json.RawMessage) {
		var r map[string]json.RawMessage
		if json.Unmarshal(raw, &r) != nil {
			return
		}
		if _, ok := r["write_once"]; ok {
			only(loc+"/write_once", "write_once", writeOnceOption)
		}
	}
	var std struct {
		AccessControl []struct {
			AccessControl json.RawMessage `json:"access_control"`
			Required      json.RawMessage `json:"required"`
		} `json:"access_control"`
	}
	if raw, ok := sec["standard_attributes"]; ok && json.Unmarshal(raw, &std) == nil {
		for i, e := range std.AccessControl {
			rule("/standard_attributes/access_control/"+strconv.Itoa(i)+"/access_control", e.AccessControl)
			if e.Required != nil {
				only("/standard_attributes/access_control/"+strconv.Itoa(i)+"/required", "required", requiredOption)
			}
		}
	}
	var custom struct {
		Attributes []map[string]json.RawMessage `json:"attributes"`
	}
	if raw, ok := sec["custom_attributes"]; ok && json.Unmarshal(raw, &custom) == nil {
		for i, a := range custom.Attributes {
			at := "/custom_attributes/attributes/" + strconv.Itoa(i)
			for _, o := range attributeOnly {
				if _, ok := a[o.member]; ok {
					only(at+"/"+o.member, o.member, o.option)
				}
			}
			var typ string
			if raw, ok := a["type"]; ok && json.Unmarshal(raw, &typ) == nil && typeOnly[typ] != "" {
				out = append(out, &validation.Cause{Location: at + "/type", Kind: validation.KindUnknown, Details: validation.Details{
					Actual: typ,
					Message: "the type " + strconv.Quote(typ) + " is a profilekit option (" + typeOnly[typ] +
						"), unknown to Authgear, which rejects the config"}})
			}
			if raw, ok := a["access_control"]; ok {
				rule(at+"/access_control", raw)
			}
		}
	}
	return out
}

// member is one member of a JSON object, in document order.
type member struct {
	name  string
	value json.RawMessage
}

// members returns the members of the JSON object j in order, or ok=false when j is not an
// object. A repeated name is returned each time.
func members(j []byte) (ms []member, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(j))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, false
		}
		name, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		ms = append(ms, member{name: name, value: v})
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, false
	}
	return ms, true
}
