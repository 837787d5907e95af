package customattr

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

// The name rule of a definition's pointer (checkPointer, reported by Compile at /i/pointer).

func TestPointerNameRule(t *testing.T) {
	tests := []struct {
		pointer string
		kind    validation.Kind // "" means valid
	}{
		{"/x_age", ""}, {"/a", ""}, {"/a1", ""}, {"/a_b", ""}, {"/a__b", ""}, {"/shoe_size_eu", ""}, {"/x9", ""},
		{"", validation.KindRequired},
		{"x_age", validation.KindPattern},  // no leading slash
		{"/", validation.KindPattern},      // empty name
		{"/X_age", validation.KindPattern}, // upper case
		{"/xAge", validation.KindPattern},  // upper case inside
		{"/x-age", validation.KindPattern}, // hyphen
		{"/x.age", validation.KindPattern}, // dot
		{"/x age", validation.KindPattern}, // space
		{"/a/b", validation.KindPattern},   // two levels
		{"/a/", validation.KindPattern},    // two levels, second empty
		{"//a", validation.KindPattern},    // two levels, first empty
		{"/a~1b", validation.KindPattern},  // escape
		{"/a~0b", validation.KindPattern},  // escape
		{"/_a", validation.KindPattern},    // starts with _
		{"/1a", validation.KindPattern},    // starts with digit
		{"/a_", validation.KindPattern},    // ends with _
		{"/_", validation.KindPattern},     // only _
		{"/é", validation.KindPattern},     // non-ASCII
		{"/a\x00", validation.KindPattern}, // control
		{"/name", validation.KindReserved}, // standard
		{"/custom_attributes", validation.KindReserved},
		{"/sub", validation.KindReserved}, // JWT
	}
	for _, tt := range tests {
		c := checkPointer(tt.pointer)
		if tt.kind == "" {
			assert.Nil(t, c, "%q", tt.pointer)
			continue
		}
		if assert.NotNil(t, c, "%q", tt.pointer) {
			assert.Equal(t, tt.kind, c.Kind, "%q: %v", tt.pointer, c)
			assert.Empty(t, c.Location)
			if c.Kind == validation.KindPattern {
				assert.NotEmpty(t, c.Details.Message, "%q", tt.pointer)
			}
		}
	}
}

func TestReservedNames(t *testing.T) {
	names := []string{"name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
		"picture", "website", "email", "email_verified", "phone_number", "phone_number_verified", "gender", "birthdate",
		"zoneinfo", "locale", "address", "updated_at", "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "custom_attributes"}
	require.Len(t, names, 27)
	for _, n := range names {
		assert.True(t, isReserved(n), n)
		c := checkPointer("/" + n)
		if assert.NotNil(t, c, n) {
			assert.Equal(t, validation.KindReserved, c.Kind, n)
			assert.Equal(t, n, c.Details.Actual)
		}
	}
	for _, n := range []string{"x_name", "names", "emails", "subject", "custom"} {
		assert.False(t, isReserved(n), n)
		assert.Nil(t, checkPointer("/"+n), n)
	}
}
