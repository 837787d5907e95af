package access

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/internal/strictjson"
	"github.com/profilekit/profilekit/validation"
)

// The standard_attributes section of the reference benchmark config
// (shared/reference/bench-update.json), without population (profile.Config's business).
const benchStandard = `{
  "access_control": [
    {"pointer": "/name", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
    {"pointer": "/website", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
    {"pointer": "/address", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}
  ]
}`

func TestStandardConfigDecode(t *testing.T) {
	var sc StandardConfig
	require.NoError(t, json.Unmarshal([]byte(benchStandard), &sc))
	require.Len(t, sc.AccessControl, 3)
	rules, err := sc.Rules()
	require.NoError(t, err)
	assert.Equal(t, map[string]Rule{"name": triple("WOW"), "website": triple("WOW"), "address": triple("WOW")}, rules)

	custom := Rule{}
	require.NoError(t, json.Unmarshal([]byte(`{"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}`), &custom))
	p := mustPolicy(t, Config{Standard: rules, Custom: map[string]Rule{"employee_id": custom, "shoe_size": DefaultRule("shoe_size")}})
	assert.True(t, p.Level(EndUser, "address").CanWrite())
	assert.False(t, p.Level(EndUser, "employee_id").CanWrite())
	assert.True(t, p.Level(Bearer, "employee_id").CanRead())
	assert.False(t, p.Level(Bearer, "shoe_size").CanRead())
	assert.False(t, p.Level(EndUser, "nickname").CanRead())

	// Encoding gives the same shape back.
	raw, err := json.Marshal(sc)
	require.NoError(t, err)
	var again StandardConfig
	require.NoError(t, json.Unmarshal(raw, &again))
	rules2, err := again.Rules()
	require.NoError(t, err)
	assert.Equal(t, rules, rules2)

	var empty StandardConfig
	require.NoError(t, json.Unmarshal([]byte(`{}`), &empty))
	rules, err = empty.Rules()
	require.NoError(t, err)
	assert.Empty(t, rules)
}

func TestStandardConfigWriteOnce(t *testing.T) {
	var sc StandardConfig
	require.NoError(t, json.Unmarshal([]byte(`{"access_control":[{"pointer":"/birthdate","access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite","write_once":true}}]}`), &sc))
	rules, err := sc.Rules()
	require.NoError(t, err)
	p := mustPolicy(t, Config{Standard: rules})
	assert.True(t, p.allows(EndUser, "birthdate", OpAdd))
	assert.False(t, p.allows(EndUser, "birthdate", OpChange))
	assert.True(t, p.allows(AdminAPI, "birthdate", OpRemove))
}

