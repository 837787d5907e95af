package jsonptr

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPointers(t *testing.T) {
	assert.Equal(t, "/address/postal_code", Join("address", "postal_code"))
	assert.Equal(t, "/a~1b/c~0d", Join("a/b", "c~d"))
	toks, ok := Split("/a~1b/c~0d")
	require.True(t, ok)
	assert.Equal(t, []string{"a/b", "c~d"}, toks)
	_, ok = Split("a")
	assert.False(t, ok)
	_, ok = Split("/a~2")
	assert.False(t, ok)
	toks, ok = Split("")
	assert.True(t, ok)
	assert.Empty(t, toks)
}

func FuzzSplitPointer(f *testing.F) {
	for _, s := range []string{"", "/", "/a/b", "/a~1b", "/~", "/~2", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		toks, ok := Split(p)
		if !ok {
			return
		}
		if got := Join(toks...); got != p {
			t.Fatalf("round trip %q -> %q -> %q", p, toks, got)
		}
	})
}
