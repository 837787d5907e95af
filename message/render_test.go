package message_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/message"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

var zhHant = language.MustParse("zh-Hant")

// TestRenderGolden pins the sentences of a handful of causes in English, German and Japanese.
func TestRenderGolden(t *testing.T) {
	tests := []struct {
		cause      validation.Cause
		id         string
		en, de, ja string
	}{
		{validation.Cause{Location: "/custom_attributes/shoe_size", Kind: validation.KindMaximum, Details: validation.Details{Expected: json.Number("60"), Actual: json.Number("99")}},
			"maximum",
			"Shoe Size must be 60 or less.",
			"Geben Sie für das Feld „Shoe Size“ einen Wert von höchstens 60 ein.",
			"「Shoe Size」には60以下の値を入力してください。"},
		{validation.Cause{Location: "/birthdate", Kind: validation.KindFormat, Details: validation.Details{Format: "birthdate", Actual: "1900-02-29", Message: "February 1900 has 28 days"}},
			"format/birthdate",
			"Birthdate is not a valid date. Enter it like 1990-12-31.",
			"Das Feld „Geburtsdatum“ enthält kein gültiges Datum. Geben Sie es so ein: 1990-12-31.",
			"「生年月日」の日付が正しくありません。1990-12-31のように入力してください。"},
		{validation.Cause{Location: "/zoneinfo", Kind: validation.KindFormat, Details: validation.Details{Format: "timezone", Actual: "america/new_york", Suggest: "America/New_York"}},
			"format/timezone",
			"Time Zone is not a known time zone. Did you mean America/New_York?",
			"Das Feld „Zeitzone“ enthält keine bekannte Zeitzone. Meinten Sie America/New_York?",
			"「タイムゾーン」のタイムゾーンが見つかりません。America/New_Yorkではありませんか？"},
		{validation.Cause{Location: "/given_name", Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}},
			"minLength/empty",
			"Given Name cannot be empty.",
			"Das Feld „Vorname“ darf nicht leer sein.",
			"「名」を入力してください。"},
		{validation.Cause{Location: "/address/postal_code", Kind: validation.KindMaxLength, Details: validation.Details{Expected: 1000, Actual: 1200}},
			"maxLength",
			"Postal Code can be at most 1,000 characters long.",
			"Das Feld „Postleitzahl“ darf höchstens 1.000 Zeichen enthalten.",
			"「郵便番号」は1,000文字以内で入力してください。"},
		{validation.Cause{Location: "/email", Kind: validation.KindForbidden, Details: validation.Details{Party: "end_user", Level: "readonly", Operation: "change"}},
			"forbidden/change",
			"You cannot change Email.",
			"Sie können das Feld „E-Mail“ nicht ändern.",
			"「メールアドレス」は変更できません。"},
		{validation.Cause{Location: "/custom_attributes/badge", Kind: validation.KindForbidden, Details: validation.Details{Party: "end_user", Level: "readwrite", Operation: "change"}},
			"forbidden/writeonce",
			"Badge cannot be changed once it is set.",
			"Das Feld „Badge“ kann nach dem Ausfüllen nicht mehr geändert werden.",
			"「Badge」は一度設定すると変更できません。"},
		{validation.Cause{Location: "/custom_attributes/department", Kind: validation.KindEnum, Details: validation.Details{Expected: []string{"engineering", "sales"}, Actual: "marketing"}},
			"enum/values",
			"Department must be one of: engineering, sales.",
			"Das Feld „Department“ muss einen dieser Werte enthalten: engineering, sales.",
			"「Department」は次のいずれかにしてください：engineering、sales。"},
		{validation.Cause{Kind: validation.KindLimit, Details: validation.Details{Expected: 1 << 20, Actual: 2 << 20}},
			"limit",
			"Too much was sent at once. Send fewer or shorter values.",
			"Es wurde zu viel auf einmal gesendet. Senden Sie weniger oder kürzere Werte.",
			"一度に送信された内容が多すぎます。値の数を減らすか、短くしてください。"},
		{validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: "email", Actual: "jane@"}},
			"format/email",
			"This field is not a valid email address.",
			"Dieses Feld enthält keine gültige E-Mail-Adresse.",
			"この項目のメールアドレスが正しくありません。"},
	}
	for _, tt := range tests {
		for lang, want := range map[language.Tag]string{language.English: tt.en, language.German: tt.de, language.Japanese: tt.ja} {
			got := message.Render(&tt.cause, lang)
			assert.Equal(t, tt.id, got.ID)
			assert.Equal(t, want, got.Person, "%s %s", lang, tt.id)
			assert.Equal(t, tt.cause.Location, got.Location)
		}
	}
	dev := message.Render(&tests[0].cause, language.Japanese).Developer
	assert.Equal(t, "/custom_attributes/shoe_size: maximum: 99 is above the maximum 60 — ask for a value within the attribute's maximum (Details.Expected)", dev,
		"developer texts are English in every language")
}

