// Package jsonptr builds and splits JSON pointers (RFC 6901), the locations of validation
// causes. It is shared by every profilekit package; users read pointers as strings.
package jsonptr

import "strings"

// Join builds a JSON pointer from unescaped reference tokens: Join("address", "postal_code")
// is "/address/postal_code"; "~" and "/" inside a token are escaped as "~0" and "~1".
func Join(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(Escape(t))
	}
	return b.String()
}

// Escape escapes one reference token for use in a JSON pointer.
func Escape(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(t)
}

// Split splits a JSON pointer into unescaped tokens. "" is the empty list; a pointer that does
// not start with "/" or holds a "~" not followed by "0" or "1" reports ok=false.
func Split(p string) (tokens []string, ok bool) {
	if p == "" {
		return nil, true
	}
	if p[0] != '/' {
		return nil, false
	}
	parts := strings.Split(p[1:], "/")
	for i, t := range parts {
		if !strings.Contains(t, "~") {
			continue
		}
		var b strings.Builder
		for j := 0; j < len(t); j++ {
			if t[j] != '~' {
				b.WriteByte(t[j])
				continue
			}
			if j+1 >= len(t) || (t[j+1] != '0' && t[j+1] != '1') {
				return nil, false
			}
			if t[j+1] == '0' {
				b.WriteByte('~')
			} else {
				b.WriteByte('/')
			}
			j++
		}
		parts[i] = b.String()
	}
	return parts, true
}
