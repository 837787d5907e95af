package customattr_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/profilekit/profilekit/customattr"
)

func TestValueEqual(t *testing.T) {
	num := func(s string) customattr.Value {
		v, err := customattr.NumberValue(json.Number(s))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct {
		a, b customattr.Value
		want bool
	}{
		{num("38"), num("38.0"), true},
		{num("38"), num("3.8e1"), true},
		{num("1E2"), num("100"), true},
		{num("-0"), num("0"), true},
		{num("0.1"), num("0.10000000000000000001"), false},
		{num("12345678901234567890"), num("12345678901234567891"), false},
		{num("5"), customattr.StringValue("5"), false},
		{customattr.StringValue("a"), customattr.StringValue("a"), true},
		{customattr.Value{}, customattr.Value{}, true},
		{customattr.Value{}, num("0"), false},
	} {
		assert.Equal(t, tt.want, tt.a.Equal(tt.b), "%v %v", tt.a, tt.b)
		assert.Equal(t, tt.want, tt.b.Equal(tt.a))
	}
}

func TestTrailingFractionZerosAtBounds(t *testing.T) {
	s, err := customattr.Compile([]customattr.Definition{{ID: "1", Pointer: "/n", Type: customattr.Number, Maximum: "10", Minimum: "10.0"}}, customattr.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lit := range []string{"10", "10.0", "10.00", "1e1", "1.0e1", "100e-1"} {
		v, err := customattr.NumberValue(json.Number(lit))
		if err != nil {
			t.Fatal(err)
		}
		_, c := check(t, s, "n", v)
		assert.Nil(t, c, "%s is within [10.0, 10]", lit)
	}
}

func TestValueStringer(t *testing.T) {
	v, _ := customattr.NumberValue("38.5")
	assert.Equal(t, "38.5", v.String())
	assert.Equal(t, `"Jane"`, customattr.StringValue("Jane").String())
	assert.Equal(t, "absent", customattr.Value{}.String())
	s, ok := customattr.StringValue("Jane").Text()
	assert.True(t, ok)
	assert.Equal(t, "Jane", s)
}
