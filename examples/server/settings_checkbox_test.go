package main

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/profilekit/profilekit/customattr"
)

// setChecked checks or unchecks a checkbox in a parsed page, as a click does, so that
// formValues then posts what a browser would.
func setChecked(t *testing.T, n *html.Node, on bool) {
	t.Helper()
	require.True(t, isCheckbox(n), "<%s> is no checkbox", n.Data)
	attrs := n.Attr[:0]
	for _, a := range n.Attr {
		if a.Key != "checked" {
			attrs = append(attrs, a)
		}
	}
	n.Attr = attrs
	if on {
		n.Attr = append(n.Attr, html.Attribute{Key: "checked"})
	}
}

// hiddenFalse reports whether the page has the hidden "false" of the checkbox named name,
// placed after it.
func hiddenFalse(t *testing.T, doc *html.Node, name string) bool {
	t.Helper()
	var seenBox, found bool
	for _, n := range findAll(doc, func(n *html.Node) bool { v, _ := attr(n, "name"); return n.Data == "input" && v == name }) {
		typ, _ := attr(n, "type")
		switch typ {
		case "checkbox":
			seenBox = true
		case "hidden":
			require.True(t, seenBox, "the hidden field of %s comes after the checkbox", name)
			assert.Equal(t, "false", controlValue(n))
			found = true
		}
	}
	return found
}

func storedCustom(t *testing.T, s *server, name string) (customattr.Value, bool) {
	t.Helper()
	u, err := s.store.get(context.Background(), "alice")
	require.NoError(t, err)
	v, ok := u.Profile.Custom[name]
	return v, ok
}

// A boolean custom attribute is a checkbox posting "true", with a hidden "false" after it once
// the attribute has a value: checking saves true, unchecking false, and the first posted value
// wins. An optional boolean that was never set stays unset when the page is saved unchanged.
func TestSettingsCheckbox(t *testing.T) {
	const name = "/custom_attributes/newsletter"
	s := newTestServer(t, "")
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")
	box := control(doc, name)
	require.NotNil(t, box)
	assert.Equal(t, "input", box.Data)
	assert.Equal(t, "checkbox", mustAttr(t, box, "type"))
	assert.Equal(t, "true", mustAttr(t, box, "value"))
	assert.False(t, checked(box))
	assert.False(t, disabled(box))
	_, req := attr(box, "required")
	assert.False(t, req)
	assert.Equal(t, "Newsletter", textOf(find(doc, hasAttr("for", mustAttr(t, box, "id")))))
	assert.False(t, hiddenFalse(t, doc, name), "unset and optional: an unchecked box posts nothing")

	// Saving the page unchanged leaves it unset (and writes nothing).
	form := formValues(doc)
	_, posted := form[name]
	assert.False(t, posted)
	require.Equal(t, http.StatusSeeOther, postSettings(b, "alice", form).StatusCode)
	_, has := storedCustom(t, s, name[len("/custom_attributes/"):])
	assert.False(t, has, "still unset")
	u, _ := s.store.get(context.Background(), "alice")
	assert.Equal(t, int64(1), u.Version, "nothing written")

	// Checked, with a problem elsewhere: nothing saved, the box stays checked.
	doc = getSettings(t, b, "alice")
	setChecked(t, control(doc, name), true)
	form = formValues(doc)
	form.Set("/custom_attributes/shoe_size", "1,5")
	w := b.postForm("/settings?user=alice", form)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	assert.True(t, checked(control(parseHTML(t, w.Body.String()), name)), "what was checked is kept")

	// Checked: true. The page then shows it checked, followed by the hidden "false".
	doc = getSettings(t, b, "alice")
	setChecked(t, control(doc, name), true)
	require.Equal(t, http.StatusSeeOther, postSettings(b, "alice", formValues(doc)).StatusCode)
	v, _ := storedCustom(t, s, "newsletter")
	assert.Equal(t, customattr.BoolValue(true), v)
	doc = getSettings(t, b, "alice")
	assert.True(t, checked(control(doc, name)))
	assert.True(t, hiddenFalse(t, doc, name))

	// Saved unchanged, the checked box posts "true" then "false": the first wins.
	form = formValues(doc)
	assert.Equal(t, []string{"true", "false"}, form[name])
	require.Equal(t, http.StatusSeeOther, postSettings(b, "alice", form).StatusCode)
	v, _ = storedCustom(t, s, "newsletter")
	assert.Equal(t, customattr.BoolValue(true), v)

	// Unchecked: only the hidden "false" is posted, and false is saved.
	doc = getSettings(t, b, "alice")
	setChecked(t, control(doc, name), false)
	form = formValues(doc)
	assert.Equal(t, []string{"false"}, form[name])
	require.Equal(t, http.StatusSeeOther, postSettings(b, "alice", form).StatusCode)
	v, _ = storedCustom(t, s, "newsletter")
	assert.Equal(t, customattr.BoolValue(false), v)
	doc = getSettings(t, b, "alice")
	assert.False(t, checked(control(doc, name)))
	assert.True(t, hiddenFalse(t, doc, name), "set to false: unchecked keeps posting false")

	// A stale form that checked the box: 409 with a note in words.
	setChecked(t, control(doc, name), true)
	stale := formValues(doc)
	w = call(s, "PATCH", "/admin/users/alice", `{"family_name": "Smith"}`, "Content-Type", mergePatch)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	w = b.postForm("/settings?user=alice", stale)
	require.Equal(t, http.StatusConflict, w.Code)
	note := find(parseHTML(t, w.Body.String()), hasAttr("data-note-for", name))
	require.NotNil(t, note)
	assert.Equal(t, "Not saved: you had checked this box.", textOf(note))
}

