package claim

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The table is in OIDC Core 1.0 §5.1 order (writable claims first) and Lookup agrees with it.
func TestTable(t *testing.T) {
	oidc := []string{"name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
		"profile", "picture", "website", "email", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
		"address", "email_verified", "phone_number_verified", "updated_at"}
	for i, n := range oidc {
		assert.Equal(t, n, Table[i+1].Name)
		j, ok := Lookup(n)
		assert.True(t, ok, n)
		assert.Equal(t, i+1, j, n)
		assert.NotEmpty(t, Table[i+1].Label, n)
		assert.Equal(t, i+1 > NumWritable, Table[i+1].Derived, n)
	}
	_, ok := Lookup("custom_attributes")
	assert.False(t, ok)
	assert.Equal(t, Email, Table[EmailVerified].Parent)
	assert.Equal(t, PhoneNumber, Table[PhoneNumberVerified].Parent)
}

func TestFormatsMatchTheirChecks(t *testing.T) {
	for i := 1; i < Count; i++ {
		if (Formats[i] == "") != (Table[i].Type != "string") {
			t.Errorf("%s: format %q for type %s", Table[i].Name, Formats[i], Table[i].Type)
		}
	}
}
