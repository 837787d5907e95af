package validation_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

func TestErrorIsAndAs(t *testing.T) {
	var e validation.Error
	e.Add(
		&validation.Cause{Location: "/name", Kind: validation.KindForbidden, Details: validation.Details{Party: "end_user", Level: "readonly", Operation: "change"}},
		nil,
		&validation.Cause{Location: "/birthdate", Kind: validation.KindFormat, Details: validation.Details{Format: "birthdate", Message: `invalid birthdate: "x"`}},
	)
	err := e.Err()
	require.Error(t, err)
	assert.True(t, errors.Is(err, validation.ErrForbidden))
	assert.True(t, errors.Is(err, validation.ErrInvalid))
	assert.False(t, errors.Is(err, validation.ErrUnowned))

	var verr *validation.Error
	require.True(t, errors.As(err, &verr))
	require.Len(t, verr.Causes, 2)
	assert.Equal(t, "/birthdate", verr.Causes[0].Location, "sorted by location")
	var c *validation.Cause
	require.True(t, errors.As(err, &c))
	assert.Equal(t, "/birthdate", c.Location)
	assert.True(t, verr.Has(validation.KindForbidden))
	assert.Equal(t, "/name", verr.Causes[1].Location)
	assert.Equal(t, "2 problems:\n  /birthdate: format: invalid birthdate: \"x\"\n  /name: forbidden: end_user may not change this attribute (its level is readonly)", err.Error())
}

func TestEmptyErrorIsNil(t *testing.T) {
	var e validation.Error
	assert.NoError(t, e.Err())
	var nilErr *validation.Error
	assert.NoError(t, nilErr.Err())
}

func TestCauseJSON(t *testing.T) {
	tests := []struct {
		cause validation.Cause
		want  string
	}{
		{validation.Cause{Location: "/custom_attributes/shoe_size", Kind: validation.KindMaximum, Details: validation.Details{Expected: 60, Actual: 99}},
			`{"location":"/custom_attributes/shoe_size","kind":"maximum","details":{"actual":99,"maximum":60}}`},
		{validation.Cause{Location: "/x", Kind: validation.KindMinimum, Details: validation.Details{Expected: 0, Actual: -1}},
			`{"location":"/x","kind":"minimum","details":{"actual":-1,"minimum":0}}`},
		{validation.Cause{Location: "/e", Kind: validation.KindPattern, Details: validation.Details{Expected: "^E$", Actual: "x"}},
			`{"location":"/e","kind":"pattern","details":{"actual":"x","pattern":"^E$"}}`},
		{validation.Cause{Location: "/foobar", Kind: validation.KindUnknown},
			`{"location":"/foobar","kind":"unknown"}`},
		{validation.Cause{Location: "/zoneinfo", Kind: validation.KindFormat, Details: validation.Details{Format: "timezone", Message: "m", Suggest: "America/New_York"}},
			`{"location":"/zoneinfo","kind":"format","details":{"error":"m","format":"timezone","suggest":"America/New_York"}}`},
	}
	for _, tt := range tests {
		p, err := json.Marshal(&tt.cause)
		require.NoError(t, err)
		assert.JSONEq(t, tt.want, string(p))
		var back validation.Cause
		require.NoError(t, json.Unmarshal(p, &back))
		assert.Equal(t, tt.cause.Location, back.Location)
		assert.Equal(t, tt.cause.Kind, back.Kind)
		assert.Equal(t, tt.cause.Details.Format, back.Details.Format)
		assert.Equal(t, tt.cause.Details.Message, back.Details.Message)
	}
	var e validation.Error
	p, err := json.Marshal(&e)
	require.NoError(t, err)
	assert.JSONEq(t, `{"causes":[]}`, string(p))
}

func TestComparePointers(t *testing.T) {
	ordered := []string{"", "/a", "/a/b", "/a_b", "/address", "/address/country", "/b"}
	for i := range ordered {
		for j := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			assert.Equal(t, want, validation.ComparePointersForTest(ordered[i], ordered[j]), "%q vs %q", ordered[i], ordered[j])
		}
	}
}

func BenchmarkComparePointers(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		validation.ComparePointersForTest("/custom_attributes/shoe_size", "/custom_attributes/shoe")
	}
}

func ExampleError() {
	var e validation.Error
	e.Add(&validation.Cause{Location: "/custom_attributes/shoe_size", Kind: validation.KindMaximum, Details: validation.Details{Expected: 60, Actual: 99}})
	e.Add(&validation.Cause{Location: "/email", Kind: validation.KindFormat, Details: validation.Details{Format: "email", Message: "missing domain"}})
	err := e.Err()

	var verr *validation.Error
	if errors.As(err, &verr) {
		for _, c := range verr.Causes {
			fmt.Println(c.Location, c.Kind)
		}
	}
	fmt.Println(errors.Is(err, validation.ErrInvalid), errors.Is(err, validation.ErrForbidden))
	// Output:
	// /custom_attributes/shoe_size maximum
	// /email format
	// true false
}

func TestNilSafety(t *testing.T) {
	var e *validation.Error
	assert.NoError(t, e.Err())
	assert.Nil(t, e.Unwrap())
	assert.Equal(t, "no problems", e.Error())

	var back validation.Error
	require.NoError(t, json.Unmarshal([]byte(`{"causes":[null,{"location":"","kind":"syntax"}]}`), &back))
	require.Len(t, back.Causes, 1)
	assert.Equal(t, "1 problem:\n  syntax: not well-formed JSON", back.Error())
}

