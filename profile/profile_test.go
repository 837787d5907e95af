package profile_test

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// reference is ../shared/reference/bench-update.json, the update every benchmark uses.
type reference struct {
	Config struct {
		UserProfile json.RawMessage `json:"user_profile"`
	} `json:"config"`
	Current       json.RawMessage    `json:"current"`
	Identities    profile.Identities `json:"identities"`
	Update        json.RawMessage    `json:"update"`
	UpdateInvalid json.RawMessage    `json:"update_invalid"`
}

func loadReference(t testing.TB) (reference, *profile.Schema, profile.Profile) {
	t.Helper()
	data, err := os.ReadFile("testdata/bench-update.json")
	require.NoError(t, err)
	var ref reference
	require.NoError(t, json.Unmarshal(data, &ref))
	cfg, err := profile.ParseConfig(ref.Config.UserProfile)
	require.NoError(t, err)
	s, err := profile.Compile(cfg)
	require.NoError(t, err)
	var cur profile.Profile
	require.NoError(t, json.Unmarshal(ref.Current, &cur))
	return ref, s, cur
}

func causesOf(t *testing.T, err error) []*validation.Cause {
	t.Helper()
	var verr *validation.Error
	require.True(t, errors.As(err, &verr), "want *validation.Error, got %T: %v", err, err)
	return verr.Causes
}

type causeKey struct {
	Loc  string
	Kind validation.Kind
}

func keys(cs []*validation.Cause) []causeKey {
	out := make([]causeKey, len(cs))
	for i, c := range cs {
		out[i] = causeKey{c.Location, c.Kind}
	}
	return out
}

func TestReferenceUpdate(t *testing.T) {
	ref, s, cur := loadReference(t)
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch, Identities: ref.Identities}

	next, changes, err := s.ApplyJSON(&cur, ref.Update, up)
	require.NoError(t, err)
	assert.Equal(t, "Jane Q. Doe", next.Name)
	assert.Equal(t, "+14155552671", next.PhoneNumber)
	assert.Equal(t, "San Francisco", next.Address.Locality)
	assert.Equal(t, "E123456", must(next.Custom["employee_id"].Text()))
	lit, _ := next.Custom["tickets"].Number()
	n, _ := lit.Int64()
	assert.Equal(t, int64(3), n)
	require.NoError(t, s.Validate(&next))
	paths := make([]string, len(changes))
	for i, c := range changes {
		paths[i] = c.Path
	}
	assert.Equal(t, []string{"/name", "/website", "/gender", "/birthdate", "/zoneinfo", "/locale", "/phone_number", "/address",
		"/custom_attributes/shoe_size", "/custom_attributes/tickets", "/custom_attributes/department", "/custom_attributes/home_country"}, paths)

	// The same update through the map path gives the same result.
	var m map[string]any
	require.NoError(t, json.Unmarshal(ref.Update, &m))
	next2, changes2, err := s.Apply(&cur, m, up)
	require.NoError(t, err)
	assert.True(t, next.Equal(&next2))
	assert.Len(t, changes2, len(changes))

	_, _, err = s.ApplyJSON(&cur, ref.UpdateInvalid, up)
	require.Error(t, err)
	assert.Equal(t, []causeKey{
		{"/custom_attributes/department", validation.KindEnum},
		{"/custom_attributes/home_country", validation.KindFormat},
		{"/custom_attributes/shoe_size", validation.KindMaximum},
		{"/email", validation.KindFormat},
	}, keys(causesOf(t, err)))
	assert.True(t, errors.Is(err, validation.ErrInvalid))
	assert.False(t, errors.Is(err, validation.ErrForbidden))
}

func must[T any](v T, ok bool) T {
	if !ok {
		panic("not ok")
	}
	return v
}

// schema builds a small schema: address readable/writable by admin only (default hidden),
// a readonly custom attribute for end users, and a plain one.
func testSchema(t testing.TB) *profile.Schema {
	t.Helper()
	cfg, err := profile.ParseConfig([]byte(`{
	  "standard_attributes": {"access_control": [
	    {"pointer": "/nickname", "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}}
	  ]},
	  "custom_attributes": {"attributes": [
	    {"id": "a1", "pointer": "/x_age", "type": "integer", "minimum": 0, "maximum": 150,
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "a2", "pointer": "/employee_id", "type": "string",
	     "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "a3", "pointer": "/secret", "type": "string"}
	  ]}
	}`))
	require.NoError(t, err)
	s, err := profile.Compile(cfg)
	require.NoError(t, err)
	return s
}

