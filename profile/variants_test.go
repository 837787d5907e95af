package profile_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

// variantSchema: family_name editable and released to the bearer; name hidden from the end
// user; at most 2 variants a claim.
func variantSchema(t *testing.T) *profile.Schema {
	t.Helper()
	cfg, err := profile.ParseConfig([]byte(`{"language_tags": {"max_variants": 2}, "standard_attributes": {"access_control": [
	  {"pointer": "/name", "access_control": {"end_user": "hidden", "bearer": "hidden", "portal_ui": "readwrite"}}]}}`))
	require.NoError(t, err)
	return mustCompile(cfg)
}

// Issue 13, part 1: language-tagged claims (OIDC Core §5.2).
func TestLanguageTaggedClaims(t *testing.T) {
	s := variantSchema(t)
	endUser := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
	cur := profile.Profile{Claims: stdattr.Claims{FamilyName: "Yamada"}}

	// The tag is matched case-insensitively and stored canonical; the value is normalized like
	// its claim.
	next, changes, err := s.ApplyJSON(&cur, []byte(`{"family_name#ja-kana-jp": "  ヤマダ ", "given_name#ja-Hani-JP": "太郎"}`), endUser)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"family_name#ja-Kana-JP": "ヤマダ", "given_name#ja-Hani-JP": "太郎"}, next.Variants)
	assert.Len(t, changes, 2)
	assert.Equal(t, "/family_name#ja-Kana-JP", changes[0].Path)

	// It round-trips through JSON at the top level, next to its claim.
	b, err := json.Marshal(next)
	require.NoError(t, err)
	assert.JSONEq(t, `{"family_name":"Yamada","family_name#ja-Kana-JP":"ヤマダ","given_name#ja-Hani-JP":"太郎"}`, string(b))
	var back profile.Profile
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.Equal(&next))
	require.NoError(t, s.Validate(&next))
	st := s.ToStorage(&next)
	fromSt, _ := s.FromStorage(&st)
	assert.True(t, fromSt.Equal(&next))

	// Merge patch removes one variant; Replace removes what it leaves out.
	after, _, err := s.ApplyJSON(&next, []byte(`{"family_name#ja-Kana-JP": null}`), endUser)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"given_name#ja-Hani-JP": "太郎"}, after.Variants)
	after, _, err = s.ApplyJSON(&next, []byte(`{"family_name": "Yamada", "family_name#ja-Kana-JP": "ヤマダ"}`),
		profile.Update{Party: access.EndUser, Mode: profile.Replace})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"family_name#ja-Kana-JP": "ヤマダ"}, after.Variants)

	for _, tc := range []struct {
		body string
		want []causeKey
	}{
		{`{"family_name#xx-!!": "x"}`, []causeKey{{"/family_name#xx-!!", validation.KindFormat}}},
		{`{"family_name#": "x"}`, []causeKey{{"/family_name#", validation.KindFormat}}},
		{`{"family_name#ja": "a", "family_name#JA": "b"}`, []causeKey{{"/family_name#JA", validation.KindDuplicated}}},
		{`{"email#en": "a@example.com"}`, []causeKey{{"/email#en", validation.KindUnknown}}},
		{`{"family_name#de": "  "}`, []causeKey{{"/family_name#de", validation.KindMinLength}}},
		{`{"family_name#de": 5}`, []causeKey{{"/family_name#de", validation.KindType}}},
		{`{"family_name#de": "A", "family_name#fr": "B", "family_name#it": "C"}`, []causeKey{
			{"/family_name#de", validation.KindLimit}, {"/family_name#fr", validation.KindLimit}, {"/family_name#it", validation.KindLimit}}},
		// A variant follows its claim's access: name is hidden from the end user, blindly.
		{`{"name#ja": "山田"}`, []causeKey{{"/name#ja", validation.KindForbidden}}},
	} {
		_, _, err := s.ApplyJSON(&cur, []byte(tc.body), endUser)
		assert.Equal(t, tc.want, keys(causesOf(t, err)), tc.body)
	}

	// A hidden claim's variants stay hidden and are kept by a Replace from the party.
	withName := profile.Profile{Claims: stdattr.Claims{Name: "Taro Yamada"}, Variants: map[string]string{"name#ja": "山田太郎"}}
	kept, _, err := s.ApplyJSON(&withName, []byte(`{}`), profile.Update{Party: access.EndUser, Mode: profile.Replace})
	require.NoError(t, err)
	assert.Equal(t, "山田太郎", kept.Variants["name#ja"])
	assert.NotContains(t, s.View(&withName, access.EndUser).Profile.Variants, "name#ja")
	assert.Contains(t, s.View(&withName, access.Portal).Profile.Variants, "name#ja")
}