func TestStandardConfigErrors(t *testing.T) {
	const ok = `{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}`
	entry := func(ptr string) string { return `{"pointer":` + ptr + `,"access_control":` + ok + `}` }
	type cause struct {
		loc     string
		kind    validation.Kind
		suggest any
	}
	tests := []struct {
		name    string
		entries string
		want    []cause
	}{
		{"nested pointer", entry(`"/address/country"`), []cause{{"/access_control/0/pointer", validation.KindEnum, "/address"}}},
		{"nested unknown", entry(`"/foo/bar"`), []cause{{"/access_control/0/pointer", validation.KindEnum, nil}}},
		{"derived pointer", entry(`"/email_verified"`), []cause{{"/access_control/0/pointer", validation.KindEnum, "/email"}}},
		{"derived phone", entry(`"/phone_number_verified"`), []cause{{"/access_control/0/pointer", validation.KindEnum, "/phone_number"}}},
		{"updated_at", entry(`"/updated_at"`), []cause{{"/access_control/0/pointer", validation.KindEnum, nil}}},
		{"typo", entry(`"/emial"`), []cause{{"/access_control/0/pointer", validation.KindEnum, "/email"}}},
		{"no slash", entry(`"email"`), []cause{{"/access_control/0/pointer", validation.KindEnum, "/email"}}},
		{"bad escape", entry(`"/a~2"`), []cause{{"/access_control/0/pointer", validation.KindEnum, nil}}},
		{"empty pointer", entry(`""`), []cause{{"/access_control/0/pointer", validation.KindRequired, nil}}},
		{"root pointer", entry(`"/"`), []cause{{"/access_control/0/pointer", validation.KindEnum, nil}}},
		{"custom attribute pointer", entry(`"/shoe_size"`), []cause{{"/access_control/0/pointer", validation.KindEnum, nil}}},
		{"pointer not a string", entry(`5`), []cause{{"/access_control/0/pointer", validation.KindType, nil}}},
		{"pointer null", entry(`null`), []cause{{"/access_control/0/pointer", validation.KindRequired, nil}}},
		{"pointer missing", `{"access_control":` + ok + `}`, []cause{{"/access_control/0/pointer", validation.KindRequired, nil}}},
		{"rule missing", `{"pointer":"/email"}`, []cause{{"/access_control/0/access_control", validation.KindRequired, nil}}},
		{"rule null", `{"pointer":"/email","access_control":null}`, []cause{{"/access_control/0/access_control", validation.KindRequired, nil}}},
		{"rule empty", `{"pointer":"/email","access_control":{}}`, []cause{{"/access_control/0/access_control", validation.KindRequired, nil}}},
		{"rule partial", `{"pointer":"/email","access_control":{"end_user":"readwrite"}}`, []cause{{"/access_control/0/access_control", validation.KindEnum, triple("WOW")}}},
		{"rule illegal", `{"pointer":"/email","access_control":{"end_user":"readonly","bearer":"hidden","portal_ui":"readonly"}}`,
			[]cause{{"/access_control/0/access_control", validation.KindEnum, triple("OOO")}}},
		{"rule bad level", `{"pointer":"/email","access_control":{"end_user":"readwrite","bearer":"read-only","portal_ui":"readwrite"}}`,
			[]cause{{"/access_control/0/access_control/bearer", validation.KindEnum, "readonly"}}},
		{"rule not an object", `{"pointer":"/email","access_control":"readwrite"}`,
			[]cause{{"/access_control/0/access_control", validation.KindType, nil}}},
		{"entry not an object", `"/email"`, []cause{{"/access_control/0", validation.KindType, nil}}},
		{"entry null", `null`, []cause{{"/access_control/0/access_control", validation.KindRequired, nil},
			{"/access_control/0/pointer", validation.KindRequired, nil}}},
		{"repeated member", `{"pointer":"/email","access_control":` + ok + `,"pointer":"/name"}`,
			[]cause{{"/access_control/0/pointer", validation.KindDuplicated, nil}}},
		{"case variant", `{"Pointer":"/email","access_control":` + ok + `}`,
			[]cause{{"/access_control/0/Pointer", validation.KindUnknown, "pointer"}}},
		{"unknown member", `{"pointer":"/email","access_control":` + ok + `,"extra":1}`, []cause{{"/access_control/0/extra", validation.KindUnknown, nil}}},
		{"duplicate", entry(`"/email"`) + "," + entry(`"/given_name"`) + "," + entry(`"/email"`),
			[]cause{{"/access_control/2/pointer", validation.KindDuplicated, nil}}},
		{"several", entry(`"/emial"`) + `,{"pointer":"/name","access_control":{"bearer":"readwrite"}},` + entry(`"/name"`),
			[]cause{
				{"/access_control/0/pointer", validation.KindEnum, "/email"},
				{"/access_control/1/access_control", validation.KindEnum, triple("HOO")},
				{"/access_control/2/pointer", validation.KindDuplicated, nil},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sc StandardConfig
			// Decode problems come from decoding, the rest from Rules; both located alike.
			err := json.Unmarshal([]byte(`{"access_control":[`+tt.entries+`]}`), &sc)
			if err == nil {
				var rules map[string]Rule
				rules, err = sc.Rules()
				assert.Nil(t, rules)
			}
			var verr *validation.Error
			require.ErrorAs(t, err, &verr)
			var got []cause
			for _, c := range verr.Causes {
				got = append(got, cause{c.Location, c.Kind, c.Details.Suggest})
				assert.NotEmpty(t, c.Details.Message, c.Location)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestStandardConfigPointerMessages(t *testing.T) {
	c := pointerCause("/address/country")
	require.NotNil(t, c)
	assert.Contains(t, c.Details.Message, "only top-level attributes")
	assert.Len(t, c.Details.Expected, 16)
	assert.Equal(t, "/address/country", c.Details.Actual)
	c = pointerCause("/email_verified")
	assert.Contains(t, c.Details.Message, "derived from /email")
	assert.Nil(t, pointerCause("/phone_number"))
}

func TestEntriesBuiltInGo(t *testing.T) {
	sc := StandardConfig{AccessControl: []Entry{
		{Pointer: "/email", AccessControl: triple("OOW")},
		{Pointer: "/given_name"}, // zero rule: missing
	}}
	_, err := sc.Rules()
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Causes, 1)
	assert.Equal(t, "/access_control/1/access_control", verr.Causes[0].Location)
	assert.Equal(t, validation.KindRequired, verr.Causes[0].Kind)

	raw, err := json.Marshal(sc.AccessControl[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"pointer":"/email","access_control":{"end_user":"readonly","bearer":"readonly","portal_ui":"readwrite"}}`, string(raw))
}

func TestNearestName(t *testing.T) {
	assert.Equal(t, "locale", strictjson.Nearest("locales", standardNames[:]))
	assert.Equal(t, "email", strictjson.Nearest("emial", standardNames[:]))
	assert.Equal(t, "", strictjson.Nearest("ab", standardNames[:]), "too short to guess")
	assert.Equal(t, "", strictjson.Nearest("department", standardNames[:]))
}
