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

// nestedVariantSchema: kana_name (a string of at most 10 runes, katakana only) opts in to
// variants; secret (hidden from the end user and the bearer) opts in too; the address is
// editable by the end user.
func nestedVariantSchema(t *testing.T) *profile.Schema {
	t.Helper()
	cfg, err := profile.ParseConfig([]byte(`{
	  "language_tags": {"custom": ["kana_name", "secret"], "max_variants": 2},
	  "standard_attributes": {"access_control": [
	    {"pointer": "/address", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]},
	  "custom_attributes": {"attributes": [
	    {"id": "k1", "pointer": "/kana_name", "type": "string", "max_length": 10, "pattern": "^[ァ-ヶー]*$",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
	    {"id": "s1", "pointer": "/secret", "type": "string",
	     "access_control": {"end_user": "hidden", "bearer": "hidden", "portal_ui": "readwrite"}},
	    {"id": "n1", "pointer": "/age", "type": "integer"}]}}`))
	require.NoError(t, err)
	return mustCompile(cfg)
}

// Issue 13, part 1: variants of address sub-fields (on by default for the human-readable
// ones) and of custom string attributes that opt in, each inside its object.
func TestLanguageTaggedNested(t *testing.T) {
	s := nestedVariantSchema(t)
	endUser := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
	cur := profile.Profile{Claims: stdattr.Claims{Address: &stdattr.Address{Locality: "Tokyo"}},
		Custom: map[string]customattr.Value{"kana_name": customattr.StringValue("ヤマダ")}}

	next, changes, err := s.ApplyJSON(&cur, []byte(`{"address": {"locality#JA-jpan-jp": " 東京都 "},
	  "custom_attributes": {"kana_name#ja-kana": "タロウ"}}`), endUser)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"address/locality#ja-Jpan-JP": "東京都", "custom_attributes/kana_name#ja-Kana": "タロウ"}, next.Variants)
	assert.Equal(t, "Tokyo", next.Address.Locality, "the sub-field itself is kept")
	require.Len(t, changes, 2)
	assert.Equal(t, "/address/locality#ja-Jpan-JP", changes[0].Path)
	assert.Equal(t, "/custom_attributes/kana_name#ja-Kana", changes[1].Path)

	// The JSON form puts each variant inside its object, and reads it back.
	b, err := json.Marshal(next)
	require.NoError(t, err)
	assert.JSONEq(t, `{"address": {"locality": "Tokyo", "locality#ja-Jpan-JP": "東京都"},
	  "custom_attributes": {"kana_name": "ヤマダ", "kana_name#ja-Kana": "タロウ"}}`, string(b))
	var back profile.Profile
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.Equal(&next))
	require.NoError(t, s.Validate(&next))

	// Storage keys a custom attribute's variants by its definition ID.
	st := s.ToStorage(&next)
	assert.Equal(t, map[string]string{"address/locality#ja-Jpan-JP": "東京都", "custom_attributes/k1#ja-Kana": "タロウ"}, st.Variants)
	fromSt, orphans := s.FromStorage(&st)
	assert.Empty(t, orphans)
	assert.True(t, fromSt.Equal(&next))

	// A variant takes its attribute's value rules.
	for _, tc := range []struct {
		body string
		want []causeKey
	}{
		{`{"custom_attributes": {"kana_name#ja": "taro"}}`, []causeKey{{"/custom_attributes/kana_name#ja", validation.KindPattern}}},
		{`{"custom_attributes": {"kana_name#ja": "タロウタロウタロウタロウ"}}`, []causeKey{{"/custom_attributes/kana_name#ja", validation.KindMaxLength}}},
		{`{"custom_attributes": {"kana_name#ja": 5}}`, []causeKey{{"/custom_attributes/kana_name#ja", validation.KindType}}},
		{`{"custom_attributes": {"age#ja": "5"}}`, []causeKey{{"/custom_attributes/age#ja", validation.KindUnknown}}},
		{`{"custom_attributes": {"kana_name#xx-!!": "タロウ"}}`, []causeKey{{"/custom_attributes/kana_name#xx-!!", validation.KindFormat}}},
		{`{"custom_attributes": {"kana_name#ja": "タ", "kana_name#JA": "ロ"}}`, []causeKey{{"/custom_attributes/kana_name#JA", validation.KindDuplicated}}},
		{`{"address": {"postal_code#ja": "100"}}`, []causeKey{{"/address/postal_code#ja", validation.KindUnknown}}},
		{`{"address": {"locality#de": "  "}}`, []causeKey{{"/address/locality#de", validation.KindMinLength}}},
		// The cap counts per attribute (two are stored after the update above: one more each is fine).
		{`{"address": {"locality#de": "Tokio", "locality#fr": "Tokyo-fr"}}`, []causeKey{
			{"/address/locality#de", validation.KindLimit}, {"/address/locality#fr", validation.KindLimit}}},
		// A hidden attribute's variants are refused blindly.
		{`{"custom_attributes": {"secret#ja": "x"}}`, []causeKey{{"/custom_attributes/secret#ja", validation.KindForbidden}}},
	} {
		_, _, err := s.ApplyJSON(&next, []byte(tc.body), endUser)
		assert.Equal(t, tc.want, keys(causesOf(t, err)), tc.body)
	}

	// Merge patch: null on one variant removes it; null on its object removes its variants too.
	after, _, err := s.ApplyJSON(&next, []byte(`{"address": {"locality#ja-Jpan-JP": null}}`), endUser)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"custom_attributes/kana_name#ja-Kana": "タロウ"}, after.Variants)
	after, changes, err = s.ApplyJSON(&next, []byte(`{"address": null, "custom_attributes": null}`), endUser)
	require.NoError(t, err)
	assert.Empty(t, after.Variants)
	assert.Nil(t, after.Address)
	assert.Len(t, changes, 4) // address, kana_name and their variants
	// ...but not the variants the party cannot see (and the answer does not depend on them).
	withSecret := next.Clone()
	withSecret.Variants["custom_attributes/secret#ja"] = "秘密"
	after2, changes2, err := s.ApplyJSON(&withSecret, []byte(`{"address": null, "custom_attributes": null}`), endUser)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"custom_attributes/secret#ja": "秘密"}, after2.Variants)
	assert.Equal(t, changes, changes2)

	// Replace keeps what the party cannot see and removes the visible variants it leaves out.
	kept, _, err := s.ApplyJSON(&withSecret, []byte(`{"address": {"locality": "Tokyo"}, "custom_attributes": {"kana_name": "ヤマダ"}}`),
		profile.Update{Party: access.EndUser, Mode: profile.Replace})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"custom_attributes/secret#ja": "秘密"}, kept.Variants)

	// View: the party sees the variants of what it may read, labelled, with their pointers.
	view := s.View(&withSecret, access.EndUser)
	assert.Equal(t, next.Variants, view.Profile.Variants)
	var labels []string
	for _, f := range view.Fields {
		if f.Path == "/address/locality#ja-Jpan-JP" || f.Path == "/custom_attributes/kana_name#ja-Kana" {
			labels = append(labels, f.Label)
			assert.True(t, f.Writable, f.Path)
		}
	}
	assert.Equal(t, []string{"Address: locality (ja-Jpan-JP)", "Kana Name (ja-Kana)"}, labels)

	// UserInfo: address variants inside the address (scope address), custom ones inside
	// custom_attributes (first party only), the secret never.
	claims := s.UserInfo(&withSecret, profile.UserInfoRequest{Scopes: []string{"openid", "address"}, ClaimsLocales: []string{"ja"}})
	assert.Equal(t, map[string]any{"locality": "Tokyo", "locality#ja-Jpan-JP": "東京都"}, claims["address"])
	assert.NotContains(t, claims, "custom_attributes")
	claims = s.UserInfo(&withSecret, profile.UserInfoRequest{FirstParty: true, ClaimsLocales: []string{"ja-Kana-JP"}})
	assert.Equal(t, map[string]any{"kana_name": customattr.StringValue("ヤマダ"), "kana_name#ja-Kana": "タロウ"}, claims["custom_attributes"])
	claims = s.UserInfo(&withSecret, profile.UserInfoRequest{Scopes: []string{"openid", "address"}})
	assert.IsType(t, &stdattr.Address{}, claims["address"], "no claims_locales: the address as always")

	// The form helper takes the variants' pointers.
	formNext, _, err := s.ApplyForm(&next, map[string]string{"/address/locality#ja-Jpan-JP": "", "/custom_attributes/kana_name#ja-Kana": "ジロウ"}, endUser)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"custom_attributes/kana_name#ja-Kana": "ジロウ"}, formNext.Variants)
}

