package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUserInfo(t *testing.T) {
	s := newTestServer(t, "")
	// The seeded user was written at 1700000000 by seed; a later write sets s.now's 1800000000.
	tests := []struct {
		name   string
		token  string
		claims string // the exact JSON expected
	}{
		{
			name:   "third party, email scope: email and its verification only",
			token:  "demo:alice:openid+email",
			claims: `{"sub": "alice", "email": "alice@example.com", "email_verified": true}`,
		},
		{
			name:  "third party, profile scope: profile claims and updated_at, no custom attributes",
			token: "demo:alice:openid+profile",
			claims: `{"sub": "alice", "given_name": "Alice", "family_name": "Liddell", "preferred_username": "alice",
			  "website": "https://example.com/alice", "birthdate": "1990-04-01", "zoneinfo": "Europe/London",
			  "locale": "en-GB", "updated_at": 1700000000}`,
		},
		{
			name:   "third party, phone and address scopes",
			token:  "demo:alice:openid+phone+address",
			claims: `{"sub": "alice", "phone_number": "+14155552671", "phone_number_verified": false, "address": {"street_address": "1 Rabbit Hole Lane", "locality": "Oxford", "postal_code": "OX1 1AA", "country": "GB"}}`,
		},
		{
			name:   "third party, openid alone: the subject only",
			token:  "demo:alice:openid",
			claims: `{"sub": "alice"}`,
		},
		{
			name:  "first party: every claim the bearer may read, custom attributes but not the hidden risk_score",
			token: "demo:alice:openid:first",
			claims: `{"sub": "alice", "given_name": "Alice", "family_name": "Liddell", "preferred_username": "alice",
			  "website": "https://example.com/alice", "email": "alice@example.com", "email_verified": true,
			  "birthdate": "1990-04-01", "zoneinfo": "Europe/London", "locale": "en-GB",
			  "phone_number": "+14155552671", "phone_number_verified": false,
			  "address": {"street_address": "1 Rabbit Hole Lane", "locality": "Oxford", "postal_code": "OX1 1AA", "country": "GB"},
			  "updated_at": 1700000000,
			  "custom_attributes": {"employee_id": "E000123", "department": "engineering", "shoe_size": 38, "tickets": 3, "job_title": "Engineer"}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := call(s, "GET", "/userinfo", "", "Authorization", "Bearer "+tt.token)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			assert.JSONEq(t, tt.claims, w.Body.String())
		})
	}

	// UserInfo reads what the Admin API wrote.
	w := call(s, "PATCH", "/admin/users/alice", `{"email": null, "given_name": "Alicia"}`, "Content-Type", mergePatch)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	w = call(s, "GET", "/userinfo", "", "Authorization", "Bearer demo:alice:openid+email+profile")
	require.Equal(t, http.StatusOK, w.Code)
	var got map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.NotContains(t, got, "email")
	assert.NotContains(t, got, "email_verified", "no email, no email_verified")
	assert.Equal(t, "Alicia", got["given_name"])
	assert.Equal(t, float64(1800000000), got["updated_at"])
}

func TestUserInfoRefused(t *testing.T) {
	s := newTestServer(t, "")
	tests := []struct {
		name, header string
		status       int
		wwwAuth      string
	}{
		{"no Authorization", "", http.StatusUnauthorized, `Bearer realm="profilekit-demo", error="invalid_token"`},
		{"Basic auth", "Basic YWxpY2U6c2VjcmV0", http.StatusUnauthorized, `error="invalid_token"`},
		{"not a demo token", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", http.StatusUnauthorized, `error="invalid_token"`},
		{"unknown user", "Bearer demo:bob:openid", http.StatusUnauthorized, `error="invalid_token"`},
		{"bad fourth part", "Bearer demo:alice:openid:second", http.StatusUnauthorized, `error="invalid_token"`},
		{"no openid scope", "Bearer demo:alice:profile+email", http.StatusForbidden, `error="insufficient_scope", scope="openid"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h []string
			if tt.header != "" {
				h = []string{"Authorization", tt.header}
			}
			w := call(s, "GET", "/userinfo", "", h...)
			require.Equal(t, tt.status, w.Code, w.Body.String())
			assert.Contains(t, w.Header().Get("WWW-Authenticate"), tt.wwwAuth)
			pr := problemOf(t, w)
			assert.NotContains(t, w.Body.String(), "alice@example.com", "no claim leaks into an error")
			assert.NotEmpty(t, pr.Detail)
		})
	}
}

func TestParseDemoToken(t *testing.T) {
	tests := []struct {
		header string
		want   demoToken
		ok     bool
	}{
		{"Bearer demo:alice:openid+profile", demoToken{User: "alice", Scopes: []string{"openid", "profile"}}, true},
		{"bearer demo:alice:openid:first", demoToken{User: "alice", Scopes: []string{"openid"}, FirstParty: true}, true},
		{"Bearer  demo:u-1.x:openid++email ", demoToken{User: "u-1.x", Scopes: []string{"openid", "email"}}, true},
		{"Bearer demo:alice:", demoToken{User: "alice"}, true},
		{"Bearer demo:alice", demoToken{}, false},
		{"Bearer demo:al ice:openid", demoToken{}, false},
		{"Bearer demo::openid", demoToken{}, false},
		{"Bearer demo:alice:openid:first:x", demoToken{}, false},
		{"Bearer real:alice:openid", demoToken{}, false},
		{"demo:alice:openid", demoToken{}, false},
		{"", demoToken{}, false},
	}
	for _, tt := range tests {
		got, err := parseDemoToken(tt.header)
		if !tt.ok {
			assert.Error(t, err, tt.header)
			continue
		}
		require.NoError(t, err, tt.header)
		assert.Equal(t, tt.want, got, tt.header)
	}
}
