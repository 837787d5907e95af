package profile_test

// BenchmarkHostile (issue 15, item 9): the cost of one update built to be expensive, each
// within the default limits (profile.DefaultLimits(): 1 MiB, 1000 members, depth 16), so
// that the limits themselves do not reject it. The budget is 20 ms and 8 MiB allocated per
// operation (B/op, from b.ReportAllocs) on a 2-core machine; take figures on a quiet machine.
//
// Before timing, each sub-benchmark checks once that the input is answered the way it is
// meant to be (within the limits: no cause of kind "limit" or "syntax" unless the case is one
// the work budget of an update refuses; and the expected outcome), so that a benchmark never
// measures a cheap early rejection by mistake.

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// hostileCase is one input: a schema, the update bytes, and what the answer must be.
type hostileCase struct {
	name string
	s    *profile.Schema
	doc  []byte
	// wantKind is a kind one of the causes must have; "" means the update must succeed.
	wantKind validation.Kind
}

var hostileRW = &access.Rule{EndUser: access.ReadWrite, Bearer: access.ReadOnly, Portal: access.ReadWrite}

// hostileSchema compiles a config with the given custom attributes (all read-write for the end
// user) and standard text max_length.
func hostileSchema(tb testing.TB, maxLength int, defs ...customattr.Definition) *profile.Schema {
	tb.Helper()
	cfg := profile.Config{MaxLength: maxLength, IdentityCoupling: "off"}
	for i, d := range defs {
		if d.ID == "" {
			d.ID = fmt.Sprint(i)
		}
		cfg.CustomAttributes.Attributes = append(cfg.CustomAttributes.Attributes, profile.CustomAttribute{Definition: d, AccessControl: hostileRW})
	}
	s, err := profile.Compile(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// fill returns prefix + unit repeated + suffix, as long as possible within n bytes.
func fill(prefix, unit, suffix string, n int) string {
	k := (n - len(prefix) - len(suffix)) / len(unit)
	return prefix + strings.Repeat(unit, k) + suffix
}

// hostileMaxBytes is the default size limit; each document stays just below it.
var hostileMaxBytes = profile.DefaultLimits().MaxBytes

// stdDoc is {"<claim>": "<value filling the size limit>"}.
func stdDoc(claim, prefix, unit, suffix string) []byte {
	head := `{"` + claim + `":"`
	return []byte(head + fill(prefix, unit, suffix, hostileMaxBytes-len(head)-2) + `"}`)
}

func hostileCases(tb testing.TB) []hostileCase {
	plain := hostileSchema(tb, 0)
	var cases []hostileCase

	// 999 copies of one custom phone attribute with a 250-digit invalid number: 1000 members
	// with custom_attributes. Only the first copy is checked; the others are "duplicated".
	{
		s := hostileSchema(tb, 0, customattr.Definition{Pointer: "/x_phone", Type: customattr.PhoneNumber})
		var b strings.Builder
		b.WriteString(`{"custom_attributes":{`)
		bad := "+" + strings.Repeat("9", 249)
		for i := range 999 {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"x_phone":"` + bad + `"`)
		}
		b.WriteString(`}}`)
		cases = append(cases, hostileCase{"custom_phone_999_copies", s, []byte(b.String()), validation.KindDuplicated})
	}
	// A custom string with a pattern and max_length 1<<20, on ~1 MiB of input that fails the
	// pattern only at its last character (RE2 is linear; this measures the constant). Past the
	// work budget of an update (profile.MaxWork), so it is refused before matching; the
	// longest value the budget lets through is measured too.
	{
		const pattern = `^([a-z]+ ?)+$`
		s := hostileSchema(tb, 0, customattr.Definition{Pointer: "/x_text", Type: customattr.String, MaxLength: 1 << 20, Pattern: pattern})
		head := `{"custom_attributes":{"x_text":"`
		doc := head + fill("", "abcdefg ", "!", hostileMaxBytes-len(head)-3) + `"}}`
		cases = append(cases, hostileCase{"custom_pattern_1MiB", s, []byte(doc), validation.KindLimit})
		fits := profile.MaxWork / (6 * profile.ProgramSize(pattern))
		doc = head + fill("", "abcdefg ", "!", fits-8) + `"}}`
		cases = append(cases, hostileCase{"custom_pattern_at_budget", s, []byte(doc), validation.KindPattern})
		// The same, matching (the whole value is scanned and kept).
		doc = head + fill("", "abcdefg ", "z", fits-8) + `"}}`
		cases = append(cases, hostileCase{"custom_pattern_at_budget_match", s, []byte(doc), ""})
		// A pattern at the program-size cap (1000) that keeps hundreds of
		// threads alive in Go's regexp machine: matching costs per byte about the cap times
		// that of a simple pattern. 64 KiB is past the budget; the budget's own length is not.
		const big = `^(?:[a-z ]{0,497})+$`
		s = hostileSchema(tb, 0, customattr.Definition{Pointer: "/x_text", Type: customattr.String, MaxLength: 1 << 20, Pattern: big})
		doc = head + fill("", "abcdefg ", "!", 64<<10) + `"}}`
		cases = append(cases, hostileCase{"custom_pattern_at_size_cap_64KiB", s, []byte(doc), validation.KindLimit})
		fits = profile.MaxWork / (6 * profile.ProgramSize(big))
		doc = head + fill("", "abcdefg ", "!", fits-8) + `"}}`
		cases = append(cases, hostileCase{"custom_pattern_at_size_cap_at_budget", s, []byte(doc), validation.KindPattern})
	}
	// 1 MiB of text needing NFC normalization in a standard claim: decomposed é (e + U+0301)
	// in given_name, with max_length large enough to accept it: past the work budget; the
	// longest the budget lets through is measured too.
	{
		s := hostileSchema(tb, 1<<20)
		cases = append(cases, hostileCase{"std_given_name_nfc_1MiB", s, stdDoc("given_name", "", "e\u0301", ""), validation.KindLimit})
		fits := profile.MaxWork / 50
		doc := `{"given_name":"` + fill("", "e\u0301", "", fits-8) + `"}`
		cases = append(cases, hostileCase{"std_given_name_nfc_at_budget", s, []byte(doc), ""})
		// The same text written with JSON escapes (the document itself is ASCII): the budget
		// goes by the decoded value, not by the bytes of the document.
		cases = append(cases, hostileCase{"std_given_name_nfc_escaped_1MiB", s, stdDoc("given_name", "", `e\u0301`, ""), validation.KindLimit})
		// Already NFC: the fast path.
		cases = append(cases, hostileCase{"std_given_name_ascii_1MiB", s, stdDoc("given_name", "", "a", ""), ""})
		// Over the default max_length (1024 runes): rejected, quoting at most 64 runes.
		cases = append(cases, hostileCase{"std_given_name_nfc_1MiB_default_max", plain, stdDoc("given_name", "", "e\u0301", ""), validation.KindMaxLength})
	}
	// 1000 distinct unknown members.
	{
		var b strings.Builder
		b.WriteByte('{')
		for i := range 1000 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"unknown_%d":%d`, i, i)
		}
		b.WriteByte('}')
		cases = append(cases, hostileCase{"unknown_1000_members", plain, []byte(b.String()), validation.KindUnknown})
	}
	// Nesting to the depth limit (16 levels counting the top object): once, and repeated to
	// fill 1 MiB inside one unknown member.
	{
		depth := profile.DefaultLimits().MaxDepth
		nest := strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1)
		cases = append(cases, hostileCase{"deep_16", plain, []byte(`{"x":` + nest + `}`), validation.KindUnknown})
		inner := strings.Repeat("[", depth-2) + strings.Repeat("]", depth-2)
		head := `{"x":[`
		doc := head + fill("", inner+",", inner, hostileMaxBytes-len(head)-2) + `]}`
		cases = append(cases, hostileCase{"deep_16_wide_1MiB", plain, []byte(doc), validation.KindUnknown})
		// Objects nested in custom_attributes and address (wrong types at known members).
		objs := strings.Repeat(`{"a":`, depth-3) + "1" + strings.Repeat("}", depth-3)
		cases = append(cases, hostileCase{"deep_16_in_address", plain, []byte(`{"address":{"locality":` + objs + `}}`), validation.KindType})
	}
	// 1 MiB values of the formatted standard claims (and of the custom formatted types).
	{
		cases = append(cases,
			hostileCase{"std_email_1MiB", plain, stdDoc("email", "", "a", "@example.com"), validation.KindMaxLength},
			hostileCase{"std_email_dots_1MiB", plain, stdDoc("email", "", "a.", "a@example.com"), validation.KindMaxLength},
			hostileCase{"std_website_1MiB", plain, stdDoc("website", "https://example.com/", "a", ""), validation.KindMaxLength},
			hostileCase{"std_website_segments_1MiB", plain, stdDoc("website", "https://example.com/", "a/", ""), validation.KindMaxLength},
			hostileCase{"std_website_escapes_1MiB", plain, stdDoc("website", "https://example.com/", "%41", ""), validation.KindMaxLength},
			hostileCase{"std_picture_1MiB", plain, stdDoc("picture", "https://example.com/", "a", ".png"), validation.KindMaxLength},
			hostileCase{"std_locale_1MiB", plain, stdDoc("locale", "", "en-", "US"), validation.KindMaxLength},
			hostileCase{"std_zoneinfo_1MiB", plain, stdDoc("zoneinfo", "", "Europe/", "Paris"), validation.KindFormat},
			hostileCase{"std_birthdate_1MiB", plain, stdDoc("birthdate", "", "1", ""), validation.KindFormat},
			hostileCase{"std_birthdate_spaces_1MiB", plain, stdDoc("birthdate", "", " ", "1990-01-01"), ""},
			hostileCase{"std_phone_1MiB", plain, stdDoc("phone_number", "+", "1", ""), validation.KindMaxLength},
			hostileCase{"std_phone_separators_1MiB", plain, stdDoc("phone_number", "+", "1 ", "1"), validation.KindMaxLength},
			hostileCase{"std_gender_1MiB", plain, stdDoc("gender", "", "x", ""), validation.KindMaxLength},
		)
		s := hostileSchema(tb, 0,
			customattr.Definition{Pointer: "/x_email", Type: customattr.Email},
			customattr.Definition{Pointer: "/x_url", Type: customattr.URL},
			customattr.Definition{Pointer: "/x_country", Type: customattr.CountryCode},
			customattr.Definition{Pointer: "/x_enum", Type: customattr.Enum, Enum: []string{"a", "b"}},
			customattr.Definition{Pointer: "/x_number", Type: customattr.Number},
			customattr.Definition{Pointer: "/x_integer", Type: customattr.Integer},
			customattr.Definition{Pointer: "/x_date", Type: customattr.Date, Minimum: "2000-01-01"},
		)
		custom := func(name, value string, wrap bool) []byte {
			head := `{"custom_attributes":{"` + name + `":`
			if !wrap {
				return []byte(head + fill("", "1", "", hostileMaxBytes-len(head)-2) + `}}`)
			}
			return []byte(head + `"` + value + fill("", "a", "", hostileMaxBytes-len(head)-len(value)-4) + `"}}`)
		}
		cases = append(cases,
			hostileCase{"custom_email_1MiB", s, custom("x_email", "", true), validation.KindFormat},
			hostileCase{"custom_date_1MiB", s, custom("x_date", "2020-02-29", true), validation.KindFormat},
			hostileCase{"custom_date_spaces_1MiB", s, []byte(fill(`{"custom_attributes":{"x_date":"`, " ", `2020-02-29"}}`, hostileMaxBytes)), ""},
			hostileCase{"custom_url_1MiB", s, custom("x_url", "https://example.com/", true), validation.KindMaxLength},
			hostileCase{"custom_country_1MiB", s, custom("x_country", "", true), validation.KindFormat},
			hostileCase{"custom_enum_1MiB", s, custom("x_enum", "", true), validation.KindMaxLength},
			hostileCase{"custom_number_1MiB_digits", s, custom("x_number", "", false), validation.KindMaximum},
			hostileCase{"custom_integer_1MiB_digits", s, custom("x_integer", "", false), validation.KindMaximum},
		)
	}
	// 1000 custom attributes defined, of every type, and as many set as the member limit
	// allows (999: custom_attributes itself is a member).
	{
		types := customTypes
		defs := make([]customattr.Definition, 1000)
		for i := range defs {
			defs[i] = customattr.Definition{Pointer: fmt.Sprintf("/attr_%d", i), Type: types[i%len(types)]}
			if defs[i].Type == customattr.Enum {
				defs[i].Enum = []string{"red", "green", "blue"}
			}
		}
		s := hostileSchema(tb, 0, defs...)
		var b strings.Builder
		b.WriteString(`{"custom_attributes":{`)
		for i, d := range defs[:profile.DefaultLimits().MaxKeys-1] {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"%s":%s`, d.Name(), hostileValue(d.Type))
		}
		b.WriteString(`}}`)
		cases = append(cases, hostileCase{"custom_1000_defined_999_set", s, []byte(b.String()), ""})
	}
	return cases
}

// hostileValue is a valid JSON value of type t (not normalized, so that every check runs).
func hostileValue(t customattr.Type) string {
	switch t {
	case customattr.String:
		return `" Jose\u0301 "`
	case customattr.Number:
		return `1.50e1`
	case customattr.Integer:
		return `4.0`
	case customattr.Enum:
		return `" green "`
	case customattr.PhoneNumber:
		return `"+852 9876 5432"`
	case customattr.Email:
		return `"Jane.Work@EXAMPLE.com"`
	case customattr.URL:
		return `"HTTPS://Example.COM/a/b?x=1#f"`
	case customattr.CountryCode:
		return `" hk "`
	case customattr.Boolean:
		return `true`
	case customattr.Date:
		return `" 2020-02-29 "`
	}
	panic("type " + string(t))
}

// checkHostile applies c once and checks the answer is the intended one.
func checkHostile(tb testing.TB, c hostileCase) {
	tb.Helper()
	if n := len(c.doc); n > hostileMaxBytes {
		tb.Fatalf("%s: %d bytes, over the limit", c.name, n)
	}
	var cur profile.Profile
	_, _, err := c.s.ApplyJSON(&cur, c.doc, profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	var verr *validation.Error
	if err != nil && !errors.As(err, &verr) {
		tb.Fatalf("%s: error of type %T", c.name, err)
	}
	if (hasKind(err, validation.KindLimit) && c.wantKind != validation.KindLimit) || hasKind(err, validation.KindSyntax) {
		tb.Fatalf("%s: rejected by the limits or as malformed, not measured: %v", c.name, err)
	}
	switch {
	case c.wantKind == "" && err != nil:
		tb.Fatalf("%s: want success, got %v", c.name, err)
	case c.wantKind != "" && !hasKind(err, c.wantKind):
		tb.Fatalf("%s: want a cause of kind %s, got %v", c.name, c.wantKind, err)
	}
}

// TestHostileCases checks the inputs of BenchmarkHostile: each within the default limits and
// answered as intended.
func TestHostileCases(t *testing.T) {
	for _, c := range hostileCases(t) {
		t.Run(c.name, func(t *testing.T) { checkHostile(t, c) })
	}
}

func BenchmarkHostile(b *testing.B) {
	for _, c := range hostileCases(b) {
		b.Run(c.name, func(b *testing.B) {
			checkHostile(b, c)
			up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
			b.SetBytes(int64(len(c.doc)))
			b.ReportAllocs()
			for b.Loop() {
				var cur profile.Profile
				_, _, _ = c.s.ApplyJSON(&cur, c.doc, up)
			}
		})
	}
}

// hostileConfig is the config of issue 15, item 9 that compiled in 478 ms and 416 MiB: 1000
// custom string attributes, each with a pattern of 1000 alternatives.
func hostileConfig() profile.Config {
	alts := make([]string, 1000)
	for i := range alts {
		alts[i] = fmt.Sprintf("w%d", i)
	}
	p := "^(?:" + strings.Join(alts, "|") + ")$"
	var cfg profile.Config
	for i := range 1000 {
		cfg.CustomAttributes.Attributes = append(cfg.CustomAttributes.Attributes, profile.CustomAttribute{Definition: customattr.Definition{
			ID: fmt.Sprint(i), Pointer: fmt.Sprintf("/a%d", i), Type: customattr.String, Pattern: p}})
	}
	return cfg
}

// TestHostileConfigCaps: the caps of customattr on what a config may cost to compile are
// located in the config, with Details.Expected the cap, and the config of issue 15 is
// rejected without compiling its patterns.
func TestHostileConfigCaps(t *testing.T) {
	check := func(cfg profile.Config, loc string, kind validation.Kind, expected int) {
		t.Helper()
		_, err := profile.Compile(cfg)
		var verr *validation.Error
		if !errors.As(err, &verr) {
			t.Fatalf("want a *validation.Error, got %v", err)
		}
		for _, c := range verr.Causes {
			if c.Location == loc && c.Kind == kind && c.Details.Expected == expected {
				return
			}
		}
		t.Errorf("want %s at %s (expected %d), got %v", kind, loc, expected, err)
	}
	cfg := hostileConfig()
	n := allocated(func() { _, _ = profile.Compile(cfg) })
	if n > 8<<20 {
		t.Errorf("rejecting the config allocated %d bytes", n)
	}
	check(cfg, "/custom_attributes/attributes/3/pattern", validation.KindMaxLength, 1024)

	small := profile.Config{}
	for i, p := range []string{`^a$`, `^b$`, `^c$`, `[a-z]{1000}`} {
		small.CustomAttributes.Attributes = append(small.CustomAttributes.Attributes, profile.CustomAttribute{Definition: customattr.Definition{
			ID: fmt.Sprint(i), Pointer: fmt.Sprintf("/a%d", i), Type: customattr.String, Pattern: p}})
	}
	check(small, "/custom_attributes/attributes/3/pattern", validation.KindLimit, 1000)

	for len(cfg.CustomAttributes.Attributes) <= 4096 {
		cfg.CustomAttributes.Attributes = append(cfg.CustomAttributes.Attributes, cfg.CustomAttributes.Attributes[0])
	}
	check(cfg, "/custom_attributes/attributes", validation.KindMaxLength, 4096)
}

// BenchmarkHostileConfig: compiling (rejecting) the config of issue 15.
func BenchmarkHostileConfig(b *testing.B) {
	cfg := hostileConfig()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := profile.Compile(cfg); err == nil {
			b.Fatal("want an error")
		}
	}
}
