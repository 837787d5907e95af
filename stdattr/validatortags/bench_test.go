package validatortags_test

import (
	"testing"

	"github.com/go-playground/validator/v10"

	"github.com/profilekit/profilekit/stdattr/validatortags"
)

var benchValues = []struct{ tag, value string }{
	{validatortags.TagBirthdate, "1990-01-01"},
	{validatortags.TagZoneinfo, "America/Los_Angeles"},
	{validatortags.TagLocale, "en-US"},
	{validatortags.TagPhone, "+14155552671"},
	{validatortags.TagEmail, "alice@example.com"},
	{validatortags.TagURL, "https://example.com/alice"},
	{validatortags.TagCountry, "US"},
}

// BenchmarkVar validates one valid value per tag through validator's Var.
func BenchmarkVar(b *testing.B) {
	v := validator.New()
	if err := validatortags.Register(v); err != nil {
		b.Fatal(err)
	}
	for _, bv := range benchValues {
		b.Run(bv.tag, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := v.Var(bv.value, bv.tag); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheck runs the same checks without validator.
func BenchmarkCheck(b *testing.B) {
	for _, bv := range benchValues {
		b.Run(bv.tag, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := validatortags.Check(bv.tag, bv.value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type benchProfile struct {
	Birthdate string `validate:"omitempty,oidc_birthdate"`
	Zoneinfo  string `validate:"omitempty,oidc_zoneinfo"`
	Locale    string `validate:"omitempty,oidc_locale"`
	Phone     string `validate:"omitempty,oidc_phone"`
	Email     string `validate:"omitempty,oidc_email"`
	Website   string `validate:"omitempty,oidc_url"`
	Country   string `validate:"omitempty,iso3166_alpha2"`
}

type builtinProfile struct {
	Birthdate string `validate:"omitempty,datetime=2006-01-02"`
	Zoneinfo  string `validate:"omitempty,timezone"`
	Locale    string `validate:"omitempty,bcp47_language_tag"`
	Phone     string `validate:"omitempty,e164"`
	Email     string `validate:"omitempty,email"`
	Website   string `validate:"omitempty,url"`
	Country   string `validate:"omitempty,iso3166_1_alpha2"`
}

// BenchmarkStruct validates a whole valid profile struct with our tags and, for comparison,
// with validator's built-in tags (which check less, see TestBuiltinTagsVersusOurs).
func BenchmarkStruct(b *testing.B) {
	v := validator.New()
	if err := validatortags.Register(v); err != nil {
		b.Fatal(err)
	}
	ours := benchProfile{"1990-01-01", "America/Los_Angeles", "en-US", "+14155552671", "alice@example.com", "https://example.com/alice", "US"}
	builtin := builtinProfile(ours)
	b.Run("oidc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := v.Struct(&ours); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("builtin", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := v.Struct(&builtin); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkInvalid measures a rejected value, which builds a validator error.
func BenchmarkInvalid(b *testing.B) {
	v := validator.New()
	if err := validatortags.Register(v); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Var("en-us", validatortags.TagLocale); err == nil {
			b.Fatal("accepted")
		}
	}
}
