// Package label makes the default display label of an attribute name or enum option
// (customattr, message and the JSON Schema export share it).
package label

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// minorWords stay lower case inside a label unless they are its first or last word.
var minorWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "but": true, "by": true,
	"for": true, "from": true, "in": true, "into": true, "nor": true, "of": true, "on": true,
	"onto": true, "or": true, "per": true, "the": true, "to": true, "via": true, "vs": true,
	"with": true,
}

// Of returns the default display label of an attribute name or enum option: the words
// between "_" in English title case ("my_string" is "My String"), minor words such as "a",
// "and", "of", "the", "to" kept lower case unless first or last ("a_to_b" is "A to B"). Letters
// already upper case stay so ("USA" stays "USA"), and a word that starts with a digit is kept
// as written ("x_2fa_code" is "X 2fa Code"). Runs of "_" count as one separator.
//
// Of creates its own caser, so it is safe for concurrent use; a caller that makes many labels
// in one goroutine reuses a Labeler.
func Of(name string) string { return New().Label(name) }

// Labeler makes labels with one caser; it is not safe for concurrent use.
type Labeler struct{ title cases.Caser }

// New returns a Labeler.
func New() Labeler { return Labeler{cases.Title(language.English, cases.NoLower)} }

// Label is [Of] with l's caser.
func (l Labeler) Label(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '_' })
	for i, w := range words {
		switch {
		case minorWords[w] && i != 0 && i != len(words)-1:
		case w[0] >= '0' && w[0] <= '9':
		default:
			words[i] = l.title.String(w)
		}
	}
	return strings.Join(words, " ")
}
