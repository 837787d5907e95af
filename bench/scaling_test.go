package bench

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/profile"
)

// The scaling series of BenchmarkScaling: profilekit's update cost against the number of
// custom attributes an update mentions (all of them defined, none more), and against the number
// defined when an update mentions 5 (up to 3200; customattr accepts up to 4096 definitions).
var (
	scalingMentioned = []int{5, 50, 200, 1000}
	scalingDefined   = []int{5, 50, 800, 3200}
)

// scalingLimits are raised from the defaults (1000 members, 1 MiB) so that an update setting
// 1000 attributes fits: it has 1002 members and about 23 KB.
const scalingLimits = `{"max_keys": 20000, "max_bytes": 4194304}`

// scalingConfig is a user_profile config of defined custom string attributes a0, a1, ..., each
// readwrite for the end user.
func scalingConfig(defined int) []byte {
	var b strings.Builder
	b.WriteString(`{"limits": ` + scalingLimits + `, "custom_attributes": {"attributes": [`)
	for i := range defined {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": "%d", "pointer": "/a%d", "type": "string", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}`, i, i)
	}
	b.WriteString(`]}}`)
	return []byte(b.String())
}

// scalingUpdate is a merge patch setting mentioned of the defined attributes, spread evenly
// over the list (a0 ... a999 when all are mentioned).
func scalingUpdate(mentioned, defined int) []byte {
	var b strings.Builder
	b.WriteString(`{"custom_attributes": {`)
	for i := range mentioned {
		if i > 0 {
			b.WriteByte(',')
		}
		j := i * defined / mentioned
		fmt.Fprintf(&b, `"a%d": "value %d"`, j, j)
	}
	b.WriteString(`}}`)
	return []byte(b.String())
}

// scalingCase compiles the config of defined attributes and returns the schema and the update
// mentioning mentioned of them.
func scalingCase(tb testing.TB, mentioned, defined int) (*profile.Schema, []byte) {
	tb.Helper()
	cfg, err := profile.ParseConfig(scalingConfig(defined))
	require.NoError(tb, err)
	s, err := profile.Compile(cfg)
	require.NoError(tb, err)
	return s, scalingUpdate(mentioned, defined)
}

var scalingUp = profile.Update{Party: access.EndUser, Mode: profile.MergePatch}

// BenchmarkScaling is profilekit's Schema.ApplyJSON as the end user, merge patch, on an empty
// current profile: "mentioned/n" sets n attributes of n defined, "defined/n" sets 5 of n
// defined. ns/attr is ns/op divided by the number of attributes the update mentions.
func BenchmarkScaling(b *testing.B) {
	run := func(b *testing.B, mentioned, defined int) {
		s, upd := scalingCase(b, mentioned, defined)
		var cur profile.Profile
		if _, _, err := s.ApplyJSON(&cur, upd, scalingUp); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := s.ApplyJSON(&cur, upd, scalingUp); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(mentioned), "ns/attr")
	}
	b.Run("mentioned", func(b *testing.B) {
		for _, n := range scalingMentioned {
			b.Run("n="+strconv.Itoa(n), func(b *testing.B) { run(b, n, n) })
		}
	})
	b.Run("defined", func(b *testing.B) {
		for _, n := range scalingDefined {
			b.Run("n="+strconv.Itoa(n), func(b *testing.B) { run(b, 5, n) })
		}
	})
}

// TestScalingCases checks that every case of BenchmarkScaling is accepted and sets exactly the
// attributes it mentions.
func TestScalingCases(t *testing.T) {
	cases := [][2]int{}
	for _, n := range scalingMentioned {
		cases = append(cases, [2]int{n, n})
	}
	for _, n := range scalingDefined {
		if n != 5 { // 5 of 5 is in both series
			cases = append(cases, [2]int{5, n})
		}
	}
	for _, c := range cases {
		mentioned, defined := c[0], c[1]
		t.Run(fmt.Sprintf("mentioned=%d/defined=%d", mentioned, defined), func(t *testing.T) {
			s, upd := scalingCase(t, mentioned, defined)
			var cur profile.Profile
			next, changes, err := s.ApplyJSON(&cur, upd, scalingUp)
			require.NoError(t, err)
			assert.Len(t, changes, mentioned)
			b, err := next.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, mentioned, strings.Count(string(b), `"value `), "attributes set")
		})
	}
}
