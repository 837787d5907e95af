package format

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValidScheme(t *testing.T) {
	for s, want := range map[string]bool{"": false, "https": true, "a+b-c.d": true, "1a": false, "a_b": false, "authgearimages": true, "x:": false} {
		assert.Equal(t, want, ValidScheme(s), s)
	}
}

func TestEqualFoldASCII(t *testing.T) {
	assert.True(t, EqualFoldASCII("HTTPS", "https"))
	assert.False(t, EqualFoldASCII("ſ", "s"))
	assert.False(t, EqualFoldASCII("http", "https"))
}
