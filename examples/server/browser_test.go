package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
)

// chromiumPath finds the Debian chromium binary. Without it the browser test is skipped on a
// developer machine and fails under CI (CI=true), whose .ci/run installs it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/run installs it with apt-get")
	}
	t.Skip("chromium is not installed (apt-get install chromium); the browser test runs in CI")
	return ""
}

// js quotes s as a JavaScript string literal.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestBrowserSettings drives the settings page in headless Chromium, like a person: find the
// language-tagged variants under their attributes (the city's inside the address); edit the
// given name and save; then use every control of the page (a time zone from its region's
// group, a language, the address country and a custom country, gender "other" with its text
// field, a birthdate with the year withheld, another of the user's email addresses), save,
// and find each value on the page and in the store; check a boolean's checkbox, save, reload
// and find it checked, uncheck it, save and find false stored; then a post with problems shows each one
// next to its field; last, a picture is uploaded with the page's file input and loads from the
// server. Screenshots are taken at 1200 and 400 CSS pixels wide, into
// PROFILEKIT_SCREENSHOT_DIR when set, else the test's temporary directory, and their paths
// logged.
func TestBrowserSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := chromiumPath(t)
	// The public picture URLs name the config's images.public_host: give it this server's
	// address, on a port picked free beforehand, so that the browser loads the uploaded picture.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	cfg := strings.Replace(string(demoConfig), `"public_host": "127.0.0.1:8080"`, `"public_host": "`+addr+`"`, 1)
	require.NotEqual(t, string(demoConfig), cfg, "the demo config names 127.0.0.1:8080")
	cfgPath := filepath.Join(t.TempDir(), "config.json")
	require.NoError(t, os.WriteFile(cfgPath, []byte(cfg), 0o644))
	base, _ := startRun(t, "-db", filepath.Join(t.TempDir(), "users.db"), "-addr", addr, "-config", cfgPath)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 1400),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx, chromedp.WithLogf(t.Logf))
	defer cancelTab()

	const (
		givenName   = chromedp.CSS(`input[name="/given_name"]`)
		birthdate   = chromedp.CSS(`input[name="/birthdate"]`)
		part        = chromedp.CSS(`select[name="birthdate_part"]`)
		gender      = chromedp.CSS(`select[name="/gender"]`)
		genderOther = chromedp.CSS(`input[name="gender_other"]`)
		zone        = chromedp.CSS(`select[name="/zoneinfo"]`)
		locale      = chromedp.CSS(`select[name="/locale"]`)
		country     = chromedp.CSS(`select[name="/address/country"]`)
		office      = chromedp.CSS(`select[name="/custom_attributes/office_country"]`)
		email       = chromedp.CSS(`select[name="/email"]`)
		shoeSize    = chromedp.CSS(`input[name="/custom_attributes/shoe_size"]`)
		saved       = chromedp.ID("saved")
		save        = chromedp.ID("save")
	)
	value := func(sel chromedp.CSS) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Value(sel))
		require.NoError(t, err)
		return v
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		require.NoError(t, err, expr)
		return v
	}
	// choose picks the option of a select by value, as a person's click would: the value
	// changes and input and change events fire. It fails when the select has no such option.
	choose := func(sel chromedp.CSS, v string) {
		t.Helper()
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
			const s = document.querySelector(`+js(string(sel))+`);
			if (![...s.options].some(o => o.value === `+js(v)+`)) return false;
			s.value = `+js(v)+`;
			s.dispatchEvent(new Event('input', {bubbles: true}));
			s.dispatchEvent(new Event('change', {bubbles: true}));
			return true;
		})()`))
		require.NoError(t, err)
		require.True(t, ok, "%s has an option %q", sel, v)
	}
	shown := func(sel string) bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(`+js(sel)+`).checkVisibility()`))
		require.NoError(t, err)
		return v
	}
	// submit presses Save and waits for the page the browser lands on (after the redirect of a
	// successful save), returning its HTTP status.
	submit := func() int64 {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(save))
		require.NoError(t, err)
		return resp.Status
	}
	stored := func() profile.Profile {
		t.Helper()
		resp, err := http.Get(base + "/admin/users/" + demoUserID)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var p profile.Profile
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&p))
		return p
	}

	// The page must work without JavaScript: it has none (its CSP allows none), and the test
	// runs with script execution disabled in the page (the test's own DevTools evaluations
	// still run).
	_, err = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/settings?user="+demoUserID),
		chromedp.WaitVisible(givenName),
	))
	assert.Equal(t, "Alice", value(givenName))
	assert.Equal(t, "0", eval(`String(document.scripts.length)`), "no script on the page")

	// Accessible names: every visible control has a label; a required one says so.
	unlabelled := eval(`[...document.querySelectorAll('form input:not([type=hidden]), form select, form textarea')]
		.filter(c => c.labels.length === 0).map(c => c.name).join(' ')`)
	assert.Empty(t, unlabelled, "controls without a label")
	assert.Equal(t, "true", eval(`String(document.querySelector('input[name="/given_name"]').required)`))
	assert.Equal(t, "Given Name *", eval(`document.querySelector('label[for="f-given_name"]').textContent.trim()`))

	// Language-tagged variants sit under their attribute, in their language: the city's inside
	// the address fieldset, the job title's after it.
	assert.Equal(t, "g-address ja-Kana-JP f-address-locality", eval(`(() => {
		const v = document.querySelector('[name="/address/locality#ja-Kana-JP"]');
		return [v.closest('fieldset').id, v.lang, v.closest('.field').previousElementSibling.querySelector('input').id].join(' ');
	})()`))
	assert.Equal(t, "ja /custom_attributes/job_title", eval(`(() => {
		const v = document.querySelector('[name="/custom_attributes/job_title#ja"]');
		return [v.lang, v.closest('.field').previousElementSibling.dataset.field].join(' ');
	})()`))

	// Edit a field like a person: clear it, type, press Save.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Clear(givenName),
		chromedp.SendKeys(givenName, "Alicia"),
	))
	require.Equal(t, int64(http.StatusOK), submit(), "saved: redirected to the page")
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(saved)))
	savedText, err := chromedp.Run(ctx, chromedp.Text(saved))
	require.NoError(t, err)
	assert.Contains(t, savedText, "saved")
	assert.Equal(t, "Alicia", value(givenName), "the page after the redirect shows the stored value")

	// The stored values are selected in their selects.
	assert.Equal(t, "Europe/London", value(zone))
	assert.Equal(t, "en-GB", value(locale))
	assert.Equal(t, "GB", value(country))
	assert.Equal(t, "alice@example.com", value(email))
	assert.Equal(t, "1990-04-01", value(birthdate))
	assert.Equal(t, "full", value(part))

	// Gender: the "other" text field is in the form but shown only while "Other" is chosen
	// (CSS :has, no script).
	assert.False(t, shown(`input[name="gender_other"]`), "no gender chosen: the other field is hidden")
	choose(gender, "female")
	assert.False(t, shown(`input[name="gender_other"]`))
	choose(gender, "other")
	assert.True(t, shown(`input[name="gender_other"]`), "other chosen: its text field shows")
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(genderOther, "non-binary")))

	// A zone from its region's group; a language; countries by name.
	assert.Equal(t, "America", eval(`document.querySelector('#f-zoneinfo option[value="America/Argentina/Buenos_Aires"]').parentElement.label`))
	choose(zone, "America/Argentina/Buenos_Aires")
	assert.Equal(t, "français", eval(`document.querySelector('#f-locale option[value="fr"]').textContent`), "in its own language")
	assert.Equal(t, "fr", eval(`document.querySelector('#f-locale option[value="fr"]').lang`))
	choose(locale, "fr")
	assert.Equal(t, "New Zealand", eval(`document.querySelector('#f-address-country option[value="NZ"]').textContent`))
	choose(country, "NZ")
	choose(office, "JP")

	// A birthdate without its year: pick the date, choose "day and month only".
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(birthdate, "1985-07-14")))
	assert.Equal(t, "1985-07-14", value(birthdate), "the date input took the date")
	choose(part, "month-day")

	// Another of the user's own email addresses.
	choose(email, "a.liddell@example.org")

	require.Equal(t, int64(http.StatusOK), submit(), "saved: redirected to the page")
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(saved)))
	assert.Equal(t, "America/Argentina/Buenos_Aires", value(zone))
	assert.Equal(t, "fr", value(locale))
	assert.Equal(t, "NZ", value(country))
	assert.Equal(t, "JP", value(office))
	assert.Equal(t, "other", value(gender))
	assert.Equal(t, "non-binary", value(genderOther))
	assert.True(t, shown(`input[name="gender_other"]`))
	assert.Equal(t, "month-day", value(part))
	assert.Equal(t, placeholderYear+"-07-14", value(birthdate), "a withheld year is shown as the placeholder year")
	assert.Contains(t, eval(`document.getElementById('f-birthdate-hint').textContent`), "14 July (year not shared)")
	assert.Equal(t, "a.liddell@example.org", value(email))

	p := stored()
	assert.Equal(t, "Alicia", p.GivenName)
	assert.Equal(t, "non-binary", p.Gender)
	assert.Equal(t, "0000-07-14", p.Birthdate)
	assert.Equal(t, "America/Argentina/Buenos_Aires", p.Zoneinfo)
	assert.Equal(t, "fr", p.Locale)
	assert.Equal(t, "a.liddell@example.org", p.Email)
	require.NotNil(t, p.Address)
	assert.Equal(t, "NZ", p.Address.Country)
	assert.Equal(t, customattr.StringValue("JP"), p.Custom["office_country"])

	// A boolean custom attribute is a checkbox: checked and saved, it comes back checked after
	// a reload; unchecked and saved, its hidden "false" stores false.
	newsletter := chromedp.CSS(`input[type=checkbox][name="/custom_attributes/newsletter"]`)
	isChecked := func() bool {
		t.Helper()
		return eval(`String(document.querySelector(`+js(string(newsletter))+`).checked)`) == "true"
	}
	reload := func() {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/settings?user="+demoUserID), chromedp.WaitVisible(newsletter)))
	}
	assert.Equal(t, "Newsletter", eval(`document.querySelector('label[for="f-custom_attributes-newsletter"]').textContent.trim()`))
	assert.False(t, isChecked(), "never set: unchecked")
	// clickSaveReload clicks the box, saves, reloads, and checks the box and the stored value.
	clickSaveReload := func(want bool) {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(newsletter)))
		assert.Equal(t, want, isChecked(), "after the click")
		require.Equal(t, int64(http.StatusOK), submit(), "saved: redirected to the page")
		require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(saved)))
		reload()
		assert.Equal(t, want, isChecked(), "after the reload")
		assert.Equal(t, customattr.BoolValue(want), stored().Custom["newsletter"], "stored")
	}
	clickSaveReload(true)
	clickSaveReload(false) // unchecking saves false

	// Problems: "the year only" with no date (the browser sends an empty date input for an
	// incomplete date: that is not taken as removing the birthdate) and a number the form
	// cannot parse. Each error is next to its field, its control marked invalid; the user's
	// language is French now, so the library's message is French.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(birthdate, ""),
		chromedp.Clear(shoeSize),
		chromedp.SendKeys(shoeSize, "1,5"),
	))
	choose(part, "year")
	require.Equal(t, int64(http.StatusUnprocessableEntity), submit())
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`p.error`))))
	errFor := eval(`[...document.querySelectorAll('p.error')].map(p => p.dataset.errorFor).join(' ')`)
	assert.Equal(t, "/birthdate /custom_attributes/shoe_size", errFor)
	assert.Contains(t, eval(`document.querySelector('input[name="/birthdate"]').closest('.field').querySelector('p.error').textContent`),
		"Pick a full date")
	assert.NotEmpty(t, eval(`document.querySelector('input[name="/custom_attributes/shoe_size"]').closest('.field').querySelector('p.error').textContent`))
	for _, name := range []string{"/birthdate", "/custom_attributes/shoe_size"} {
		assert.Equal(t, "true", eval(`document.querySelector('[name=`+js(name)+`]').getAttribute('aria-invalid')`), name)
		describedBy := eval(`document.querySelector('[name=` + js(name) + `]').getAttribute('aria-describedby')`)
		assert.Contains(t, describedBy, "-error", "%s points to its error message", name)
	}
	assert.Equal(t, "year", value(part), "what was chosen is kept for correction")
	assert.Equal(t, "1,5", value(shoeSize))
	assert.Equal(t, "non-binary", value(genderOther))

	// Screenshots of the page with every control, at a desktop and a phone width. The page
	// fits the narrow viewport without scrolling sideways.
	dir := os.Getenv("PROFILEKIT_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, width := range []int64{1200, 400} {
		require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)))
		overflow := eval(`String(document.documentElement.scrollWidth - document.documentElement.clientWidth)`)
		assert.Equal(t, "0", overflow, "no horizontal scrolling at %d px", width)
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(string(png), "\x89PNG"), "a PNG screenshot")
		out := filepath.Join(dir, fmt.Sprintf("settings-%d.png", width))
		require.NoError(t, os.WriteFile(out, png, 0o644))
		t.Logf("screenshot at %d px: %s (%d bytes)", width, out, len(png))
	}

	// The failed submission wrote nothing.
	p = stored()
	assert.Equal(t, "0000-07-14", p.Birthdate)
	n, _ := p.Custom["shoe_size"].Number()
	assert.Equal(t, "38", string(n))

	// Upload a picture with the page's file input, as a person would: the page comes back
	// showing it, the image loads from the server, and the profile holds its public URL.
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	file := filepath.Join(t.TempDir(), "me.png")
	require.NoError(t, os.WriteFile(file, buf.Bytes(), 0o644))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/settings?user="+demoUserID),
		chromedp.WaitVisible(chromedp.ID("picture-file")),
		chromedp.SetUploadFiles(chromedp.ID("picture-file"), []string{file}),
	))
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#picture-form button[type=submit]`)))
	require.NoError(t, err)
	require.Equal(t, int64(http.StatusOK), resp.Status, "uploaded: redirected to the page")
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("picture-current"))))
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`(async () => { const i = document.getElementById('picture-current'); await i.decode(); return String(i.naturalWidth); })()`,
		chromedp.EvalAwaitPromise))
	require.NoError(t, err, "the picture decodes")
	assert.NotEqual(t, "0", loaded, "the picture loads from the server")
	p = stored()
	assert.True(t, strings.HasPrefix(p.Picture, base+"/_images/"), "the profile shows the public URL: %q", p.Picture)
}
