package stdattr

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddressJSON(t *testing.T) {
	a := Address{StreetAddress: "1 Main St\nApt 2", Locality: "Springfield", Country: "USA"}
	p, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, `{"street_address":"1 Main St\nApt 2","locality":"Springfield","country":"USA"}`, string(p))
	var b Address
	require.NoError(t, json.Unmarshal(p, &b))
	assert.Equal(t, a, b)

	p, err = json.Marshal(Address{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(p))
	assert.True(t, Address{}.IsZero())
	assert.False(t, a.IsZero())
}

func TestAddressFields(t *testing.T) {
	names := AddressFields()
	assert.Equal(t, [6]string{"formatted", "street_address", "locality", "region", "postal_code", "country"}, names)
	names[0] = "changed"
	assert.Equal(t, "formatted", AddressFields()[0], "callers get a copy")

	// Field reaches exactly the member whose JSON tag is the name.
	var a Address
	for i, name := range AddressFields() {
		p := a.Field(name)
		require.NotNil(t, p, name)
		*p = fmt.Sprint(i)
		assert.True(t, (&Address{}).Field(name) != nil)
	}
	raw, err := json.Marshal(a)
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(raw, &m))
	for i, name := range AddressFields() {
		assert.Equal(t, fmt.Sprint(i), m[name], name)
	}
	assert.Nil(t, a.Field("street"))
	assert.Nil(t, a.Field("Country"))
	assert.False(t, (&Address{}).Field("") != nil)

	assert.True(t, addressFieldMultiline("formatted"))
	assert.True(t, addressFieldMultiline("street_address"))
	for _, name := range []string{"locality", "region", "postal_code", "country", "bogus"} {
		assert.False(t, addressFieldMultiline(name), name)
	}
}

func TestNormalizeAddressField(t *testing.T) {
	tests := []struct {
		field, in, want string
	}{
		{"formatted", "1 Main St\r\nSpringfield\r\nUSA", "1 Main St\nSpringfield\nUSA"},
		{"street_address", " 1 Main St\nApt 2 ", "1 Main St\nApt 2"},
		{"locality", "\u00a0Zu\u0308rich ", "Zürich"},
		{"region", "東京都", "東京都"},
		{"postal_code", " 100-0001 ", "100-0001"},
		{"country", "Hong Kong", "Hong Kong"},
		{"country", "hk", "hk"},
		{"country", "USA", "USA"},
	}
	for _, tt := range tests {
		t.Run(tt.field+"/"+tt.in, func(t *testing.T) {
			got, err := normalizeAddressFieldErr(tt.field, tt.in, 0)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNormalizeAddressFieldErrors(t *testing.T) {
	tests := []struct {
		field, in string
		max       int
		kind      validation.Kind
		msg       string
	}{
		{"locality", "Spring\nfield", 0, validation.KindFormat, "single line"},
		{"region", "a\nb", 0, validation.KindFormat, "single line"},
		{"postal_code", "1000\r\n1", 0, validation.KindFormat, "single line"},
		{"country", "U\nS", 0, validation.KindFormat, "single line"},
		{"formatted", "a\tb", 0, validation.KindFormat, "TAB"},
		{"street_address", "a\rb", 0, validation.KindFormat, "CARRIAGE RETURN"},
		{"locality", "", 0, validation.KindMinLength, ""},
		{"country", " \u00a0 ", 0, validation.KindMinLength, ""},
		{"postal_code", "123456", 5, validation.KindMaxLength, ""},
		{"formatted", strings.Repeat("x", DefaultMaxLength+1), 0, validation.KindMaxLength, ""},
		{"street", "1 Main St", 0, validation.KindUnknown, `"street" is not an address field`},
		{"Country", "US", 0, validation.KindUnknown, "not an address field"},
	}
	for _, tt := range tests {
		t.Run(tt.field+"/"+tt.in, func(t *testing.T) {
			got, err := normalizeAddressFieldErr(tt.field, tt.in, tt.max)
			require.Error(t, err)
			assert.Empty(t, got)
			var c *validation.Cause
			require.ErrorAs(t, err, &c)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			if tt.msg != "" {
				assert.Contains(t, c.Details.Message, tt.msg)
			}
			if tt.kind == validation.KindUnknown {
				assert.Equal(t, tt.field, c.Details.Actual)
				assert.Equal(t, AddressFields(), c.Details.Expected)
			}
		})
	}
}

func ExampleAddress() {
	var a Address
	for _, f := range []struct{ name, value string }{
		{"street_address", " 1 Main St\r\nApt 2 "},
		{"locality", "Springfield"},
		{"country", "USA"},
		{"planet", "Earth"},
	} {
		v, err := normalizeAddressFieldErr(f.name, f.value, 0)
		if err != nil {
			fmt.Println(err)
			continue
		}
		*a.Field(f.name) = v
	}
	p, _ := json.Marshal(a)
	fmt.Println(string(p))
	// Output:
	// unknown: "planet" is not an address field; the fields are formatted, street_address, locality, region, postal_code and country
	// {"street_address":"1 Main St\nApt 2","locality":"Springfield","country":"USA"}
}

func FuzzNormalizeAddressField(f *testing.F) {
	for _, name := range AddressFields() {
		f.Add(name, " 1 Main St\r\nApt 2 ")
	}
	f.Add("locality", "Zu\u0308rich")
	f.Add("bogus", "x")
	f.Add("country", "\u202eSU")
	f.Fuzz(func(t *testing.T, name, value string) {
		got, err := normalizeAddressFieldErr(name, value, 100)
		if err != nil {
			return
		}
		if (&Address{}).Field(name) == nil {
			t.Fatalf("unknown field %q accepted", name)
		}
		if !addressFieldMultiline(name) && strings.ContainsAny(got, "\r\n") || strings.ContainsRune(got, '\r') {
			t.Fatalf("line break in %s: %q", name, got)
		}
		if got == "" || utf8.RuneCountInString(got) > 100 {
			t.Fatalf("bad output %q", got)
		}
		again, err := normalizeAddressFieldErr(name, got, 100)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, err)
		}
	})
}

func BenchmarkNormalizeAddressField(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"street_address", "1 Main St\nApt 2"},
		{"locality", "Zürich"},
		{"postal_code", "8001"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := normalizeAddressFieldErr(bc.name, bc.in, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestAddressEqual(t *testing.T) {
	var nilAddr *Address
	assert.True(t, nilAddr.Equal(&Address{}))
	assert.True(t, (&Address{Locality: "Paris"}).Equal(&Address{Locality: "Paris"}))
	assert.False(t, (&Address{Locality: "Paris"}).Equal(nil))
	assert.False(t, (&Address{Locality: "Paris"}).Equal(&Address{Locality: "Rome"}))
}

// normalizeAddressFieldErr is normalizeAddressField with the cause as an error (nil for none).
func normalizeAddressFieldErr(name, value string, maxLength int) (string, error) {
	t, c := normalizeAddressField(name, value, maxLength)
	if c != nil {
		return "", c
	}
	return t, nil
}
