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
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// answer is everything a party gets back from an update, as one comparable string.
func answer(t *testing.T, s *profile.Schema, cur profile.Profile, body string, up profile.Update) string {
	t.Helper()
	next, changes, err := s.ApplyJSON(&cur, []byte(body), up)
	if err != nil {
		b, _ := json.Marshal(err)
		return "error " + string(b)
	}
	v := s.View(&next, up.Party)
	b, _ := json.Marshal(struct {
		View    any
		Changes []profile.Change
	}{v.Profile, visibleChanges(s, up.Party, changes)})
	return "ok " + string(b)
}

// visibleChanges keeps the changes of attributes the party can read.
func visibleChanges(s *profile.Schema, party access.Party, changes []profile.Change) []profile.Change {
	var out []profile.Change
	for _, c := range changes {
		name := strings.TrimPrefix(strings.TrimPrefix(c.Path, "/custom_attributes"), "/")
		if i := strings.IndexByte(name, '/'); i >= 0 {
			name = name[:i]
		}
		if s.Policy().Level(party, name).CanRead() {
			out = append(out, c)
		}
	}
	return out
}

// Issue 15, leak 1: a derived claim whose parent the party cannot read gets the blind answer
// of a hidden attribute, whatever the stored parent and its verification.
func TestDerivedClaimOfHiddenParentIsBlind(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"standard_attributes":{"access_control":[
	  {"pointer":"/email","access_control":{"end_user":"hidden","bearer":"hidden","portal_ui":"readwrite"}},
	  {"pointer":"/phone_number","access_control":{"end_user":"hidden","bearer":"hidden","portal_ui":"hidden"}}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	email := profile.Identities{{Kind: profile.IdentityEmail, Value: "jane@example.com", Verified: true}}
	unverified := profile.Identities{{Kind: profile.IdentityEmail, Value: "jane@example.com"}}
	phone := profile.Identities{{Kind: profile.IdentityPhone, Value: "+14155552671", Verified: true}}
	states := []struct {
		cur profile.Profile
		ids profile.Identities
	}{
		{profile.Profile{}, nil},
		{profile.Profile{Claims: stdattr.Claims{Email: "jane@example.com"}}, unverified},
		{profile.Profile{Claims: stdattr.Claims{Email: "jane@example.com"}}, email},
		{profile.Profile{Claims: stdattr.Claims{PhoneNumber: "+14155552671"}}, phone},
	}
	for _, party := range []access.Party{access.EndUser, access.Bearer, access.Portal} {
		for _, body := range []string{`{"email_verified":true}`, `{"email_verified":false}`, `{"email_verified":null}`,
			`{"phone_number_verified":true}`, `{"phone_number_verified":false}`} {
			if party == access.Portal && strings.Contains(body, "email") {
				continue // the portal can read email: it may compare
			}
			var first string
			for i, st := range states {
				got := answer(t, s, st.cur, body, profile.Update{Party: party, Mode: profile.MergePatch, Identities: st.ids})
				if i == 0 {
					first = got
					assert.Contains(t, got, `"forbidden"`, "%s %s", party, body)
					continue
				}
				assert.Equal(t, first, got, "%s %s: the answer depends on the hidden parent", party, body)
			}
		}
	}
}

// Issue 15, leak 2: updated_at sent by a party that cannot read it does not echo the stored
// timestamp.
func TestUpdatedAtOfUnreadableIsBlind(t *testing.T) {
	var acl []string
	for _, n := range standardNames() {
		acl = append(acl, `{"pointer":"/`+n+`","access_control":{"end_user":"hidden","bearer":"hidden","portal_ui":"readwrite"}}`)
	}
	cfg, err := profile.ParseConfig([]byte(`{"standard_attributes":{"access_control":[` + strings.Join(acl, ",") + `]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	var answers []string
	for _, at := range []int64{0, 1700000000, 1800000000} {
		got := answer(t, s, profile.Profile{}, `{"updated_at":0}`, profile.Update{Party: access.EndUser, Mode: profile.MergePatch, UpdatedAt: at})
		assert.NotContains(t, got, "1700000000")
		assert.NotContains(t, got, "1800000000")
		answers = append(answers, got)
	}
	assert.Equal(t, answers[0], answers[1])
	assert.Equal(t, answers[0], answers[2])
	assert.Contains(t, answers[0], `"forbidden"`)
	// A party that can read it still gets the comparison.
	_, _, err = s.ApplyJSON(&profile.Profile{}, []byte(`{"updated_at":0}`), profile.Update{Party: access.Portal, Mode: profile.MergePatch, UpdatedAt: 1700000000})
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, validation.KindConst, verr.Causes[0].Kind)
}

// Issue 15, item 4: orphans (stored custom values the schema does not define) survive every
// update, with or without custom attributes in the schema.
func TestOrphansAreKept(t *testing.T) {
	for _, cfgJSON := range []string{`{}`, `{"custom_attributes":{"attributes":[{"id":"1","pointer":"/x_team","type":"string",
	  "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}]}}`} {
		cfg, err := profile.ParseConfig([]byte(cfgJSON))
		require.NoError(t, err)
		s := mustCompile(cfg)
		cur := profile.Profile{Custom: map[string]customattr.Value{"legacy": customattr.StringValue("keep me")}}
		for _, mode := range []profile.Mode{profile.MergePatch, profile.Replace} {
			for _, party := range []access.Party{access.EndUser, access.AdminAPI} {
				next, changes, err := s.ApplyJSON(&cur, []byte(`{"given_name":"H","custom_attributes":null}`), profile.Update{Party: party, Mode: mode})
				require.NoError(t, err, cfgJSON)
				assert.Equal(t, customattr.StringValue("keep me"), next.Custom["legacy"], "%s %s %s", cfgJSON, mode, party)
				for _, c := range changes {
					assert.NotContains(t, c.Path, "legacy")
				}
			}
		}
	}
}

// Issue 15, item 10: write-once is blamed only when it is the reason.
func TestWriteOnceBlamedOnlyWhenTheReason(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"standard_attributes":{"access_control":[
	  {"pointer":"/nickname","access_control":{"end_user":"readonly","bearer":"readonly","portal_ui":"readwrite","write_once":true}}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	_, _, err = s.ApplyJSON(&profile.Profile{}, []byte(`{"nickname":"Jo"}`), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	msg := verr.Causes[0].Details.Message
	assert.NotContains(t, msg, "write-once", msg)
	assert.Contains(t, msg, "readonly", msg)
	// The portal, which could write, is told write-once when it changes the set value.
	cur := profile.Profile{Claims: stdattr.Claims{Nickname: "Jo"}}
	_, _, err = s.ApplyJSON(&cur, []byte(`{"nickname":"Al"}`), profile.Update{Party: access.Portal, Mode: profile.MergePatch})
	require.ErrorAs(t, err, &verr)
	assert.Contains(t, verr.Causes[0].Details.Message, "write-once")
}

// Issue 15, items 7 and 8: a repeated custom member is reported and not checked again, and a
// cause quotes at most validation.MaxQuote runes of a rejected value.
func TestHostileInputIsCheap(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"custom_attributes":{"attributes":[{"id":"1","pointer":"/x_phone","type":"phone_number",
	  "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	bad := strings.Repeat("9", 250)
	var b strings.Builder
	b.WriteString(`{"custom_attributes":{`)
	for i := range 50 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"x_phone":"` + bad + `"`)
	}
	b.WriteString(`}}`)
	_, _, err = s.ApplyJSON(&profile.Profile{}, []byte(b.String()), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	var dup, checked int
	for _, c := range verr.Causes {
		switch c.Kind {
		case validation.KindDuplicated:
			dup++
		default:
			checked++
		}
	}
	assert.Equal(t, 49, dup)
	assert.Equal(t, 1, checked, "only the first copy is checked")

	huge := strings.Repeat("é", 1<<18)
	_, _, err = s.ApplyJSON(&profile.Profile{}, []byte(`{"birthdate":"`+huge+`","custom_attributes":{"x_phone":"`+huge+`"}}`),
		profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	require.ErrorAs(t, err, &verr)
	out, _ := json.Marshal(verr)
	assert.Less(t, len(out), 4096, "the error quotes little: %s", out)
	for _, c := range verr.Causes {
		if a, ok := c.Details.Actual.(string); ok && c.Details.ActualLength > 0 {
			assert.Equal(t, validation.MaxQuote+1, len([]rune(a)))
			assert.True(t, strings.HasSuffix(a, "…"))
			assert.Greater(t, c.Details.ActualLength, len(a))
		}
	}
}

// Issue 11: Profile.Equal agrees with Apply on numbers spelled differently.
func TestProfileEqualComparesNumbersByValue(t *testing.T) {
	n38, err := customattr.NumberValue("38")
	require.NoError(t, err)
	n380, err := customattr.NumberValue("38.0")
	require.NoError(t, err)
	p := profile.Profile{Custom: map[string]customattr.Value{"x": n38}}
	q := profile.Profile{Custom: map[string]customattr.Value{"x": n380}}
	assert.True(t, p.Equal(&q))
	q.Custom["x"] = customattr.StringValue("38")
	assert.False(t, p.Equal(&q), "a string is not a number")
}

// Issue 11: a zero Schema says it was not compiled.
func TestZeroSchema(t *testing.T) {
	var s profile.Schema
	_, _, err := s.ApplyJSON(&profile.Profile{}, []byte(`{}`), profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not compiled")
}

// A zero Schema never panics: every method answers as for an empty schema or says it was not
// compiled.
func TestZeroSchemaDoesNotPanic(t *testing.T) {
	var s profile.Schema
	p := profile.Profile{Claims: stdattr.Claims{GivenName: "Jane"}, Custom: map[string]customattr.Value{"x": customattr.StringValue("y")}}
	assert.NotPanics(t, func() {
		_, _, _ = s.Apply(&p, map[string]any{"given_name": "J"}, profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
		_, _, _ = s.ApplyForm(&p, map[string]string{"/given_name": "J"}, profile.Update{Party: access.EndUser})
		_ = s.View(&p, access.EndUser)
		_ = s.UserInfo(&p, profile.UserInfoRequest{FirstParty: true})
		_ = s.Validate(&p)
		st := s.ToStorage(&p)
		_, _ = s.FromStorage(&st)
		_, _ = s.Reconcile(&p, nil)
		_, _ = s.Populate(&p, &stdattr.Claims{}, false)
		_ = s.Limits()
		_ = s.Policy()
		_ = s.Custom()
	})
}
