package message

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/stdattr"
)

// translations are the catalog's sources, one table per supported language, English first
// (the fallback). Each table has every key of [keys]; English takes the labels of the
// standard claims from the claim table.
var translations = []struct {
	tag   language.Tag
	texts map[string]string
}{
	{language.English, en},
	{language.German, de},
	{language.French, fr},
	{language.Spanish, es},
	{language.Japanese, ja},
	{language.MustParse("zh-Hant"), zhHant},
}

// oneSuffix marks the text of a counted message for a count of 1 ("minItems/one": "%[1]s
// needs at least %[2]v value."), in a language whose plural differs from its singular; the
// text without it serves every other count.
const oneSuffix = "/one"

// locale is a supported language and its printer over the catalog.
type locale struct {
	tag language.Tag
	p   *message.Printer
}

// The catalog, its printers and the matcher over the supported languages: built once, when
// the package is initialized, and never written afterwards.
var locales, matcher = build()

func build() ([]*locale, language.Matcher) {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	tags := make([]language.Tag, len(translations))
	for i, tr := range translations {
		tags[i] = tr.tag
		for _, k := range keys() {
			s, ok := tr.texts[k]
			if !ok || s == "" {
				// A gap (TestCatalogComplete fails on one) reads in English, never as the key.
				s = english(k)
			}
			var err error
			if one, ok := tr.texts[k+oneSuffix]; ok && spec[k] == argsLabelNumber {
				// The count (argument 2) selects the singular text when it is 1.
				err = b.Set(tr.tag, k, plural.Selectf(2, "%d", "=1", one, "other", s))
			} else {
				err = b.SetString(tr.tag, k, s)
			}
			if err != nil {
				panic("message: catalog entry " + tr.tag.String() + " " + k + ": " + err.Error())
			}
		}
	}
	out := make([]*locale, len(tags))
	for i, t := range tags {
		out[i] = &locale{tag: t, p: message.NewPrinter(t, message.Catalog(b))}
	}
	return out, language.NewMatcher(tags)
}

// english is the English text of key: the claim table's label of a standard claim, or en's.
func english(k string) string {
	for _, c := range claim.Table[1:] {
		if k == labelPrefix+c.Name {
			return c.Label
		}
	}
	return en[k]
}

// keys lists every catalog key: the message ids, the parts of sentences, and the labels of
// the standard claims and of the address fields.
func keys() []string {
	out := make([]string, 0, len(spec)+4+len(claim.Table)+6)
	for id := range spec {
		out = append(out, id)
	}
	out = append(out, keyLabel, keyLabelNone, keySuggest, keySeparator)
	for _, c := range claim.Table[1:] {
		out = append(out, labelPrefix+c.Name)
	}
	for _, f := range stdattr.AddressFields() {
		out = append(out, labelPrefix+"address/"+f)
	}
	return out
}
