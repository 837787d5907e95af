package main

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/profilekit/profilekit/internal/iso3166"
	"github.com/profilekit/profilekit/internal/tzdb"
	"github.com/profilekit/profilekit/message"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
)

// The option lists of the settings page's selects. Each control that offers a closed list
// keeps a current value that is not in the list as an extra, selected option (see
// formField.setValue), so that saving the page unchanged never changes or removes a value:
// a stored alias zone, a locale outside the configured languages, an email the user no longer
// owns, or what a rejected form had sent.

// Form fields that are not attributes but the second control of one (see parseSettingsForm).
const (
	formGenderOther   = "gender_other"   // the text of gender "other"
	formBirthdatePart = "birthdate_part" // which part of the picked date is kept
)

// Gender choices. OpenID Connect defines "female" and "male" and allows any other value;
// "other" with the text field empty stores "other" itself.
const genderOther = "other"

var genderOptions = []formOption{
	{Value: "", Label: "—"},
	{Value: "female", Label: "Female"},
	{Value: "male", Label: "Male"},
	{Value: genderOther, Label: "Other (describe below)"},
}

// Birthdate parts: the date input holds a full date; the part select says which of it is
// stored. OIDC's partial forms are 0000-MM-DD (year withheld) and YYYY (year only).
const (
	partFull     = "full"
	partMonthDay = "month-day"
	partYear     = "year"
)

var birthdateParts = []formOption{
	{Value: partFull, Label: "The full date"},
	{Value: partMonthDay, Label: "Day and month only (not the year)"},
	{Value: partYear, Label: "The year only"},
}

// placeholderYear is the year a withheld-year birthdate is shown with in the date input,
// which cannot hold year 0000: a leap year, so that 29 February can be shown and picked.
const placeholderYear = "2000"

// zoneGroups are the canonical zones of the compiled tz database (internal/tzdb) as option
// groups by region: Africa, America, ..., Pacific in alphabetical order, then Etc (UTC and the
// fixed offsets, by offset) and Other (the names without a region, such as CET and EST5EDT).
// Labels are the name after the region with spaces for underscores ("Argentina/Buenos Aires").
var zoneGroups = sync.OnceValue(func() []optionGroup {
	byRegion := map[string][]formOption{}
	for _, z := range tzdb.Zones() {
		region, place, ok := strings.Cut(z, "/")
		if !ok {
			region, place = "Other", z
		}
		label := strings.ReplaceAll(place, "_", " ")
		if region == "Etc" {
			label = etcLabel(place)
		}
		byRegion[region] = append(byRegion[region], formOption{Value: z, Label: label})
	}
	etc := byRegion["Etc"]
	slices.SortStableFunc(etc, func(a, b formOption) int { return etcOffset(a.Value) - etcOffset(b.Value) })
	var groups []optionGroup
	for _, r := range slices.Sorted(func(yield func(string) bool) {
		for r := range byRegion {
			if r != "Etc" && r != "Other" && !yield(r) {
				return
			}
		}
	}) {
		groups = append(groups, optionGroup{Label: r, Options: byRegion[r]})
	}
	for _, r := range []string{"Etc", "Other"} {
		if len(byRegion[r]) > 0 {
			groups = append(groups, optionGroup{Label: r, Options: byRegion[r]})
		}
	}
	return groups
})

// etcOffset is the UTC offset in hours of an Etc zone, whose POSIX-style names have the sign
// reversed: Etc/GMT+5 is five hours behind UTC. UTC and GMT are 0.
func etcOffset(zone string) int {
	rest, ok := strings.CutPrefix(zone, "Etc/GMT")
	if !ok || rest == "" {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return 0
	}
	return -n
}