// UserInfo releases, with claims_locales, the best-matching variant of each released claim.
func TestUserInfoClaimsLocales(t *testing.T) {
	s := variantSchema(t)
	p := profile.Profile{Claims: stdattr.Claims{FamilyName: "Yamada", GivenName: "Taro"},
		Variants: map[string]string{"family_name#ja-Kana-JP": "ヤマダ", "family_name#de": "Jamada", "name#ja": "山田太郎"}}
	claims := s.UserInfo(&p, profile.UserInfoRequest{Scopes: []string{"openid", "profile"}, ClaimsLocales: []string{"ja-Kana-JP"}})
	assert.Equal(t, "Yamada", claims["family_name"])
	assert.Equal(t, "ヤマダ", claims["family_name#ja-Kana-JP"])
	assert.NotContains(t, claims, "family_name#de")
	// The best match per locale, as x/text's matcher decides it: de-CH gets de; ja-JP is not
	// ja-Kana-JP (another script).
	claims = s.UserInfo(&p, profile.UserInfoRequest{FirstParty: true, ClaimsLocales: []string{"de-CH", "ja-JP"}})
	assert.Equal(t, "Jamada", claims["family_name#de"])
	assert.NotContains(t, claims, "family_name#ja-Kana-JP")
	assert.NotContains(t, claims, "name#ja", "name is hidden from the bearer")
	none := s.UserInfo(&p, profile.UserInfoRequest{Scopes: []string{"openid", "profile"}})
	assert.NotContains(t, none, "family_name#ja-Kana-JP", "no claims_locales, no variants")
}

