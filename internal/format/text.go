package format

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
	"golang.org/x/text/unicode/norm"
)

// DefaultMaxLength is the maximum length in runes of a text value when none is configured.
// It is generous on purpose: long enough for any real name or postal address, short enough
// that a profile cannot be used as a file store.
const DefaultMaxLength = 1024

// TextOptions tune Text. The zero value allows one line of at most DefaultMaxLength runes.
type TextOptions struct {
	Multiline bool // newlines (\n, \r\n normalized to \n) allowed inside the value
	MaxLength int  // maximum length in runes after normalization; 0 (or less) means DefaultMaxLength
}

// FormatText is the Details.Format of the causes Text reports.
const FormatText = "text"

// Text normalizes a free-text value and reports why it cannot when it cannot.
//
// The rules, in the order they are checked:
//   - The value must be valid UTF-8 (kind format).
//   - Surrounding white space (unicode.IsSpace: ASCII space, tab and line breaks, U+00A0,
//     U+3000 and the other Unicode spaces) is trimmed.
//   - A value empty after trimming is a KindMinLength cause {Expected: 1, Actual: 0}.
//   - Inside the value these are rejected (kind format, the message names the character and
//     its rune offset in the value as given, counted from 0): C0 and C1 control characters
//     (tab included) except line breaks in a Multiline value; the bidirectional embedding,
//     override and isolate controls U+202A–U+202E and U+2066–U+2069 (they reorder how the
//     text around the value is displayed, the "Trojan Source" trick); U+200B ZERO WIDTH
//     SPACE and U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark), invisible characters with
//     no place in a profile value; U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR
//     (write a line break as \n). A lone \r is rejected; \r\n is accepted in a Multiline
//     value and normalized to \n.
//   - Other format characters are kept: ZERO WIDTH (NON-)JOINER U+200C/U+200D (Persian and
//     Indic scripts and emoji sequences need them), the directional marks U+200E, U+200F and
//     U+061C (they do not reorder the surrounding text), SOFT HYPHEN, variation selectors and
//     tag characters (flag emoji).
//   - The value is put in Unicode Normalization Form C.
//   - A value longer than MaxLength runes after normalization is a KindMaxLength cause
//     {Expected: MaxLength, Actual: the length}. (For an input so long that normalization
//     could not bring it under the limit, Actual is its length before normalization, which
//     spares normalizing megabytes only to reject them.)
//
// A valid ASCII value without surrounding white space is returned as it came, without
// allocating.
func Text(s string, o TextOptions) (string, *validation.Cause) {
	max := o.MaxLength
	if max <= 0 {
		max = DefaultMaxLength
	}
	if len(s) <= max && plainASCII(s, o.Multiline) {
		return s, nil
	}
	return text(s, o.Multiline, max, FormatText)
}

// plainASCII reports whether s is non-empty printable ASCII (plus \n when multiline) that
// neither starts nor ends with white space: such a value is its own normal form.
func plainASCII(s string, multiline bool) bool {
	if s == "" || s[0] <= ' ' || s[len(s)-1] <= ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x7f {
			if c == '\n' && multiline {
				continue
			}
			return false
		}
	}
	return true
}

// maxDecomposition is the largest number of code points the canonical decomposition (NFD)
// of a single code point has (U+1F82 GREEK SMALL LETTER ALPHA WITH PSILI AND VARIA AND
// YPOGEGRAMMENI and friends; checked over all of Unicode by a test). NFC can therefore shrink a
// string to no less than a quarter of its runes.
const maxDecomposition = 4

