package customattr

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

// Label returns the default display label of an attribute name or enum option: the words
// between "_" in English title case ("my_string" is "My String"), minor words such as "a",
// "and", "of", "the", "to" kept lower case unless first or last ("a_to_b" is "A to B"). Letters
// already upper case stay so ("USA" stays "USA"), and a word that starts with a digit is kept
// as written ("x_2fa_code" is "X 2fa Code"). Runs of "_" count as one separator.
//
// Label creates its own caser, so it is safe for concurrent use; [Compile] computes every label
// once.
func Label(name string) string {
	return labeler{cases.Title(language.English, cases.NoLower)}.label(name)
}

type labeler struct{ title cases.Caser }

func (l labeler) label(name string) string {
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
