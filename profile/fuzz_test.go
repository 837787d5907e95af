package profile_test

import (
	"encoding/json"
	"testing"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
)

// FuzzApplyJSON: any update, from any party, in either mode, never panics, none of its results
// points into the caller's input, and a successful Apply yields a profile that validates under the same schema and that applying the same merge
// patch again leaves unchanged (idempotence). The schema is the reference config with a
// boolean and a date attribute added.
func FuzzApplyJSON(f *testing.F) {
	ref, _, _ := loadReference(f)
	cfg, err := profile.ParseConfig(ref.Config.UserProfile)
	if err != nil {
		f.Fatal(err)
	}
	rw := &access.Rule{EndUser: access.ReadWrite, Bearer: access.ReadOnly, Portal: access.ReadWrite}
	cfg.CustomAttributes.Attributes = append(cfg.CustomAttributes.Attributes,
		profile.CustomAttribute{Definition: customattr.Definition{ID: "0101", Pointer: "/newsletter", Type: customattr.Boolean}, AccessControl: rw},
		profile.CustomAttribute{Definition: customattr.Definition{ID: "0102", Pointer: "/start_date", Type: customattr.Date,
			Minimum: "2000-01-01", Maximum: "2030-12-31"}, AccessControl: rw},
		profile.CustomAttribute{Definition: customattr.Definition{ID: "0103", Pointer: "/lucky", Type: customattr.Integer,
			Maximum: "99", Multiple: true, MaxItems: 5, UniqueItems: true}, AccessControl: rw},
		profile.CustomAttribute{Definition: customattr.Definition{ID: "0104", Pointer: "/phones", Type: customattr.PhoneNumber,
			Multiple: true}, AccessControl: rw},
		profile.CustomAttribute{Definition: customattr.Definition{ID: "0105", Pointer: "/kana", Type: customattr.String,
			MaxLength: 20}, AccessControl: rw})
	cfg.LanguageTags.Custom = []string{"kana"}
	s := mustCompile(cfg)
	f.Add([]byte(`{"custom_attributes":{"lucky":[7,7.0,1e1],"phones":["+44 20 7946 0958",[],{}]}}`), uint8(0), true)
	f.Add([]byte(`{"custom_attributes":{"lucky":[],"phones":null}}`), uint8(1), false)
	f.Add([]byte(ref.Update), uint8(0), true)
	f.Add([]byte(ref.UpdateInvalid), uint8(1), false)
	f.Add([]byte(`{"address":{"locality":null},"custom_attributes":{"tickets":3.0}}`), uint8(2), true)
	f.Add([]byte(`{"given_name":"\u00e9","locale":"zh_hant_tw","zoneinfo":"US/Pacific"}`), uint8(3), false)
	f.Add([]byte(`{"a":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}`), uint8(0), true)
	f.Add([]byte(`{"custom_attributes":{"shoe_size":1e400}}`), uint8(0), true)
	f.Add([]byte(`{"custom_attributes":{"newsletter":true,"start_date":" 2020-02-29 "}}`), uint8(0), true)
	f.Add([]byte(`{"custom_attributes":{"newsletter":false,"start_date":"2030-12-31"}}`), uint8(3), false)
	f.Add([]byte(`{"custom_attributes":{"newsletter":"true","start_date":"1900-02-29","tickets":false}}`), uint8(2), true)
	f.Add([]byte(`{"custom_attributes":{"newsletter":null,"start_date":"1999-12-31","shoe_size":true}}`), uint8(1), true)
	f.Add([]byte(`{"family_name#ja-kana-jp":" ヤマダ ","name#ja":"山田","given_name#":"x","family_name#JA-KANA-JP":null}`), uint8(0), true)
	f.Add([]byte(`{"address":{"locality#ja-jpan-jp":"東京","region#de":null,"postal_code#ja":"1"},"custom_attributes":{"kana#ja-Kana":"ヤマダ","kana#JA-kana":"x"}}`), uint8(0), true)
	f.Add([]byte(`{"address":null,"custom_attributes":null,"family_name#ja":"山田"}`), uint8(2), true)
	parties := []access.Party{access.EndUser, access.Bearer, access.Portal, access.AdminAPI}
	f.Fuzz(func(t *testing.T, data []byte, party uint8, patch bool) {
		var cur profile.Profile
		_ = json.Unmarshal(ref.Current, &cur)
		mode := profile.Replace
		if patch {
			mode = profile.MergePatch
		}
		up := profile.Update{Party: parties[int(party)%len(parties)], Mode: mode, Identities: ref.Identities}
		detachedCheck(t, s, &cur, data, up) // no result points into the input
		next, _, err := s.ApplyJSON(&cur, data, up)
		if err != nil {
			return
		}
		if verr := s.Validate(&next); verr != nil {
			t.Fatalf("Apply produced an invalid profile: %v\ninput %q", verr, data)
		}
		// The JSON form and the storage form keep everything, variants inside their objects.
		b, err := json.Marshal(next)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var back profile.Profile
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(&next) {
			t.Fatalf("JSON round trip lost something (%v): %s\ninput %q", err, b, data)
		}
		st := s.ToStorage(&next)
		if fromSt, _ := s.FromStorage(&st); !fromSt.Equal(&next) {
			t.Fatalf("storage round trip lost something\ninput %q", data)
		}
		if mode == profile.MergePatch {
			again, _, err := s.ApplyJSON(&next, data, up)
			if err != nil {
				t.Fatalf("second apply of the same patch failed: %v\ninput %q", err, data)
			}
			if !again.Equal(&next) {
				t.Fatalf("merge patch not idempotent for %q", data)
			}
		}
	})
}

// FuzzParseConfig: any config JSON parses and compiles or fails with an error; never panics.
func FuzzParseConfig(f *testing.F) {
	ref, _, _ := loadReference(f)
	f.Add([]byte(ref.Config.UserProfile))
	f.Add([]byte(`{"custom_attributes":{"attributes":[{"id":"1","pointer":"/a","type":"enum","enum":["x","x"]}]}}`))
	f.Add([]byte(`{"standard_attributes":{"access_control":[{"pointer":"/address/country"}]}}`))
	f.Add([]byte(`{"phone":{"default_region":"zz"},"supported_languages":["xx"],"images":{"public_host":""}}`))
	f.Add([]byte(`{"custom_attributes":{"attributes":[{"id":"1","pointer":"/d","type":"date","minimum":"2000-02-29","maximum":"5"},{"id":"2","pointer":"/b","type":"boolean"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := profile.ParseConfig(data)
		if err != nil {
			return
		}
		s, err := profile.Compile(cfg)
		if err != nil {
			return
		}
		// A compiled schema answers a trivial update.
		var cur profile.Profile
		if _, _, err := s.ApplyJSON(&cur, []byte(`{}`), profile.Update{Party: access.AdminAPI, Mode: profile.MergePatch}); err != nil {
			t.Fatalf("{} failed on a compiled schema: %v", err)
		}
	})
}
