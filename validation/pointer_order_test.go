package validation

import (
	"strings"
	"testing"
)

// pointerSamples are JSON pointers and near misses for the agreement of comparePointers with
// comparePointerTokens, the token-by-token order it is the fast form of.
var pointerSamples = []string{
	"", "/", "//", "/a", "/a/", "/a/b", "/a_b", "/a!b", "/a~1b", "/a~0b", "/ab", "/b", "/a/b/c", "/a/bc",
	"/address", "/address/country", "/address/postal_code", "/custom_attributes", "/custom_attributes/shoe_size",
	"/custom_attributes/tickets/0", "/custom_attributes/tickets/10", "/custom_attributes/tickets/2", "/email",
	"/email_verified", "/family_name#ja", "/family_name", "/name", "/\x00", "/\xff", "/é", "a", "a/b", "x",
}

func TestComparePointersAgrees(t *testing.T) {
	for _, a := range pointerSamples {
		for _, b := range pointerSamples {
			agreePointerOrder(t, a, b)
			agreePointerOrder(t, a+"/z", b)
			agreePointerOrder(t, a, strings.ToUpper(b))
		}
	}
}

func FuzzComparePointersAgrees(f *testing.F) {
	for i, a := range pointerSamples {
		f.Add(a, pointerSamples[(i+7)%len(pointerSamples)])
	}
	f.Fuzz(agreePointerOrder)
}

func agreePointerOrder(t *testing.T, a, b string) {
	if got, want := comparePointers(a, b), comparePointerTokens(a, b); got != want {
		t.Fatalf("comparePointers(%q, %q) = %d, token by token %d", a, b, got, want)
	}
}
