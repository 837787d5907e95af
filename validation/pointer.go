package validation

import "strings"

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
