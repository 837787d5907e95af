package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/profilekit/profilekit/profile"
)

// newTestServer compiles config (the embedded demo config when empty), opens a fresh database
// in a temporary directory and seeds the demo user.
func newTestServer(t *testing.T, config string) *server {
	t.Helper()
	cfg := demoConfig
	if config != "" {
		cfg = []byte(config)
	}
	schema, pcfg, err := loadSchema(cfg)
	require.NoError(t, err)
	st, err := openStore(filepath.Join(t.TempDir(), "users.db"), schema)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	require.NoError(t, seed(context.Background(), st, schema, 1700000000))
	s := newServer(schema, pcfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.now = func() time.Time { return time.Unix(1800000000, 0) }
	return s
}

// call sends one request to h and returns the recorded response.
func call(h http.Handler, method, target, body string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// problemOf decodes an application/problem+json response strictly, checking the RFC 9457
// members every problem of this service has.
func problemOf(t *testing.T, w *httptest.ResponseRecorder) problem {
	t.Helper()
	require.Equal(t, "application/problem+json", w.Header().Get("Content-Type"), w.Body.String())
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &raw))
	for _, k := range []string{"type", "title", "status"} {
		require.Contains(t, raw, k, "problem member %q", k)
	}
	for k := range raw {
		require.Contains(t, []string{"type", "title", "status", "detail", "instance", "causes"}, k, "unexpected member")
	}
	var p problem
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &p))
	require.Equal(t, w.Code, p.Status, "status member equals the HTTP status")
	require.NotEmpty(t, p.Title)
	return p
}

// profileOf decodes a JSON profile response.
func profileOf(t *testing.T, w *httptest.ResponseRecorder) profile.Profile {
	t.Helper()
	require.Equal(t, "application/json", w.Header().Get("Content-Type"), w.Body.String())
	var p profile.Profile
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &p))
	return p
}

// --- HTML helpers (golang.org/x/net/html) ---

func parseHTML(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	require.NoError(t, err)
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func findAll(n *html.Node, pred func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && pred(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func find(n *html.Node, pred func(*html.Node) bool) *html.Node {
	if all := findAll(n, pred); len(all) > 0 {
		return all[0]
	}
	return nil
}

func hasAttr(key, val string) func(*html.Node) bool {
	return func(n *html.Node) bool { v, ok := attr(n, key); return ok && v == val }
}

// control finds the input, select or textarea named name.
func control(doc *html.Node, name string) *html.Node {
	return find(doc, func(n *html.Node) bool {
		v, ok := attr(n, "name")
		return ok && v == name && (n.Data == "input" || n.Data == "select" || n.Data == "textarea")
	})
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func disabled(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if _, ok := attr(p, "disabled"); ok && (p == n || p.Data == "fieldset") {
			return true
		}
	}
	return false
}

// controlValue is what a browser would submit for a control.
func controlValue(n *html.Node) string {
	switch n.Data {
	case "select":
		opts := findAll(n, func(o *html.Node) bool { return o.Data == "option" })
		for _, o := range opts {
			if _, ok := attr(o, "selected"); ok {
				v, _ := attr(o, "value")
				return v
			}
		}
		if len(opts) > 0 {
			v, _ := attr(opts[0], "value")
			return v
		}
		return ""
	case "textarea":
		return textOf(n)
	}
	v, _ := attr(n, "value")
	return v
}

// formValues is what a browser submits for the page's settings form: every enabled control
// outside the picture form (which is a form of its own) in document order, a checkbox only
// when it is checked.
func formValues(doc *html.Node) url.Values {
	vals := url.Values{}
	for _, n := range findAll(doc, func(n *html.Node) bool {
		_, named := attr(n, "name")
		return named && (n.Data == "input" || n.Data == "select" || n.Data == "textarea")
	}) {
		if disabled(n) || inPictureForm(n) || (isCheckbox(n) && !checked(n)) {
			continue
		}
		name, _ := attr(n, "name")
		vals.Add(name, controlValue(n))
	}
	return vals
}

// errorNextTo returns the error text shown inside the field block of the control named name
// ("" when none), and requires the error element to say which field it belongs to.
func errorNextTo(t *testing.T, doc *html.Node, name string) string {
	t.Helper()
	block := find(doc, hasAttr("data-field", name))
	require.NotNil(t, block, "no field block for %s", name)
	p := find(block, func(n *html.Node) bool { c, _ := attr(n, "class"); return c == "error" })
	if p == nil {
		return ""
	}
	forName, _ := attr(p, "data-error-for")
	require.Equal(t, name, forName)
	return textOf(p)
}

// inPictureForm reports whether n is inside the settings page's picture upload form.
func inPictureForm(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if id, _ := attr(p, "id"); p.Data == "form" && id == "picture-form" {
			return true
		}
	}
	return false
}

func isCheckbox(n *html.Node) bool {
	typ, _ := attr(n, "type")
	return n.Data == "input" && typ == "checkbox"
}

func checked(n *html.Node) bool {
	_, ok := attr(n, "checked")
	return ok
}
