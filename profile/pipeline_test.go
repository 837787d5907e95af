package profile_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestReplaceNullKeepsWhatThePartyCannotWrite(t *testing.T) {
	s := testSchema(t)
	cur := current()
	next, changes, err := s.ApplyJSON(&cur, []byte(`{"given_name":"Jane","nickname":null,"address":null,"custom_attributes":{"employee_id":null,"secret":null}}`),
		profile.Update{Party: access.EndUser, Mode: profile.Replace, Identities: owned})
	require.NoError(t, err)
	assert.Equal(t, "JJ", next.Nickname, "read-only for the end user: kept")
	assert.Equal(t, "Paris", next.Address.Locality, "hidden from the end user: kept")
	assert.Equal(t, "E1", must(next.Custom["employee_id"].Text()))
	assert.Equal(t, "s3", must(next.Custom["secret"].Text()))
	var removed []string
	for _, c := range changes {
		if c.Op == access.OpRemove {
			removed = append(removed, c.Path)
		}
	}
	assert.Equal(t, []string{"/family_name", "/email", "/custom_attributes/x_age"}, removed)
}

func writeOnceSchema(t *testing.T) *profile.Schema {
	cfg, err := profile.ParseConfig([]byte(`{"custom_attributes":{"attributes":[
	  {"id":"1","pointer":"/employee_id","type":"string",
	   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite","write_once":true}}]}}`))
	require.NoError(t, err)
	return mustCompile(cfg)
}

func TestWriteOnce(t *testing.T) {
	s := writeOnceSchema(t)
	var empty profile.Profile
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
	set, _, err := s.ApplyJSON(&empty, []byte(`{"custom_attributes":{"employee_id":"E1"}}`), up)
	require.NoError(t, err, "adding while absent is allowed")

	_, _, err = s.ApplyJSON(&set, []byte(`{"custom_attributes":{"employee_id":"E2"}}`), up)
	cs := causesOf(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, validation.KindForbidden, cs[0].Kind)
	assert.Contains(t, cs[0].Details.Message, "write-once")

	_, _, err = s.ApplyJSON(&set, []byte(`{"custom_attributes":{"employee_id":"E1"}}`), up)
	assert.NoError(t, err, "sending it back unchanged is fine")

	// A Replace that omits it keeps it: the end user cannot remove it.
	next, _, err := s.ApplyJSON(&set, []byte(`{}`), profile.Update{Party: access.EndUser, Mode: profile.Replace})
	require.NoError(t, err)
	assert.Equal(t, "E1", must(next.Custom["employee_id"].Text()))

	// The Admin API may change it.
	next, _, err = s.ApplyJSON(&set, []byte(`{"custom_attributes":{"employee_id":"E9"}}`), profile.Update{Party: access.AdminAPI, Mode: profile.MergePatch})
	require.NoError(t, err)
	assert.Equal(t, "E9", must(next.Custom["employee_id"].Text()))
}

func TestReconcile(t *testing.T) {
	s := testSchema(t)
	p := profile.Profile{Claims: stdattr.Claims{Email: "old@example.com", PreferredUsername: "jdoe"}}
	ids := profile.Identities{
		{Kind: profile.IdentityEmail, Value: "New@Example.com"},
		{Kind: profile.IdentityEmail, Value: "older@example.com"},
		{Kind: profile.IdentityPhone, Value: "+852 9876 5432"},
		{Kind: profile.IdentityUsername, Value: "jdoe"},
	}
	next, changes := s.Reconcile(&p, ids)
	assert.Equal(t, "New@example.com", next.Email, "unowned email replaced by the newest identity's, normalized")
	assert.Equal(t, "+85298765432", next.PhoneNumber, "missing phone filled")
	assert.Equal(t, "jdoe", next.PreferredUsername, "owned username kept")
	assert.Len(t, changes, 2)
	assert.Equal(t, "old@example.com", p.Email, "input not modified")

	next, changes = s.Reconcile(&next, nil)
	assert.Empty(t, next.Email)
	assert.Empty(t, next.PhoneNumber)
	assert.Empty(t, next.PreferredUsername)
	assert.Len(t, changes, 3)
}

