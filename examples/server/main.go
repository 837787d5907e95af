package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/profile"
)

// demoConfig is the configuration used without -config: authgear.yaml's user_profile
// section as JSON, with a few custom attributes of different types and access levels.
//
//go:embed demo-config.json
var demoConfig []byte

// demoUserID is the user seeded into an empty database.
const demoUserID = "alice"

// demoUser is the seeded user's profile, applied through the Admin API so it is normalized and
// validated like any other write.
const demoUser = `{
  "given_name": "Alice", "family_name": "Liddell", "preferred_username": "alice",
  "email": "alice@example.com", "phone_number": "+1 415 555 2671",
  "birthdate": "1990-04-01", "zoneinfo": "Europe/London", "locale": "en-GB",
  "website": "https://example.com/alice",
  "address": {"street_address": "1 Rabbit Hole Lane", "locality": "Oxford", "locality#ja-Kana-JP": "オックスフォード",
    "postal_code": "OX1 1AA", "country": "GB"},
  "custom_attributes": {"employee_id": "E000123", "department": "engineering", "shoe_size": 38, "tickets": 3, "risk_score": 12,
    "job_title": "Engineer", "job_title#ja": "エンジニア"}
}`

// demoIdentities are the seeded user's login identities: the email, phone number and username
// the profile may carry.
var demoIdentities = profile.Identities{
	{Kind: profile.IdentityEmail, Value: "alice@example.com", Verified: true},
	{Kind: profile.IdentityEmail, Value: "a.liddell@example.org", Verified: false},
	{Kind: profile.IdentityPhone, Value: "+14155552671", Verified: false},
	{Kind: profile.IdentityUsername, Value: "alice"},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// options are the command-line flags.
type options struct {
	addr, dbPath, configPath string
	// The http.Server's timeouts. ReadHeaderTimeout bounds the request line and headers,
	// ReadTimeout the whole request with its body (both from the first byte), WriteTimeout the
	// time from the end of the headers to the end of the response, IdleTimeout how long a
	// keep-alive connection may wait for its next request.
	readHeaderTimeout, readTimeout, writeTimeout, idleTimeout time.Duration
	maxPerClient                                              int // requests in progress per client IP; more get 429
	sessionTTL                                                time.Duration
	sessionKeyFile                                            string // the session tokens' HMAC key; empty: a random one
	uploadKeyFile                                             string // the upload URLs' HMAC key; empty: a random one
}

// Defaults of the flags.
const (
	defaultReadHeaderTimeout = 10 * time.Second
	defaultReadTimeout       = 20 * time.Second // bodies are at most the schema's max_bytes (1 MiB by default)
	defaultWriteTimeout      = 30 * time.Second
	defaultIdleTimeout       = 60 * time.Second
	defaultMaxPerClient      = 16
	defaultSessionTTL        = time.Hour
)

// parseFlags parses the command line; errors (and -h) are reported on logw.
func parseFlags(args []string, logw io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(logw)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&o.dbPath, "db", filepath.Join(os.TempDir(), "profilekit-server.db"), "SQLite database file (created if missing)")
	fs.StringVar(&o.configPath, "config", "", "authgear.yaml, as YAML or JSON (or its user_profile section alone); default: an embedded demo config")
	fs.DurationVar(&o.readHeaderTimeout, "read-header-timeout", defaultReadHeaderTimeout, "time allowed to read a request's line and headers")
	fs.DurationVar(&o.readTimeout, "read-timeout", defaultReadTimeout, "time allowed to read a whole request, body included")
	fs.DurationVar(&o.writeTimeout, "write-timeout", defaultWriteTimeout, "time allowed from the end of a request's headers to the end of its response")
	fs.DurationVar(&o.idleTimeout, "idle-timeout", defaultIdleTimeout, "time a keep-alive connection may wait for its next request")
	fs.IntVar(&o.maxPerClient, "max-per-client", defaultMaxPerClient, "requests in progress allowed per client IP address; more are answered 429")
	fs.DurationVar(&o.sessionTTL, "session-ttl", defaultSessionTTL, "how long a settings page's session token is accepted")
	fs.StringVar(&o.sessionKeyFile, "session-key-file", "", "file holding the session tokens' HMAC key (at least 32 bytes); default: a random key per start")
	fs.StringVar(&o.uploadKeyFile, "upload-key-file", "", "file holding the upload URLs' HMAC key (at least 32 bytes); default: a random key per start")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"read-header-timeout", o.readHeaderTimeout}, {"read-timeout", o.readTimeout}, {"write-timeout", o.writeTimeout},
		{"idle-timeout", o.idleTimeout}, {"session-ttl", o.sessionTTL}} {
		if d.v <= 0 {
			return options{}, fmt.Errorf("-%s must be positive, not %v", d.name, d.v)
		}
	}
	if o.maxPerClient < 1 {
		return options{}, fmt.Errorf("-max-per-client must be at least 1, not %d", o.maxPerClient)
	}
	return o, nil
}

