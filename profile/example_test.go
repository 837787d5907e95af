package profile_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// The user_profile section of an identity server's config, as JSON.
const exampleConfig = `{
  "standard_attributes": {
    "access_control": [
      {"pointer": "/name", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}
    ]
  },
  "custom_attributes": {
    "attributes": [
      {"id": "0001", "pointer": "/shoe_size", "type": "number", "minimum": 20, "maximum": 60,
       "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "0002", "pointer": "/employee_id", "type": "string", "pattern": "^E[0-9]{6}$",
       "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}}
    ]
  }
}`

func exampleSchema() *profile.Schema { return compileExample(exampleConfig) }

// compileExample is ParseConfig then Compile of a user_profile config known to be valid.
func compileExample(config string) *profile.Schema {
	cfg, err := profile.ParseConfig([]byte(config))
	if err != nil {
		panic(err)
	}
	s, err := profile.Compile(cfg)
	if err != nil {
		panic(err)
	}
	return s
}

func exampleCurrent() profile.Profile {
	var p profile.Profile
	_ = json.Unmarshal([]byte(`{"given_name":"Jane","email":"jane@example.com","address":{"locality":"Paris"},
	  "custom_attributes":{"employee_id":"E123456","shoe_size":38}}`), &p)
	return p
}

func printJSON(v any) {
	b, _ := json.Marshal(v)
	fmt.Println(string(b))
}

// A settings page sends a merge patch: absent members keep their value, null removes one.
func ExampleSchema_ApplyJSON_mergePatch() {
	s := exampleSchema()
	cur := exampleCurrent()
	next, changes, err := s.ApplyJSON(&cur, []byte(`{
	  "given_name": "  Janet ",
	  "zoneinfo": "Europe/Paris",
	  "custom_attributes": {"shoe_size": null}
	}`), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	if err != nil {
		fmt.Println(err)
		return
	}
	printJSON(next)
	for _, c := range changes {
		fmt.Println(c.Op, c.Path)
	}
	// Output:
	// {"given_name":"Janet","email":"jane@example.com","zoneinfo":"Europe/Paris","address":{"locality":"Paris"},"custom_attributes":{"employee_id":"E123456"}}
	// change /given_name
	// add /zoneinfo
	// remove /custom_attributes/shoe_size
}

// A check before saving (or a bulk import) that has no use for the change list skips it: the
// same next profile and the same causes, nil changes, and less work.
func ExampleSchema_ApplyJSON_skipChanges() {
	s := exampleSchema()
	cur := exampleCurrent()
	next, changes, err := s.ApplyJSON(&cur, []byte(`{"given_name": "Janet", "custom_attributes": {"shoe_size": 41}}`),
		profile.Update{Party: access.EndUser, Mode: profile.MergePatch, SkipChanges: true})
	fmt.Println(err, changes == nil)
	printJSON(next)
	_, _, err = s.ApplyJSON(&cur, []byte(`{"custom_attributes": {"shoe_size": 99}}`),
		profile.Update{Party: access.EndUser, Mode: profile.MergePatch, SkipChanges: true})
	fmt.Println(err)
	// Output:
	// <nil> true
	// {"given_name":"Janet","email":"jane@example.com","address":{"locality":"Paris"},"custom_attributes":{"employee_id":"E123456","shoe_size":41}}
	// 1 problem:
	//   /custom_attributes/shoe_size: maximum: 99 is above the maximum 60
}

// The Admin API sends the whole profile: what it omits is removed.
func ExampleSchema_ApplyJSON_replace() {
	s := exampleSchema()
	cur := exampleCurrent()
	ids := profile.Identities{{Kind: profile.IdentityEmail, Value: "jane@example.com", Verified: true}}
	next, _, err := s.ApplyJSON(&cur, []byte(`{
	  "given_name": "Jane", "email": "jane@example.com", "birthdate": "0000-02-29",
	  "custom_attributes": {"employee_id": "E123456"}
	}`), profile.Update{Party: access.AdminAPI, Mode: profile.Replace, Identities: ids})
	if err != nil {
		fmt.Println(err)
		return
	}
	printJSON(next)
	// Output:
	// {"given_name":"Jane","email":"jane@example.com","birthdate":"0000-02-29","custom_attributes":{"employee_id":"E123456"}}
}

// Every problem comes back at once, each located by a JSON pointer with a stable kind.
func ExampleSchema_ApplyJSON_errors() {
	s := exampleSchema()
	cur := exampleCurrent()
	_, _, err := s.ApplyJSON(&cur, []byte(`{
	  "birthdate": "1900-02-29",
	  "email": "mallory@example.com",
	  "custom_attributes": {"shoe_size": 99, "employee_id": "E000001"}
	}`), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})

	var verr *validation.Error
	if errors.As(err, &verr) {
		for _, c := range verr.Causes {
			fmt.Println(c.Location, c.Kind)
		}
	}
	fmt.Println("invalid:", errors.Is(err, validation.ErrInvalid),
		"forbidden:", errors.Is(err, validation.ErrForbidden),
		"unowned:", errors.Is(err, validation.ErrUnowned))
	// Output:
	// /birthdate format
	// /custom_attributes/employee_id forbidden
	// /custom_attributes/shoe_size maximum
	// /email unowned
	// invalid: true forbidden: true unowned: true
}