func TestPopulateNeverWritesCoupledClaims(t *testing.T) {
	s := testSchema(t)
	n := s.Normalizer()
	in, report := n.Ingest(map[string]any{"email": "jane@gmail.com", "given_name": "Jane", "preferred_username": "jane", "nickname": "JJ2"})
	assert.Empty(t, report)
	cur := profile.Profile{Claims: stdattr.Claims{Nickname: "JJ"}}
	next, changes := s.Populate(&cur, &in.Claims, false)
	assert.Empty(t, next.Email)
	assert.Empty(t, next.PreferredUsername)
	assert.Equal(t, "Jane", next.GivenName)
	assert.Equal(t, "JJ", next.Nickname, "existing value not overwritten by default")
	assert.Len(t, changes, 1)
	next, _ = s.Populate(&cur, &in.Claims, true)
	assert.Equal(t, "JJ2", next.Nickname, "overwritten when asked")
}

func TestUserInfo(t *testing.T) {
	s := testSchema(t)
	cur := current()
	ids := profile.Identities{{Kind: profile.IdentityEmail, Value: "jane@example.com", Verified: true}}
	first := s.UserInfo(&cur, profile.UserInfoRequest{Subject: "u1", FirstParty: true, Identities: ids, UpdatedAt: 1700000000})
	b, err := json.Marshal(first)
	require.NoError(t, err)
	assert.JSONEq(t, `{"sub":"u1","given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","email_verified":true,
	  "updated_at":1700000000,"custom_attributes":{"x_age":30,"employee_id":"E1"}}`, string(b))

	third := s.UserInfo(&cur, profile.UserInfoRequest{Subject: "u1", Scopes: []string{"openid", "email"}, Identities: ids, UpdatedAt: 1700000000})
	assert.Equal(t, map[string]any{"sub": "u1", "email": "jane@example.com", "email_verified": true}, third)

	// With email hidden from the bearer, email_verified must not leak its existence.
	cfg, err := profile.ParseConfig([]byte(`{"standard_attributes":{"access_control":[
	  {"pointer":"/email","access_control":{"end_user":"hidden","bearer":"hidden","portal_ui":"readwrite"}}]}}`))
	require.NoError(t, err)
	hidden := mustCompile(cfg)
	got := hidden.UserInfo(&cur, profile.UserInfoRequest{FirstParty: true, Identities: ids})
	assert.NotContains(t, got, "email")
	assert.NotContains(t, got, "email_verified")
	assert.NotContains(t, got, "custom_attributes", "custom attributes are hidden from the bearer by default")
}

func TestViewMarksWhatThePartyMayChange(t *testing.T) {
	s := testSchema(t)
	cur := current()
	v := s.View(&cur, access.EndUser)
	fields := map[string]profile.Field{}
	for _, f := range v.Fields {
		fields[f.Path] = f
	}
	assert.NotContains(t, fields, "/address", "hidden")
	assert.NotContains(t, fields, "/custom_attributes/secret", "hidden")
	assert.False(t, fields["/nickname"].Writable)
	assert.True(t, fields["/given_name"].Writable)
	assert.False(t, fields["/custom_attributes/employee_id"].Writable)
	assert.Nil(t, v.Profile.Address)
	assert.NotContains(t, v.Profile.Custom, "secret")

	admin := s.View(&cur, access.AdminAPI)
	assert.Equal(t, "Paris", admin.Profile.Address.Locality)
	for _, f := range admin.Fields {
		assert.True(t, f.Writable, f.Path)
	}
}

