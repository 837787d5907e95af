package access

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

// triple builds a rule from a string of three letters (end_user, bearer, portal_ui):
// H hidden, O readonly, W readwrite, _ unset.
func triple(s string) Rule {
	l := func(c byte) Level {
		switch c {
		case 'H':
			return Hidden
		case 'O':
			return ReadOnly
		case 'W':
			return ReadWrite
		}
		return Unset
	}
	return Rule{EndUser: l(s[0]), Bearer: l(s[1]), Portal: l(s[2])}
}

// TestAllTriples covers the 27 combinations of the three levels: the 8 legal ones, and for the
// 19 others the suggestion worked out by hand from DESIGN's rule (keep the end user, bearer
// readonly when the end user can see and never readwrite, portal at least both).
func TestAllTriples(t *testing.T) {
	want := map[string]string{ // illegal -> nearest; legal -> ""
		"HHH": "", "HHO": "", "HHW": "",
		"HOH": "HOO", "HOO": "", "HOW": "",
		"HWH": "HOO", "HWO": "HOO", "HWW": "HOW",
		"OHH": "OOO", "OHO": "OOO", "OHW": "OOW",
		"OOH": "OOO", "OOO": "", "OOW": "",
		"OWH": "OOO", "OWO": "OOO", "OWW": "OOW",
		"WHH": "WOW", "WHO": "WOW", "WHW": "WOW",
		"WOH": "WOW", "WOO": "WOW", "WOW": "",
		"WWH": "WOW", "WWO": "WOW", "WWW": "WOW",
	}
	require.Len(t, want, 27)
	var legal []Rule
	for _, e := range "HOW" {
		for _, b := range "HOW" {
			for _, p := range "HOW" {
				name := string([]rune{e, b, p})
				r := triple(name)
				t.Run(name, func(t *testing.T) {
					exp, ok := want[name]
					require.True(t, ok)
					if exp == "" {
						legal = append(legal, r)
						assert.True(t, r.legal())
						assert.NoError(t, r.Validate())
						assert.Equal(t, r, r.nearest(), "a legal rule is its own nearest")
						return
					}
					assert.False(t, r.legal())
					assert.Equal(t, triple(exp), r.nearest())
					c := check(r)
					require.NotNil(t, c)
					assert.Equal(t, validation.KindEnum, c.Kind)
					assert.Empty(t, c.Location)
					assert.Equal(t, triple(exp), c.Details.Suggest)
					assert.Equal(t, r, c.Details.Actual)
					assert.Equal(t, LegalRules(), c.Details.Expected)
					assert.Contains(t, c.Details.Message, r.String())
					assert.Contains(t, c.Details.Message, "nearest legal rule is "+triple(exp).String())
					err := r.Validate()
					var verr *validation.Error
					require.ErrorAs(t, err, &verr)
					require.Len(t, verr.Causes, 1)
					assert.Equal(t, c, verr.Causes[0])
					assert.ErrorIs(t, err, validation.ErrInvalid)
				})
			}
		}
	}
	assert.Len(t, legal, 8)
	assert.ElementsMatch(t, LegalRules(), legal)
	assert.Equal(t, []Rule{
		triple("HHH"), triple("HHO"), triple("HHW"), triple("HOO"),
		triple("HOW"), triple("OOO"), triple("OOW"), triple("WOW"),
	}, LegalRules())
}

func TestCheckReasons(t *testing.T) {
	tests := []struct {
		r       Rule
		reasons []string
	}{
		{triple("HWH"), []string{"the bearer can never write", "the bearer has more access than the portal"}},
		{triple("WOO"), []string{"the end user has more access than the portal"}},
		{triple("OHW"), []string{"an end user who can see the attribute implies a bearer who can read it"}},
		{triple("___"), []string{"end_user is missing", "bearer is missing", "portal_ui is missing"}},
		{triple("W__"), []string{"bearer is missing", "portal_ui is missing"}},
		{Rule{EndUser: Level(7), Bearer: Hidden, Portal: Hidden}, []string{"end_user is not a level"}},
	}
	for _, tt := range tests {
		t.Run(tt.r.String(), func(t *testing.T) {
			c := check(tt.r)
			require.NotNil(t, c)
			for _, why := range tt.reasons {
				assert.Contains(t, c.Details.Message, why)
			}
			assert.Equal(t, len(tt.reasons), strings.Count(c.Details.Message, ";")) // reasons; then the suggestion
		})
	}
}

