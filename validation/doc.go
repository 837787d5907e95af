// Package validation is the error vocabulary that every profilekit package shares.
//
// A failed check is described by a [Cause]: where it happened (a JSON pointer such as
// "/address/postal_code" or "/custom_attributes/shoe_size"), a stable machine-readable
// [Kind] (JSON Schema keyword names where one fits: "type", "minLength", "format", …; our own
// where none does: "unknown", "forbidden", "unowned", …) and [Details] with the values involved.
//
// A whole failed update, document or config is an [*Error]: every cause at once, sorted by
// location. Both types work with the standard errors package:
//
//	var verr *validation.Error
//	if errors.As(err, &verr) {
//		for _, c := range verr.Causes { fmt.Println(c.Location, c.Kind) }
//	}
//	errors.Is(err, validation.ErrForbidden) // an access violation is among the causes
//	errors.Is(err, validation.ErrInvalid)   // an invalid value is among the causes
//
// A check of one value that knows nothing of where it sits (stdattr.ParseBirthdate, a custom
// attribute's Check) returns a *Cause with an empty location; whoever knows where the value
// sits attaches the pointer with [Cause.Under]. (stdattr's Normalizer.Normalize knows its
// claim and locates the cause there: "/phone_number".)
// Causes and errors marshal to the JSON shape identity servers already emit:
// {"location": "/birthdate", "kind": "format", "details": {"format": "birthdate", "error": "…"}}.
//
// Every cause in an Error carries Details.Message, an English text for developers and logs
// (the check's own, or a default made from the kind and details), so "error" is never missing.
// Sentences for the people who filled in a form, in their language, come from package
// github.com/profilekit/profilekit/message.
package validation
