package profile_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// The boolean and date custom attribute types through the update pipeline, the storage form,
// views, Validate and HTML forms.

const typesConfig = `{"identity_coupling":"off","custom_attributes":{"attributes":[
  {"id":"0001","pointer":"/newsletter","type":"boolean",
   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}},
  {"id":"0002","pointer":"/start_date","type":"date","minimum":"2000-01-01","maximum":"2030-12-31",
   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}},
  {"id":"0003","pointer":"/note","type":"string",
   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}},
  {"id":"0004","pointer":"/tickets","type":"integer",
   "access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}]}}`

func typesSchema(t *testing.T) *profile.Schema {
	t.Helper()
	cfg, err := profile.ParseConfig([]byte(typesConfig))
	require.NoError(t, err)
	return mustCompile(cfg)
}

// causeDetails is a cause's location, kind and the two details a type error is about.
type causeDetails struct {
	Loc              string
	Kind             validation.Kind
	Expected, Actual any
}

func detailsOf(t *testing.T, err error) []causeDetails {
	t.Helper()
	var out []causeDetails
	for _, c := range causesOf(t, err) {
		out = append(out, causeDetails{c.Location, c.Kind, c.Details.Expected, c.Details.Actual})
	}
	return out
}

func TestBooleanAndDateApply(t *testing.T) {
	s := typesSchema(t)
	var empty profile.Profile
	next, changes, err := s.ApplyJSON(&empty, []byte(`{"custom_attributes":{"newsletter":true,"start_date":" 2020-02-29 "}}`), endUserPatch)
	require.NoError(t, err)
	assert.Equal(t, map[string]customattr.Value{"newsletter": customattr.BoolValue(true), "start_date": customattr.StringValue("2020-02-29")}, next.Custom)
	require.Len(t, changes, 2)
	assert.Equal(t, "/custom_attributes/newsletter", changes[0].Path)
	assert.Equal(t, access.OpAdd, changes[0].Op)
	assert.Equal(t, customattr.BoolValue(true), changes[0].New.Custom())
	assert.Equal(t, customattr.StringValue("2020-02-29"), changes[1].New.Custom(), "normalized: trimmed")
	p, err := json.Marshal(changes[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"path":"/custom_attributes/newsletter","op":"add","old":null,"new":true}`, string(p))
	require.NoError(t, s.Validate(&next))
	assert.JSONEq(t, `{"custom_attributes":{"newsletter":true,"start_date":"2020-02-29"}}`, mustJSON(next))

	// false is a value, not an absence: changing to false is a change; null removes.
	off, changes, err := s.ApplyJSON(&next, []byte(`{"custom_attributes":{"newsletter":false}}`), endUserPatch)
	require.NoError(t, err)
	assert.Equal(t, customattr.BoolValue(false), off.Custom["newsletter"])
	require.Len(t, changes, 1)
	assert.Equal(t, access.OpChange, changes[0].Op)
	same, changes, err := s.ApplyJSON(&off, []byte(`{"custom_attributes":{"newsletter":false,"start_date":"2020-02-29"}}`), endUserPatch)
	require.NoError(t, err)
	assert.Empty(t, changes, "idempotent")
	assert.True(t, same.Equal(&off))
	gone, changes, err := s.ApplyJSON(&off, []byte(`{"custom_attributes":{"newsletter":null}}`), endUserPatch)
	require.NoError(t, err)
	_, has := gone.Custom["newsletter"]
	assert.False(t, has)
	require.Len(t, changes, 1)
	assert.Equal(t, access.OpRemove, changes[0].Op)

	// The map path takes the same decoder: Go booleans and customattr values.
	viaMap, _, err := s.Apply(&empty, map[string]any{"custom_attributes": map[string]any{
		"newsletter": true, "start_date": customattr.StringValue("2020-02-29")}}, endUserPatch)
	require.NoError(t, err)
	assert.True(t, viaMap.Equal(&next))

	// A Replace with the party's own view changes nothing.
	view := s.View(&next, access.EndUser)
	raw, err := json.Marshal(view.Profile)
	require.NoError(t, err)
	_, changes, err = s.ApplyJSON(&next, raw, profile.Update{Party: access.EndUser, Mode: profile.Replace})
	require.NoError(t, err)
	assert.Empty(t, changes)
}

func TestBooleanAndDateErrors(t *testing.T) {
	s := typesSchema(t)
	var empty profile.Profile
	_, _, err := s.ApplyJSON(&empty, []byte(`{"custom_attributes":{"newsletter":"true","note":true,"tickets":false,"start_date":"1900-02-29"}}`), endUserPatch)
	assert.Equal(t, []causeDetails{
		{"/custom_attributes/newsletter", validation.KindType, "boolean", "string"}, // the string "true" is not a boolean
		{"/custom_attributes/note", validation.KindType, "string", "boolean"},
		{"/custom_attributes/start_date", validation.KindFormat, nil, "1900-02-29"},
		{"/custom_attributes/tickets", validation.KindType, "number", "boolean"}, // the attribute's JSON type
	}, detailsOf(t, err))
	_, _, err = s.ApplyJSON(&empty, []byte(`{"custom_attributes":{"newsletter":{},"start_date":"1999-12-31"}}`), endUserPatch)
	assert.Equal(t, []causeDetails{
		{"/custom_attributes/newsletter", validation.KindType, "boolean", "object"},
		{"/custom_attributes/start_date", validation.KindMinimum, "2000-01-01", "1999-12-31"},
	}, detailsOf(t, err))
	_, _, err = s.ApplyJSON(&empty, []byte(`{"custom_attributes":{"newsletter":1,"start_date":20200229}}`), endUserPatch)
	assert.Equal(t, []causeDetails{
		{"/custom_attributes/newsletter", validation.KindType, "boolean", "number"},
		{"/custom_attributes/start_date", validation.KindType, "string", "number"},
	}, detailsOf(t, err))
	cs := causesOf(t, err)
	p, err := json.Marshal(cs[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"location":"/custom_attributes/newsletter","kind":"type","details":{"expected":"boolean","actual":"number","error":"expected boolean, got number"}}`, string(p))
}