// text is the full text check. format is the Details.Format of its format causes, so that a
// caller such as Email reports its own format name.
func text(s string, multiline bool, max int, format string) (string, *validation.Cause) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	lead := utf8.RuneCountInString(s[:len(s)-len(t)])
	t = strings.TrimRightFunc(t, unicode.IsSpace)
	if t == "" {
		return "", (&validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}).Explain()
	}
	var (
		runes    int
		crlf     bool
		nonASCII bool
	)
	for i, r := range t {
		switch {
		case r >= utf8.RuneSelf:
			if r == utf8.RuneError && !strings.HasPrefix(t[i:], "\uFFFD") {
				return "", badUTF8(s, format)
			}
			nonASCII = true
			if name := rejectedFormatChar(r); name != "" {
				return "", charCause(s, format, r, name, lead+runes, "")
			}
			if r <= 0x9f { // C1 controls
				return "", charCause(s, format, r, "", lead+runes, "")
			}
		case r == '\n':
			if !multiline {
				return "", charCause(s, format, r, "LINE FEED", lead+runes, "; this value must be a single line")
			}
		case r == '\r':
			if !multiline {
				return "", charCause(s, format, r, "CARRIAGE RETURN", lead+runes, "; this value must be a single line")
			}
			if i+1 >= len(t) || t[i+1] != '\n' {
				return "", charCause(s, format, r, "CARRIAGE RETURN", lead+runes, " not followed by a line feed")
			}
			crlf = true
			runes-- // the \r of \r\n disappears
		case r < ' ' || r == 0x7f:
			return "", charCause(s, format, r, "", lead+runes, "")
		}
		runes++
	}
	if crlf {
		t = strings.ReplaceAll(t, "\r\n", "\n")
	}
	if nonASCII && !isNFC(t) {
		if runes/maxDecomposition > max {
			return "", maxLengthCause(max, runes)
		}
		t = norm.NFC.String(t)
		runes = utf8.RuneCountInString(t)
	}
	if runes > max {
		return "", maxLengthCause(max, runes)
	}
	return t, nil
}

// isNFC reports whether s is in NFC. The quick check settles almost every string without
// allocating; only a "maybe" falls back to the full check.
func isNFC(s string) bool {
	return norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
}

func nfcString(s string) string { return norm.NFC.String(s) }

func maxLengthCause(max, n int) *validation.Cause {
	return (&validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{Expected: max, Actual: n}}).Explain()
}

func formatCause(format, input, msg string) *validation.Cause {
	return &validation.Cause{Kind: validation.KindFormat, Details: validation.Details{
		Format: format, Message: msg, Actual: input,
	}}
}

func badUTF8(s, format string) *validation.Cause {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	// The raw bytes are not valid UTF-8, so they cannot travel as a JSON string: Actual holds
	// the value with the bad bytes replaced by U+FFFD.
	return formatCause(format, strings.ToValidUTF8(s, "\uFFFD"), fmt.Sprintf("invalid UTF-8 at byte offset %d", i))
}

// charCause reports a forbidden character r at rune offset off.
func charCause(input, format string, r rune, name string, off int, extra string) *validation.Cause {
	if name == "" {
		name = controlName(r)
	}
	what := "control character"
	if r >= 0xa0 {
		what = "character"
	}
	msg := fmt.Sprintf("%s U+%04X", what, r)
	if name != "" {
		msg += " (" + name + ")"
	}
	msg += fmt.Sprintf(" at rune offset %d is not allowed%s", off, extra)
	return formatCause(format, input, msg)
}

// rejectedFormatChar names the non-ASCII, non-control characters Text rejects, or returns "".
func rejectedFormatChar(r rune) string {
	switch r {
	case 0x200B:
		return "ZERO WIDTH SPACE"
	case 0x2028:
		return "LINE SEPARATOR; use \\n"
	case 0x2029:
		return "PARAGRAPH SEPARATOR; use \\n"
	case 0x202A:
		return "LEFT-TO-RIGHT EMBEDDING"
	case 0x202B:
		return "RIGHT-TO-LEFT EMBEDDING"
	case 0x202C:
		return "POP DIRECTIONAL FORMATTING"
	case 0x202D:
		return "LEFT-TO-RIGHT OVERRIDE"
	case 0x202E:
		return "RIGHT-TO-LEFT OVERRIDE"
	case 0x2066:
		return "LEFT-TO-RIGHT ISOLATE"
	case 0x2067:
		return "RIGHT-TO-LEFT ISOLATE"
	case 0x2068:
		return "FIRST STRONG ISOLATE"
	case 0x2069:
		return "POP DIRECTIONAL ISOLATE"
	case 0xFEFF:
		return "ZERO WIDTH NO-BREAK SPACE / BYTE ORDER MARK"
	}
	return ""
}

// controlName names the control characters people meet; others go by their code point only.
func controlName(r rune) string {
	switch r {
	case 0:
		return "NULL"
	case '\t':
		return "TAB"
	case '\n':
		return "LINE FEED"
	case '\v':
		return "VERTICAL TAB"
	case '\f':
		return "FORM FEED"
	case '\r':
		return "CARRIAGE RETURN"
	case 0x1b:
		return "ESCAPE"
	case 0x7f:
		return "DELETE"
	case 0x85:
		return "NEXT LINE"
	}
	return ""
}
