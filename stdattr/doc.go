// Package stdattr knows every OIDC standard claim: its name, JSON type, OIDC scope, whether it
// is coupled to login identities, and how its value is checked and normalized.
//
// The claims are the [Attr] constants (16 writable ones such as AttrGivenName and AttrZoneinfo,
// and the derived email_verified, phone_number_verified and updated_at); [Lookup] finds one by
// its JSON name.
//
// [Normalizer.Normalize] is the one entry point for a claim value (its zero value applies the
// defaults); [Normalizer.NormalizeAddressField] does the same for an address sub-field. Every
// check trims surrounding white space first, puts the value in Unicode NFC and reports a
// failure as a *validation.Cause with a stable kind, located at the claim's JSON pointer, and
// details for people and programs. The format of each string claim (Details.Format of its
// causes):
//
//   - text (name, given_name, family_name, middle_name, nickname, preferred_username, gender,
//     address sub-fields): no control characters, bidi overrides, zero-width space or BOM; line
//     breaks only in address.formatted and address.street_address; at most
//     Normalizer.MaxLength runes (1024 by default).
//   - email: a bare addr-spec (no display name, comments, quoted local part or IP literal), the
//     domain of at least two labels and lower-cased, the local part kept as typed; at most 254
//     octets.
//   - uri (profile, website): an absolute http or https URL with a host, no user info, a clean
//     path; scheme and host lower-cased; at most 2048 runes.
//   - x_picture (picture): such a URL or an image reference SCHEME:///APP_ID/OBJECT_ID of the
//     Normalizer's picture scheme (imageurl).
//   - birthdate: YYYY-MM-DD, 0000-MM-DD (year withheld) or YYYY ([ParseBirthdate]).
//   - timezone (zoneinfo): a zone or link name of the IANA tz database compiled into the
//     library (never the disk), case-sensitive; [CanonicalZone] resolves a link.
//   - bcp47 (locale): canonical BCP 47 via golang.org/x/text (en-us gives en-US), optionally
//     one of the supported [Languages].
//   - phone (phone_number): E.164 ("+852 9876 5432" gives +85298765432, an extension kept as
//     ";ext=123"), valid (or, with Normalizer.PhonePossible, possible) by libphonenumber's
//     metadata; numbers without "+" are read in Normalizer.PhoneRegion when it is set.
//   - iso3166-1-alpha-2 (address.country with Normalizer.AddressCountryCode): an assigned
//     ISO 3166-1 alpha-2 code, returned in upper case.
//
// Phone numbers: accepted are digits with spaces, "-", ".", "/" and parentheses, full-width
// and other Unicode decimal digits ("＋８５２ ９８７６ ５４３２"), a "tel:" prefix and "+44 (0)20 …"
// (the national prefix after the calling code is dropped); an extension becomes ";ext=123".
// Refused are letters (a vanity number such as "1-800-FLOWERS" is not converted; when its
// digits form an acceptable number, Details.Suggest holds it), a second "+", more than one
// extension, other characters, more than 250 characters, and a number without "+" when no
// PhoneRegion is set ("0044 …" then suggests "+44 …", since "00" is not the international
// prefix everywhere). The number must be valid by libphonenumber's IsValidNumber
// ("+85298765432" yes, "+85212345678" no) or, with PhonePossible, of a possible length
// ("+852999" no; a length allowed only for local dialling, "555-2671" in US, is not enough).
//
// Pictures: an http(s) URL by the uri rules, or an image reference in its canonical form
// (the scheme in lower case); the opaque form SCHEME:APP_ID/OBJECT_ID, a host, one or three
// segments, dot segments and percent-encoding are refused, as are other schemes (javascript:,
// data:) and relative URLs. Turning a public image URL on the server's own host into its
// reference and back is imageurl.Resolver's job.
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
