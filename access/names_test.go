package access

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/profilekit/profilekit/stdattr"
)

// Issue 11: the claim list lives in one table; access reads it in OIDC Core §5.1 order, as
// stdattr does (phone_number after locale, not before gender).
func TestStandardNamesFollowTheClaimTable(t *testing.T) {
	var want []string
	for a := stdattr.AttrName; a <= stdattr.AttrAddress; a++ {
		want = append(want, a.String())
	}
	assert.Equal(t, want, StandardNames())
	assert.Equal(t, "phone_number", StandardNames()[14])
	for _, n := range StandardNames() {
		a, _ := stdattr.Lookup(n)
		assert.Equal(t, a.Coupled(), n == "email" || n == "phone_number" || n == "preferred_username", n)
	}
}
