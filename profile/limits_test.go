package profile_test

// Hostile input: every oversized, deeply nested, malformed or numerically extreme update is
// answered with a clear error (kind and location asserted) in bounded memory. Memory is
// measured as bytes allocated (runtime.MemStats.TotalAlloc) around one call; no test measures
// wall-clock time.

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// limitsSchema has one custom attribute of each numeric type and a string, all writable by the
// end user, and the given limits.
func limitsSchema(t *testing.T, l profile.Limits) *profile.Schema {
	t.Helper()
	rw := &access.Rule{EndUser: access.ReadWrite, Bearer: access.ReadOnly, Portal: access.ReadWrite}
	cfg := profile.Config{Limits: l, IdentityCoupling: "off"}
	for i, d := range []customattr.Definition{
		{Pointer: "/n", Type: customattr.Number},
		{Pointer: "/i", Type: customattr.Integer},
		{Pointer: "/s", Type: customattr.String},
		{Pointer: "/bounded", Type: customattr.Number, Minimum: "0.5", Maximum: "60"},
		{Pointer: "/nonneg", Type: customattr.Number, Minimum: "0"},
	} {
		d.ID = fmt.Sprint(i)
		cfg.CustomAttributes.Attributes = append(cfg.CustomAttributes.Attributes, profile.CustomAttribute{Definition: d, AccessControl: rw})
	}
	s, err := profile.Compile(cfg)
	require.NoError(t, err)
	return s
}

var endUserPatch = profile.Update{Party: access.EndUser, Mode: profile.MergePatch}

// allocated returns the bytes allocated while f runs, after one warm-up run (so that one-time
// lazy initialization, such as the phone tables of a calling code, is not counted).
func allocated(f func()) uint64 {
	f()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func applyJSON(s *profile.Schema, doc []byte) (profile.Profile, error) {
	var cur profile.Profile
	next, _, err := s.ApplyJSON(&cur, doc, endUserPatch)
	return next, err
}

// requireCause asserts that err is a *validation.Error holding a cause of kind at loc and
// returns it.
func requireCause(t *testing.T, err error, loc string, kind validation.Kind) *validation.Cause {
	t.Helper()
	var verr *validation.Error
	require.True(t, errors.As(err, &verr), "want *validation.Error, got %T: %v", err, err)
	for _, c := range verr.Causes {
		if c.Location == loc && c.Kind == kind {
			return c
		}
	}
	require.Failf(t, "cause not found", "want %s at %q, got %s", kind, loc, mustJSON(causeKeys(err)))
	return nil
}

func TestLimitDocumentSize(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	doc := []byte(`{"given_name":"` + strings.Repeat("a", 10<<20) + `"}`)
	var err error
	n := allocated(func() { _, err = applyJSON(s, doc) })
	c := requireCause(t, err, "", validation.KindLimit)
	assert.Equal(t, profile.DefaultLimits().MaxBytes, c.Details.Expected)
	assert.Equal(t, len(doc), c.Details.Actual)
	assert.Less(t, n, uint64(64<<10), "a document over the size limit is rejected before it is read")

	// With the limit raised the 10 MB value is read and rejected by its length, allocating at
	// most twice the document.
	big := limitsSchema(t, profile.Limits{MaxBytes: 16 << 20})
	n = allocated(func() { _, err = applyJSON(big, doc) })
	c = requireCause(t, err, "/given_name", validation.KindMaxLength)
	assert.Equal(t, 1024, c.Details.Expected)
	assert.LessOrEqual(t, n, uint64(2*len(doc)), "allocated %d bytes for a %d byte document", n, len(doc))
}

func TestLimitOneMegabyteString(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	huge := strings.Repeat("é", 1<<19) // 1 MiB of UTF-8, 524288 runes
	for _, tc := range []struct {
		doc  string
		loc  string
		kind validation.Kind
	}{
		{`{"given_name":"` + huge[:1000000] + `"}`, "/given_name", validation.KindMaxLength},
		{`{"address":{"locality":"` + huge[:1000000] + `"}}`, "/address/locality", validation.KindMaxLength},
		{`{"custom_attributes":{"s":"` + huge[:1000000] + `"}}`, "/custom_attributes/s", validation.KindMaxLength},
		{`{"birthdate":"` + huge[:1000000] + `"}`, "/birthdate", validation.KindFormat},
		{`{"email":"` + huge[:1000000] + `@example.com"}`, "/email", validation.KindMaxLength},
		{`{"zoneinfo":"` + huge[:1000000] + `"}`, "/zoneinfo", validation.KindFormat},
		{`{"locale":"` + strings.Repeat("a", 1000000) + `"}`, "/locale", validation.KindMaxLength},
		{`{"phone_number":"+1` + strings.Repeat("5", 1000000) + `"}`, "/phone_number", validation.KindMaxLength},
		{`{"website":"https://example.com/` + strings.Repeat("a", 1000000) + `"}`, "/website", validation.KindMaxLength},
		// An escaped string is unescaped into a new string: still bounded.
		{`{"nickname":"` + strings.Repeat(`\u00e9`, 160000) + `"}`, "/nickname", validation.KindMaxLength},
	} {
		t.Run(tc.loc, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = applyJSON(s, []byte(tc.doc)) })
			requireCause(t, err, tc.loc, tc.kind)
			t.Logf("%d bytes allocated for a %d byte document", n, len(tc.doc))
			bound := 2 * len(tc.doc)
			if strings.Contains(tc.doc, `\u`) {
				bound = 3 * len(tc.doc) // the copy of the document, plus the unescaped value as it grows
			}
			assert.LessOrEqual(t, n, uint64(bound), "allocated %d bytes for a %d byte document", n, len(tc.doc))
		})
	}
}

