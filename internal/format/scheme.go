package format

// ValidScheme reports whether s has RFC 3986 scheme syntax: ALPHA *( ALPHA / DIGIT / "+" /
// "-" / "." ). The empty string is not a scheme.
func ValidScheme(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// EqualFoldASCII compares ASCII case-insensitively. Unlike strings.EqualFold it does not fold
// Unicode ("ſ" is not "s"), which is what scheme and host comparisons need.
func EqualFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
