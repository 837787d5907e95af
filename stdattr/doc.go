// Package stdattr knows every OIDC standard claim: its name, JSON type, OIDC scope, whether it
// is coupled to login identities, and how its value is checked and normalized.
//
// The claims are the [Attr] constants (16 writable ones such as AttrGivenName and AttrZoneinfo,
// and the derived email_verified, phone_number_verified and updated_at); [Lookup] finds one by
// its JSON name.
//
// Each format has its own check, usable on its own: birthdate, email, phone number, URLs and
// pictures, [NormalizeZoneinfo] (the IANA tz names compiled into the library, never the disk),
// [NormalizeLocale] (canonical BCP 47 via golang.org/x/text, with an optional list of supported
// [Languages]) and [NormalizeCountryCode] (ISO 3166-1 alpha-2). Every check trims surrounding
// white space first and reports a failure as a *validation.Cause with a stable kind, no
// location (the caller attaches the JSON pointer) and details for people and programs.
//
// The checks serve two regimes that share one code path: strict (input from people and admin
// APIs: anything that cannot be normalized is an error) and lenient (claims from an external
// identity provider: a bad value is dropped and reported, the rest is kept).
package stdattr