func TestStorageForm(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"images":{"public_host":"auth.example.com"},
	  "custom_attributes":{"attributes":[{"id":"0001","pointer":"/x_age","type":"integer"}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	p := profile.Profile{Claims: stdattr.Claims{Picture: "https://auth.example.com/_images/app/obj/profile"},
		Custom: map[string]customattr.Value{"x_age": customattr.IntValue(3), "gone": customattr.StringValue("x")}}
	st := s.ToStorage(&p)
	assert.Equal(t, "authgearimages:///app/obj", st.Picture)
	assert.Equal(t, map[string]customattr.Value{"0001": customattr.IntValue(3), "gone": customattr.StringValue("x")}, st.Custom,
		"an undefined attribute (an orphan) is kept under its key")
	back, orphans := s.FromStorage(&st)
	assert.Equal(t, p.Picture, back.Picture)
	assert.Equal(t, customattr.IntValue(3), back.Custom["x_age"])
	assert.Equal(t, []string{"gone"}, orphans, "FromStorage reports orphans")
	assert.Equal(t, customattr.StringValue("x"), back.Custom["gone"])

	// An uploaded reference is accepted as input and shown as its public URL.
	var cur profile.Profile
	next, _, err := s.ApplyJSON(&cur, []byte(`{"picture":"authgearimages:///app/obj2"}`), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	require.NoError(t, err)
	assert.Equal(t, "https://auth.example.com/_images/app/obj2/profile", next.Picture)
	require.NoError(t, s.Validate(&next))
}

func TestApplyForm(t *testing.T) {
	s := testSchema(t)
	cur := current()
	cur.Custom["x_age"] = customattr.IntValue(30)
	next, changes, err := s.ApplyForm(&cur, map[string]string{"/given_name": "Jane", "/address/locality": "", "/custom_attributes/x_age": " +31 "},
		profile.Update{Party: access.AdminAPI})
	require.NoError(t, err)
	assert.Equal(t, "Jane", next.GivenName)
	assert.Equal(t, "", next.Address.Locality, "an emptied field removes")
	assert.Equal(t, "France", next.Address.Country)
	assert.Equal(t, customattr.IntValue(31), next.Custom["x_age"])
	assert.Len(t, changes, 2, "address and x_age; given_name was Jane already")

	// Every problem at once: the fields that do not parse and the ones that do not validate.
	_, _, err = s.ApplyForm(&cur, map[string]string{"/custom_attributes/x_age": "0x1F", "csrf": "t", "/email_verified": "true",
		"/address/city": "x", "/birthdate": "1990-02-30", "/zoneinfo": "Mars/Olympus"}, profile.Update{Party: access.AdminAPI})
	assert.Equal(t, []causeKey{{"/address/city", validation.KindUnknown}, {"/birthdate", validation.KindFormat}, {"/csrf", validation.KindUnknown},
		{"/custom_attributes/x_age", validation.KindType}, {"/email_verified", validation.KindUnknown}, {"/zoneinfo", validation.KindFormat}},
		keys(causesOf(t, err)))
}

func TestCompileErrorsAreLocated(t *testing.T) {
	// The config enums are typed: decoding refuses a value that is not one of theirs.
	_, err := profile.ParseConfig([]byte(`{"phone":{"validation":"strict"},"identity_coupling":"Off","standard_attributes":{"population":{"strategy":"always"}}}`))
	assert.Equal(t, []causeKey{{"/identity_coupling", validation.KindEnum}, {"/phone/validation", validation.KindEnum},
		{"/standard_attributes/population/strategy", validation.KindEnum}}, keys(causesOf(t, err)))
	assert.Equal(t, "off", causesOf(t, err)[0].Details.Suggest)

	cfg, err := profile.ParseConfig([]byte(`{
	  "standard_attributes":{"access_control":[{"pointer":"/emial","access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}]},
	  "phone":{"default_region":"UK"},
	  "supported_languages":["en","xx"],
	  "custom_attributes":{"attributes":[{"id":"1","pointer":"/a","type":"integer","minimum":0.5}]}}`))
	require.NoError(t, err)
	// A Config built in Go is checked by Compile.
	cfg.IdentityCoupling, cfg.Phone.Validation = "maybe", "strict"
	_, err = profile.Compile(cfg)
	var locs []string
	for _, c := range causesOf(t, err) {
		locs = append(locs, c.Location)
	}
	assert.Equal(t, []string{"/custom_attributes/attributes/0/minimum", "/identity_coupling", "/phone/default_region", "/phone/validation",
		"/standard_attributes/access_control/0/pointer", "/supported_languages/1"}, locs)

	_, err = profile.ParseConfig([]byte(`{"custom_attribute":{}}`))
	assert.Equal(t, []causeKey{{"/custom_attribute", validation.KindUnknown}}, keys(causesOf(t, err)))
}

// TestErrorJSONGolden pins the JSON form of errors that API layers send to clients.
func TestErrorJSONGolden(t *testing.T) {
	ref, s, cur := loadReference(t)
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch, Identities: ref.Identities}
	cases := map[string]string{
		"reference_invalid": string(ref.UpdateInvalid),
		"access":            `{"custom_attributes":{"employee_id":"E999999"},"email":"someone@example.com"}`,
		"types":             `{"given_name":1,"address":"x","custom_attributes":{"tickets":"3","shoe_size":null},"sub":"x"}`,
		"syntax":            `{"given_name":"Jane",}`,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := s.ApplyJSON(&cur, []byte(in), up)
			require.Error(t, err)
			got, err := json.MarshalIndent(err, "", "  ")
			require.NoError(t, err)
			path := filepath.Join("testdata", "errors", name+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, append(got, '\n'), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(got))
			var back validation.Error
			require.NoError(t, json.Unmarshal(got, &back), "the JSON form decodes back")
			assert.Len(t, back.Causes, len(causesOf(t, mustErr(s.ApplyJSON(&cur, []byte(in), up)))))
		})
	}
}