// A required boolean posts "false" when unchecked even while unset (no is an answer), and its
// box is not required to be checked; a read-only one is a disabled box that posts nothing.
func TestSettingsCheckboxRequiredReadOnly(t *testing.T) {
	var cfg map[string]any
	require.NoError(t, json.Unmarshal(demoConfig, &cfg))
	custom := cfg["user_profile"].(map[string]any)["custom_attributes"].(map[string]any)
	custom["attributes"] = append(custom["attributes"].([]any),
		map[string]any{"id": "0101", "pointer": "/terms_accepted", "type": "boolean", "required": []string{"end_user"},
			"access_control": map[string]any{"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
		map[string]any{"id": "0102", "pointer": "/vip", "type": "boolean",
			"access_control": map[string]any{"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}})
	raw, err := json.Marshal(cfg)
	require.NoError(t, err)
	s := newTestServer(t, string(raw))
	w := call(s, "PATCH", "/admin/users/alice", `{"custom_attributes": {"vip": true}}`, "Content-Type", mergePatch)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	b := &browser{s: s}
	doc := getSettings(t, b, "alice")

	terms := control(doc, "/custom_attributes/terms_accepted")
	require.NotNil(t, terms)
	_, req := attr(terms, "required")
	assert.False(t, req, "a required boolean may be false: the box itself is not required")
	assert.Equal(t, "Terms Accepted * (required)", textOf(find(doc, hasAttr("for", mustAttr(t, terms, "id")))))
	assert.Contains(t, mustAttr(t, terms, "aria-describedby"), "-hint")
	assert.True(t, hiddenFalse(t, doc, "/custom_attributes/terms_accepted"))

	vip := control(doc, "/custom_attributes/vip")
	require.NotNil(t, vip)
	assert.True(t, disabled(vip))
	assert.True(t, checked(vip))
	assert.False(t, hiddenFalse(t, doc, "/custom_attributes/vip"), "read-only: nothing posted")
	assert.Contains(t, textOf(find(doc, hasAttr("for", mustAttr(t, vip, "id")))), "(read-only)")

	form := formValues(doc)
	_, posted := form["/custom_attributes/vip"]
	assert.False(t, posted)
	resp := postSettings(b, "alice", form)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	v, _ := storedCustom(t, s, "terms_accepted")
	assert.Equal(t, customattr.BoolValue(false), v, "unchecked answers no")
	v, _ = storedCustom(t, s, "vip")
	assert.Equal(t, customattr.BoolValue(true), v, "the read-only box is kept")

	// A post that forges the read-only key is refused next to the box.
	form = formValues(getSettings(t, b, "alice"))
	form.Set("/custom_attributes/vip", "false")
	w = b.postForm("/settings?user=alice", form)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	assert.NotEmpty(t, errorNextTo(t, parseHTML(t, w.Body.String()), "/custom_attributes/vip"))
}
