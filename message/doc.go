// Package message says a validation cause in words, for two readers: a short sentence for the
// person who filled in the form ("Shoe Size must be 60 or less.", "「生年月日」は必須です。"),
// and an English detail for the developer (the pointer, the kind, what the check said and
// what the code should do).
//
//	for _, t := range message.RenderError(err, language.Japanese) {
//		fmt.Println(t.Location, t.Person)
//	}
//
// # Messages
//
// Each cause maps to a stable message id made from its kind, its format and its situation:
// "maxLength", "minLength/empty", "format/birthdate", "forbidden/change", "enum/values".
// [Text.ID] names it, so a program may key its own texts on it. The sentence for the person
// is the id's entry in a catalog (golang.org/x/text/message/catalog) with typed parameters:
// the attribute's label, the bound, the allowed values, a suggested correction of the
// person's own value. It holds no JSON pointer, no API name and no advice for the program.
//
// The person text uses only what the cause holds, and of that only what the person may read:
// the library's causes never quote hidden values, and a sentence never quotes the rejected
// value itself (only a suggestion made from it, of at most validation.MaxQuote runes).
//
// # Labels
//
// A sentence names the attribute by its label. Standard claims have labels of their own in
// every language (the English ones are internal/claim's table); a custom attribute
// "/custom_attributes/shoe_size" is labelled as customattr labels it ("Shoe Size"). [Labels]
// passes labels of the program's own, such as those of profile.Schema.View. A location with
// no label reads as "this field" (a value checked on its own), and a label is never
// translated when the program passed it.
//
// # Languages
//
// English, German, French, Spanish, Japanese and Traditional Chinese ([Languages]), every
// message in each. [Render] takes the language the person asked for and uses the nearest one
// supported ("de-AT" is German, "zh-TW" Traditional Chinese), or English when none is near;
// [Match] tells which. Developer texts are English in every language.
//
// # Cost
//
// Nothing happens until a program asks: the catalogs are built once, when the package is
// initialized, and are never written afterwards; validating an update formats no sentence
// (a valid update allocates nothing for messages at all). Rendering one cause takes a few
// microseconds and a few dozen small allocations (BenchmarkRender).
package message
