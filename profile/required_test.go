package profile_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// requiredSchema: given_name required for the end user, x_team for the end user and the
// portal; family_name editable but not required.
func requiredSchema(t *testing.T) *profile.Schema {
	t.Helper()
	cfg, err := profile.ParseConfig([]byte(`{
	  "standard_attributes": {"access_control": [
	    {"pointer": "/given_name", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}, "required": ["end_user"]}]},
	  "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/x_team", "type": "string", "required": ["end_user", "portal_ui"],
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}`))
	require.NoError(t, err)
	return mustCompile(cfg)
}

func TestRequiredAttributes(t *testing.T) {
	s := requiredSchema(t)
	full := profile.Profile{Claims: stdattr.Claims{GivenName: "Jane", FamilyName: "Doe"},
		Custom: map[string]customattr.Value{"x_team": customattr.StringValue("blue")}}
	endUser := func(mode profile.Mode) profile.Update { return profile.Update{Party: access.EndUser, Mode: mode} }
	for _, tc := range []struct {
		name string
		cur  profile.Profile
		body string
		up   profile.Update
		want []causeKey
	}{
		{"merge patch removing it", full, `{"given_name": null}`, endUser(profile.MergePatch), []causeKey{{"/given_name", validation.KindRequired}}},
		{"merge patch removing a custom one", full, `{"custom_attributes": {"x_team": null}}`, endUser(profile.MergePatch),
			[]causeKey{{"/custom_attributes/x_team", validation.KindRequired}}},
		{"custom_attributes null", full, `{"custom_attributes": null}`, endUser(profile.MergePatch),
			[]causeKey{{"/custom_attributes/x_team", validation.KindRequired}}},
		{"merge patch not naming it", full, `{"family_name": null}`, endUser(profile.MergePatch), nil},
		{"merge patch not naming an absent one", profile.Profile{}, `{"family_name": "Doe"}`, endUser(profile.MergePatch), nil},
		{"replace leaving it out", full, `{"family_name": "Doe", "custom_attributes": {"x_team": "blue"}}`, endUser(profile.Replace),
			[]causeKey{{"/given_name", validation.KindRequired}}},
		{"replace leaving out an absent one", profile.Profile{}, `{"given_name": "Jane"}`, endUser(profile.Replace),
			[]causeKey{{"/custom_attributes/x_team", validation.KindRequired}}},
		{"replace with both", profile.Profile{}, `{"given_name": "Jane", "custom_attributes": {"x_team": "red"}}`, endUser(profile.Replace), nil},
		{"replace with null", full, `{"given_name": null, "custom_attributes": {"x_team": "blue"}}`, endUser(profile.Replace),
			[]causeKey{{"/given_name", validation.KindRequired}}},
		{"the portal requires x_team only", full, `{"given_name": null, "custom_attributes": {"x_team": null}}`,
			profile.Update{Party: access.Portal, Mode: profile.MergePatch}, []causeKey{{"/custom_attributes/x_team", validation.KindRequired}}},
		{"the admin API requires nothing", full, `{"given_name": null, "custom_attributes": {"x_team": null}}`,
			profile.Update{Party: access.AdminAPI, Mode: profile.MergePatch}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			next, _, err := s.ApplyJSON(&tc.cur, []byte(tc.body), tc.up)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			assert.Equal(t, tc.want, keys(causesOf(t, err)))
			assert.Equal(t, profile.Profile{}, next)
		})
	}
	// An HTML form's emptied field is a removal.
	_, _, err := s.ApplyForm(&full, map[string]string{"/given_name": " "}, profile.Update{Party: access.EndUser})
	assert.Equal(t, []causeKey{{"/given_name", validation.KindRequired}}, keys(causesOf(t, err)))

	// Validate lists what is missing: the "complete your profile" check.
	err = s.Validate(&profile.Profile{Claims: stdattr.Claims{FamilyName: "Doe"}})
	causes := causesOf(t, err)
	assert.Equal(t, []causeKey{{"/custom_attributes/x_team", validation.KindRequired}, {"/given_name", validation.KindRequired}}, keys(causes))
	assert.Equal(t, []string{"end_user", "portal_ui"}, causes[0].Details.Expected)
	require.NoError(t, s.Validate(&full))

	// View marks required fields for the party.
	required := map[string]bool{}
	for _, f := range s.View(&full, access.EndUser).Fields {
		required[f.Path] = f.Required
	}
	assert.True(t, required["/given_name"])
	assert.True(t, required["/custom_attributes/x_team"])
	assert.False(t, required["/family_name"])
	for _, f := range s.View(&full, access.AdminAPI).Fields {
		assert.False(t, f.Required, f.Path)
	}

	// Population (lenient, the server acting) never fails on them.
	next, _ := s.Populate(&profile.Profile{}, &stdattr.Claims{FamilyName: "Doe"}, false)
	assert.Equal(t, "Doe", next.FamilyName)
}

func TestRequiredConfig(t *testing.T) {
	for _, tc := range []struct {
		cfg  string
		want []causeKey
	}{
		{`{"standard_attributes": {"access_control": [{"pointer": "/name", "access_control": {"end_user": "hidden", "bearer": "hidden", "portal_ui": "readwrite"}, "required": ["end_user", "portal_ui"]}]}}`,
			[]causeKey{{"/standard_attributes/access_control/0/required/0", validation.KindEnum}}},
		{`{"standard_attributes": {"access_control": [{"pointer": "/email", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}, "required": ["bearer", "end_user", "end_user"]}]}}`,
			[]causeKey{{"/standard_attributes/access_control/0/required/0", validation.KindEnum}, {"/standard_attributes/access_control/0/required/2", validation.KindDuplicated}}},
		{`{"custom_attributes": {"attributes": [{"id": "1", "pointer": "/x", "type": "string", "required": ["end_user"]}]}}`,
			[]causeKey{{"/custom_attributes/attributes/0/required/0", validation.KindEnum}}}, // hidden from the end user by default
		{`{"custom_attributes": {"attributes": [{"id": "1", "pointer": "/x", "type": "string", "required": ["portal_ui", "admin_api"]}]}}`, nil},
	} {
		cfg, err := profile.ParseConfig([]byte(tc.cfg))
		require.NoError(t, err, tc.cfg)
		_, err = profile.Compile(cfg)
		if tc.want == nil {
			assert.NoError(t, err, tc.cfg)
			continue
		}
		assert.Equal(t, tc.want, keys(causesOf(t, err)), tc.cfg)
	}
	// A party name that is not one is a located decode error with a suggestion.
	_, err := profile.ParseConfig([]byte(`{"custom_attributes": {"attributes": [{"id": "1", "pointer": "/x", "type": "string", "required": ["End User"]}]}}`))
	c := causesOf(t, err)[0]
	assert.Equal(t, "/custom_attributes/attributes/0/required/0", c.Location)
	assert.Equal(t, "end_user", c.Details.Suggest)
}
