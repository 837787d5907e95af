// Command quickstart shows profilekit validating a few realistic profile updates: it prints
// the normalized profile and the changes for a good update, and the structured causes for bad
// ones. Run it with: go run ./examples/quickstart
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/message"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// config is the user_profile section of an identity server config (authgear.yaml as JSON).
const config = `{
  "standard_attributes": {
    "access_control": [
      {"pointer": "/website", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}
    ]
  },
  "custom_attributes": {
    "attributes": [
      {"id": "0001", "pointer": "/employee_id", "type": "string", "pattern": "^E[0-9]{6}$",
       "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "0002", "pointer": "/shoe_size", "type": "number", "minimum": 20, "maximum": 60,
       "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
      {"id": "0003", "pointer": "/department", "type": "enum", "enum": ["engineering", "sales"],
       "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}
    ]
  }
}`

const current = `{
  "given_name": "Jane", "family_name": "Doe", "email": "jane@example.com",
  "custom_attributes": {"employee_id": "E123456"}
}`

// The user's login identities, newest first: they decide which email and phone the profile may name.
var identities = profile.Identities{
	{Kind: profile.IdentityEmail, Value: "jane@example.com", Verified: true},
	{Kind: profile.IdentityPhone, Value: "+85298765432"},
}

var updates = []struct{ title, body string }{
	{"a settings-page update (merge patch): values are trimmed and normalized", `{
  "given_name": "  Janet ",
  "phone_number": "+852 9876 5432",
  "locale": "zh_hant_tw",
  "zoneinfo": "US/Pacific",
  "birthdate": "0000-02-29",
  "website": "https://jane.example.com/",
  "custom_attributes": {"shoe_size": 38.5, "department": "engineering"}
}`},
	{"a bad update: every problem at once, each with a JSON pointer and a kind", `{
  "birthdate": "1900-02-29",
  "email": "mallory@example.com",
  "website": "javascript:alert(1)",
  "locale": "en-ZZ",
  "address": {"locality": "Paris"},
  "custom_attributes": {"employee_id": "E000001", "shoe_size": 99, "department": "marketing"}
}`},
}

func main() {
	cfg, err := profile.ParseConfig([]byte(config))
	check(err)
	schema, err := profile.Compile(cfg) // compile once; the schema is safe for concurrent use
	check(err)

	var cur profile.Profile
	check(json.Unmarshal([]byte(current), &cur))

	for i, u := range updates {
		fmt.Printf("== %d. %s\n", i+1, u.title)
		next, changes, err := schema.ApplyJSON(&cur, []byte(u.body), profile.Update{
			Party:      access.EndUser,
			Mode:       profile.MergePatch,
			Identities: identities,
		})
		if err != nil {
			var verr *validation.Error
			if !errors.As(err, &verr) {
				check(err)
			}
			for _, c := range verr.Causes {
				fmt.Printf("  %-32s %-10s %s\n", c.Location, c.Kind, message.Render(c, language.English).Person)
			}
			// The same problems for a person who reads Japanese.
			for _, t := range message.RenderError(err, language.Japanese)[:2] {
				fmt.Printf("  (ja) %s\n", t.Person)
			}
			fmt.Printf("  access violations: %v, invalid values: %v, unowned values: %v\n\n",
				errors.Is(err, validation.ErrForbidden), errors.Is(err, validation.ErrInvalid), errors.Is(err, validation.ErrUnowned))
			continue
		}
		out, _ := json.MarshalIndent(next, "  ", "  ")
		fmt.Printf("  next profile:\n  %s\n  changes:\n", out)
		for _, c := range changes {
			old, _ := json.Marshal(c.Old)
			nw, _ := json.Marshal(c.New)
			fmt.Printf("    %-7s %-30s %s -> %s\n", c.Op, c.Path, old, nw)
		}
		fmt.Println()
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
