package profile_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// Regression: dropping a change that ownership made a no-op used to corrupt the loop.
func TestOwnershipSpellingDoesNotPanic(t *testing.T) {
	s := testSchema(t)
	cur := profile.Profile{Claims: stdattr.Claims{Email: "JANE@example.com"}}
	ids := profile.Identities{{Kind: profile.IdentityEmail, Value: "JANE@example.com"}}
	next, changes, err := s.ApplyJSON(&cur, []byte(`{"email":"jane@example.com","zoneinfo":"UTC"}`),
		profile.Update{Party: access.EndUser, Mode: profile.MergePatch, Identities: ids})
	require.NoError(t, err)
	assert.Equal(t, "JANE@example.com", next.Email)
	require.Len(t, changes, 1)
	assert.Equal(t, "/zoneinfo", changes[0].Path)
}

// A party must not learn anything about an attribute it cannot see from whether an update
// mentioning it fails: every mention is refused alike, whatever the value and the stored value.
func TestHiddenAttributesCannotBeProbed(t *testing.T) {
	s := testSchema(t)
	withValues := current() // address {locality: Paris}, secret "s3"
	without := profile.Profile{Claims: stdattr.Claims{GivenName: "Jane"}}
	probes := []string{
		`{"address":{"locality":"Paris"}}`, `{"address":{"locality":"Rome"}}`, `{"address":null}`, `{"address":{}}`,
		`{"custom_attributes":{"secret":"s3"}}`, `{"custom_attributes":{"secret":"other"}}`, `{"custom_attributes":{"secret":null}}`,
	}
	for _, probe := range probes {
		var answers []string
		for _, cur := range []profile.Profile{withValues, without} {
			_, _, err := s.ApplyJSON(&cur, []byte(probe), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
			b, _ := json.Marshal(err)
			answers = append(answers, string(b))
		}
		assert.Equal(t, answers[0], answers[1], "the answer to %s depends on a hidden value", probe)
		assert.Contains(t, answers[0], `"forbidden"`, probe)
	}
	// custom_attributes: null removes what the end user can see and leaves hidden ones alone.
	cur := current()
	next, _, err := s.ApplyJSON(&cur, []byte(`{"custom_attributes":null}`), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []causeKey{{"/custom_attributes/employee_id", validation.KindForbidden}}, keys(verr.Causes), "only the visible read-only one")
	_ = next
}

func TestNumbersCompareByValue(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"custom_attributes":{"attributes":[
	  {"id":"1","pointer":"/score","type":"number","access_control":{"end_user":"readonly","bearer":"readonly","portal_ui":"readwrite"}}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	for _, stored := range []string{"1234567", "38.0", "1E2"} {
		v, err := customattr.NumberValue(json.Number(stored))
		require.NoError(t, err)
		cur := profile.Profile{Custom: map[string]customattr.Value{"score": v}}
		var f float64
		require.NoError(t, json.Unmarshal([]byte(stored), &f))
		// Through the map path (float64 from encoding/json) and with another spelling.
		_, changes, err := s.Apply(&cur, map[string]any{"custom_attributes": map[string]any{"score": f}}, profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		require.NoError(t, err, "echoing %s unchanged", stored)
		assert.Empty(t, changes)
	}
	cur := profile.Profile{Claims: stdattr.Claims{GivenName: "Jane"}}
	for _, lit := range []string{"1700000000", "1.7e9", "1700000000.0"} {
		_, _, err := s.ApplyJSON(&cur, []byte(`{"updated_at":`+lit+`}`), profile.Update{Party: access.EndUser, Mode: profile.MergePatch, UpdatedAt: 1700000000})
		assert.NoError(t, err, lit)
	}
	_, _, err = s.Apply(&cur, map[string]any{"updated_at": float64(1700000000)}, profile.Update{Party: access.EndUser, Mode: profile.MergePatch, UpdatedAt: 1700000000})
	assert.NoError(t, err)
}

func TestPictureOnOurHostMustNameAnImage(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"images":{"public_host":"auth.example.com"}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	var cur profile.Profile
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
	for _, bad := range []string{"https://auth.example.com/_images/app", "https://auth.example.com/_images/app/obj/bogus", "https://auth.example.com/_images/a/b/c/d"} {
		_, _, err := s.ApplyJSON(&cur, []byte(`{"picture":"`+bad+`"}`), up)
		cs := causesOf(t, err)
		require.Len(t, cs, 1, bad)
		assert.Equal(t, "/picture", cs[0].Location)
		assert.Equal(t, validation.KindFormat, cs[0].Kind)
		assert.Equal(t, "x_picture", cs[0].Details.Format)
	}
	next, _, err := s.ApplyJSON(&cur, []byte(`{"picture":"https://AUTH.example.com/x/_images/app/obj"}`), up)
	require.NoError(t, err)
	assert.Equal(t, "https://auth.example.com/_images/app/obj/profile", next.Picture, "made canonical")
	st := s.ToStorage(&next)
	back, _ := s.FromStorage(&st)
	assert.True(t, back.Equal(&next), "storage round trip")
	next, _, err = s.ApplyJSON(&cur, []byte(`{"picture":"https://auth.example.com/avatar.png"}`), up)
	require.NoError(t, err, "a URL on our host without _images is an ordinary URL")
	assert.Equal(t, "https://auth.example.com/avatar.png", next.Picture)
}

func TestViewWriteOnceIsWritableWhileAbsent(t *testing.T) {
	s := writeOnceSchema(t)
	var empty profile.Profile
	f := s.View(&empty, access.EndUser).Fields
	assert.True(t, fieldByPath(f, "/custom_attributes/employee_id").Writable)
	set := profile.Profile{Custom: map[string]customattr.Value{"employee_id": customattr.StringValue("E1")}}
	f = s.View(&set, access.EndUser).Fields
	assert.False(t, fieldByPath(f, "/custom_attributes/employee_id").Writable)
}

func fieldByPath(fs []profile.Field, path string) profile.Field {
	for _, f := range fs {
		if f.Path == path {
			return f
		}
	}
	return profile.Field{}
}

func TestNilProfilesAreEmpty(t *testing.T) {
	s := testSchema(t)
	assert.NoError(t, s.Validate(nil))
	assert.Empty(t, s.View(nil, access.EndUser).Profile.GivenName)
	assert.Equal(t, profile.Stored{}, s.ToStorage(nil))
	p0, o0 := s.FromStorage(nil)
	assert.Equal(t, profile.Profile{}, p0)
	assert.Empty(t, o0)
	p, _ := s.Reconcile(nil, nil)
	assert.True(t, p.Equal(&profile.Profile{}))
	p, _ = s.Populate(nil, nil, true)
	assert.True(t, p.Equal(&profile.Profile{}))
	assert.Empty(t, s.UserInfo(nil, profile.UserInfoRequest{}))
}