func TestBooleanAndDateStorageAndValidate(t *testing.T) {
	s := typesSchema(t)
	p := profile.Profile{Custom: map[string]customattr.Value{
		"newsletter": customattr.BoolValue(false), "start_date": customattr.StringValue("2024-01-31")}}
	require.NoError(t, s.Validate(&p))
	st := s.ToStorage(&p)
	raw, err := json.Marshal(st)
	require.NoError(t, err)
	assert.JSONEq(t, `{"custom_attributes":{"0001":false,"0002":"2024-01-31"}}`, string(raw))
	var back profile.Stored
	require.NoError(t, json.Unmarshal(raw, &back))
	got, orphans := s.FromStorage(&back)
	assert.Empty(t, orphans)
	assert.Equal(t, p, got)
	var decoded profile.Profile
	require.NoError(t, json.Unmarshal([]byte(`{"custom_attributes":{"newsletter":true}}`), &decoded))
	assert.Equal(t, customattr.BoolValue(true), decoded.Custom["newsletter"])

	bad := profile.Profile{Custom: map[string]customattr.Value{
		"newsletter": customattr.StringValue("true"), "start_date": customattr.StringValue(" 2024-01-31"),
		"note": customattr.BoolValue(true)}}
	err = s.Validate(&bad)
	assert.Equal(t, []causeDetails{
		{"/custom_attributes/newsletter", validation.KindType, "boolean", "string"},
		{"/custom_attributes/note", validation.KindType, "string", "boolean"},
		{"/custom_attributes/start_date", validation.KindFormat, customattr.StringValue("2024-01-31"), customattr.StringValue(" 2024-01-31")}, // valid, not normalized
	}, detailsOf(t, err))
}

func TestBooleanAndDateViews(t *testing.T) {
	s := typesSchema(t)
	p := profile.Profile{Custom: map[string]customattr.Value{
		"newsletter": customattr.BoolValue(false), "start_date": customattr.StringValue("2024-01-31")}}
	v := s.View(&p, access.EndUser)
	var fields []string
	for _, f := range v.Fields {
		if f.Custom == nil {
			continue
		}
		fields = append(fields, f.Name+"="+f.Value.String())
		switch f.Name {
		case "newsletter":
			assert.Equal(t, customattr.Boolean, f.Custom.Definition().Type)
			b, ok := f.Value.Custom().Bool()
			assert.True(t, ok)
			assert.False(t, b)
			assert.True(t, f.Writable)
		case "start_date":
			assert.Equal(t, customattr.Date, f.Custom.Definition().Type)
			assert.Equal(t, customattr.Bound("2000-01-01"), f.Custom.Definition().Minimum)
		}
	}
	assert.Equal(t, []string{"newsletter=false", `start_date="2024-01-31"`, "note=absent", "tickets=absent"}, fields)
	info := s.UserInfo(&p, profile.UserInfoRequest{FirstParty: true})
	raw, err := json.Marshal(info)
	require.NoError(t, err)
	assert.JSONEq(t, `{"custom_attributes":{"newsletter":false,"start_date":"2024-01-31"}}`, string(raw))
}