func TestLanguageTagsConfig(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"language_tags": {"claims": ["family_name", "email", "address", "bogus"], "languages": ["ja"], "max_variants": -1}}`))
	require.NoError(t, err)
	_, err = profile.Compile(cfg)
	assert.Equal(t, []causeKey{{"/language_tags/claims/1", validation.KindEnum}, {"/language_tags/claims/2", validation.KindEnum},
		{"/language_tags/claims/3", validation.KindEnum}, {"/language_tags/max_variants", validation.KindMinimum}}, keys(causesOf(t, err)))
	// Languages limit the tags.
	cfg, err = profile.ParseConfig([]byte(`{"language_tags": {"languages": ["ja"]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	_, _, err = s.ApplyJSON(&profile.Profile{}, []byte(`{"family_name#ja-Kana-JP": "ヤマダ", "family_name#de": "Jamada"}`),
		profile.Update{Party: access.EndUser, Mode: profile.MergePatch})
	assert.Equal(t, []causeKey{{"/family_name#de", validation.KindEnum}}, keys(causesOf(t, err)))
}

// TestPropertyVariants: for random legal policies, parties, modes, stored variants and updates
// that name variants (valid, invalid, null, other spellings), a variant is changed only as its
// claim's rule allows; an update's answer does not depend on variants of claims the party
// cannot read; a successful merge patch applied twice changes nothing more; the storage form
// keeps every variant.
func TestPropertyVariants(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 13))
	// Variants of standard claims, of an address sub-field and of a custom attribute; the
	// policy knows each by its attribute's name.
	bases := []string{"name", "given_name", "family_name", "nickname", "website", "address/locality", "custom_attributes/nick"}
	ruleName := func(base string) string {
		switch base {
		case "address/locality":
			return "address"
		case "custom_attributes/nick":
			return "nick"
		}
		return base
	}
	tags := []string{"ja", "ja-Kana-JP", "JA-kana-jp", "de", "zh-Hant", "xx-!!", "", "en-US"}
	values := []string{"山田", " Jamada ", "", "\u0007", "https://example.com/jp", "ヤマダ"}
	succeeded := 0
	defer func() {
		assert.Greater(t, succeeded, 300, "the generator must give successes for the properties to mean something")
	}()
	for i := range 1500 {
		var entries []string
		rules := map[string]access.Rule{}
		for _, b := range bases {
			rule := genRule(r)
			rules[ruleName(b)] = rule
			if b == "custom_attributes/nick" {
				continue
			}
			rj, _ := json.Marshal(rule)
			entries = append(entries, fmt.Sprintf(`{"pointer":"/%s","access_control":%s}`, ruleName(b), rj))
		}
		nickRule, _ := json.Marshal(rules["nick"])
		cfg, err := profile.ParseConfig([]byte(`{"language_tags":{"max_variants":3,"custom":["nick"]},"standard_attributes":{"access_control":[` +
			strings.Join(entries, ",") + `]},"custom_attributes":{"attributes":[{"id":"n","pointer":"/nick","type":"string","access_control":` + string(nickRule) + `}]}}`))
		require.NoError(t, err)
		s := mustCompile(cfg)
		party := pick(r, allParties()...)
		mode := pick(r, profile.MergePatch, profile.Replace)
		up := profile.Update{Party: party, Mode: mode}

		cur := profile.Profile{Variants: map[string]string{}}
		for range r.IntN(4) {
			b := pick(r, bases...)
			cur.Variants[b+"#"+pick(r, "ja", "de", "zh-Hant")] = pick(r, "山田", "Jamada", "山田太郎")
		}
		// The update, with each variant inside its object; sometimes the objects are null.
		update := map[string]any{}
		for range r.IntN(4) {
			b := pick(r, bases...)
			var v any
			if chance(r, 0.8) {
				v = pick(r, values...)
			}
			into := update
			if obj, name, ok := strings.Cut(b, "/"); ok {
				m, _ := update[obj].(map[string]any)
				if m == nil {
					m = map[string]any{}
					update[obj] = m
				}
				into, b = m, name
			}
			into[b+"#"+pick(r, tags...)] = v
		}
		for _, obj := range []string{"address", "custom_attributes"} {
			if chance(r, 0.1) {
				update[obj] = nil
			}
		}
		body, err := json.Marshal(update)
		require.NoError(t, err)

		next, changes, err := s.ApplyJSON(&cur, body, up)
		if err == nil {
			succeeded++
			// No loss: a merge patch keeps every stored variant it does not name (by key, tags
			// compared case-insensitively) nor null out with its object.
			if mode == profile.MergePatch {
				named := map[string]bool{}
				for k, v := range update {
					if m, ok := v.(map[string]any); ok {
						for kk := range m {
							named[strings.ToLower(k+"/"+kk)] = true
						}
					} else {
						named[strings.ToLower(k)] = true
					}
				}
				for k, v := range cur.Variants {
					obj, _, nested := strings.Cut(k, "/")
					if named[strings.ToLower(k)] || (nested && update[obj] == nil && hasKey(update, obj)) {
						continue
					}
					assert.Equal(t, v, next.Variants[k], "case %d: %s lost by %s", i, k, body)
				}
			}
			for _, c := range changes {
				base := strings.TrimPrefix(c.Path, "/")
				base, _, _ = strings.Cut(base, "#")
				if base == "address" || base == "custom_attributes" {
					continue // a container null removes no attribute here (none is stored)
				}
				base = ruleName(base)
				assert.True(t, rules[base].Allows(party, c.Op) || party == access.AdminAPI && rules[base].Level(party).CanWrite(),
					"case %d: %s changed %s by %s", i, party, c.Path, c.Op)
			}
			st := s.ToStorage(&next)
			back, _ := s.FromStorage(&st)
			assert.True(t, back.Equal(&next), "case %d: storage round trip", i)
			if mode == profile.MergePatch {
				again, changes2, err := s.ApplyJSON(&next, body, up)
				require.NoError(t, err, "case %d: a merge patch that succeeded once succeeds again", i)
				assert.Empty(t, changes2, "case %d: idempotent", i)
				assert.True(t, again.Equal(&next), "case %d", i)
			}
		}

		// A twin that differs only in variants of claims the party cannot read gets the same
		// answer, and the same readable result.
		twin := profile.Profile{Variants: map[string]string{}}
		for k, v := range cur.Variants {
			b, _, _ := strings.Cut(k, "#")
			if rules[ruleName(b)].Level(party).CanRead() || party == access.AdminAPI {
				twin.Variants[k] = v
			}
		}
		for _, b := range bases {
			if !rules[ruleName(b)].Level(party).CanRead() && party != access.AdminAPI && chance(r, 0.5) {
				twin.Variants[b+"#ja"] = "別"
			}
		}
		tnext, _, terr := s.ApplyJSON(&twin, body, up)
		assert.Equal(t, answerOf(err), answerOf(terr), "case %d: %s %s %s", i, party, mode, body)
		if err == nil && terr == nil {
			assert.Equal(t, s.View(&next, party).Profile, s.View(&tnext, party).Profile, "case %d: readable result", i)
		}
	}
}

func answerOf(err error) string {
	if err == nil {
		return "ok"
	}
	b, _ := json.Marshal(err)
	return string(b)
}

func hasKey(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}
