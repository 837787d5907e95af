package profile_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// Multi-valued custom attributes ("multiple": true): a JSON array of values of the type.

const multiConfig = `{"identity_coupling":"off","custom_attributes":{"attributes":[
  {"id":"0001","pointer":"/languages","type":"enum","enum":["en","de","fr","ja"],
   "multiple":true,"max_items":3,"unique_items":true,
   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}},
  {"id":"0002","pointer":"/lucky","type":"integer","minimum":0,"maximum":99,
   "multiple":true,"min_items":2,"unique_items":true,
   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}},
  {"id":"0003","pointer":"/phones","type":"phone_number","multiple":true,
   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}},
  {"id":"0004","pointer":"/note","type":"string",
   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}]}}`

func multiSchema(t testing.TB) *profile.Schema {
	t.Helper()
	cfg, err := profile.ParseConfig([]byte(multiConfig))
	require.NoError(t, err)
	return mustCompile(cfg)
}

func TestMultipleApply(t *testing.T) {
	s := multiSchema(t)
	var empty profile.Profile
	next, changes, err := s.ApplyJSON(&empty, []byte(`{"custom_attributes":{
		"languages":["en","ja"],"lucky":[7,13.0],"phones":["+44 20 7946 0958","+1 650 253 0000"]}}`), endUserPatch)
	require.NoError(t, err)
	assert.Equal(t, customattr.ListValue(customattr.StringValue("en"), customattr.StringValue("ja")), next.Custom["languages"])
	elems, ok := next.Custom["phones"].List()
	require.True(t, ok)
	assert.Equal(t, []customattr.Value{customattr.StringValue("+442079460958"), customattr.StringValue("+16502530000")}, elems,
		"each element normalized as a single value would be")
	require.Len(t, changes, 3)
	assert.Equal(t, access.OpAdd, changes[0].Op)
	require.NoError(t, s.Validate(&next))

	// The same list is no change; another order is a change (a list is ordered); null removes.
	_, changes, err = s.ApplyJSON(&next, []byte(`{"custom_attributes":{"languages":["en","ja"]}}`), endUserPatch)
	require.NoError(t, err)
	assert.Empty(t, changes)
	swapped, changes, err := s.ApplyJSON(&next, []byte(`{"custom_attributes":{"languages":["ja","en"]}}`), endUserPatch)
	require.NoError(t, err)
	require.Len(t, changes, 1)
	assert.Equal(t, access.OpChange, changes[0].Op)
	assert.JSONEq(t, `["ja","en"]`, mustJSON(swapped.Custom["languages"]))
	gone, _, err := s.ApplyJSON(&next, []byte(`{"custom_attributes":{"languages":null}}`), endUserPatch)
	require.NoError(t, err)
	_, has := gone.Custom["languages"]
	assert.False(t, has)

	// The storage form round-trips, and a Replace with the party's own view changes nothing.
	raw, err := json.Marshal(next)
	require.NoError(t, err)
	var back profile.Profile
	require.NoError(t, json.Unmarshal(raw, &back))
	assert.True(t, back.Equal(&next), string(raw))
	view := s.View(&next, access.EndUser)
	raw, err = json.Marshal(view.Profile)
	require.NoError(t, err)
	_, changes, err = s.ApplyJSON(&next, raw, profile.Update{Party: access.EndUser, Mode: profile.Replace})
	require.NoError(t, err)
	assert.Empty(t, changes)
}