func TestPartialRules(t *testing.T) {
	tests := []struct {
		in, nearest string
	}{
		{"___", "HHH"},
		{"W__", "WOW"},
		{"O__", "OOO"},
		{"H__", "HHH"},
		{"_O_", "HOO"},
		{"_W_", "HOO"},
		{"__W", "HHW"},
		{"__O", "HHO"},
		{"O_W", "OOW"},
		{"WO_", "WOW"},
		{"HO_", "HOO"},
		{"H_W", "HHW"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r := triple(tt.in)
			assert.False(t, r.legal(), "a partial rule is never legal")
			assert.Equal(t, triple(tt.nearest), r.nearest())
			c := check(r)
			require.NotNil(t, c)
			assert.Equal(t, triple(tt.nearest), c.Details.Suggest)
			assert.Contains(t, c.Details.Message, "is missing")
			assert.True(t, r.nearest().legal())
		})
	}
	// Out-of-range levels count as hidden.
	assert.Equal(t, triple("HOW"), Rule{EndUser: Level(9), Bearer: ReadOnly, Portal: ReadWrite}.nearest())
}

func TestNearestKeepsWriteOnce(t *testing.T) {
	r := triple("WHO")
	r.WriteOnce = true
	n := r.nearest()
	assert.True(t, n.WriteOnce)
	assert.Equal(t, "readwrite/readonly/readwrite write_once", n.String())
	for _, l := range LegalRules() {
		l.WriteOnce = true
		assert.True(t, l.legal(), "write_once is legal with every legal combination")
		assert.NoError(t, l.Validate())
	}
}

func TestRuleLevel(t *testing.T) {
	r := triple("HOW")
	assert.Equal(t, Hidden, r.Level(EndUser))
	assert.Equal(t, ReadOnly, r.Level(Bearer))
	assert.Equal(t, ReadWrite, r.Level(Portal))
	assert.Equal(t, ReadWrite, r.Level(AdminAPI))
	assert.Equal(t, ReadWrite, triple("HHH").Level(AdminAPI), "the Admin API always has full access")
	assert.Equal(t, Hidden, triple("WOW").Level(Party(0)))
	assert.Equal(t, Hidden, triple("WOW").Level(Party(9)))
}

func TestRuleJSONRoundTrip(t *testing.T) {
	for _, r := range LegalRules() {
		for _, once := range []bool{false, true} {
			r.WriteOnce = once
			p, err := json.Marshal(r)
			require.NoError(t, err)
			var back Rule
			require.NoError(t, json.Unmarshal(p, &back))
			assert.Equal(t, r, back, string(p))
			assert.NoError(t, back.Validate())
		}
	}
	p, err := json.Marshal(triple("WOW"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}`, string(p))
	p, err = json.Marshal(Rule{EndUser: ReadOnly, WriteOnce: true})
	require.NoError(t, err)
	assert.JSONEq(t, `{"end_user":"readonly","write_once":true}`, string(p), "unset members are left out")
	p, err = json.Marshal(Rule{Bearer: Level(9)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"bearer":"Level(9)"}`, string(p))
}

func TestRuleUnmarshalProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Rule     // what decoded
		locs []string // cause locations, sorted
		kind []validation.Kind
	}{
		{"legal", `{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite","write_once":true}`,
			Rule{EndUser: ReadWrite, Bearer: ReadOnly, Portal: ReadWrite, WriteOnce: true}, nil, nil},
		{"empty object", `{}`, Rule{}, []string{""}, []validation.Kind{validation.KindEnum}},
		{"partial", `{"end_user":"readwrite"}`, Rule{EndUser: ReadWrite}, []string{""}, []validation.Kind{validation.KindEnum}},
		{"not an object", `"readwrite"`, Rule{}, []string{""}, []validation.Kind{validation.KindType}},
		{"repeated member", `{"end_user":"readwrite","end_user":"hidden","bearer":"hidden","portal_ui":"hidden"}`,
			Rule{}, []string{"/end_user"}, []validation.Kind{validation.KindDuplicated}},
		{"array", `["readwrite"]`, Rule{}, []string{""}, []validation.Kind{validation.KindType}},
		{"level not a string", `{"end_user":3,"bearer":"readonly","portal_ui":"readwrite"}`,
			Rule{}, []string{"/end_user"}, []validation.Kind{validation.KindType}},
		{"near spelling", `{"end_user":"read-only","bearer":"readonly","portal_ui":"readwrite"}`,
			Rule{}, []string{"/end_user"}, []validation.Kind{validation.KindEnum}},
		{"bad level", `{"end_user":"x","bearer":"readwrite","portal_ui":"readwrite"}`,
			Rule{}, []string{"/end_user"}, []validation.Kind{validation.KindEnum}},
		{"write_once not bool", `{"end_user":"hidden","bearer":"hidden","portal_ui":"hidden","write_once":"yes"}`,
			Rule{}, []string{"/write_once"}, []validation.Kind{validation.KindType}},
		{"unknown member", `{"end_user":"hidden","bearer":"hidden","portal_ui":"hidden","admin":"readwrite"}`,
			Rule{}, []string{"/admin"}, []validation.Kind{validation.KindUnknown}},
		{"everything wrong", `{"end_user":null,"bearer":[],"portal_ui":"rw","x":1,"write_once":0}`,
			Rule{}, []string{"/bearer", "/portal_ui", "/write_once", "/x"},
			[]validation.Kind{validation.KindType, validation.KindEnum, validation.KindType, validation.KindUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Rule
			err := json.Unmarshal([]byte(tt.in), &r) // every decode problem at once
			assert.Equal(t, tt.want, r, "a rule that fails to decode is left unchanged")
			if err == nil {
				err = r.Validate()
			}
			if tt.locs == nil {
				assert.NoError(t, err)
				return
			}
			var verr *validation.Error
			require.ErrorAs(t, err, &verr)
			var locs []string
			var kinds []validation.Kind
			for _, c := range verr.Causes {
				locs = append(locs, c.Location)
				kinds = append(kinds, c.Kind)
			}
			assert.Equal(t, tt.locs, locs)
			assert.Equal(t, tt.kind, kinds)
		})
	}
}

func TestRuleUnmarshalNullKeepsRule(t *testing.T) {
	r := triple("WOW")
	require.NoError(t, json.Unmarshal([]byte(`null`), &r))
	assert.Equal(t, triple("WOW"), r)
	// A problem leaves the rule as it was.
	require.Error(t, json.Unmarshal([]byte(`{"end_user":"bad"}`), &r))
	assert.Equal(t, triple("WOW"), r)
	require.NoError(t, json.Unmarshal([]byte(`{"end_user":"hidden","bearer":"hidden","portal_ui":"readwrite"}`), &r))
	assert.NoError(t, r.Validate())
}

func TestCheckCauseMarshals(t *testing.T) {
	c := check(triple("WHO"))
	p, err := json.Marshal(c.Under("/custom_attributes/attributes/0/access_control"))
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(p, &back))
	d := back["details"].(map[string]any)
	assert.Equal(t, map[string]any{"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}, d["suggest"])
	assert.Equal(t, map[string]any{"end_user": "readwrite", "bearer": "hidden", "portal_ui": "readonly"}, d["actual"])
	assert.Len(t, d["expected"], 8)
	assert.True(t, errors.Is(c, validation.ErrInvalid))
}

// check returns the one cause of an illegal rule's Validate error, nil for a legal rule.
func check(r Rule) *validation.Cause {
	err := r.Validate()
	if err == nil {
		return nil
	}
	return err.(*validation.Error).Causes[0]
}