// etcLabel names an Etc zone by its offset as people write it: "UTC−05:00 (GMT+5)".
func etcLabel(place string) string {
	rest, ok := strings.CutPrefix(place, "GMT")
	if !ok || rest == "" {
		return place
	}
	off := etcOffset("Etc/" + place)
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	return "UTC" + sign + twoDigits(off) + ":00 (" + place + ")"
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// zoneOptions is a fresh copy of the zone groups, ready to have one option selected.
func zoneOptions() []optionGroup {
	groups := slices.Clone(zoneGroups())
	for i := range groups {
		groups[i].Options = slices.Clone(groups[i].Options)
	}
	return groups
}

// commonLanguages are offered in the locale select, with profilekit's message catalogs
// (message.Languages), when the config lists no supported languages.
var commonLanguages = []string{
	"ar", "bn", "cs", "da", "de", "el", "en", "en-GB", "en-US", "es", "es-419", "fa", "fi", "fr",
	"he", "hi", "hu", "id", "it", "ja", "ko", "ms", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru",
	"sv", "th", "tr", "uk", "vi", "zh-Hans", "zh-Hant",
}

// localeOptions lists the languages the locale select offers: the config's supported languages
// in their order when it lists them (normalized as the locale claim is, so "en_us" is
// "en-US"), otherwise profilekit's catalog languages and commonLanguages sorted by tag. Each is
// labelled with its own name in its own language ("Deutsch", "日本語") and marked with its
// language for screen readers.
func localeOptions(supported []string) []formOption {
	var (
		tags []string
		n    stdattr.Normalizer
	)
	if len(supported) > 0 {
		for _, s := range supported {
			if tag, err := n.Normalize(stdattr.AttrLocale, s); err == nil && !slices.Contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
	} else {
		tags = slices.Clone(commonLanguages)
		for _, t := range message.Languages() {
			if tag, err := n.Normalize(stdattr.AttrLocale, t.String()); err == nil && !slices.Contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
		slices.Sort(tags)
	}
	opts := make([]formOption, len(tags))
	for i, t := range tags {
		opts[i] = formOption{Value: t, Label: localeLabel(t), Lang: t}
	}
	return opts
}

// localeLabel is the name of a language in that language, with its region when the name
// does not already say it ("British English", "español", "português (Brasil)", "繁體中文"),
// or the tag itself when x/text has no name for it.
func localeLabel(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.Tags(t); n != nil {
		if name := n.Name(t); name != "" {
			return name
		}
	}
	if name := display.Self.Name(t); name != "" {
		return name
	}
	return tag
}

// countryOptions are the officially assigned ISO 3166-1 alpha-2 codes (internal/iso3166), and
// XK when withXK, labelled with their English names (x/text's CLDR names) and sorted by them.
func countryOptions(withXK bool) []formOption {
	codes := iso3166.Codes()
	if withXK {
		codes = append(codes, iso3166.Kosovo)
	}
	opts := make([]formOption, 0, len(codes))
	for _, c := range codes {
		opts = append(opts, formOption{Value: c, Label: countryLabel(c)})
	}
	col := collate.New(language.English)
	slices.SortFunc(opts, func(a, b formOption) int { return col.CompareString(a.Label, b.Label) })
	return opts
}

var regionNames = display.English.Regions()

// countryLabel is a country's English name, or its code when it has none.
func countryLabel(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := regionNames.Name(r); name != "" {
		return name
	}
	return code
}

// identityOptions are the user's identities of kind k: the values an identity-coupled claim
// may take. Each value is normalized as the claim is (so the stored value selects its option),
// and emails and phone numbers say whether they are verified.
func identityOptions(n stdattr.Normalizer, a stdattr.Attr, k profile.IdentityKind, ids profile.Identities) []formOption {
	var opts []formOption
	for _, id := range ids {
		if id.Kind != k {
			continue
		}
		v, err := n.Normalize(a, id.Value)
		if err != nil {
			v = id.Value
		}
		if slices.ContainsFunc(opts, func(o formOption) bool { return o.Value == v }) {
			continue
		}
		label := v
		if k != profile.IdentityUsername {
			if id.Verified {
				label += " (verified)"
			} else {
				label += " (not verified)"
			}
		}
		opts = append(opts, formOption{Value: v, Label: label})
	}
	return opts
}

// identityKind is the identity kind that owns an identity-coupled claim.
func identityKind(name string) (stdattr.Attr, profile.IdentityKind, bool) {
	switch name {
	case "email":
		return stdattr.AttrEmail, profile.IdentityEmail, true
	case "phone_number":
		return stdattr.AttrPhoneNumber, profile.IdentityPhone, true
	case "preferred_username":
		return stdattr.AttrPreferredUsername, profile.IdentityUsername, true
	}
	return 0, 0, false
}

// birthdateControls splits a stored birthdate into what its two controls show: the date input
// (a full date; a withheld year shown as placeholderYear, a year alone as 1 January of it) and
// the part kept. A value that is not a birthdate is put in the date input as it is.
func birthdateControls(v string) (date, part string) {
	b, err := stdattr.ParseBirthdate(v)
	switch {
	case v == "" || err != nil:
		return v, partFull
	case b.Year == 0:
		return placeholderYear + v[4:], partMonthDay
	case b.Month == 0:
		return v + "-01-01", partYear
	}
	return v, partFull
}

// birthdateWords says a stored birthdate in words for the hint under its controls, since the
// date input cannot show a partial one: "1 April 1990", "1 April (year not shared)",
// "1990 (year only)".
func birthdateWords(v string) string {
	b, err := stdattr.ParseBirthdate(v)
	switch {
	case v == "":
		return "no birthdate"
	case err != nil:
		return v
	case b.Year == 0:
		return strconv.Itoa(b.Day) + " " + time.Month(b.Month).String() + " (year not shared)"
	case b.Month == 0:
		return strconv.Itoa(b.Year) + " (year only)"
	}
	return strconv.Itoa(b.Day) + " " + time.Month(b.Month).String() + " " + strconv.Itoa(b.Year)
}

// composeBirthdate is the birthdate a form's date input and part select stand for: the date
// as given for the full date, 0000-MM-DD of it for day and month only, YYYY of it for the year
// only. A value that is not a YYYY-MM-DD date (a client that sends the claim itself) is passed
// on unchanged for the library to judge. problem, when not empty, says why the two cannot be
// combined: a partial part chosen with no date (a browser sends an empty date input when the
// date is incomplete, and that must not remove the birthdate), or an unknown part.
func composeBirthdate(date, part string) (value, problem string) {
	isDate := len(date) == 10 && date[4] == '-' && date[7] == '-' && allDigits(date[:4]+date[5:7]+date[8:])
	switch part {
	case "", partFull:
		return date, ""
	case partMonthDay, partYear:
		if strings.TrimSpace(date) == "" {
			which := "the day and month you want to share (any year will do)"
			if part == partYear {
				which = "a day in the year you want to share (any day will do)"
			}
			return "", "Pick a full date in the date field: " + which + "."
		}
		if !isDate {
			return date, ""
		}
		if part == partYear {
			return date[:4], ""
		}
		return "0000" + date[4:], ""
	}
	return "", "Choose which part of the birthdate to share."
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// composeGender is the gender a form's select and "other" text stand for: the select's value,
// or for "other" the text (or "other" itself when the text is blank). The text is ignored
// unless "other" is chosen; values the select does not offer (a client that sends the claim
// itself) are passed on unchanged.
func composeGender(choice, other string) string {
	if choice != genderOther {
		return choice
	}
	if strings.TrimSpace(other) == "" {
		return genderOther
	}
	return other
}

// genderControls splits a stored gender into the select's choice and the "other" text.
func genderControls(v string) (choice, other string) {
	switch v {
	case "", "female", "male":
		return v, ""
	case genderOther:
		return genderOther, ""
	}
	return genderOther, v
}
