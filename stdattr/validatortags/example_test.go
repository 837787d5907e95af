package validatortags_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/profilekit/profilekit/internal/jsonptr"

	"github.com/go-playground/validator/v10"

	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/stdattr/validatortags"
	"github.com/profilekit/profilekit/validation"
)

// A request struct validated with profilekit's tags. Field errors are turned into
// profilekit causes located by the JSON field name.
func Example() {
	type UpdateRequest struct {
		Birthdate string  `json:"birthdate" validate:"omitempty,oidc_birthdate"`
		Zoneinfo  string  `json:"zoneinfo" validate:"omitempty,oidc_zoneinfo"`
		Locale    *string `json:"locale" validate:"omitempty,oidc_locale"`
		Phone     string  `json:"phone_number" validate:"omitempty,oidc_phone"`
		Email     string  `json:"email" validate:"required,oidc_email"`
		Website   string  `json:"website" validate:"omitempty,oidc_url"`
		Country   string  `json:"country" validate:"omitempty,iso3166_alpha2"`
	}

	v := validator.New(validator.WithRequiredStructEnabled())
	if err := validatortags.Register(v); err != nil {
		panic(err)
	}
	// Report fields by their JSON names.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		return name
	})

	locale := "en-us"
	req := UpdateRequest{
		Birthdate: "1990-02-29",
		Zoneinfo:  "localtime",
		Locale:    &locale,
		Phone:     "14155552671",
		Email:     "alice@example.com",
		Website:   "javascript:alert(1)",
		Country:   "FR",
	}
	var ve validator.ValidationErrors
	if errors.As(v.Struct(req), &ve) {
		for _, fe := range ve {
			c := validatortags.Cause(fe).Under(jsonptr.Join(fe.Field()))
			fmt.Println(c.Location, c.Kind, c.Details.Format, "suggest:", c.Details.Suggest)
		}
	}
	// Output:
	// /birthdate format birthdate suggest: <nil>
	// /zoneinfo format timezone suggest: <nil>
	// /locale format bcp47 suggest: en-US
	// /phone_number format phone suggest: <nil>
	// /website format uri suggest: <nil>
}

// Check runs one tag without validator and says why a value fails.
func ExampleCheck() {
	for _, in := range []string{"US", "us", "UK", "USA", "XK"} {
		err := validatortags.Check(validatortags.TagCountry, in)
		var c *validation.Cause
		if errors.As(err, &c) {
			fmt.Printf("%s: %s, suggest %v\n", in, c.Kind, c.Details.Suggest)
			continue
		}
		fmt.Printf("%s: ok\n", in)
	}
	fmt.Println(validatortags.Check(validatortags.TagLocale, "en-us"))
	// Output:
	// US: ok
	// us: format, suggest US
	// UK: format, suggest GB
	// USA: format, suggest US
	// XK: format, suggest <nil>
	// format: "en-us" is not in normalized form; use "en-US" (a validator tag checks the value, it cannot rewrite it)
}

// RegisterWith configures the tags: possible phone numbers and a list of supported languages.
func ExampleRegisterWith() {
	langs, err := stdattr.NewLanguages("en", "de")
	if err != nil {
		panic(err)
	}
	v := validator.New()
	if err := validatortags.RegisterWith(v, validatortags.Options{PhonePossible: true, Languages: langs}); err != nil {
		panic(err)
	}
	fmt.Println(v.Var("+85212345678", "oidc_phone") == nil)       // possible, not valid
	fmt.Println(v.Var("+85212345678", "oidc_phone=valid") == nil) // this field wants valid numbers
	fmt.Println(v.Var("de-AT", "oidc_locale") == nil)
	fmt.Println(v.Var("fr", "oidc_locale") == nil)
	// Output:
	// true
	// false
	// true
	// false
}
