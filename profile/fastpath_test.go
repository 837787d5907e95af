package profile_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/internal/claim"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
)

// The merge patch's fast paths (a standard claim the update does not mention is skipped; the
// custom attributes visit only the stored values and the mentioned slots) must give exactly
// what the general path gives, which visits every slot of the schema: the same next profile
// (maps compared with nil and empty told apart), the same change list in the same order, and
// the same error with the same causes in the same order.

// agreeFastPaths applies raw both ways and reports a difference.
func agreeFastPaths(s *profile.Schema, cur *profile.Profile, raw []byte, up profile.Update) error {
	// The fast path reads a buffer of its own, overwritten before the comparison: a result
	// that still pointed into its input (ApplyJSON decodes in place, see detach) would differ.
	buf := append([]byte(nil), raw...)
	next, changes, err := s.ApplyJSON(cur, buf, up)
	for i := range buf {
		buf[i] = 'X'
	}
	dnext, dchanges, derr := s.ApplyJSONDense(cur, raw, up)
	// Without the change list, the same next profile and the same causes.
	skip := up
	skip.SkipChanges = true
	snext, schanges, serr := s.ApplyJSON(cur, raw, skip)
	switch {
	case !reflect.DeepEqual(next, snext) || schanges != nil || !reflect.DeepEqual(err, serr):
		return fmt.Errorf("SkipChanges differs:\nnext %#v\nskip %#v\nchanges %v\nerr %v\nskip err %v", next, snext, schanges, err, serr)
	case !reflect.DeepEqual(next, dnext):
		return fmt.Errorf("next profiles differ:\nfast:  %#v\ndense: %#v", next, dnext)
	case !reflect.DeepEqual(changes, dchanges):
		return fmt.Errorf("changes differ:\nfast:  %v\ndense: %v", changes, dchanges)
	case !reflect.DeepEqual(err, derr):
		return fmt.Errorf("errors differ:\nfast:  %v\ndense: %v", err, derr)
	}
	return nil
}

// shuffledJSON writes v (as genUpdate builds it) with every object's members in a random order,
// so that the custom slots are mentioned in an order other than the definitions'.
func shuffledJSON(r *rand.Rand, v any) []byte {
	var b bytes.Buffer
	var write func(v any)
	write = func(v any) {
		m, ok := v.(map[string]any)
		if !ok {
			b.Write(mustMarshal(v))
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(mustMarshal(k))
			b.WriteByte(':')
			write(m[k])
		}
		b.WriteByte('}')
	}
	write(v)
	return b.Bytes()
}

func mustMarshal(v any) []byte {
	p, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return p
}

// TestMergeFastPathsAgree holds the fast paths to the general path over the generated cases
// (random schemas, profiles, parties, identities), each case's own update and four more
// generated for it with members shuffled, each applied in its own mode and as a merge patch.
func TestMergeFastPathsAgree(t *testing.T) {
	n := propCases
	if testing.Short() {
		n /= 5
	}
	for i := range n {
		c := cachedCase(t, uint64(i))
		r := rand.New(rand.NewPCG(propSeed^0xfa57, uint64(i)))
		raws := [][]byte{c.raw}
		for range 4 {
			raws = append(raws, shuffledJSON(r, genUpdate(r, c.s, &c.cur, chance(r, 0.5), 0)))
		}
		for _, raw := range raws {
			for _, mode := range []profile.Mode{c.up.Mode, profile.MergePatch} {
				up := c.up
				up.Mode = mode
				if err := agreeFastPaths(c.s, &c.cur, raw, up); err != nil {
					t.Fatalf("%v\nfor update %s in mode %s of\n%s", err, raw, mode, c)
				}
			}
		}
	}
}

