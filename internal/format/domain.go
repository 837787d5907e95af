package format

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of DNS names, in octets of their ASCII (A-label) form (RFC 1035 §2.3.4, RFC 5890).
const (
	MaxLabelLength  = 63  // one label
	MaxDomainLength = 253 // a whole name without a trailing dot
)

// lowerDomain lower-cases a domain or host name. ASCII is mapped by hand; anything else goes
// through strings.ToLower and back to NFC. It returns s itself when nothing changes.
func lowerDomain(s string) string {
	ascii := true
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s
		}
		b := make([]byte, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b)
	}
	l := strings.ToLower(s) // s itself when nothing changes
	if l == s {
		return s
	}
	if !isNFC(l) {
		l = nfcString(l)
	}
	return l
}

// checkDomain checks a lower-cased domain or host name: labels separated by ".", each of
// letters, digits and hyphens (non-ASCII letters, marks and decimal digits too: an IDN in its
// Unicode form), not starting or ending with a hyphen, at most 63 octets in ASCII form; no
// empty label and no trailing dot; at most 253 octets in ASCII form; at least minLabels labels;
// a last label that looks like a number is not a name (it is an IP address or a typo). It
// returns "" or the reason the name is bad. what is "domain" or "host", for the messages.
func checkDomain(d string, minLabels int, what string) string {
	if d == "" {
		return what + " is empty"
	}
	if d[len(d)-1] == '.' {
		return what + " must not end with a dot"
	}
	total, labels := 0, 0
	var last string
	for rest := d; ; {
		label, tail, more := strings.Cut(rest, ".")
		if label == "" {
			return what + " has an empty label (two dots in a row or a leading dot)"
		}
		n, msg := checkLabel(label)
		if msg != "" {
			return fmt.Sprintf("%s label %q %s", what, label, msg)
		}
		if n > MaxLabelLength {
			return fmt.Sprintf("%s label %q is %d octets long in ASCII form; at most %d are allowed", what, label, n, MaxLabelLength)
		}
		total += n
		labels++
		last = label
		if !more {
			break
		}
		total++ // the dot
		rest = tail
	}
	if total > MaxDomainLength {
		return fmt.Sprintf("%s is %d octets long in ASCII form; at most %d are allowed", what, total, MaxDomainLength)
	}
	if labels < minLabels {
		return fmt.Sprintf("%s must have at least %d labels", what, minLabels)
	}
	if numericLabel(last) {
		return fmt.Sprintf("%s must not end in a numeric label %q (IP addresses are not accepted)", what, last)
	}
	return ""
}

// checkLabel checks the characters of one non-empty label and returns its length in ASCII
// form (the label itself, or "xn--" and its Punycode for a Unicode label), or a reason.
func checkLabel(l string) (int, string) {
	if l[0] == '-' || l[len(l)-1] == '-' {
		return 0, "must not start or end with a hyphen"
	}
	ascii := true
	for _, r := range l {
		switch {
		case r >= utf8.RuneSelf:
			ascii = false
			if r == 0x3002 || r == 0xFF0E || r == 0xFF61 {
				return 0, fmt.Sprintf("contains U+%04X (a full stop); separate labels with \".\"", r)
			}
			if !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) {
				return 0, fmt.Sprintf("contains %q (U+%04X); only letters, digits and hyphens are allowed", r, r)
			}
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '-':
		case 'A' <= r && r <= 'Z':
			// Callers lower-case first; upper case is fine for the grammar.
		default:
			return 0, fmt.Sprintf("contains %q; only letters, digits and hyphens are allowed", r)
		}
	}
	if ascii {
		return len(l), ""
	}
	n, ok := punycodeLen(l)
	if !ok {
		return 0, "is too long"
	}
	return len("xn--") + n, ""
}

// numericLabel reports whether a label would be read as a number by URL parsers (WHATWG
// treats a host whose last label is decimal or 0x-hex as an IPv4 address).
func numericLabel(l string) bool {
	if len(l) > 2 && l[0] == '0' && (l[1] == 'x' || l[1] == 'X') {
		for i := 2; i < len(l); i++ {
			if !isHex(l[i]) {
				return false
			}
		}
		return true
	}
	if l == "0x" || l == "0X" {
		return true
	}
	for i := 0; i < len(l); i++ {
		if l[i] < '0' || l[i] > '9' {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Punycode parameters (RFC 3492 §5).
const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
)

// punycodeLen returns the length of the Punycode encoding of s (RFC 3492 §6.3) without
// building it. It gives up (false) for labels over 255 runes, far beyond any legal label.
func punycodeLen(s string) (int, bool) {
	var buf [256]rune
	runes := buf[:0]
	basic := 0
	for _, r := range s {
		if len(runes) == len(buf) {
			return 0, false
		}
		runes = append(runes, r)
		if r < 0x80 {
			basic++
		}
	}
	out := basic
	if basic > 0 {
		out++ // the delimiter
	}
	n, delta, bias := rune(pcInitialN), 0, pcInitialBias
	for h := basic; h < len(runes); {
		m := rune(unicode.MaxRune + 1)
		for _, r := range runes {
			if r >= n && r < m {
				m = r
			}
		}
		delta += int(m-n) * (h + 1) // at most 0x10FFFF * 256: no overflow in int
		n = m
		for _, r := range runes {
			if r < n {
				delta++
			}
			if r == n {
				q := delta
				for k := pcBase; ; k += pcBase {
					t := k - bias
					if t < pcTMin {
						t = pcTMin
					} else if t > pcTMax {
						t = pcTMax
					}
					if q < t {
						break
					}
					out++
					q = (q - t) / (pcBase - t)
				}
				out++
				bias = adapt(delta, h+1, h == basic)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return out, true
}

func adapt(delta, numPoints int, first bool) int {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((pcBase-pcTMin)*pcTMax)/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + (pcBase-pcTMin+1)*delta/(delta+pcSkew)
}
