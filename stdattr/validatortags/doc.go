// Package validatortags brings profilekit's OIDC claim checks to services that validate
// request structs with github.com/go-playground/validator/v10 tags.
//
// [Register] adds seven tags to a caller's *validator.Validate:
//
//	oidc_birthdate  YYYY-MM-DD, 0000-MM-DD (year withheld) or YYYY, real calendar days
//	oidc_zoneinfo   a name in the IANA tz database compiled into profilekit (never the disk)
//	oidc_locale     a well-formed, known BCP 47 tag in canonical form (en-US)
//	oidc_phone      an E.164 number (+14155552671) that is valid; oidc_phone=possible: possible
//	oidc_email      a bare addr-spec with a lower-case domain
//	oidc_url        an absolute http or https URL with a host and a clean path
//	iso3166_alpha2  an officially assigned ISO 3166-1 alpha-2 code in upper case
//
//	type UpdateRequest struct {
//		Birthdate string  `json:"birthdate" validate:"omitempty,oidc_birthdate"`
//		Locale    *string `json:"locale" validate:"omitempty,oidc_locale"`
//	}
//
// Each tag runs stdattr's check of the same claim (stdattr.Normalizer.Normalize; the country
// tag the ISO 3166-1 check of address.country). validator's built-in tags answer
// different questions: `timezone` asks the host's time.LoadLocation, so it accepts the file
// names "localtime" and "posixrules" and its answer changes from host to host; `e164` accepts
// 14155552671 without "+" and numbers no country assigns; `url` accepts javascript:alert(1);
// `bcp47_language_tag` accepts en-us, und, x-foo and en-ZZ; `iso3166_1_alpha2` accepts XK.
// The tests of this package show each case next to ours.
//
// A tag checks; it cannot rewrite the field. So a tag accepts a value only when it is already
// in the normalized form that stdattr would store: " 1990-01-01" (surrounding white space),
// "en-us", "us", "a@Example.COM" and "+1 415 555 2671" are rejected although stdattr would
// accept and normalize them. Services that want to accept such input run
// stdattr.Normalizer.Normalize on the field first and validate the result. [Check] and [Cause] say why
// a value fails, as a *validation.Cause whose Details.Suggest holds the normalized form when
// there is one.
//
// Validator conventions apply: a tag checks the empty string too (and rejects it), so optional
// fields need omitempty; a nil *string fails every tag unless omitempty is given; pointers and
// interfaces are followed to the string they hold. Fields that are not strings (nor pointers to
// strings) fail the tag; the tags never panic, unlike validator's own tags on a wrong kind.
// Named string types (type Locale string) are strings.
package validatortags