// TestDefaultMessages: Add gives every cause a message, made from its kind and details when
// the check gave none, and a message never quotes more than MaxQuote runes of a value.
func TestDefaultMessages(t *testing.T) {
	long := strings.Repeat("q", 10*validation.MaxQuote)
	tests := []struct {
		cause validation.Cause
		want  string
	}{
		{validation.Cause{Kind: validation.KindType, Details: validation.Details{Expected: "integer", Actual: "string"}}, "expected integer, got string"},
		{validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 1, Actual: 0}}, "must not be empty"},
		{validation.Cause{Kind: validation.KindMinLength, Details: validation.Details{Expected: 3, Actual: 2}}, "length 2 is below the minimum 3"},
		{validation.Cause{Kind: validation.KindMaxLength, Details: validation.Details{Expected: 255, Actual: 300}}, "length 300 is above the maximum 255"},
		{validation.Cause{Kind: validation.KindMinimum, Details: validation.Details{Expected: json.Number("0.5"), Actual: json.Number("0.1")}}, "0.1 is below the minimum 0.5"},
		{validation.Cause{Kind: validation.KindMaximum, Details: validation.Details{Expected: 60, Actual: 99}}, "99 is above the maximum 60"},
		{validation.Cause{Kind: validation.KindEnum, Details: validation.Details{Expected: []string{"s", "m"}, Actual: "xl"}}, `"xl" is not one of the allowed values ["s", "m"]`},
		{validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Format: "email"}}, "not a valid email value"},
		{validation.Cause{Kind: validation.KindPattern, Details: validation.Details{Expected: "^E[0-9]+$"}}, "does not match the pattern ^E[0-9]+$"},
		{validation.Cause{Kind: validation.KindRequired, Details: validation.Details{Expected: "end_user"}}, "end_user is required"},
		{validation.Cause{Kind: validation.KindConst, Details: validation.Details{Expected: true, Actual: false}}, "may be sent only unchanged (true)"},
		{validation.Cause{Kind: validation.KindUnknown, Details: validation.Details{Actual: "foo"}}, `"foo" is not a known member`},
		{validation.Cause{Kind: validation.KindReserved, Details: validation.Details{Actual: "email"}}, `"email" is reserved`},
		{validation.Cause{Kind: validation.KindForbidden, Details: validation.Details{Party: "end_user", Level: "readonly", Operation: "remove"}}, "end_user may not remove this attribute (its level is readonly)"},
		{validation.Cause{Kind: validation.KindUnowned}, "not one of the user's own identities"},
		{validation.Cause{Kind: validation.KindImmutable}, "may not change once it is in use"},
		{validation.Cause{Kind: validation.KindDuplicated}, "appears more than once"},
		{validation.Cause{Kind: validation.KindLimit, Details: validation.Details{Expected: 1000}}, "over the limit of 1000"},
		{validation.Cause{Kind: validation.KindSyntax}, "not well-formed JSON"},
		{validation.Cause{Kind: "newKind"}, "invalid value"},
		{validation.Cause{Kind: validation.KindEnum, Details: validation.Details{Actual: long}}, `"` + strings.Repeat("q", validation.MaxQuote) + `…" is not one of the allowed values`},
		{validation.Cause{Kind: validation.KindFormat, Details: validation.Details{Message: "kept"}}, "kept"},
	}
	for _, tt := range tests {
		c := tt.cause
		var e validation.Error
		e.Add(&c)
		assert.Equal(t, tt.want, c.Details.Message, "%+v", tt.cause)
		bare := tt.cause
		assert.Equal(t, string(bare.Kind)+": "+tt.want, bare.Error(), "a cause outside an Error says the same")
	}
	many := make([]string, 50)
	for i := range many {
		many[i] = long
	}
	c := validation.Cause{Kind: validation.KindEnum, Details: validation.Details{Expected: many}}
	msg := c.Error()
	assert.NotContains(t, msg, strings.Repeat("q", validation.MaxQuote+1))
	assert.Contains(t, msg, "(50 in all)")
}

func TestLongNumberLiteralIsCut(t *testing.T) {
	lit := json.Number(strings.Repeat("9", 300))
	c := &validation.Cause{Kind: validation.KindMaximum, Details: validation.Details{Expected: 60, Actual: lit}}
	var e validation.Error
	e.Add(c)
	assert.Equal(t, strings.Repeat("9", validation.MaxQuote)+"…", c.Details.Actual, "a cut literal is a string: it is no number")
	assert.Equal(t, 300, c.Details.ActualLength)
	p, err := json.Marshal(c)
	require.NoError(t, err)
	assert.NotContains(t, string(p), strings.Repeat("9", validation.MaxQuote+1))
	short := &validation.Cause{Kind: validation.KindMaximum, Details: validation.Details{Expected: 60, Actual: json.Number("99")}}
	e.Add(short)
	assert.Equal(t, json.Number("99"), short.Details.Actual)
}

func TestErrorHas(t *testing.T) {
	var none *validation.Error
	assert.False(t, none.Has(validation.KindSyntax))
	var e validation.Error
	e.Add(&validation.Cause{Location: "/a", Kind: validation.KindFormat})
	assert.True(t, e.Has(validation.KindFormat))
	assert.False(t, e.Has(validation.KindSyntax))
}
