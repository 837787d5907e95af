package jsonscan

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// strScalar is str as a byte loop, one byte at a time: the definition the eight-byte scan of
// str is held to.
func (d *Scanner) strScalar() (string, error) {
	if d.pos >= len(d.s) || d.s[d.pos] != '"' {
		return "", d.errf("string expected")
	}
	d.pos++
	start := d.pos
	s := d.s
	for i := start; i < len(s); {
		c := s[i]
		if plain(c) {
			i++
			continue
		}
		switch {
		case c == '"':
			d.pos = i + 1
			return s[start:i], nil
		case c == '\\':
			d.pos = i
			return d.unescape(start)
		case c < 0x20:
			d.pos = i
			return "", d.errf("control character in string")
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				d.pos = i
				return "", d.errf("invalid UTF-8 in string")
			}
			i += size
		}
	}
	d.pos = len(s)
	return "", d.errf("unterminated string")
}

// swarBytes are the bytes whose place the eight-byte scans must find exactly: every class
// boundary (0x1f/0x20, 0x7f/0x80), the quote, the backslash and its neighbours, white space,
// and bytes that start, continue or cannot be UTF-8.
var swarBytes = []byte{0x00, 0x01, '\t', '\n', '\r', 0x1f, ' ', '!', '"', '#', '[', '\\', ']',
	'a', 0x7e, 0x7f, 0x80, 0x81, 0xa0, 0xbf, 0xc2, 0xdf, 0xe2, 0xef, 0xf0, 0xfe, 0xff}

// TestPlainRunAndSpaceRun holds the word tests to their byte-at-a-time definitions, for every
// pair of swarBytes at every pair of lanes over a background of each of them, and random words.
func TestPlainRunAndSpaceRun(t *testing.T) {
	check := func(w uint64) {
		wantPlain, wantSpace := 8, 8
		for k := 7; k >= 0; k-- {
			c := byte(w >> (8 * k))
			if !plain(c) {
				wantPlain = k
			}
			if c != ' ' {
				wantSpace = k
			}
		}
		if got := plainRun(w); got != wantPlain {
			t.Fatalf("plainRun(%#016x) = %d, want %d", w, got, wantPlain)
		}
		if got := spaceRun(w); got != wantSpace {
			t.Fatalf("spaceRun(%#016x) = %d, want %d", w, got, wantSpace)
		}
	}
	for _, bg := range swarBytes {
		base := uint64(bg) * lanes01
		for _, a := range swarBytes {
			for _, b := range swarBytes {
				for i := 0; i < 8; i++ {
					for j := 0; j < 8; j++ {
						w := base&^(0xff<<(8*i)) | uint64(a)<<(8*i)
						w = w&^(0xff<<(8*j)) | uint64(b)<<(8*j)
						check(w)
					}
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1 << 20 {
		check(r.Uint64())
	}
}

// TestStrEqualsScalar holds str to strScalar and indent to ws (same value, error and offset)
// on strings of every length to 24 with up to two swarBytes placed anywhere in plain text,
// with and without the closing quote, and on random byte strings.
func TestStrEqualsScalar(t *testing.T) {
	same := func(in string) {
		t.Helper()
		a, b := &Scanner{s: in}, &Scanner{s: in}
		va, ea := a.str()
		vb, eb := b.strScalar()
		if va != vb || (ea == nil) != (eb == nil) || (ea != nil && ea.Error() != eb.Error()) || a.pos != b.pos {
			t.Fatalf("str(%q) = %q, %v at %d; scalar %q, %v at %d", in, va, ea, a.pos, vb, eb, b.pos)
		}
		for p := 0; p <= len(in); p++ {
			a.pos, b.pos = p, p
			a.indent()
			b.ws()
			if a.pos != b.pos {
				t.Fatalf("indent(%q from %d) = %d, ws %d", in, p, a.pos, b.pos)
			}
		}
	}
	for n := 0; n <= 24; n++ {
		buf := make([]byte, n)
		for k := range buf {
			buf[k] = 'a' + byte(k%26)
		}
		body := string(buf)
		same(`"` + body)
		same(`"` + body + `"`)
		same(`"` + body + `"tail`)
		for i := 0; i < n; i++ {
			for _, a := range swarBytes {
				one := []byte(body)
				one[i] = a
				same(`"` + string(one) + `"`)
				same(`"` + string(one))
				for j := i + 1; j < n; j++ {
					for _, b := range []byte{'"', '\\', 0x1f, 0x80, 'u', ' ', '\n'} {
						two := append([]byte(nil), one...)
						two[j] = b
						same(`"` + string(two) + `"`)
					}
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := append([]byte("abc u0123456789"), swarBytes...)
	for range 200000 {
		b := make([]byte, 1+r.IntN(40))
		for k := range b {
			b[k] = alphabet[r.IntN(len(alphabet))]
		}
		b[0] = '"'
		same(string(b))
	}
}