func TestMultipleErrors(t *testing.T) {
	s := multiSchema(t)
	var empty profile.Profile
	tests := []struct {
		name, body string
		want       []causeDetails
	}{
		{"a scalar for a list", `{"custom_attributes":{"languages":"en"}}`,
			[]causeDetails{{"/custom_attributes/languages", validation.KindType, "array", "string"}}},
		{"a list for a scalar", `{"custom_attributes":{"note":["a"]}}`,
			[]causeDetails{{"/custom_attributes/note", validation.KindType, "string", "array"}}},
		{"an element outside the enum, located", `{"custom_attributes":{"languages":["en","xx"]}}`,
			[]causeDetails{{"/custom_attributes/languages/1", validation.KindEnum, []string{"en", "de", "fr", "ja"}, "xx"}}},
		{"too many", `{"custom_attributes":{"languages":["en","de","fr","ja"]}}`,
			[]causeDetails{{"/custom_attributes/languages", validation.KindMaxItems, 3, 4}}},
		{"too few", `{"custom_attributes":{"lucky":[1]}}`,
			[]causeDetails{{"/custom_attributes/lucky", validation.KindMinItems, 2, 1}}},
		{"empty is not a value: send null", `{"custom_attributes":{"phones":[]}}`,
			[]causeDetails{{"/custom_attributes/phones", validation.KindMinItems, 1, 0}}},
		{"a repeat, numerically", `{"custom_attributes":{"lucky":[7,7.0]}}`,
			[]causeDetails{{"/custom_attributes/lucky/1", validation.KindUniqueItems, nil, "7"}}},
		{"nested values", `{"custom_attributes":{"lucky":[[1],{"a":2}]}}`,
			[]causeDetails{
				{"/custom_attributes/lucky/0", validation.KindType, "string, number or boolean", "array"},
				{"/custom_attributes/lucky/1", validation.KindType, "string, number or boolean", "object"}}},
		{"every broken attribute at once", `{"custom_attributes":{"lucky":[1,100],"phones":["12"]}}`,
			[]causeDetails{
				{"/custom_attributes/lucky/1", validation.KindMaximum, customattr.Bound("99"), json.Number("100")},
				{"/custom_attributes/phones/0", validation.KindFormat, nil, "12"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, changes, err := s.ApplyJSON(&empty, []byte(tt.body), endUserPatch)
			got := detailsOf(t, err)
			// Only the location, the kind and the two details are compared.
			assert.Equal(t, len(tt.want), len(got), "%v", got)
			for i := range min(len(tt.want), len(got)) {
				assert.Equal(t, tt.want[i].Loc, got[i].Loc)
				assert.Equal(t, tt.want[i].Kind, got[i].Kind)
				if tt.want[i].Expected != nil {
					assert.EqualValues(t, tt.want[i].Expected, got[i].Expected)
				}
				assert.EqualValues(t, tt.want[i].Actual, got[i].Actual)
			}
			assert.Empty(t, changes)
			assert.True(t, next.Equal(&empty), "nothing applied")
		})
	}
}

func TestMultipleConfigErrors(t *testing.T) {
	for _, tt := range []struct{ def, loc string }{
		{`{"id":"1","pointer":"/a","type":"string","max_items":3}`, "/custom_attributes/attributes/0/max_items"},
		{`{"id":"1","pointer":"/a","type":"string","unique_items":true}`, "/custom_attributes/attributes/0/unique_items"},
		{`{"id":"1","pointer":"/a","type":"string","multiple":true,"max_items":1001}`, "/custom_attributes/attributes/0/max_items"},
		{`{"id":"1","pointer":"/a","type":"string","multiple":true,"min_items":3,"max_items":2}`, "/custom_attributes/attributes/0/min_items"},
	} {
		cfg, err := profile.ParseConfig([]byte(`{"custom_attributes":{"attributes":[` + tt.def + `]}}`))
		if err == nil {
			_, err = profile.Compile(cfg)
		}
		var verr *validation.Error
		if assert.ErrorAs(t, err, &verr, tt.def) {
			assert.Equal(t, tt.loc, verr.Causes[0].Location, tt.def)
		}
	}
}

func TestMultipleWorkBudget(t *testing.T) {
	s := multiSchema(t)
	var empty profile.Profile
	// A full list of phone numbers is checked; many full lists in one update hit the budget.
	phones := `["` + strings.Repeat(`+44 20 7946 0958","`, 999) + `+44 20 7946 0958"]`
	_, _, err := s.ApplyJSON(&empty, []byte(`{"custom_attributes":{"phones":`+phones+`}}`), endUserPatch)
	require.NoError(t, err)
	_, _, err = s.ApplyJSON(&empty, []byte(`{"custom_attributes":{"phones":`+strings.Replace(phones, `"]`, `","+1 650 253 0000"]`, 1)+`}}`), endUserPatch)
	assert.Equal(t, []causeDetails{{"/custom_attributes/phones", validation.KindMaxItems, 1000, 1001}}, detailsOf(t, err))
}

func TestMultipleForm(t *testing.T) {
	s := multiSchema(t)
	var empty profile.Profile
	next, _, err := s.ApplyForm(&empty, map[string]string{"/custom_attributes/lucky": "7\r\n\r\n +13 \n", "/custom_attributes/languages": "de\nfr"}, endUserPatch)
	require.NoError(t, err)
	assert.JSONEq(t, `[7,13]`, mustJSON(next.Custom["lucky"]))
	assert.JSONEq(t, `["de","fr"]`, mustJSON(next.Custom["languages"]))
	_, _, err = s.ApplyForm(&empty, map[string]string{"/custom_attributes/lucky": "7\n\nseven"}, endUserPatch)
	assert.Equal(t, []causeDetails{{"/custom_attributes/lucky/1", validation.KindType, "integer", "string"}}, detailsOf(t, err))
	gone, _, err := s.ApplyForm(&next, map[string]string{"/custom_attributes/lucky": " "}, endUserPatch)
	require.NoError(t, err)
	_, has := gone.Custom["lucky"]
	assert.False(t, has, "an empty field removes the list")
}

func TestMultipleFormRepeatedInputs(t *testing.T) {
	s := multiSchema(t)
	var empty profile.Profile
	next, _, err := s.ApplyForm(&empty, map[string]string{
		"/custom_attributes/lucky/0": "7", "/custom_attributes/lucky/1": "", "/custom_attributes/lucky/2": "13",
		"/custom_attributes/languages/1": "fr", "/custom_attributes/languages/0": "de", "/custom_attributes/languages/10": "ja"}, endUserPatch)
	require.NoError(t, err)
	assert.JSONEq(t, `[7,13]`, mustJSON(next.Custom["lucky"]), "the blank input is left out")
	assert.JSONEq(t, `["de","fr","ja"]`, mustJSON(next.Custom["languages"]), "in the order of the positions")

	_, _, err = s.ApplyForm(&empty, map[string]string{
		"/custom_attributes/lucky/0": "7", "/custom_attributes/lucky/4": "seven", // the cause names the input
		"/custom_attributes/languages": "de", "/custom_attributes/languages/0": "fr", // both ways
		"/custom_attributes/note/0": "x", "/custom_attributes/lucky/01": "1", "/custom_attributes/lucky/1000": "1",
	}, endUserPatch)
	assert.Equal(t, []causeDetails{
		{"/custom_attributes/languages", validation.KindDuplicated, nil, nil},
		{"/custom_attributes/lucky/01", validation.KindUnknown, nil, nil},
		{"/custom_attributes/lucky/1000", validation.KindUnknown, nil, nil},
		{"/custom_attributes/lucky/4", validation.KindType, "integer", "string"},
		{"/custom_attributes/note/0", validation.KindUnknown, nil, nil},
	}, detailsOf(t, err))

	gone, _, err := s.ApplyForm(&next, map[string]string{"/custom_attributes/lucky/0": " ", "/custom_attributes/lucky/1": ""}, endUserPatch)
	require.NoError(t, err)
	_, has := gone.Custom["lucky"]
	assert.False(t, has, "every input blank removes the list")
}

func TestMultipleStorageAndUserInfo(t *testing.T) {
	s := multiSchema(t)
	var empty profile.Profile
	p, _, err := s.ApplyJSON(&empty, []byte(`{"custom_attributes":{"lucky":[7,13],"languages":["ja"]}}`), endUserPatch)
	require.NoError(t, err)
	st := s.ToStorage(&p)
	raw, err := json.Marshal(st)
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"0002":[7,13]`, "stored by id, as a JSON array")
	var back profile.Stored
	require.NoError(t, json.Unmarshal(raw, &back))
	got, orphans := s.FromStorage(&back)
	assert.Empty(t, orphans)
	assert.True(t, got.Equal(&p), "%s", raw)

	info := s.UserInfo(&p, profile.UserInfoRequest{Subject: "u1", FirstParty: true})
	out, err := json.Marshal(info)
	require.NoError(t, err)
	assert.JSONEq(t, `{"sub":"u1","custom_attributes":{"lucky":[7,13],"languages":["ja"]}}`, string(out))
}