func TestLanguageTagsNestedConfig(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{
	  "address_country_code": true,
	  "language_tags": {"claims": ["address/locality", "address/postal_code", "address/country", "address/bogus"],
	                    "custom": ["age", "tags", "nope", "nick", "nick"]},
	  "custom_attributes": {"attributes": [
	    {"id": "1", "pointer": "/age", "type": "integer"},
	    {"id": "2", "pointer": "/tags", "type": "string", "multiple": true},
	    {"id": "3", "pointer": "/nick", "type": "string"}]}}`))
	require.NoError(t, err)
	_, err = profile.Compile(cfg)
	assert.Equal(t, []causeKey{
		{"/language_tags/claims/1", validation.KindEnum}, {"/language_tags/claims/2", validation.KindEnum},
		{"/language_tags/claims/3", validation.KindEnum},
		{"/language_tags/custom/0", validation.KindEnum}, {"/language_tags/custom/1", validation.KindEnum},
		{"/language_tags/custom/2", validation.KindEnum}, {"/language_tags/custom/4", validation.KindDuplicated},
	}, keys(causesOf(t, err)))

	// Listing claims replaces the default: here only address/locality may be tagged.
	cfg, err = profile.ParseConfig([]byte(`{"language_tags": {"claims": ["address/locality"]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	_, _, err = s.ApplyJSON(&profile.Profile{}, []byte(`{"family_name#ja": "山田", "address": {"locality#ja": "東京", "region#ja": "関東"}}`),
		profile.Update{Party: access.AdminAPI, Mode: profile.MergePatch})
	assert.Equal(t, []causeKey{{"/address/region#ja", validation.KindUnknown}, {"/family_name#ja", validation.KindUnknown}}, keys(causesOf(t, err)))
}

// Regression tests from the review of nested variants.
func TestNestedVariantsReview(t *testing.T) {
	s := nestedVariantSchema(t)
	endUser := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}

	// A variant goes inside its object: "address/locality#ja" is no top-level member, and
	// neither is a form key that escapes the slash.
	_, _, err := s.ApplyJSON(&profile.Profile{}, []byte(`{"address/locality#ja": "東京", "custom_attributes/kana_name#ja": "タロウ"}`), endUser)
	assert.Equal(t, []causeKey{{"/address~1locality#ja", validation.KindUnknown}, {"/custom_attributes~1kana_name#ja", validation.KindUnknown}},
		keys(causesOf(t, err)))
	_, _, err = s.ApplyForm(&profile.Profile{}, map[string]string{"/custom_attributes~1kana_name#ja": "タロウ"}, endUser)
	assert.Equal(t, []causeKey{{"/custom_attributes~1kana_name#ja", validation.KindUnknown}}, keys(causesOf(t, err)))

	// UserInfo makes no empty container and keeps the address's type when nothing is released;
	// a released variant makes updated_at due like its claim.
	p := profile.Profile{Claims: stdattr.Claims{Address: &stdattr.Address{Locality: "Tokyo"}},
		Variants: map[string]string{"address/locality#ja": "東京", "custom_attributes/kana_name#ja": "タロウ"}}
	out := s.UserInfo(&p, profile.UserInfoRequest{FirstParty: true, ClaimsLocales: []string{"fr"}})
	assert.IsType(t, &stdattr.Address{}, out["address"])
	assert.NotContains(t, out, "custom_attributes")
	onlyVariant := profile.Profile{Variants: map[string]string{"address/locality#ja": "東京"}}
	out = s.UserInfo(&onlyVariant, profile.UserInfoRequest{Scopes: []string{"openid", "address", "profile"}, ClaimsLocales: []string{"ja"}, UpdatedAt: 5})
	assert.Equal(t, map[string]any{"address": map[string]any{"locality#ja": "東京"}, "updated_at": int64(5)}, out)
	out = s.UserInfo(&onlyVariant, profile.UserInfoRequest{Scopes: []string{"openid", "profile"}, ClaimsLocales: []string{"ja"}, UpdatedAt: 5})
	assert.Empty(t, out, "no address scope: nothing, and no updated_at")

	// A stored key with a malformed tag is pointed at escaped, in changes and in the view.
	bad := profile.Profile{Variants: map[string]string{"family_name#a/b~c": "x"}}
	_, changes, err := s.ApplyJSON(&bad, []byte(`{}`), profile.Update{Party: access.EndUser, Mode: profile.Replace})
	require.NoError(t, err)
	require.Len(t, changes, 1)
	assert.Equal(t, "/family_name#a~1b~0c", changes[0].Path)

	// A variant key without a tag is refused by MarshalJSON rather than written as the claim.
	_, err = json.Marshal(profile.Profile{Variants: map[string]string{"address/locality": "x"}})
	assert.Error(t, err)
	// An escaped "#" in a member name is still a "#".
	var back profile.Profile
	require.NoError(t, json.Unmarshal([]byte(`{"address":{"locality\u0023ja":"東京"},"custom_attributes":{"kana_name\u0023ja":"タ"}}`), &back))
	assert.Equal(t, map[string]string{"address/locality#ja": "東京", "custom_attributes/kana_name#ja": "タ"}, back.Variants)
}

// A renamed attribute whose old name is now another's: the storage round trip keeps both
// attributes' variants, whatever the map order.
func TestVariantsStorageRename(t *testing.T) {
	cfg, err := profile.ParseConfig([]byte(`{"language_tags": {"custom": ["kana_name", "kana"]}, "custom_attributes": {"attributes": [
	    {"id": "kana", "pointer": "/kana_name", "type": "string"},
	    {"id": "kana2", "pointer": "/kana", "type": "string"}]}}`))
	require.NoError(t, err)
	s := mustCompile(cfg)
	p := profile.Profile{Variants: map[string]string{"custom_attributes/kana_name#ja": "A", "custom_attributes/kana#ja": "B"}}
	for range 50 {
		st := s.ToStorage(&p)
		assert.Equal(t, map[string]string{"custom_attributes/kana#ja": "A", "custom_attributes/kana2#ja": "B"}, st.Variants)
		back, orphans := s.FromStorage(&st)
		assert.Empty(t, orphans)
		assert.True(t, back.Equal(&p))
	}
	// The variant of a removed attribute is kept under its ID, and its ID is an orphan.
	st := profile.Stored{Variants: map[string]string{"custom_attributes/gone#ja": "x"}}
	back, orphans := s.FromStorage(&st)
	assert.Equal(t, []string{"gone"}, orphans)
	assert.Equal(t, st.Variants, s.ToStorage(&back).Variants)

	// A definition ID cannot hold "#", which starts a variant's tag in storage.
	cfg, err = profile.ParseConfig([]byte(`{"custom_attributes": {"attributes": [{"id": "a#1", "pointer": "/a", "type": "string"}]}}`))
	require.NoError(t, err)
	_, err = profile.Compile(cfg)
	assert.Equal(t, []causeKey{{"/custom_attributes/attributes/0/id", validation.KindPattern}}, keys(causesOf(t, err)))
	// Nor may language_tags list a claim twice.
	cfg, err = profile.ParseConfig([]byte(`{"language_tags": {"claims": ["address/locality", "address/locality"]}}`))
	require.NoError(t, err)
	_, err = profile.Compile(cfg)
	assert.Equal(t, []causeKey{{"/language_tags/claims/1", validation.KindDuplicated}}, keys(causesOf(t, err)))
	// A refused entry repeated is refused once, then duplicated; so for language_tags.custom.
	cfg, err = profile.ParseConfig([]byte(`{"custom_attributes": {"attributes": [{"id": "1", "pointer": "/n", "type": "integer"}]},
	  "language_tags": {"custom": ["n", "missing", "n", "missing"]}}`))
	require.NoError(t, err)
	_, err = profile.Compile(cfg)
	assert.Equal(t, []causeKey{{"/language_tags/custom/0", validation.KindEnum}, {"/language_tags/custom/1", validation.KindEnum},
		{"/language_tags/custom/2", validation.KindDuplicated}, {"/language_tags/custom/3", validation.KindDuplicated}}, keys(causesOf(t, err)))
	for _, name := range []string{"email", "bogus", "address", "address/postal_code", "address/bogus"} {
		cfg, err = profile.ParseConfig([]byte(`{"language_tags": {"claims": ["` + name + `", "nickname", "` + name + `"]}}`))
		require.NoError(t, err)
		_, err = profile.Compile(cfg)
		assert.Equal(t, []causeKey{{"/language_tags/claims/0", validation.KindEnum}, {"/language_tags/claims/2", validation.KindDuplicated}},
			keys(causesOf(t, err)), name)
	}
}