// TestMergeFastPathsAgreeEdges covers what the generator does not send: custom_attributes
// twice (null then an object, an object then null, two objects), stored custom values that
// are zero or that the schema does not define, and a schema of many attributes.
func TestMergeFastPathsAgreeEdges(t *testing.T) {
	for i := range 60 {
		c := cachedCase(t, uint64(i))
		names := []string{"undefined_attr"}
		for _, a := range c.s.Custom().Attributes() {
			names = append(names, a.Name())
		}
		cur := c.cur.Clone()
		if cur.Custom == nil {
			cur.Custom = map[string]customattr.Value{}
		}
		cur.Custom["not_defined_here"] = customattr.StringValue("kept")
		if len(names) > 1 {
			cur.Custom[names[1]] = customattr.Value{} // a zero value counts as absent
		}
		var objs []string
		for j, name := range names {
			objs = append(objs, fmt.Sprintf(`{%q:null}`, name), fmt.Sprintf(`{%q:"v%d"}`, name, j))
		}
		for _, raw := range []string{
			`{"custom_attributes":null,"custom_attributes":` + objs[len(objs)-1] + `}`,
			`{"custom_attributes":` + objs[0] + `,"custom_attributes":null}`,
			`{"custom_attributes":` + objs[0] + `,"custom_attributes":` + objs[len(objs)-1] + `}`,
			`{"custom_attributes":{}}`,
			`{}`,
			`{"custom_attributes":{` + strings.Join(trimBraces(objs), ",") + `}}`,
		} {
			for _, party := range allParties() {
				for _, mode := range []profile.Mode{profile.MergePatch, profile.Replace} {
					up := c.up
					up.Party, up.Mode = party, mode
					if err := agreeFastPaths(c.s, &cur, []byte(raw), up); err != nil {
						t.Fatalf("%v\nfor update %s as %s in mode %s of\n%s", err, raw, party, mode, c)
					}
				}
			}
		}
	}
}

func trimBraces(objs []string) []string {
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = strings.TrimSuffix(strings.TrimPrefix(o, "{"), "}")
	}
	return out
}

// TestMergeFastPathsAgreeScaling covers BenchmarkManyCustom's schemas (5 to 3200 defined) with
// a few of them mentioned and stored.
func TestMergeFastPathsAgreeScaling(t *testing.T) {
	for _, n := range []int{5, 50, 800} {
		s, full := manyCustom(t, n)
		var cur profile.Profile
		next, _, err := s.ApplyJSON(&cur, full, profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		require.NoError(t, err)
		for _, raw := range []string{
			`{"custom_attributes":{"a3":"x","a0":null,"a1":"value 1"}}`,
			`{"custom_attributes":{"a4":"y"}}`,
			`{"name":"Jane"}`,
		} {
			for _, c := range []*profile.Profile{&cur, &next} {
				for _, party := range allParties() {
					up := profile.Update{Party: party, Mode: profile.MergePatch}
					if err := agreeFastPaths(s, c, []byte(raw), up); err != nil {
						t.Fatalf("n=%d %s as %s: %v", n, raw, party, err)
					}
				}
			}
		}
	}
}

// propFastPathsAgree is the agreement as a property, for FuzzApplyProperties: the case's
// update in its mode and as a merge patch.
func propFastPathsAgree(t *testing.T, c *propCase) bool {
	t.Helper()
	for _, mode := range []profile.Mode{c.up.Mode, profile.MergePatch} {
		up := c.up
		up.Mode = mode
		if err := agreeFastPaths(c.s, &c.cur, c.raw, up); err != nil {
			t.Errorf("mode %s: %v", mode, err)
			return false
		}
	}
	return true
}

// TestNoClaimNameHoldsHash backs the decoder's order of tests: a member that names a standard
// claim (or custom_attributes), an address field or a defined custom attribute is never a
// language-tagged variant, so the decoder looks for '#' only in other names.
func TestNoClaimNameHoldsHash(t *testing.T) {
	for _, c := range claim.Table {
		require.NotContains(t, c.Name, "#")
	}
	for _, f := range stdattr.AddressFields() {
		require.NotContains(t, f, "#")
	}
	cfg, err := profile.ParseConfig([]byte(`{"custom_attributes":{"attributes":[{"id":"1","pointer":"/a#b","type":"string",` +
		`"access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}]}}`))
	if err == nil {
		_, err = profile.Compile(cfg)
	}
	require.Error(t, err, "a custom attribute name may not hold '#'")
}