func mustErr(_ profile.Profile, _ []profile.Change, err error) error { return err }

func TestParseConfigIsStrictAboutNumbers(t *testing.T) {
	_, err := profile.ParseConfig([]byte(`{"custom_attributes":{"attributes":[
	  {"id":"1","pointer":"/a","type":"number","minimum":"5","access_control":{"end_user":"hidden","bearer":"hidden","portal_ui":"readwrite"}}]}}`))
	assert.Equal(t, []causeKey{{"/custom_attributes/attributes/0/minimum", validation.KindType}}, keys(causesOf(t, err)))
}

func TestTruncatedJSONIsOnlyASyntaxError(t *testing.T) {
	s := testSchema(t)
	var cur profile.Profile
	for _, in := range []string{`{"given_name": `, `{"address":{"locality":`, `{"custom_attributes":{"x_age":`, `{"email_verified":`, `{"given_name":"x",`} {
		_, _, err := s.ApplyJSON(&cur, []byte(in), profile.Update{Party: access.AdminAPI, Mode: profile.MergePatch})
		for _, c := range causesOf(t, err) {
			assert.Equal(t, validation.KindSyntax, c.Kind, "%s: %v", in, c)
		}
	}
}

func TestLimitFloors(t *testing.T) {
	_, err := profile.Compile(profile.Config{Limits: profile.Limits{MaxBytes: 1, MaxKeys: -1, MaxDepth: 1}})
	assert.Equal(t, []causeKey{{"/limits/max_bytes", validation.KindMinimum}, {"/limits/max_depth", validation.KindMinimum},
		{"/limits/max_keys", validation.KindMinimum}}, keys(causesOf(t, err)))
	s, err := profile.Compile(profile.Config{Limits: profile.Limits{MaxBytes: 64, MaxKeys: 8, MaxDepth: 2}})
	require.NoError(t, err)
	var cur profile.Profile
	_, _, err = s.ApplyJSON(&cur, []byte(`{"address":{"locality":"Paris"}}`), profile.Update{Party: access.AdminAPI, Mode: profile.MergePatch})
	assert.NoError(t, err)
}

func TestParseConfigMemberNamesAreCaseSensitive(t *testing.T) {
	_, err := profile.ParseConfig([]byte(`{"MAX_LENGTH":5,"limits":{"mAX_BYtes":100},"Standard_Attributes":{"access_control":[{"pointer":"/name","access_control":{"end_user":"hidden","bearer":"hidden","portal_ui":"hidden"}}]},
	  "custom_attributes":{"attributes":[{"id":"1","pointer":"/a","type":"string"}]}}`))
	cs := causesOf(t, err)
	assert.Equal(t, []causeKey{{"/MAX_LENGTH", validation.KindUnknown}, {"/Standard_Attributes", validation.KindUnknown}, {"/limits/mAX_BYtes", validation.KindUnknown}}, keys(cs))
	assert.Equal(t, "max_length", cs[0].Details.Suggest)
	_, err = profile.ParseConfig([]byte(`{"max_length":5,"limits":{"max_bytes":100},"custom_attributes":{"attributes":[{"id":"1","pointer":"/a","type":"string"}]}}`))
	assert.NoError(t, err)
}
