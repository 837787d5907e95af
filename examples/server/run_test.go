package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/validation"
)

// syncBuffer is a log sink safe to read while the server writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startRun starts the program as main does, on 127.0.0.1:0, and stops it at the end of the
// test. It returns the base URL.
func startRun(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	logs := &syncBuffer{}
	go func() {
		done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), logs, func(a string) { addr <- a })
	}()
	select {
	case a := <-addr:
		t.Cleanup(func() {
			cancel()
			select {
			case err := <-done:
				assert.NoError(t, err)
			case <-time.After(10 * time.Second):
				t.Error("server did not stop")
			}
		})
		return "http://" + a, logs
	case err := <-done:
		cancel()
		t.Fatalf("run: %v\n%s", err, logs)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("server did not start")
	}
	return "", nil
}

func TestRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "users.db")
	base, logs := startRun(t, "-db", db)

	resp, err := http.Get(base + "/admin/users/" + demoUserID)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), `"department": "engineering"`)
	assert.Contains(t, logs.String(), "listening")

	resp, err = http.Get(base + "/")
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(body), "/settings?user="+demoUserID)
}

// A config file in the authgear.yaml-as-JSON shape: the user_profile member is used and the
// rest ignored. The demo user keeps its standard claims when the config lacks the demo's
// custom attributes.
func TestRunConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "authgear.json")
	require.NoError(t, os.WriteFile(cfg, []byte(`{
	  "id": "my-app", "http": {"public_origin": "https://example.com"},
	  "user_profile": {"custom_attributes": {"attributes": [
	    {"id": "x1", "pointer": "/nickname_of_pet", "type": "string",
	     "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}}]}}}`), 0o600))
	base, _ := startRun(t, "-db", filepath.Join(dir, "users.db"), "-config", cfg)

	resp, err := http.Get(base + "/settings?user=" + demoUserID)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), `name="/custom_attributes/nickname_of_pet"`)
	assert.Contains(t, string(body), `value="Alice"`)
	assert.NotContains(t, string(body), "shoe_size")
}

func TestRunRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"user_profile": {"custom_attributes": {"attributes": [
	  {"id": "1", "pointer": "/email", "type": "strin"}]}}}`), 0o600))
	var logs bytes.Buffer
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "u.db"), "-config", bad}, &logs, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "/custom_attributes/attributes/0/")

	err = run(context.Background(), []string{"-nope"}, &logs, nil)
	require.Error(t, err)
	err = run(context.Background(), []string{"extra"}, &logs, nil)
	require.Error(t, err)
}

// Profiles are stored in storage form: custom attributes keyed by their immutable IDs. A
// config that renames an attribute (same ID, new pointer) reads the same value under the new
// name.
func TestStorageForm(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "users.db")
	schema, _, err := loadSchema(demoConfig)
	require.NoError(t, err)
	st, err := openStore(db, schema)
	require.NoError(t, err)
	require.NoError(t, seed(context.Background(), st, schema, 1))
	require.NoError(t, seed(context.Background(), st, schema, 2), "seeding twice is a no-op")
	n, err := st.count(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, n)

	var raw string
	require.NoError(t, st.db.QueryRow(`SELECT profile FROM users WHERE id = ?`, demoUserID).Scan(&raw))
	var stored map[string]any
	require.NoError(t, json.Unmarshal([]byte(raw), &stored))
	assert.Equal(t, map[string]any{"0001": "E000123", "0002": "engineering", "0003": float64(38), "0004": float64(3), "0005": float64(12),
		"0008": "Engineer"}, stored["custom_attributes"], "keyed by definition ID")
	assert.Equal(t, map[string]any{"address/locality#ja-Kana-JP": "オックスフォード", "custom_attributes/0008#ja": "エンジニア"},
		stored["variants"], "a custom attribute's variants too")
	require.NoError(t, st.Close())

	renamed := strings.Replace(string(demoConfig), `"pointer": "/shoe_size"`, `"pointer": "/shoe_size_eu"`, 1)
	require.NotEqual(t, string(demoConfig), renamed)
	schema2, _, err := loadSchema([]byte(renamed))
	require.NoError(t, err)
	st2, err := openStore(db, schema2)
	require.NoError(t, err)
	defer st2.Close()
	u, err := st2.get(context.Background(), demoUserID)
	require.NoError(t, err)
	assert.Equal(t, customattr.IntValue(38), u.Profile.Custom["shoe_size_eu"])
	assert.True(t, u.Profile.Custom["shoe_size"].IsZero())
}

// Issue 14: -config reads authgear.yaml as it is, YAML or JSON, as the CLI does.
func TestLoadSchemaYAML(t *testing.T) {
	yamlConfig := []byte(`
id: demo
user_profile:
  standard_attributes:
    access_control:
      - pointer: /nickname
        access_control: {end_user: readwrite, bearer: readonly, portal_ui: readwrite}
  custom_attributes:
    attributes:
      - {id: "1", pointer: /x_team, type: string}
`)
	schema, cfg, err := loadSchema(yamlConfig)
	require.NoError(t, err)
	assert.True(t, schema.Policy().Level(access.EndUser, "nickname").CanRead())
	assert.Len(t, cfg.CustomAttributes.Attributes, 1)
	_, _, err = loadSchema([]byte("user_profile: [unclosed"))
	assert.Error(t, err)
	_, _, err = loadSchema([]byte("user_profile:\n  standard_attributes:\n    acces_control: []\n"))
	var verr *validation.Error
	assert.ErrorAs(t, err, &verr, "a located cause, with a did-you-mean")
}
