package iso3166

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in      string
		allowXK bool
		want    string
		kind    validation.Kind
		suggest any
	}{
		{in: "US", want: "US"},
		{in: "us", want: "US"},
		{in: "uS", want: "US"},
		{in: "Gb", want: "GB"},
		{in: "DE", want: "DE"},
		{in: "AX", want: "AX"},
		{in: "ZW", want: "ZW"},
		{in: "SS", want: "SS"},
		{in: "XK", allowXK: true, want: "XK"},
		{in: "xk", allowXK: true, want: "XK"},
		{in: "XK", kind: validation.KindFormat},
		{in: "", kind: validation.KindMinLength},
		{in: "", allowXK: true, kind: validation.KindMinLength},
		{in: "USA", kind: validation.KindFormat, suggest: "US"},
		{in: "deu", kind: validation.KindFormat, suggest: "DE"},
		{in: "XYZ", kind: validation.KindFormat},
		{in: "840", kind: validation.KindFormat},
		{in: "12", kind: validation.KindFormat},
		{in: "U1", kind: validation.KindFormat},
		{in: "U", kind: validation.KindFormat},
		{in: " US", kind: validation.KindFormat}, // the caller trims
		{in: "US ", kind: validation.KindFormat},
		{in: "UK", kind: validation.KindFormat, suggest: "GB"},
		{in: "uk", kind: validation.KindFormat, suggest: "GB"},
		{in: "SU", kind: validation.KindFormat},
		{in: "YU", kind: validation.KindFormat},
		{in: "AN", kind: validation.KindFormat},
		{in: "CS", kind: validation.KindFormat},
		{in: "EU", kind: validation.KindFormat},
		{in: "XX", kind: validation.KindFormat},
		{in: "XX", allowXK: true, kind: validation.KindFormat},
		{in: "ZZ", kind: validation.KindFormat},
		{in: "AA", kind: validation.KindFormat},
		{in: "QO", kind: validation.KindFormat},
		{in: "ÜS", kind: validation.KindFormat},
		{in: "ＵＳ", kind: validation.KindFormat}, // full-width letters are not ASCII
		{in: "\x00\x00", kind: validation.KindFormat},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q/xk=%v", tt.in, tt.allowXK), func(t *testing.T) {
			got, cause := Normalize(tt.in, tt.allowXK)
			if tt.kind == "" {
				require.Nil(t, cause)
				assert.Equal(t, tt.want, got)
				assert.True(t, IsAlpha2(got) || (tt.allowXK && got == Kosovo))
				return
			}
			require.NotNil(t, cause)
			assert.Empty(t, got)
			assert.Equal(t, tt.kind, cause.Kind)
			assert.Empty(t, cause.Location)
			assert.True(t, errors.Is(cause, validation.ErrInvalid))
			if tt.kind == validation.KindFormat {
				assert.Equal(t, Format, cause.Details.Format)
				assert.Equal(t, tt.in, cause.Details.Actual)
				assert.NotEmpty(t, cause.Details.Message)
			}
			assert.Equal(t, tt.suggest, cause.Details.Suggest)
		})
	}
}

func TestNormalizeMessages(t *testing.T) {
	_, c := Normalize("UK", false)
	assert.Contains(t, c.Details.Message, "GB")
	_, c = Normalize("XK", false)
	assert.Contains(t, c.Details.Message, "Kosovo")
	_, c = Normalize("zz", false)
	assert.Contains(t, c.Details.Message, "ZZ is a user-assigned code")
	_, c = Normalize("SU", false)
	assert.Contains(t, c.Details.Message, "not an officially assigned")
	_, c = Normalize("USA", false)
	assert.Contains(t, c.Details.Message, "three-letter")
}

func TestIsAlpha2(t *testing.T) {
	assert.True(t, IsAlpha2("US"))
	assert.True(t, IsAlpha2("GB"))
	assert.False(t, IsAlpha2("us"), "IsAlpha2 is exact: lower case is not a member")
	assert.False(t, IsAlpha2("XK"))
	assert.False(t, IsAlpha2("UK"))
	assert.False(t, IsAlpha2(""))
	assert.False(t, IsAlpha2("USA"))
	assert.False(t, IsAlpha2("U"))
}

func TestCodes(t *testing.T) {
	c := Codes()
	assert.Len(t, c, 249)
	assert.True(t, slices.IsSorted(c))
	for _, code := range c {
		assert.True(t, IsAlpha2(code), code)
		got, cause := Normalize(strings.ToLower(code), false)
		assert.Nil(t, cause)
		assert.Equal(t, code, got)
	}
	c[0] = "ZZ"
	assert.NotEqual(t, "ZZ", Codes()[0], "Codes returns a copy")
}

// TestExhaustive checks every pair of letters: a pair is accepted exactly when it is in the
// code list, and index agrees with the position in codes.
func TestExhaustive(t *testing.T) {
	set := map[string]bool{}
	for _, c := range codes {
		set[c] = true
	}
	n := 0
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			code := string([]byte{a, b})
			assert.Equal(t, set[code], IsAlpha2(code), code)
			if i, ok := index(a, b); ok {
				assert.Equal(t, code, codes[i])
				n++
			}
		}
	}
	assert.Equal(t, count, n)
}

// TestAgainstIsoCodes re-reads the generator's source and compares.
func TestAgainstIsoCodes(t *testing.T) {
	const src = "/usr/share/iso-codes/json/iso_3166-1.json"
	data, err := os.ReadFile(src)
	if err != nil {
		t.Skipf("%s not available: %v", src, err)
	}
	var doc map[string][]struct {
		Alpha2 string `json:"alpha_2"`
		Alpha3 string `json:"alpha_3"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	var want []string
	for _, c := range doc["3166-1"] {
		want = append(want, c.Alpha2)
		got, ok := fromAlpha3(c.Alpha3)
		assert.True(t, ok, c.Alpha3)
		assert.Equal(t, c.Alpha2, got, c.Alpha3)
	}
	slices.Sort(want)
	assert.Equal(t, want, Codes())
}

func ExampleNormalize() {
	fmt.Println(Normalize("us", false))
	_, cause := Normalize("UK", false)
	fmt.Println(cause.Kind, cause.Details.Suggest)
	_, cause = Normalize("XK", false)
	fmt.Println(cause.Details.Message)
	fmt.Println(Normalize("XK", true))
	// Output:
	// US <nil>
	// format GB
	// XK (Kosovo) is a user-assigned code, not an ISO 3166-1 code, and is not enabled here
	// XK <nil>
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"US", "us", "UK", "XK", "USA", "", "1", "zz", "\xff\xfe"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, allowXK bool) {
		got, cause := Normalize(s, allowXK)
		if cause != nil {
			if got != "" {
				t.Fatalf("Normalize(%q) = %q with a cause", s, got)
			}
			return
		}
		if !IsAlpha2(got) && !(allowXK && got == Kosovo) {
			t.Fatalf("Normalize(%q) = %q, not a code", s, got)
		}
		if !strings.EqualFold(got, s) {
			t.Fatalf("Normalize(%q) = %q changed more than case", s, got)
		}
		again, cause := Normalize(got, allowXK)
		if cause != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, cause)
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	for _, in := range []string{"US", "zw"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Normalize(in, false)
			}
		})
	}
}

func BenchmarkIsAlpha2(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		IsAlpha2("ZW")
	}
}
