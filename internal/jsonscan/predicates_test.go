package jsonscan

import "testing"

// TestBytePredicates checks the bit-mask and range forms of the per-byte tests against their
// definitions, for every byte.
func TestBytePredicates(t *testing.T) {
	for i := 0; i < 256; i++ {
		c := byte(i)
		if want := c == ' ' || c == '\t' || c == '\n' || c == '\r'; isSpace(c) != want {
			t.Errorf("isSpace(%#x) = %v", c, !want)
		}
		if want := c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; plain(c) != want {
			t.Errorf("plain(%#x) = %v", c, !want)
		}
	}
}