func TestBooleanAndDateForm(t *testing.T) {
	s := typesSchema(t)
	var empty profile.Profile
	next, _, err := s.ApplyForm(&empty, map[string]string{
		"/custom_attributes/newsletter": "on", // a checked box
		"/custom_attributes/start_date": "2020-02-29",
	}, profile.Update{Party: access.EndUser})
	require.NoError(t, err)
	assert.Equal(t, customattr.BoolValue(true), next.Custom["newsletter"])
	assert.Equal(t, customattr.StringValue("2020-02-29"), next.Custom["start_date"])

	for raw, want := range map[string]customattr.Value{
		"true": customattr.BoolValue(true), " TRUE ": customattr.BoolValue(true),
		"false": customattr.BoolValue(false), "off": customattr.BoolValue(false), "Off": customattr.BoolValue(false),
	} {
		got, _, err := s.ApplyForm(&next, map[string]string{"/custom_attributes/newsletter": raw}, profile.Update{Party: access.EndUser})
		require.NoError(t, err, raw)
		assert.Equal(t, want, got.Custom["newsletter"], raw)
	}
	// An empty field removes, as for every field; an absent one keeps the value.
	cleared, changes, err := s.ApplyForm(&next, map[string]string{"/custom_attributes/newsletter": "", "/custom_attributes/start_date": " "},
		profile.Update{Party: access.EndUser})
	require.NoError(t, err)
	assert.Empty(t, cleared.Custom)
	assert.Len(t, changes, 2)
	kept, changes, err := s.ApplyForm(&next, map[string]string{"/custom_attributes/note": "hello"}, profile.Update{Party: access.EndUser})
	require.NoError(t, err)
	assert.Equal(t, customattr.BoolValue(true), kept.Custom["newsletter"], "an unchecked box posts nothing: kept")
	assert.Len(t, changes, 1)

	_, _, err = s.ApplyForm(&empty, map[string]string{
		"/custom_attributes/newsletter": "yes",
		"/custom_attributes/start_date": "2021-02-29",
		"/custom_attributes/tickets":    "true",
		"/custom_attributes/note":       "true", // a string attribute keeps the text
	}, profile.Update{Party: access.EndUser})
	assert.Equal(t, []causeDetails{
		{"/custom_attributes/newsletter", validation.KindType, "boolean", "string"},
		{"/custom_attributes/start_date", validation.KindFormat, nil, "2021-02-29"},
		{"/custom_attributes/tickets", validation.KindType, "integer", "string"},
	}, detailsOf(t, err))
	_, _, err = s.ApplyForm(&empty, map[string]string{"/custom_attributes/start_date": "2031-01-01"}, profile.Update{Party: access.EndUser})
	assert.Equal(t, []causeDetails{{"/custom_attributes/start_date", validation.KindMaximum, "2030-12-31", "2031-01-01"}}, detailsOf(t, err))
}

func TestBooleanAndDateConfigErrors(t *testing.T) {
	// Decoding: a quoted number stays a type error; an empty bound is one too.
	_, err := profile.ParseConfig([]byte(`{"custom_attributes":{"attributes":[
	  {"id":"1","pointer":"/a","type":"number","minimum":"5"},
	  {"id":"2","pointer":"/b","type":"date","maximum":""}]}}`))
	assert.Equal(t, []causeKey{
		{"/custom_attributes/attributes/0/minimum", validation.KindType},
		{"/custom_attributes/attributes/1/maximum", validation.KindMinLength},
	}, keys(causesOf(t, err)))

	// Compiling: bounds that are not dates, constraints a boolean does not take.
	cfg, err := profile.ParseConfig([]byte(`{"custom_attributes":{"attributes":[
	  {"id":"1","pointer":"/start_date","type":"date","minimum":"1900-02-29","maximum":20300101},
	  {"id":"2","pointer":"/newsletter","type":"boolean","minimum":0,"enum":["yes"],"pattern":"^t"},
	  {"id":"3","pointer":"/end_date","type":"date","minimum":"2030-01-01","maximum":"2020-01-01"}]}}`))
	require.NoError(t, err)
	_, err = profile.Compile(cfg)
	assert.Equal(t, []causeKey{
		{"/custom_attributes/attributes/0/maximum", validation.KindType},
		{"/custom_attributes/attributes/0/minimum", validation.KindFormat},
		{"/custom_attributes/attributes/1/enum", validation.KindUnknown},
		{"/custom_attributes/attributes/1/minimum", validation.KindUnknown},
		{"/custom_attributes/attributes/1/pattern", validation.KindUnknown},
		{"/custom_attributes/attributes/2/minimum", validation.KindMaximum},
	}, keys(causesOf(t, err)))

	// A compiled config writes back as it was read: date bounds as strings.
	cfg, err = profile.ParseConfig([]byte(typesConfig))
	require.NoError(t, err)
	raw, err := json.Marshal(cfg.CustomAttributes.Attributes[1])
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"0002","pointer":"/start_date","type":"date","minimum":"2000-01-01","maximum":"2030-12-31",
		"access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}`, string(raw))
}
