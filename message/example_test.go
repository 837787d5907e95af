package message_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/message"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

func ExampleRender() {
	c := &validation.Cause{Location: "/custom_attributes/shoe_size", Kind: validation.KindMaximum,
		Details: validation.Details{Expected: 60, Actual: 99}}
	t := message.Render(c, language.English)
	fmt.Println(t.ID)
	fmt.Println(t.Person)
	fmt.Println(t.Developer)
	fmt.Println(message.Render(c, language.German).Person)
	// Output:
	// maximum
	// Shoe Size must be 60 or less.
	// /custom_attributes/shoe_size: maximum: 99 is above the maximum 60 — ask for a value within the attribute's maximum (Details.Expected)
	// Geben Sie für das Feld „Shoe Size“ einen Wert von höchstens 60 ein.
}

// A bad update, every problem in Japanese.
func ExampleRenderError() {
	cfg, err := profile.ParseConfig([]byte(`{"custom_attributes": {"attributes": [
	  {"id": "1", "pointer": "/shoe_size", "type": "number", "minimum": 20, "maximum": 60,
	   "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`))
	if err != nil {
		panic(err)
	}
	schema, err := profile.Compile(cfg)
	if err != nil {
		panic(err)
	}
	var current profile.Profile
	_, _, err = schema.ApplyJSON(&current, []byte(`{"birthdate": "1990-02-30", "zoneinfo": "asia/tokyo",
	  "given_name": "", "custom_attributes": {"shoe_size": 99}}`),
		profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	for _, t := range message.RenderError(err, language.Japanese) {
		fmt.Println(t.Person)
	}
	// Output:
	// 「生年月日」の日付が正しくありません。1990-12-31のように入力してください。
	// 「Shoe Size」には60以下の値を入力してください。
	// 「名」を入力してください。
	// 「タイムゾーン」のタイムゾーンが見つかりません。Asia/Tokyoではありませんか？
}

// Labels of the program's own, such as those a settings page shows.
func ExampleLabels() {
	labels := map[string]string{"/custom_attributes/shoe_size": "Schuhgröße"}
	c := &validation.Cause{Location: "/custom_attributes/shoe_size", Kind: validation.KindRequired}
	t := message.Render(c, language.German, message.Labels(func(p string) (string, bool) {
		l, ok := labels[p]
		return l, ok
	}))
	fmt.Println(t.Person)
	// Output:
	// Das Feld „Schuhgröße“ ist ein Pflichtfeld.
}

// The language of an Accept-Language header.
func ExampleMatch() {
	prefs, _, _ := language.ParseAcceptLanguage("nl-BE, zh-TW;q=0.8, en;q=0.5")
	fmt.Println(message.Match(prefs...))
	// Output:
	// zh-Hant
}