// What the end user sees on a settings page: hidden attributes are absent, read-only ones are
// marked.
func ExampleSchema_View() {
	s := exampleSchema()
	cur := exampleCurrent()
	v := s.View(&cur, access.EndUser)
	for _, f := range v.Fields {
		if f.Value.IsZero() {
			continue
		}
		val, _ := json.Marshal(f.Value)
		fmt.Printf("%-24s %-12s writable=%v %s\n", f.Path, f.Label, f.Writable, val)
	}
	// Output:
	// /given_name              Given Name   writable=true "Jane"
	// /email                   Email        writable=true "jane@example.com"
	// /custom_attributes/shoe_size Shoe Size    writable=true 38
	// /custom_attributes/employee_id Employee Id  writable=false "E123456"
}

// A UserInfo response for a third-party client with the email scope only.
func ExampleSchema_UserInfo() {
	s := exampleSchema()
	cur := exampleCurrent()
	claims := s.UserInfo(&cur, profile.UserInfoRequest{
		Subject:    "user-1",
		Scopes:     []string{"openid", "email"},
		Identities: profile.Identities{{Kind: profile.IdentityEmail, Value: "jane@example.com", Verified: true}},
	})
	printJSON(claims)
	// Output:
	// {"email":"jane@example.com","email_verified":true,"sub":"user-1"}
}

// An HTML form cannot send null: ApplyForm maps an emptied field to removal and parses
// numbers by the attribute's type.
func ExampleSchema_ApplyForm() {
	s := exampleSchema()
	cur := exampleCurrent()
	next, _, err := s.ApplyForm(&cur, map[string]string{
		"/given_name":                  "",
		"/custom_attributes/shoe_size": "+41.5",
	}, profile.Update{Party: access.EndUser})
	if err != nil {
		fmt.Println(err)
		return
	}
	printJSON(next)
	// Output:
	// {"email":"jane@example.com","address":{"locality":"Paris"},"custom_attributes":{"employee_id":"E123456","shoe_size":41.5}}
}

// Storage keys custom attributes by their immutable ID, so renaming one keeps its data.
func ExampleSchema_ToStorage() {
	s := exampleSchema()
	cur := exampleCurrent()
	st := s.ToStorage(&cur)
	printJSON(st)
	back, _ := s.FromStorage(&st)
	fmt.Println(back.Equal(&cur))
	// Output:
	// {"given_name":"Jane","email":"jane@example.com","address":{"locality":"Paris"},"custom_attributes":{"0001":38,"0002":"E123456"}}
	// true
}

// Claims from an external identity provider are taken leniently: bad values are dropped and
// reported, and population never writes identity-coupled claims.
func ExampleSchema_Populate() {
	s := exampleSchema()
	n := s.Normalizer()
	in, report := n.Ingest(map[string]any{
		"sub": "g-123", "given_name": "Jane", "family_name": "Doe", "locale": "en_us",
		"birthdate": "1990-13-01", "email": "jane@gmail.com", "email_verified": "true",
	})
	for _, c := range report {
		fmt.Println("dropped", c.Location, c.Kind)
	}
	cur := profile.Profile{}
	next, _ := s.Populate(&cur, &in.Claims, false)
	printJSON(next)
	// Output:
	// dropped /birthdate format
	// dropped /email_verified type
	// {"given_name":"Jane","family_name":"Doe","locale":"en-US"}
}