func TestLimitManyKeys(t *testing.T) {
	keys := func(prefix, open, close string, n int) []byte {
		var b strings.Builder
		b.WriteString(open)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"k%d":"v"`, i)
		}
		b.WriteString(close)
		return []byte(b.String())
	}
	const n = 100000
	// Default limits: 100 000 members do not fit in 1 MiB.
	s := limitsSchema(t, profile.Limits{})
	_, err := applyJSON(s, keys("", "{", "}", n))
	requireCause(t, err, "", validation.KindLimit)

	// With room for the bytes, the member count stops the decoder at the 1001st member.
	s = limitsSchema(t, profile.Limits{MaxBytes: 8 << 20})
	for _, tc := range []struct {
		doc []byte
		loc string
	}{
		{keys("", "{", "}", n), "/k1000"},
		{keys("", `{"address":{`, "}}", n), "/address/k999"}, // "address" itself is the first member
		{keys("", `{"custom_attributes":{`, "}}", n), "/custom_attributes/k999"},
	} {
		var err error
		allocs := allocated(func() { _, err = applyJSON(s, tc.doc) })
		c := requireCause(t, err, tc.loc, validation.KindLimit)
		assert.Equal(t, profile.DefaultLimits().MaxKeys, c.Details.Expected)
		var verr *validation.Error
		require.True(t, errors.As(err, &verr))
		assert.LessOrEqual(t, len(verr.Causes), profile.DefaultLimits().MaxKeys+1, "causes are bounded by the member limit")
		assert.LessOrEqual(t, allocs, uint64(2*len(tc.doc)+1<<20), "allocated %d bytes for a %d byte document", allocs, len(tc.doc))
	}
}

func TestLimitManyKeysMap(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	const n = 100000
	big := make(map[string]any, n)
	for i := range n {
		big[fmt.Sprint("k", i)] = "v"
	}
	var cur profile.Profile
	_, _, err := s.Apply(&cur, big, endUserPatch)
	requireCause(t, err, "", validation.KindLimit)

	// The same members nested under address or custom_attributes count against the limit too,
	// as they do on the JSON path: one cause of kind limit, not 100 000 causes.
	for _, key := range []string{"address", "custom_attributes"} {
		t.Run(key, func(t *testing.T) {
			var err error
			allocs := allocated(func() { _, _, err = s.Apply(&cur, map[string]any{key: big}, endUserPatch) })
			var verr *validation.Error
			require.True(t, errors.As(err, &verr))
			assert.True(t, hasKind(verr, validation.KindLimit), "no limit cause among %d causes", len(verr.Causes))
			assert.LessOrEqual(t, len(verr.Causes), profile.DefaultLimits().MaxKeys+1, "causes are bounded by the member limit")
			assert.Less(t, allocs, uint64(4<<20), "allocated %d bytes", allocs)
		})
	}
}

func TestLimitHugeMapValue(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	var cur profile.Profile
	huge := strings.Repeat("a", 10<<20)
	for _, tc := range []struct {
		update map[string]any
		loc    string
	}{
		{map[string]any{"given_name": huge}, "/given_name"},
		{map[string]any{"address": map[string]any{"region": huge}}, "/address/region"},
		{map[string]any{"custom_attributes": map[string]any{"s": huge}}, "/custom_attributes/s"},
	} {
		// A map takes the JSON path, with the same limits: 10 MiB is beyond max_bytes.
		var err error
		n := allocated(func() { _, _, err = s.Apply(&cur, tc.update, endUserPatch) })
		requireCause(t, err, "", validation.KindLimit)
		assert.LessOrEqual(t, n, uint64(3*len(huge)), "allocated %d bytes for a %d byte value", n, len(huge))
	}
}

func TestLimitNesting(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	deep := func(n int) (string, string) { return strings.Repeat("[", n), strings.Repeat("]", n) }
	o, c := deep(10000)
	objs := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)
	for _, tc := range []struct {
		doc string
		loc string
	}{
		{`{"x":` + o + c + `}`, "/x"},
		{`{"given_name":` + o + c + `}`, "/given_name"},
		{`{"address":{"locality":` + o + c + `}}`, "/address/locality"},
		{`{"custom_attributes":{"n":` + o + c + `}}`, "/custom_attributes/n"},
		{`{"custom_attributes":{"zz":` + objs + `}}`, "/custom_attributes/zz"},
		{`{"x":` + objs + `}`, "/x"},
		{o + c, ""},
		{`{"x":` + o, "/x"}, // unterminated: the depth limit is met before the end
	} {
		var err error
		n := allocated(func() { _, err = applyJSON(s, []byte(tc.doc)) })
		c := requireCause(t, err, tc.loc, validation.KindLimit)
		assert.Equal(t, profile.DefaultLimits().MaxDepth, c.Details.Expected)
		assert.Less(t, n, uint64(64<<10)+uint64(2*len(tc.doc)), "allocated %d bytes", n)
	}

	// The limit is the nesting of objects and arrays, the top-level object included: a
	// profile nests two levels (address), so the default of 16 leaves room.
	max := profile.DefaultLimits().MaxDepth
	o, c = deep(max - 1)
	_, err := applyJSON(s, []byte(`{"x":`+o+c+`}`))
	requireCause(t, err, "/x", validation.KindUnknown)
	assert.False(t, hasKind(err, validation.KindLimit), "depth %d is within the limit: %v", max, err)
	o, c = deep(max)
	_, err = applyJSON(s, []byte(`{"x":`+o+c+`}`))
	requireCause(t, err, "/x", validation.KindLimit)
}

func hasKind(err error, k validation.Kind) bool {
	var verr *validation.Error
	return errors.As(err, &verr) && verr != nil &&
		slices.ContainsFunc(verr.Causes, func(c *validation.Cause) bool { return c.Kind == k })
}

func TestLimitInvalidUTF8(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	for _, tc := range []struct {
		doc string
		loc string
	}{
		{"{\"given\xffname\":\"x\"}", ""},
		{"{\"given_name\":\"J\xffane\"}", "/given_name"},
		{"{\"given_name\":\"J\xc3\"}", "/given_name"},        // truncated sequence
		{"{\"given_name\":\"\xed\xa0\x80\"}", "/given_name"}, // an encoded surrogate
		{`{"given_name":"\ud800"}`, "/given_name"},           // a lone surrogate escape
		{"{\"address\":{\"locality\":\"\xc0\xaf\"}}", "/address/locality"},
		{"{\"address\":{\"local\xffity\":\"x\"}}", "/address"},
		{"{\"custom_attributes\":{\"s\":\"\xff\"}}", "/custom_attributes/s"},
		{"{\"custom_attributes\":{\"\xff\":\"x\"}}", "/custom_attributes"},
		{"{\"unknown\":\"\xff\"}", "/unknown"},
	} {
		_, err := applyJSON(s, []byte(tc.doc))
		c := requireCause(t, err, tc.loc, validation.KindSyntax)
		assert.NotEmpty(t, c.Details.Message, "%q", tc.doc)
	}

	// The map path gets strings from Go code, which may hold anything: invalid UTF-8 in a value
	// is a value error, never stored.
	var cur profile.Profile
	for _, tc := range []struct {
		update map[string]any
		loc    string
	}{
		{map[string]any{"given_name": "J\xffane"}, "/given_name"},
		{map[string]any{"address": map[string]any{"locality": "\xff"}}, "/address/locality"},
		{map[string]any{"custom_attributes": map[string]any{"s": "\xff"}}, "/custom_attributes/s"},
		{map[string]any{"email": "j\xff@example.com"}, "/email"},
		// A customattr.Value holding such bytes too (encoding/json would make them U+FFFD).
		{map[string]any{"custom_attributes": map[string]any{"s": customattr.StringValue("a\xffb")}}, "/custom_attributes/s"},
	} {
		_, _, err := s.Apply(&cur, tc.update, endUserPatch)
		require.Error(t, err, "%q", tc.update)
		var verr *validation.Error
		require.True(t, errors.As(err, &verr))
		assert.True(t, slices.ContainsFunc(verr.Causes, func(c *validation.Cause) bool { return c.Location == tc.loc }), "no cause at %s: %v", tc.loc, err)
	}
	_, _, err := s.Apply(&cur, map[string]any{"giv\xffen": "x"}, endUserPatch)
	requireCause(t, err, "/giv\xffen", validation.KindSyntax)
}

func TestLimitDuplicateKeys(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	for _, tc := range []struct {
		doc string
		loc string
	}{
		{`{"given_name":"A","given_name":"B"}`, "/given_name"},
		{`{"given_name":"A","given_name":"A"}`, "/given_name"}, // even with the same value
		{`{"given_name":"A","given_name":null}`, "/given_name"},
		{`{"address":{"locality":"A"},"address":{"region":"B"}}`, "/address"},
		{`{"address":{"locality":"A","locality":"B"}}`, "/address/locality"},
		{`{"address":{"locality":null,"locality":"B"}}`, "/address/locality"},
		{`{"custom_attributes":{"n":1,"n":2}}`, "/custom_attributes/n"},
		{`{"custom_attributes":{"s":"x","s":null}}`, "/custom_attributes/s"},
		{`{"custom_attributes":{"n":1},"custom_attributes":{"i":2}}`, "/custom_attributes"},
		{`{"email_verified":true,"email_verified":true}`, "/email_verified"},
		{`{"updated_at":1,"updated_at":1}`, "/updated_at"},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			next, err := applyJSON(s, []byte(tc.doc))
			c := requireCause(t, err, tc.loc, validation.KindDuplicated)
			assert.NotEmpty(t, c.Details.Message)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
			assert.Zero(t, next, "nothing is applied")
		})
	}
}

func TestLimitNumbers(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	digits := strings.Repeat("9", 1000000)
	for _, tc := range []struct {
		attr, lit string
		kind      validation.Kind // "" means accepted
		stored    string          // the stored literal when accepted
	}{
		{"n", "1e400", validation.KindMaximum, ""},
		{"n", "-1e400", validation.KindMinimum, ""},
		{"n", "1E+309", validation.KindMaximum, ""},
		{"n", "1e99999999999999999999999", validation.KindMaximum, ""},
		{"n", digits, validation.KindMaximum, ""},
		{"n", "-" + digits, validation.KindMinimum, ""},
		{"n", "1.7976931348623157e308", "", "1.7976931348623157e308"}, // the largest float64
		{"n", "-0", "", "-0"},                                         // kept as written
		{"n", "1e-400", "", "1e-400"},                                 // exact, though it rounds to 0 as a float64
		{"n", "1e-99999999999999999999999", "", "1e-99999999999999999999999"},
		{"nonneg", "-1e-400", validation.KindMinimum, ""}, // compared exactly, not as -0.0
		{"nonneg", "-0", "", "-0"},
		{"bounded", "1e-400", validation.KindMinimum, ""},
		{"bounded", "60.000000000000000000000001", validation.KindMaximum, ""},
		{"i", "1e400", validation.KindMaximum, ""},
		{"i", "-1e400", validation.KindMinimum, ""},
		{"i", "9223372036854775807", "", "9223372036854775807"},
		{"i", "9223372036854775808", validation.KindMaximum, ""},
		{"i", "-9223372036854775808", "", "-9223372036854775808"},
		{"i", "-9223372036854775809", validation.KindMinimum, ""},
		{"i", "123456789012345678901234567890", validation.KindMaximum, ""},
		{"i", digits, validation.KindMaximum, ""},
		{"i", "1e-400", validation.KindType, ""},
		{"i", "-0", "", "0"},
		{"i", "3.0", "", "3"},
		{"i", "1e2", "", "100"},
		{"i", "0.5e1", "", "5"},
	} {
		t.Run(tc.attr+"="+tc.lit[:min(len(tc.lit), 40)], func(t *testing.T) {
			doc := `{"custom_attributes":{"` + tc.attr + `":` + tc.lit + `}}`
			var (
				next profile.Profile
				err  error
			)
			n := allocated(func() { next, err = applyJSON(s, []byte(doc)) })
			assert.LessOrEqual(t, n, uint64(64<<10+3*len(doc)), "allocated %d bytes", n)
			if tc.kind == "" {
				require.NoError(t, err)
				lit, ok := next.Custom[tc.attr].Number()
				require.True(t, ok)
				assert.Equal(t, tc.stored, string(lit))
				return
			}
			c := requireCause(t, err, "/custom_attributes/"+tc.attr, tc.kind)
			for _, v := range []any{c.Details.Expected, c.Details.Actual} {
				f, isFloat := v.(float64)
				assert.False(t, isFloat && (math.IsInf(f, 0) || math.IsNaN(f)), "details hold %v", v)
				assert.NotContains(t, fmt.Sprint(v), "Inf")
			}
			_, jerr := json.Marshal(err)
			assert.NoError(t, jerr, "the error marshals to JSON")
		})
	}
}

func TestLimitNumbersMap(t *testing.T) {
	s := limitsSchema(t, profile.Limits{})
	var cur profile.Profile
	for _, tc := range []struct {
		attr string
		v    any
		kind validation.Kind
	}{
		{"n", json.Number("1e400"), validation.KindMaximum},
		{"n", math.Inf(1), validation.KindType},
		{"n", math.NaN(), validation.KindType},
		{"i", json.Number("1e400"), validation.KindMaximum},
		{"i", 1e300, validation.KindMaximum},
		{"i", uint64(math.MaxUint64), validation.KindMaximum},
		{"i", 0.5, validation.KindType},
		{"s", 5, validation.KindType},
	} {
		_, _, err := s.Apply(&cur, map[string]any{"custom_attributes": map[string]any{tc.attr: tc.v}}, endUserPatch)
		requireCause(t, err, "/custom_attributes/"+tc.attr, tc.kind)
	}
}

// TestParseConfigTypeErrorLocations: a config member of the wrong JSON type is reported at its
// JSON pointer in the config, array indexes included, as every other config error is.
func TestParseConfigTypeErrorLocations(t *testing.T) {
	for doc, loc := range map[string]string{
		`[]`:                  "",
		`{"max_length":"10"}`: "/max_length",
		`{"custom_attributes":{"attributes":[{"id":"a","pointer":"/a","type":"string"},{"id":1}]}}`: "/custom_attributes/attributes/1/id",
		`{"supported_languages":["en",5]}`: "/supported_languages/1",
	} {
		_, err := profile.ParseConfig([]byte(doc))
		requireCause(t, err, loc, validation.KindType)
	}
}