func TestLabels(t *testing.T) {
	c := &validation.Cause{Location: "/custom_attributes/shoe_size", Kind: validation.KindRequired}
	labels := message.Labels(func(p string) (string, bool) {
		if p == "/custom_attributes/shoe_size" {
			return "Schuhgröße", true
		}
		return "", false
	})
	assert.Equal(t, "Das Feld „Schuhgröße“ ist ein Pflichtfeld.", message.Render(c, language.German, labels).Person)
	assert.Equal(t, "Schuhgröße is required.", message.Render(c, language.English, labels).Person, "a label of the program's own is used as it is")
	other := &validation.Cause{Location: "/birthdate", Kind: validation.KindRequired}
	assert.Equal(t, "Das Feld „Geburtsdatum“ ist ein Pflichtfeld.", message.Render(other, language.German, labels).Person, "ok=false keeps the default")
	lower := message.Labels(func(string) (string, bool) { return "iPhone model", true })
	assert.Equal(t, "iPhone model is required.", message.Render(c, language.English, lower).Person, "a label is never capitalized")
	assert.Equal(t, "This field is required.", message.Render(&validation.Cause{Location: "/nope", Kind: validation.KindRequired}, language.English).Person)
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]language.Tag{
		"en": language.English, "de-AT": language.German, "gsw": language.German, "fr-CA": language.French,
		"es-419": language.Spanish, "ja-JP": language.Japanese, "zh-TW": zhHant, "zh-HK": zhHant, "zh-Hant": zhHant,
		"zh-CN": zhHant, "pt-BR": language.English, "nl": language.English, "und": language.English,
	} {
		assert.Equal(t, want, message.Match(language.MustParse(in)), in)
	}
	assert.Equal(t, language.French, message.Match(language.MustParse("nl"), language.MustParse("fr")))
	assert.Equal(t, language.English, message.Match())
	assert.Equal(t, []language.Tag{language.English, language.German, language.French, language.Spanish, language.Japanese, zhHant}, message.Languages())
	c := &validation.Cause{Location: "/birthdate", Kind: validation.KindRequired}
	assert.Equal(t, "「生日」為必填。", message.Render(c, language.MustParse("zh-TW")).Person)
	assert.Equal(t, "Birthdate is required.", message.Render(c, language.MustParse("pt-BR")).Person)
}

func TestRenderError(t *testing.T) {
	var e validation.Error
	e.Add(&validation.Cause{Location: "/email", Kind: validation.KindUnowned, Details: validation.Details{Actual: "x@example.com"}},
		&validation.Cause{Location: "/birthdate", Kind: validation.KindRequired})
	err := fmt.Errorf("saving: %w", e.Err())
	got := message.RenderError(err, language.Japanese)
	require.Len(t, got, 2)
	assert.Equal(t, "/birthdate", got[0].Location)
	assert.Equal(t, "「生年月日」は必須です。", got[0].Person)
	assert.Equal(t, "「メールアドレス」には、サインイン用に確認済みのものを入力してください。", got[1].Person)

	one := message.RenderError(&validation.Cause{Kind: validation.KindSyntax}, language.French)
	require.Len(t, one, 1)
	assert.Equal(t, "Les données envoyées n’ont pas pu être lues.", one[0].Person)

	assert.Nil(t, message.RenderError(nil, language.English))
	assert.Nil(t, message.RenderError(errors.New("disk full"), language.English))
	var none *validation.Error
	assert.Nil(t, message.RenderError(none, language.English), "a typed nil holds no cause")
	assert.NotEmpty(t, message.Render(nil, language.English).Person)
}

