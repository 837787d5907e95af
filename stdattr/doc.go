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
// [Claims] holds the 16 writable claims as plain Go fields (an empty string is an absent claim)
// and marshals to the flat OIDC JSON shape; [Address] holds the six address sub-fields.
//
// A [Normalizer] applies the right check to each claim, with the options a deployment sets
// (text length limit, phone default region and strictness, supported languages, picture
// scheme, ISO country codes in address). It serves two regimes that share one code path:
// strict ([Normalizer.Normalize], [Normalizer.NormalizeClaims]: input from people and admin
// APIs, where anything that cannot be normalized is an error) and lenient ([Normalizer.Ingest]:
// claims from an external identity provider, where a bad value is dropped and reported and the
// rest is kept). Default access rules of the claims live in package access (access.DefaultRule).
package stdattr