func current() profile.Profile {
	var p profile.Profile
	if err := json.Unmarshal([]byte(`{
	  "given_name": "Jane", "family_name": "Doe", "nickname": "JJ", "email": "jane@example.com",
	  "address": {"locality": "Paris", "country": "France"},
	  "custom_attributes": {"x_age": 30, "employee_id": "E1", "secret": "s3"}
	}`), &p); err != nil {
		panic(err)
	}
	return p
}

var owned = profile.Identities{
	{Kind: profile.IdentityEmail, Value: "jane@example.com", Verified: true},
	{Kind: profile.IdentityEmail, Value: "Jane.Work@Example.com"},
	{Kind: profile.IdentityPhone, Value: "+85298765432"},
}

func TestApply(t *testing.T) {
	s := testSchema(t)
	tests := []struct {
		name   string
		party  access.Party
		mode   profile.Mode
		update string
		// want: the JSON of the next profile, or the causes
		want   string
		causes []causeKey
	}{
		{name: "end user replace without hidden address keeps it", party: access.EndUser, mode: profile.Replace,
			update: `{"given_name":"Janet","family_name":"Doe","nickname":"JJ","email":"jane@example.com","custom_attributes":{"x_age":30,"employee_id":"E1"}}`,
			want:   `{"given_name":"Janet","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "end user replace omitting a readonly attribute keeps it", party: access.EndUser, mode: profile.Replace,
			update: `{"given_name":"Jane"}`,
			want:   `{"given_name":"Jane","nickname":"JJ","address":{"locality":"Paris","country":"France"},"custom_attributes":{"employee_id":"E1","secret":"s3"}}`},
		{name: "end user change of readonly attribute is a violation", party: access.EndUser, mode: profile.MergePatch,
			update: `{"nickname":"Jay","custom_attributes":{"employee_id":"E2"}}`,
			causes: []causeKey{{"/custom_attributes/employee_id", validation.KindForbidden}, {"/nickname", validation.KindForbidden}}},
		{name: "unchanged readonly value passes", party: access.EndUser, mode: profile.MergePatch,
			update: `{"nickname":"JJ","given_name":"Janet","custom_attributes":{"employee_id":"E1"}}`,
			want:   `{"given_name":"Janet","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "merge patch removes one address sub-field", party: access.AdminAPI, mode: profile.MergePatch,
			update: `{"address":{"locality":null}}`,
			want:   `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "merge patch address emptied is removed", party: access.AdminAPI, mode: profile.MergePatch,
			update: `{"address":{"locality":null,"country":null}}`,
			want:   `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "merge patch {} is a no-op", party: access.EndUser, mode: profile.MergePatch, update: `{}`,
			want: `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "merge patch address {} is a no-op", party: access.AdminAPI, mode: profile.MergePatch, update: `{"address":{},"custom_attributes":{}}`,
			want: `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "replace address {} removes it", party: access.AdminAPI, mode: profile.Replace, update: `{"address":{}}`,
			want: `{}`},
		{name: "merge patch null removes one custom attribute", party: access.EndUser, mode: profile.MergePatch,
			update: `{"custom_attributes":{"x_age":null}}`,
			want:   `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"employee_id":"E1","secret":"s3"}}`},
		{name: "unowned email is a typed error", party: access.EndUser, mode: profile.MergePatch,
			update: `{"email":"mallory@example.com"}`,
			causes: []causeKey{{"/email", validation.KindUnowned}}},
		{name: "owned email in other case takes the identity's spelling", party: access.EndUser, mode: profile.MergePatch,
			update: `{"email":"jane.work@example.com"}`,
			want:   `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"Jane.Work@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "owned phone normalized", party: access.EndUser, mode: profile.MergePatch,
			update: `{"phone_number":" +852 9876 5432 "}`,
			want:   `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","phone_number":"+85298765432","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "bearer write is always a violation", party: access.Bearer, mode: profile.MergePatch,
			update: `{"given_name":"Eve"}`,
			causes: []causeKey{{"/given_name", validation.KindForbidden}}},
		{name: "bearer unchanged write is fine", party: access.Bearer, mode: profile.MergePatch,
			update: `{"given_name":"Jane"}`,
			want:   `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "end user writing hidden address is a violation", party: access.EndUser, mode: profile.MergePatch,
			update: `{"address":{"locality":"Lyon"}}`,
			causes: []causeKey{{"/address", validation.KindForbidden}}},
		{name: "empty string is not a value", party: access.AdminAPI, mode: profile.MergePatch,
			update: `{"given_name":"","custom_attributes":{"secret":"  "}}`,
			causes: []causeKey{{"/custom_attributes/secret", validation.KindMinLength}, {"/given_name", validation.KindMinLength}}},
		{name: "null means absent in replace", party: access.AdminAPI, mode: profile.Replace,
			update: `{"given_name":"Jane","family_name":null}`,
			want:   `{"given_name":"Jane"}`},
		{name: "every problem at once, sorted", party: access.EndUser, mode: profile.MergePatch,
			update: `{"birthdate":"1900-02-29","foo":1,"zoneinfo":"Mars/Olympus","custom_attributes":{"x_age":"5","nope":1},"nickname":"x","locale":5}`,
			causes: []causeKey{{"/birthdate", validation.KindFormat}, {"/custom_attributes/nope", validation.KindUnknown},
				{"/custom_attributes/x_age", validation.KindType}, {"/foo", validation.KindUnknown}, {"/locale", validation.KindType},
				{"/nickname", validation.KindForbidden}, {"/zoneinfo", validation.KindFormat}}},
		{name: "derived claim unchanged is ignored", party: access.EndUser, mode: profile.MergePatch,
			update: `{"email":"jane@example.com","email_verified":true}`,
			want:   `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":30,"employee_id":"E1","secret":"s3"}}`},
		{name: "derived claim changed is an error", party: access.EndUser, mode: profile.MergePatch,
			update: `{"email_verified":false,"updated_at":12}`,
			causes: []causeKey{{"/email_verified", validation.KindConst}, {"/updated_at", validation.KindConst}}},
		{name: "custom integer bounds", party: access.EndUser, mode: profile.MergePatch,
			update: `{"custom_attributes":{"x_age":151}}`,
			causes: []causeKey{{"/custom_attributes/x_age", validation.KindMaximum}}},
		{name: "integer 3.0 is 3", party: access.EndUser, mode: profile.MergePatch,
			update: `{"custom_attributes":{"x_age":31.0}}`,
			want:   `{"given_name":"Jane","family_name":"Doe","nickname":"JJ","email":"jane@example.com","address":{"locality":"Paris","country":"France"},"custom_attributes":{"x_age":31,"employee_id":"E1","secret":"s3"}}`},
		{name: "duplicate keys are rejected", party: access.AdminAPI, mode: profile.MergePatch,
			update: `{"given_name":"A","given_name":"B"}`,
			causes: []causeKey{{"/given_name", validation.KindDuplicated}}},
		{name: "unknown address field", party: access.AdminAPI, mode: profile.MergePatch,
			update: `{"address":{"city":"Lyon"}}`,
			causes: []causeKey{{"/address/city", validation.KindUnknown}}},
		{name: "admin replace removes omitted attributes except coupled checks", party: access.AdminAPI, mode: profile.Replace,
			update: `{"email":"jane@example.com"}`,
			want:   `{"email":"jane@example.com"}`},
		{name: "not an object", party: access.AdminAPI, mode: profile.MergePatch, update: `[1]`,
			causes: []causeKey{{"", validation.KindType}}},
		{name: "malformed JSON", party: access.AdminAPI, mode: profile.MergePatch, update: `{"a":`,
			causes: []causeKey{{"/a", validation.KindSyntax}, {"/a", validation.KindUnknown}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := current()
			before := cur.Clone()
			next, _, err := s.ApplyJSON(&cur, []byte(tt.update), profile.Update{Party: tt.party, Mode: tt.mode, Identities: owned})
			assert.True(t, before.Equal(&cur), "current must not change")
			if tt.causes != nil {
				require.Error(t, err)
				assert.Equal(t, tt.causes, keys(causesOf(t, err)))
				return
			}
			require.NoError(t, err)
			got, err := json.Marshal(next)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(got))
			require.NoError(t, s.Validate(&next), "Apply's output validates")
		})
	}
}

func TestForbiddenDetails(t *testing.T) {
	s := testSchema(t)
	cur := current()
	_, _, err := s.ApplyJSON(&cur, []byte(`{"nickname":null}`), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	cs := causesOf(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, "end_user", cs[0].Details.Party)
	assert.Equal(t, "readonly", cs[0].Details.Level)
	assert.Equal(t, "remove", cs[0].Details.Operation)
	assert.True(t, errors.Is(err, validation.ErrForbidden))
	assert.False(t, errors.Is(err, validation.ErrInvalid))
}

func TestUnownedIsTyped(t *testing.T) {
	s := testSchema(t)
	cur := current()
	_, _, err := s.ApplyJSON(&cur, []byte(`{"email":"mallory@example.com"}`), profile.Update{Party: access.AdminAPI, Mode: profile.MergePatch, Identities: owned})
	assert.True(t, errors.Is(err, validation.ErrUnowned))
	assert.False(t, errors.Is(err, validation.ErrForbidden))
}
