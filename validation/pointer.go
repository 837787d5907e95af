package validation

import "strings"

// comparePointers orders JSON pointers token by token, so "/a/b" sorts before "/a_b" and a
// parent sorts before its children. It returns -1, 0 or +1.
func comparePointers(a, b string) int {
	if (a == "" || a[0] == '/') && (b == "" || b[0] == '/') {
		// Token by token is byte by byte with '/' below every other byte: at the first byte
		// where they differ, a pointer whose token ends there ('/' or the end) sorts first.
		n := min(len(a), len(b))
		i := 0
		for i < n && a[i] == b[i] {
			i++
		}
		switch {
		case i == len(a) && i == len(b):
			return 0
		case i == len(a):
			return -1
		case i == len(b):
			return 1
		case a[i] == '/':
			return -1
		case b[i] == '/':
			return 1
		case a[i] < b[i]:
			return -1
		}
		return 1
	}
	return comparePointerTokens(a, b)
}

// comparePointerTokens is comparePointers for any strings, pointers or not: it drops the first
// byte of each token as if it were '/'.
func comparePointerTokens(a, b string) int {
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
