package profile

import (
	"strings"
	"testing"
)

// TestAddressIndex holds addressIndex to a plain search of addressFields: every field, its
// prefixes, extensions and case variants, and other names of every length.
func TestAddressIndex(t *testing.T) {
	want := func(field string) int {
		for i, f := range addressFields {
			if f == field {
				return i
			}
		}
		return -1
	}
	names := []string{"", "a", "streetaddress", "street_addresS", "country#ja", "formatted ", strings.Repeat("x", 40)}
	for _, f := range addressFields {
		names = append(names, f, strings.ToUpper(f), f+"x", "x"+f[1:])
		for n := range len(f) {
			names = append(names, f[:n])
		}
	}
	for n := range 20 {
		names = append(names, strings.Repeat("r", n))
	}
	for _, name := range names {
		if got := addressIndex(name); got != want(name) {
			t.Errorf("addressIndex(%q) = %d, want %d", name, got, want(name))
		}
	}
}