// newHTTPServer is the http.Server run serves h with: every timeout set, so that a client can
// hold a connection only as long as it keeps sending or reading (a body stalled mid-way is cut
// at the read timeout, an idle keep-alive at the idle timeout).
func newHTTPServer(h http.Handler, o options) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: o.readHeaderTimeout,
		ReadTimeout:       o.readTimeout,
		WriteTimeout:      o.writeTimeout,
		IdleTimeout:       o.idleTimeout,
	}
}

// run parses the flags, opens the database (seeding the demo user into an empty one), and
// serves until ctx is done. ready, if not nil, is called with the address listened on once
// the server accepts connections (tests start it on 127.0.0.1:0).
func run(ctx context.Context, args []string, logw io.Writer, ready func(addr string)) error {
	o, err := parseFlags(args, logw)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(logw, nil))

	var sessionKey []byte // nil: newServer's random key
	if o.sessionKeyFile != "" {
		if sessionKey, err = readSessionKey(o.sessionKeyFile); err != nil {
			return err
		}
	}
	var uploadKey []byte // nil: newServer's random key
	if o.uploadKeyFile != "" {
		if uploadKey, err = readKeyFile("upload key", o.uploadKeyFile); err != nil {
			return err
		}
	}
	cfg := demoConfig
	if o.configPath != "" {
		b, err := os.ReadFile(o.configPath)
		if err != nil {
			return err
		}
		cfg = b
	}
	schema, pcfg, err := loadSchema(cfg)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	st, err := openStore(o.dbPath, schema)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seed(ctx, st, schema, time.Now().Unix()); err != nil {
		return fmt.Errorf("seed: %w", err)
	}

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	srv := newServer(schema, pcfg, st, logger)
	srv.limiter.max = o.maxPerClient
	srv.sessionTTL = o.sessionTTL
	if sessionKey != nil {
		srv.sessionKey = sessionKey
	}
	if uploadKey != nil {
		srv.uploadKeys = uploadKeyring(uploadKey)
	}
	hs := newHTTPServer(srv, o)
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	base := "http://" + ln.Addr().String()
	logger.Info("listening", "url", base, "db", o.dbPath,
		"settings", base+"/settings?user="+demoUserID, "admin", base+"/admin/users/"+demoUserID)
	if ready != nil {
		ready(ln.Addr().String())
	}
	err = hs.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		<-done
		return nil
	}
	return err
}

// loadSchema compiles a config given as authgear.yaml converted to JSON: the user_profile
// member is taken when present (the rest of an identity server's config is ignored), otherwise
// the whole document is the user_profile section. Decoding is strict: a misspelt option is an
// error. The decoded config is returned too, for what the settings page reads from it
// (settingsConfig).
func loadSchema(data []byte) (*profile.Schema, profile.Config, error) {
	if !json.Valid(data) { // authgear.yaml as it is: YAML, read as the CLI reads it
		j, err := yaml.YAMLToJSON(data)
		if err != nil {
			return nil, profile.Config{}, fmt.Errorf("neither JSON nor YAML: %w", err)
		}
		data = j
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, profile.Config{}, err
	}
	section := data
	if up, ok := top["user_profile"]; ok {
		section = up
	}
	cfg, err := profile.ParseConfig(section)
	if err != nil {
		return nil, profile.Config{}, err
	}
	schema, err := profile.Compile(cfg)
	if err != nil {
		return nil, profile.Config{}, err
	}
	return schema, cfg, nil
}

// seed inserts the demo user into an empty database. Under a config without the demo's custom
// attributes, the user gets the standard claims only (and no language-tagged variants, which
// such a config may not allow).
func seed(ctx context.Context, st *store, schema *profile.Schema, now int64) error {
	n, err := st.count(ctx)
	if err != nil || n > 0 {
		return err
	}
	up := profile.Update{Party: access.AdminAPI, Mode: profile.Replace, Identities: demoIdentities}
	p, _, err := schema.ApplyJSON(nil, []byte(demoUser), up)
	if err != nil {
		var doc map[string]any
		_ = json.Unmarshal([]byte(demoUser), &doc)
		delete(doc, "custom_attributes")
		if addr, ok := doc["address"].(map[string]any); ok {
			for k := range addr {
				if strings.Contains(k, "#") {
					delete(addr, k)
				}
			}
		}
		if p, _, err = schema.Apply(nil, doc, up); err != nil {
			return err
		}
	}
	return st.insert(ctx, user{ID: demoUserID, Profile: p, Identities: demoIdentities, UpdatedAt: now})
}
