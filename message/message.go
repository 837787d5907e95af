package message

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/profilekit/profilekit/validation"
)

// Text is one cause in words.
type Text struct {
	Location string // the cause's JSON pointer, to place the sentence next to its field
	ID       string // the message id: "maxLength", "format/birthdate", "forbidden/change", …
	// Person is one sentence for the person who sent the value, in the language rendered:
	// the attribute's label and the safe parameters, no pointer, no API name.
	Person string
	// Developer is English: the pointer, the kind, what the check said and what the code
	// should do.
	Developer string
}

// Option changes how causes are rendered.
type Option func(*options)

type options struct {
	labels func(pointer string) (string, bool)
}

// Labels names attributes by labels of the program's own: f returns the label of the
// attribute at a JSON pointer ("/custom_attributes/shoe_size"), or false to keep the default
// (the standard claims' labels in the rendered language, customattr's labels of custom
// attribute names, or "this field"). A label f returns is used as it is, in every language.
func Labels(f func(pointer string) (label string, ok bool)) Option {
	return func(o *options) { o.labels = f }
}

// Render says c in the supported language nearest to lang (see [Match]). It never returns an
// empty Person or Developer text; a nil c reads as a cause of no known kind.
func Render(c *validation.Cause, lang language.Tag, opts ...Option) Text {
	var o options
	for _, f := range opts {
		f(&o)
	}
	return render(c, locales[match(lang)], &o)
}

// RenderError says every cause of err in the supported language nearest to lang: the causes
// of the *validation.Error that err is or wraps, in its order, or the one *validation.Cause it
// is. It returns nil when err holds no validation cause.
func RenderError(err error, lang language.Tag, opts ...Option) []Text {
	var o options
	for _, f := range opts {
		f(&o)
	}
	l := locales[match(lang)]
	var verr *validation.Error
	if errors.As(err, &verr) {
		if verr == nil || len(verr.Causes) == 0 {
			return nil
		}
		out := make([]Text, len(verr.Causes))
		for i, c := range verr.Causes {
			out[i] = render(c, l, &o)
		}
		return out
	}
	var c *validation.Cause
	if errors.As(err, &c) && c != nil {
		return []Text{render(c, l, &o)}
	}
	return nil
}

// Languages returns the supported languages, English first.
func Languages() []language.Tag {
	out := make([]language.Tag, len(locales))
	for i, l := range locales {
		out[i] = l.tag
	}
	return out
}

// Match returns the supported language that [Render] uses for a person who prefers prefs, in
// order: the nearest one (Austrian German is German, Taiwanese Mandarin and any other Chinese
// is Traditional Chinese), or English when none is near. For an Accept-Language header, pass
// what language.ParseAcceptLanguage returns.
func Match(prefs ...language.Tag) language.Tag {
	return locales[match(prefs...)].tag
}

func match(prefs ...language.Tag) int {
	if len(prefs) == 1 {
		// The common case: a tag that is one of ours needs no matcher.
		for i, l := range locales {
			if prefs[0] == l.tag {
				return i
			}
		}
	}
	_, i, conf := matcher.Match(prefs...)
	if conf == language.No || i < 0 || i >= len(locales) {
		return 0
	}
	return i
}

func render(c *validation.Cause, l *locale, o *options) Text {
	if c == nil {
		c = &validation.Cause{}
	}
	id := idOf(c)
	return Text{Location: c.Location, ID: id, Person: l.person(c, id, o), Developer: developer(c, id)}
}

// person is the sentence of message id for c.
func (l *locale) person(c *validation.Cause, id string, o *options) string {
	var s, raw string
	switch spec[id] {
	case argsNone:
		s = l.p.Sprintf(id)
	case argsLabel:
		var label string
		label, raw = l.label(c.Location, o)
		s = l.p.Sprintf(id, label)
	case argsLabelNumber:
		var label string
		label, raw = l.label(c.Location, o)
		n, _ := number(c.Details.Expected)
		s = l.p.Sprintf(id, label, n)
	case argsLabelDate:
		var label string
		label, raw = l.label(c.Location, o)
		s = l.p.Sprintf(id, label, fmt.Sprint(c.Details.Expected))
	case argsLabelValues:
		var label string
		label, raw = l.label(c.Location, o)
		vals, _ := values(c.Details.Expected)
		s = l.p.Sprintf(id, label, strings.Join(vals, l.p.Sprintf(keySeparator)))
	}
	if sug, ok := suggestion(c); ok {
		s += l.p.Sprintf(keySuggest, sug)
	}
	if raw == "" || !strings.HasPrefix(s, raw) {
		s = capitalize(s)
	}
	return s
}

// label returns the label of the attribute at ptr as it reads in a sentence ("Birthdate",
// "das Feld „Geburtsdatum“", "この項目"), and the bare label that starts it ("" for none).
func (l *locale) label(ptr string, o *options) (label, bare string) {
	if o.labels != nil {
		if s, ok := o.labels(ptr); ok && s != "" {
			return l.p.Sprintf(keyLabel, s), s
		}
	}
	// A language-tagged variant ("/family_name#ja-Kana-JP") is its attribute's label and,
	// when it has the shape of a language tag, the tag: "Family Name (ja-Kana-JP)".
	base, tag, variant := strings.Cut(ptr, "#")
	var s string
	if key, ok := standardLabelKey(base); ok {
		s = l.p.Sprintf(key)
	} else if s, ok = customLabel(base); !ok {
		return l.p.Sprintf(keyLabelNone), ""
	}
	if variant && tagShape(tag) {
		s += " (" + tag + ")"
	}
	return l.p.Sprintf(keyLabel, s), s
}

// tagShape reports whether t looks like a language tag (letters, digits and "-", at most 35
// bytes), so that a sentence may quote it; anything else a client sent is left out.
func tagShape(t string) bool {
	if t == "" || len(t) > 35 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// developer is the English detail of c: what Cause.Error says, then what to do.
func developer(c *validation.Cause, id string) string {
	return c.Error() + " — " + advice[id]
}

// suggestion returns a correction of the person's own value that a sentence may offer: a
// string Details.Suggest of a format or enum cause, short and printable.
func suggestion(c *validation.Cause) (string, bool) {
	if c.Kind != validation.KindFormat && c.Kind != validation.KindEnum {
		return "", false
	}
	s, ok := c.Details.Suggest.(string)
	if !ok || !safeValue(s, validation.MaxQuote) {
		return "", false
	}
	return s, true
}

// safeValue reports whether s may stand in a sentence: not empty, valid UTF-8, at most max
// runes, and no control or format characters that could disguise the text around it.
func safeValue(s string, max int) bool {
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > max {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// capitalize upper-cases the first letter of a sentence that starts with a word of the
// catalog ("this field", "das Feld"), never a label of the program's own ("iPhone").
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