// TestRenderConcurrent: the catalogs are shared and only read (run it with -race).
func TestRenderConcurrent(t *testing.T) {
	c := &validation.Cause{Location: "/custom_attributes/shoe_size", Kind: validation.KindMaximum, Details: validation.Details{Expected: 60}}
	var wg sync.WaitGroup
	for _, lang := range message.Languages() {
		wg.Go(func() {
			want := message.Render(c, lang).Person
			for range 200 {
				if got := message.Render(c, lang).Person; got != want {
					t.Errorf("%s: %q then %q", lang, want, got)
					return
				}
			}
		})
	}
	wg.Wait()
}

// pipelineCauses returns causes that the library emits: from updates of every kind of
// mistake through the pipeline (hostile long values among them), from bad configs and from
// single-value checks.
func pipelineCauses(t *testing.T) []*validation.Cause {
	t.Helper()
	cfg, err := profile.ParseConfig([]byte(testConfig))
	require.NoError(t, err)
	s, err := profile.Compile(cfg)
	require.NoError(t, err)
	var cur profile.Profile
	require.NoError(t, json.Unmarshal([]byte(`{"given_name":"Jane","email":"jane@example.com",
	  "custom_attributes":{"employee_id":"E123456","badge":"B1"}}`), &cur))
	ids := profile.Identities{{Kind: profile.IdentityEmail, Value: "jane@example.com", Verified: true}}

	long := strings.Repeat(longRune, 300)
	digits := strings.Repeat("9", 300)
	var updates []string
	for _, a := range []string{"given_name", "nickname", "birthdate", "zoneinfo", "locale", "email", "phone_number", "website", "picture", "gender", "preferred_username"} {
		for _, v := range []string{long, "", "  ", "x\u0000y", "Europe/paris", "1900-02-29", "zh_hant_xx", "+1 555", "javascript:alert(1)", "UK"} {
			updates = append(updates, `{"`+a+`":`+quote(v)+`}`)
		}
	}
	for _, a := range []string{"employee_id", "department", "home_country", "backup_phone", "backup_email", "homepage", "motto", "badge", "secret"} {
		for _, v := range []string{quote(long), `""`, `"UK"`, `"xl"`, `1`, `"E1"`, `"ftp://x"`, `"a@b"`} {
			updates = append(updates, `{"custom_attributes":{"`+a+`":`+v+`}}`)
		}
		updates = append(updates, `{"custom_attributes":{"`+a+`":null}}`)
	}
	for _, v := range []string{"99", "5", "1e400", digits, `"40"`, "3.5", "-" + digits, "true"} {
		updates = append(updates, `{"custom_attributes":{"shoe_size":`+v+`,"tickets":`+v+`}}`)
	}
	updates = append(updates,
		`{"address":{"postal_code":`+quote(long)+`,"planet":"Mars","country":"ZZ"}}`, `{"address":"x"}`,
		`{"email":"someone@example.com","email_verified":false,"updated_at":5,"phone_number_verified":true}`,
		`{"sub":"x","custom_attributes":{"nope":1,`+quote(long)+`:1}}`, `{`+quote(long)+`:1}`,
		`{"given_name":"a","given_name":"b"}`, `{"given_name":"Jane",}`, `[`, `{"given_name":"`+"\xff"+`"}`,
		strings.Repeat(`{"address":`, 20)+`{}`+strings.Repeat(`}`, 20),
		`{"nickname":"`+strings.Repeat("x", 1100000)+`"}`,
	)
	var out []*validation.Cause
	collect := func(err error) {
		var verr *validation.Error
		if errors.As(err, &verr) {
			out = append(out, verr.Causes...)
		}
	}
	for _, u := range updates {
		for _, up := range []profile.Update{
			{Party: access.EndUser, Mode: profile.MergePatch, Identities: ids},
			{Party: access.AdminAPI, Mode: profile.Replace},
			{Party: access.Portal, Mode: profile.MergePatch},
		} {
			_, _, err := s.ApplyJSON(&cur, []byte(u), up)
			collect(err)
		}
	}
	_, _, err = s.ApplyJSON(&cur, []byte(`{}`), profile.Update{Party: access.EndUser, Mode: 9})
	collect(err)
	_, _, err = s.ApplyForm(&cur, map[string]string{"custom_attributes.shoe_size": "abc", "custom_attributes.tickets": "1.5", "birthdate": "31/12/1990"}, profile.Update{Party: access.EndUser})
	collect(err)
	_, _, err = (&profile.Schema{}).ApplyJSON(&cur, []byte(`{}`), profile.Update{Party: access.EndUser})
	collect(err)
	for _, bad := range []string{
		`{"custom_attributes":{"attributes":[{"id":"1","pointer":"/email","type":"string"},{"id":"1","pointer":"x","type":"nope"},{"id":"3","pointer":"/n","type":"integer","minimum":5,"maximum":1,"pattern":"("}]}}`,
		`{"standard_attributes":{"access_control":[{"pointer":"/nmae","access_control":{"end_user":"readwrite","bearer":"hidden","portal_ui":"readwrite"}}]}}`,
		`{"max_length":-1,"phone":{"validation":"strict"},"supported_languages":["en","en","xx-ZZ-u-ca-x"],"unknown_member":1}`,
		`{"custom_attributes":{"attributes":[{"id":"1","pointer":"/e","type":"enum","enum":[]},{"id":"2","pointer":"/s","type":"string","pattern":"` + strings.Repeat("a", 2000) + `"}]}}`,
		`{"custom_attributes":{"attributes":[{"id":"4","pointer":"/t"}]}}`,
		`[1]`, `{"max_length":"x"}`,
	} {
		cfg, err := profile.ParseConfig([]byte(bad))
		collect(err)
		if err == nil {
			_, err = profile.Compile(cfg)
			collect(err)
		}
	}
	prev := []customattr.Definition{{ID: "1", Pointer: "/a", Type: customattr.String}, {ID: "2", Pointer: "/b", Type: customattr.Integer}}
	next := []customattr.Definition{{ID: "2", Pointer: "/b", Type: customattr.String}}
	_, err = customattr.CheckEvolution(prev, next)
	collect(err)
	var n stdattr.Normalizer
	for _, check := range []func(string) (string, error){
		claimCheck(&n, stdattr.AttrBirthdate), claimCheck(&n, stdattr.AttrEmail), claimCheck(&n, stdattr.AttrZoneinfo),
		claimCheck(&n, stdattr.AttrLocale), claimCheck(&n, stdattr.AttrPhoneNumber), claimCheck(&n, stdattr.AttrPicture),
		claimCheck(&n, stdattr.AttrWebsite),
		func(s string) (string, error) {
			return (&stdattr.Normalizer{AddressCountryCode: true}).NormalizeAddressField("country", s)
		},
	} {
		for _, v := range []string{"", long, "x"} {
			_, err := check(v)
			var c *validation.Cause
			if errors.As(err, &c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// claimCheck is n.Normalize of claim a.
func claimCheck(n *stdattr.Normalizer, a stdattr.Attr) func(string) (string, error) {
	return func(s string) (string, error) { return n.Normalize(a, s) }
}

// longRune makes the long values: a rune that no message has, so a sentence that holds more
// than MaxQuote of them in a row quotes the value.
const longRune = "ж"

func quote(s string) string {
	p, _ := json.Marshal(s)
	return string(p)
}

const testConfig = `{
  "standard_attributes": {
    "access_control": [
      {"pointer": "/nickname", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"pointer": "/website", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"pointer": "/address", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}
    ]
  },
  "custom_attributes": {
    "attributes": [
      {"id": "01", "pointer": "/employee_id", "type": "string", "pattern": "^E[0-9]{6}$", "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "02", "pointer": "/shoe_size", "type": "number", "minimum": 20, "maximum": 60, "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "03", "pointer": "/tickets", "type": "integer", "minimum": 0, "maximum": 10, "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "04", "pointer": "/department", "type": "enum", "enum": ["engineering", "sales", "support"], "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "05", "pointer": "/home_country", "type": "country_code", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "06", "pointer": "/backup_phone", "type": "phone_number", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "07", "pointer": "/backup_email", "type": "email", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "08", "pointer": "/homepage", "type": "url", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "09", "pointer": "/motto", "type": "string", "min_length": 3, "max_length": 20, "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "10", "pointer": "/badge", "type": "string", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite", "write_once": true}},
      {"id": "11", "pointer": "/secret", "type": "string", "access_control": {"end_user": "hidden", "bearer": "hidden", "portal_ui": "readwrite"}}
    ]
  }
}`

// TestRenderPipelineCauses is the property: every cause the library emits has a developer
// message, and renders in every language without panicking, with a sentence and a detail
// that are never empty, a sentence without the cause's pointer, and neither quoting more than
// validation.MaxQuote runes of the rejected value.
func TestRenderPipelineCauses(t *testing.T) {
	causes := pipelineCauses(t)
	require.Greater(t, len(causes), 200)
	tooLong := strings.Repeat(longRune, validation.MaxQuote+1)
	tooManyDigits := strings.Repeat("9", validation.MaxQuote+1)
	ids := map[string]bool{}
	kinds := map[validation.Kind]bool{}
	for _, c := range causes {
		assert.NotEmpty(t, c.Details.Message, "%s %s: no developer message", c.Location, c.Kind)
		kinds[c.Kind] = true
		p, err := json.Marshal(c)
		require.NoError(t, err)
		assert.NotContains(t, strings.TrimPrefix(string(p), `{"location":`+quote(c.Location)), tooManyDigits, "the JSON form: %s", p)
		for _, lang := range message.Languages() {
			txt := message.Render(c, lang)
			ids[txt.ID] = true
			assert.True(t, message.HasMessage(txt.ID), txt.ID)
			require.NotEmpty(t, txt.Person, "%s %+v", lang, c)
			require.NotEmpty(t, txt.Developer, "%s %+v", lang, c)
			assert.True(t, utf8.ValidString(txt.Person) && utf8.ValidString(txt.Developer))
			assert.NotContains(t, txt.Person, "%!", "%s %s", lang, txt.ID)
			if len(c.Location) > 1 {
				assert.NotContains(t, txt.Person, c.Location, "%s %s: a pointer in a sentence", lang, txt.ID)
			}
			// The pointer is the client's own member name, quoted whole as in the JSON form.
			dev := strings.TrimPrefix(txt.Developer, c.Location)
			for _, long := range []string{tooLong, tooManyDigits} {
				assert.NotContains(t, txt.Person, long, "%s %+v", lang, c)
				assert.NotContains(t, dev, long, "%s %+v", lang, c)
			}
		}
	}
	for _, k := range []validation.Kind{validation.KindType, validation.KindMinLength, validation.KindMaxLength, validation.KindMinimum,
		validation.KindMaximum, validation.KindEnum, validation.KindFormat, validation.KindPattern, validation.KindRequired,
		validation.KindConst, validation.KindUnknown, validation.KindReserved, validation.KindForbidden, validation.KindUnowned,
		validation.KindImmutable, validation.KindDuplicated, validation.KindLimit, validation.KindSyntax} {
		assert.True(t, kinds[k], "the causes cover kind %s", k)
	}
	t.Logf("%d causes, %d message ids", len(causes), len(ids))
}

// FuzzRender: any cause, of any kind with any details, renders in any language without
// panicking, with texts that are never empty, an id that has a message, and no more than
// MaxQuote runes of a long rejected value (written in a rune nothing else holds).
func FuzzRender(f *testing.F) {
	f.Add("maximum", "/custom_attributes/shoe_size", "", "", "", uint8(1), int64(60), "", 3, "", "", uint8(0))
	f.Add("format", "/zoneinfo", "timezone", "", "", uint8(0), int64(0), "", 200, "America/New_York", "", uint8(4))
	f.Add("enum", "/custom_attributes/size", "", "", "", uint8(3), int64(0), "s,m,l", 80, "m", "", uint8(1))
	f.Add("forbidden", "/email", "", "change", "readwrite", uint8(0), int64(0), "", 0, "", "", uint8(5))
	f.Add("minLength", "", "", "", "", uint8(1), int64(1), "", 0, "", "", uint8(2))
	f.Add("type", "/given_name", "", "", "", uint8(2), int64(0), "number", 0, "", "m", uint8(3))
	f.Add("nope", "/a~1b", "x", "y", "z", uint8(4), int64(-1), "", 1000, "\u202e", "%!d", uint8(200))
	langs := message.Languages()
	tooLong := strings.Repeat(longRune, validation.MaxQuote+1)
	f.Fuzz(func(t *testing.T, kind, loc, format, op, level string, sel uint8, n int64, list string, actualLen int, suggest, msg string, lang uint8) {
		d := validation.Details{Format: format, Operation: op, Level: level, Party: "end_user", Message: msg}
		switch sel % 5 {
		case 1:
			d.Expected = n
		case 2:
			d.Expected = list
		case 3:
			d.Expected = strings.Split(list, ",")
		case 4:
			d.Expected = json.Number(list)
		}
		if actualLen > 0 {
			d.Actual = strings.Repeat(longRune, min(actualLen, 5000))
		}
		if suggest != "" {
			d.Suggest = suggest
		}
		c := &validation.Cause{Location: loc, Kind: validation.Kind(kind), Details: d}
		txt := message.Render(c, langs[int(lang)%len(langs)])
		if txt.Person == "" || txt.Developer == "" || txt.ID == "" {
			t.Fatalf("empty text for %+v: %+v", c, txt)
		}
		if !message.HasMessage(txt.ID) {
			t.Fatalf("id %q has no message", txt.ID)
		}
		// Only a value the fuzzer did not also put elsewhere is checked for quoting.
		if strings.Contains(kind+loc+format+op+level+list+suggest+msg, longRune) {
			return
		}
		if strings.Contains(txt.Person, tooLong) || (msg == "" && strings.Contains(txt.Developer, tooLong)) {
			t.Fatalf("quotes more than MaxQuote runes of Actual: %+v", txt)
		}
	})
}

func BenchmarkRender(b *testing.B) {
	c := &validation.Cause{Location: "/custom_attributes/shoe_size", Kind: validation.KindMaximum,
		Details: validation.Details{Expected: json.Number("60"), Actual: json.Number("99"), Message: "99 is above the maximum 60"}}
	for _, lang := range []language.Tag{language.English, language.Japanese, language.MustParse("de-AT")} {
		b.Run(lang.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				message.Render(c, lang)
			}
		})
	}
}

// The boolean and date custom types have their own sentences.
func TestRenderBooleanAndDate(t *testing.T) {
	s, err := customattr.Compile([]customattr.Definition{
		{ID: "1", Pointer: "/newsletter", Type: customattr.Boolean},
		{ID: "2", Pointer: "/start_date", Type: customattr.Date, Minimum: "2000-01-01", Maximum: "2030-12-31"},
	}, customattr.Options{})
	require.NoError(t, err)
	cause := func(name string, v customattr.Value) *validation.Cause {
		a, _ := s.Lookup(name)
		_, err := a.Check(v)
		var c *validation.Cause
		require.ErrorAs(t, err, &c)
		return c.Under("/custom_attributes/" + name)
	}
	for _, tc := range []struct {
		c    *validation.Cause
		lang string
		want string
	}{
		{cause("newsletter", customattr.StringValue("true")), "en", "Newsletter must be yes or no."},
		{cause("start_date", customattr.StringValue("1999-12-31")), "en", "Start Date must be 2000-01-01 or later."},
		{cause("start_date", customattr.StringValue("2031-01-01")), "ja", "「Start Date」には2030-12-31以前の日付を入力してください。"},
		{cause("start_date", customattr.StringValue("2021-02-29")), "de", "Das Feld „Start Date“ enthält kein gültiges Datum. Geben Sie es so ein: 1990-12-31."},
	} {
		assert.Equal(t, tc.want, message.Render(tc.c, language.Make(tc.lang)).Person, "%s %s", tc.lang, tc.c)
	}
}

// A language-tagged variant is named by its attribute's label and its tag; a tag that is not
// of a tag's shape (what a client sent) is left out.
func TestRenderVariantLabels(t *testing.T) {
	for _, tc := range []struct {
		loc  string
		lang language.Tag
		want string
	}{
		{"/family_name#ja-Kana-JP", language.English, "Family Name (ja-Kana-JP)"},
		{"/address/locality#ja", language.English, "(ja)"},
		{"/custom_attributes/kana_name#ja-Kana", language.English, "Kana Name (ja-Kana)"},
		{"/family_name#xx-!!<b>", language.English, "Family Name"},
		{"/family_name#ja", language.Japanese, "(ja)"},
	} {
		got := message.Render(&validation.Cause{Location: tc.loc, Kind: validation.KindMinLength, Details: validation.Details{Expected: 1}}, tc.lang)
		assert.Contains(t, got.Person, tc.want, tc.loc)
		assert.NotContains(t, got.Person, "!!", tc.loc)
		assert.NotContains(t, got.Person, "<b>", tc.loc)
	}
}