// Config errors are located in the config.
func ExampleCompile_errors() {
	cfg, _ := profile.ParseConfig([]byte(`{"custom_attributes": {"attributes": [
	  {"id": "1", "pointer": "/Shoe-Size", "type": "number"},
	  {"id": "2", "pointer": "/email", "type": "strnig"},
	  {"id": "3", "pointer": "/x", "type": "string", "access_control": {"end_user": "readwrite", "bearer": "hidden", "portal_ui": "readwrite"}}
	]}}`))
	_, err := profile.Compile(cfg)
	var verr *validation.Error
	if errors.As(err, &verr) {
		for _, c := range verr.Causes {
			fmt.Println(c.Location, c.Kind)
		}
	}
	// Output:
	// /custom_attributes/attributes/0/pointer pattern
	// /custom_attributes/attributes/1/pointer reserved
	// /custom_attributes/attributes/1/type enum
	// /custom_attributes/attributes/2/access_control enum
}

// A multi-valued custom attribute takes a JSON array; each element is checked and normalized
// as a single value, and a cause names the element.
func ExampleSchema_ApplyJSON_multiValued() {
	s := compileExample(`{"custom_attributes": {"attributes": [
	  {"id": "0001", "pointer": "/languages", "type": "enum", "enum": ["en", "de", "ja"],
	   "multiple": true, "max_items": 2, "unique_items": true,
	   "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`)
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
	next, _, err := s.ApplyJSON(&profile.Profile{}, []byte(`{"custom_attributes": {"languages": ["ja", "en"]}}`), up)
	fmt.Println(next.Custom["languages"], err)
	_, _, err = s.ApplyJSON(&next, []byte(`{"custom_attributes": {"languages": ["de", "de"]}}`), up)
	fmt.Println(err)
	// Output:
	// ["ja","en"] <nil>
	// 1 problem:
	//   /custom_attributes/languages/1: uniqueItems: the element is also at position 0
}

// Language-tagged claims (OIDC Core §5.2): a variant is set like its claim, its tag stored in
// canonical form, and UserInfo releases the variants that best match claims_locales.
func ExampleSchema_UserInfo_claimsLocales() {
	s, err := profile.Compile(profile.Config{})
	if err != nil {
		panic(err)
	}
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
	p, _, err := s.ApplyJSON(&profile.Profile{}, []byte(`{"family_name": "Yamada", "family_name#ja-kana-jp": "ヤマダ", "family_name#ja-Hani-JP": "山田"}`), up)
	if err != nil {
		panic(err)
	}
	printJSON(p.Variants)
	printJSON(s.UserInfo(&p, profile.UserInfoRequest{Subject: "u1", Scopes: []string{"openid", "profile"}, ClaimsLocales: []string{"ja-Kana-JP"}}))
	// Output:
	// {"family_name#ja-Hani-JP":"山田","family_name#ja-Kana-JP":"ヤマダ"}
	// {"family_name":"Yamada","family_name#ja-Kana-JP":"ヤマダ","sub":"u1"}
}

// Address sub-fields and custom string attributes that opt in carry variants too, each inside
// its object; storage keys a custom attribute's variants by its definition ID.
func ExampleSchema_ApplyJSON_nestedVariants() {
	s := compileExample(`{"language_tags": {"custom": ["kana_name"]},
	  "standard_attributes": {"access_control": [
	    {"pointer": "/address", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]},
	  "custom_attributes": {"attributes": [{"id": "c7", "pointer": "/kana_name", "type": "string",
	    "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`)
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
	p, _, err := s.ApplyJSON(&profile.Profile{}, []byte(`{"address": {"locality": "Tokyo", "locality#ja-jpan-jp": "東京都"},
	  "custom_attributes": {"kana_name#ja-Kana": "ヤマダ"}}`), up)
	if err != nil {
		panic(err)
	}
	printJSON(p)
	printJSON(p.Variants)
	st := s.ToStorage(&p)
	printJSON(st.Variants)
	// Output:
	// {"address":{"locality":"Tokyo","locality#ja-Jpan-JP":"東京都"},"custom_attributes":{"kana_name#ja-Kana":"ヤマダ"}}
	// {"address/locality#ja-Jpan-JP":"東京都","custom_attributes/kana_name#ja-Kana":"ヤマダ"}
	// {"address/locality#ja-Jpan-JP":"東京都","custom_attributes/c7#ja-Kana":"ヤマダ"}
}
