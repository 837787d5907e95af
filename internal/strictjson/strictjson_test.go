package strictjson

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

type level string

func (l *level) UnmarshalText(b []byte) error {
	if string(b) != "low" && string(b) != "high" {
		return &validation.Cause{Kind: validation.KindEnum, Details: validation.Details{Actual: string(b)}}
	}
	*l = level(b)
	return nil
}

// scalar decodes itself from any JSON value: a number is kept as "n:" and its literal, a
// string as "s:" and its text; anything else is refused with a cause, or kept as "r:" and its
// bytes for an array.
type scalar string

func (v *scalar) UnmarshalJSON(p []byte) error {
	switch {
	case p[0] == '"':
		var s string
		if err := json.Unmarshal(p, &s); err != nil {
			return err
		}
		*v = scalar("s:" + s)
	case p[0] == '-' || p[0] >= '0' && p[0] <= '9':
		*v = scalar("n:" + string(p))
	case p[0] == '[':
		*v = scalar("r:" + string(p))
	default:
		return &validation.Cause{Kind: validation.KindType, Details: validation.Details{Expected: "number or string"}}
	}
	return nil
}

type inner struct {
	Name  string      `json:"name"`
	Limit json.Number `json:"limit"`
}

type sample struct {
	inner
	Count int             `json:"count"`
	On    bool            `json:"on"`
	Tags  []string        `json:"tags"`
	Level level           `json:"level"`
	Sub   *inner          `json:"sub"`
	Raw   json.RawMessage `json:"raw"`
	Bound scalar          `json:"bound"`
	Skip  string          `json:"-"`
}

var sampleCodec = For[sample]()

func TestDecode(t *testing.T) {
	var s sample
	require.NoError(t, sampleCodec.Decode([]byte(`{"name":"a","limit":1e3,"count":3,"on":true,"tags":["x"],"level":"low","sub":{"name":"b"},"raw":{"k":[1]}}`), &s))
	assert.Equal(t, sample{inner: inner{Name: "a", Limit: "1e3"}, Count: 3, On: true, Tags: []string{"x"}, Level: "low",
		Sub: &inner{Name: "b"}, Raw: json.RawMessage(`{"k":[1]}`)}, s)

	for _, tc := range []struct {
		in      string
		loc     string
		kind    validation.Kind
		suggest any
	}{
		{`{"nam":"a"}`, "/nam", validation.KindUnknown, "name"},
		{`{"NAME":"a"}`, "/NAME", validation.KindUnknown, "name"},
		{`{"name":"a","name":"b"}`, "/name", validation.KindDuplicated, nil},
		{`{"count":"3"}`, "/count", validation.KindType, nil},
		{`{"count":3.5}`, "/count", validation.KindType, nil},
		{`{"limit":"5"}`, "/limit", validation.KindType, nil},
		{`{"tags":["x",1]}`, "/tags/1", validation.KindType, nil},
		{`{"level":"mid"}`, "/level", validation.KindEnum, nil},
		{`{"sub":{"x":1}}`, "/sub/x", validation.KindUnknown, nil},
		{`{"Skip":"x"}`, "/Skip", validation.KindUnknown, nil},
		{`{} {}`, "", validation.KindSyntax, nil},
		{`{"tags":["x",}`, "/tags/1", validation.KindSyntax, nil},
		{`[]`, "", validation.KindType, nil},
	} {
		var s sample
		err := sampleCodec.Decode([]byte(tc.in), &s)
		var verr *validation.Error
		if assert.True(t, errors.As(err, &verr), tc.in) {
			assert.Equal(t, tc.loc, verr.Causes[0].Location, tc.in)
			assert.Equal(t, tc.kind, verr.Causes[0].Kind, tc.in)
			assert.Equal(t, tc.suggest, verr.Causes[0].Details.Suggest, tc.in)
		}
	}
	// A string kind with its own UnmarshalJSON gets every JSON value, read strictly first.
	for in, want := range map[string]scalar{
		`{"bound":-1.5e3}`:        "n:-1.5e3",
		`{"bound":"2020-01-01"}`:  "s:2020-01-01",
		`{"bound":"a\u00e9\n"}`:   "s:aé\n",
		`{"bound": [1, {"a":2}]}`: `r:[1, {"a":2}]`,
		`{"bound":null}`:          "",
	} {
		var s sample
		require.NoError(t, sampleCodec.Decode([]byte(in), &s), in)
		assert.Equal(t, want, s.Bound, in)
	}
	for in, kind := range map[string]validation.Kind{
		`{"bound":true}`:       validation.KindType, // the type's own cause, located
		`{"bound":{}}`:         validation.KindType,
		`{"bound":"\ud800"}`:   validation.KindSyntax, // the scanner's strictness first
		"{\"bound\":\"\xff\"}": validation.KindSyntax,
	} {
		var s sample
		err := sampleCodec.Decode([]byte(in), &s)
		var verr *validation.Error
		if assert.ErrorAs(t, err, &verr, in) {
			assert.Equal(t, "/bound", verr.Causes[0].Location, in)
			assert.Equal(t, kind, verr.Causes[0].Kind, in)
		}
	}

	// Every problem at once.
	err := sampleCodec.Decode([]byte(`{"count":"3","on":1,"level":"x","bogus":2}`), &s)
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, 4, len(verr.Causes))
	// The wrong destination is an error, not a panic.
	assert.Error(t, sampleCodec.Decode([]byte(`{}`), &inner{}))
}

// FuzzDecode: any input decodes without panicking into nil or located causes; what is accepted,
// encoding/json accepts too (the struct has no case-folding traps for it: names are distinct).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"name":"a","count":3,"tags":["x"],"sub":{"limit":2},"raw":[1,{"a":null}]}`, `{"level":"low"}`,
		`{"name":"a","name":"b"}`, `{"count":1e2}`, `[`, `{"raw":}`, `null`, `{"bound":"x"}`, `{"bound":[true]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sample
		err := sampleCodec.Decode(data, &s)
		if err == nil {
			var o sample
			if json.Unmarshal(data, &o) != nil {
				t.Fatalf("accepted what encoding/json rejects: %q", data)
			}
			return
		}
		var verr *validation.Error
		if !errors.As(err, &verr) || len(verr.Causes) == 0 {
			t.Fatalf("error without causes: %v", err)
		}
	})
}
