package stdattr

import (
	"github.com/profilekit/profilekit/internal/format"
	"github.com/profilekit/profilekit/validation"
)

// DefaultMaxLength is the maximum length in runes of a text claim (a name, gender, an address
// sub-field) when none is configured.
const DefaultMaxLength = format.DefaultMaxLength

// TextOptions tune NormalizeText. The zero value allows one line of at most DefaultMaxLength
// runes.
type TextOptions struct {
	// Multiline allows line breaks inside the value; \r\n is normalized to \n.
	Multiline bool
	// MaxLength is the maximum length in runes after normalization; 0 means DefaultMaxLength.
	MaxLength int
}

// NormalizeText applies the rules every string claim follows, and returns the normalized
// value: invalid UTF-8 is rejected; surrounding white space (Unicode white space, including
// U+00A0 and U+3000) is trimmed; control characters are rejected, and so are the bidi
// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), U+200B ZERO WIDTH
// SPACE, U+FEFF and U+2028/U+2029, while joiners, directional marks and emoji tags are kept;
// line breaks only when Multiline (\r\n becomes \n); the value is put in Unicode NFC; it must
// not be empty (kind minLength) and not longer than MaxLength runes (kind maxLength). A
// rejected character is reported with kind format (Details.Format "text") and a message that
// names it and its rune offset in s.
//
// Plain ASCII input that needs no change is returned as it came, without allocating.
func NormalizeText(s string, o TextOptions) (string, error) {
	t, c := normalizeText(s, o)
	if c != nil {
		return "", c
	}
	return t, nil
}

func normalizeText(s string, o TextOptions) (string, *validation.Cause) {
	return format.Text(s, format.TextOptions{Multiline: o.Multiline, MaxLength: o.MaxLength})
}
