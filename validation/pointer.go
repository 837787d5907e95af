package validation

import "strings"

// Pointer builds a JSON pointer (RFC 6901) from unescaped reference tokens:
// Pointer("address", "postal_code") is "/address/postal_code"; "~" and "/" inside a token are
// escaped as "~0" and "~1".
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
	}
	return b.String()
}

// EscapeToken escapes one reference token for use in a JSON pointer.
func EscapeToken(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(t)
}

// SplitPointer splits a JSON pointer into unescaped tokens. "" is the empty list; a pointer
// that does not start with "/" or holds a "~" not followed by "0" or "1" reports ok=false.
func SplitPointer(p string) (tokens []string, ok bool) {
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

// comparePointers orders JSON pointers token by token, so "/a/b" sorts before "/a_b" and a
// parent sorts before its children. It returns -1, 0 or +1.
func comparePointers(a, b string) int {
	for {
		if a == b {
			return 0
		}
		if a == "" {
			return -1
		}
		if b == "" {
			return 1
		}
		ta, ra := firstToken(a)
		tb, rb := firstToken(b)
		if c := strings.Compare(ta, tb); c != 0 {
			return c
		}
		a, b = ra, rb
	}
}

func firstToken(p string) (tok, rest string) {
	p = p[1:] // drop leading '/'
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i], p[i:]
	}
	return p, ""
}
