package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestBrowserSettings drives the settings page in headless Chromium: edit the given name and
// save, see the new value; enter an impossible birthdate, see the error next to that field;
// take a screenshot (into PROFILEKIT_SCREENSHOT when set, else a temporary directory).
func TestBrowserSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := chromiumPath(t)
	base, _ := startRun(t, "-db", filepath.Join(t.TempDir(), "users.db"))

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
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(900, 1400),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx, chromedp.WithLogf(t.Logf))
	defer cancelTab()

	const (
		givenName = chromedp.CSS(`input[name="/given_name"]`)
		birthdate = chromedp.CSS(`input[name="/birthdate"]`)
		saved     = chromedp.ID("saved")
		save      = chromedp.ID("save")
	)
	value := func(sel chromedp.CSS) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Value(sel))
		require.NoError(t, err)
		return v
	}
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/settings?user="+demoUserID),
		chromedp.WaitVisible(givenName),
	))
	assert.Equal(t, "Alice", value(givenName))

	// Edit a field like a person: clear it, type, press Save.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Clear(givenName),
		chromedp.SendKeys(givenName, "Alicia"),
		chromedp.Click(save),
		chromedp.WaitVisible(saved),
	))
	savedText, err := chromedp.Run(ctx, chromedp.Text(saved))
	require.NoError(t, err)
	assert.Contains(t, savedText, "saved")
	assert.Equal(t, "Alicia", value(givenName), "the page after the redirect shows the stored value")

	// An impossible date: the page comes back with the error inside the birthdate's field block.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Clear(birthdate),
		chromedp.SendKeys(birthdate, "1900-02-29"),
		chromedp.Click(save),
		chromedp.WaitVisible(chromedp.CSS(`p.error`)),
	))
	errText, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelector('input[name="/birthdate"]').closest('.field').querySelector('p.error').textContent`))
	require.NoError(t, err)
	assert.Contains(t, errText, "Birthdate is not a valid date")
	errFor, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('p.error'), p => p.dataset.errorFor)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"/birthdate"}, errFor, "the only error on the page is the birthdate's")
	invalid, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelector('input[name="/birthdate"]').getAttribute('aria-invalid')`))
	require.NoError(t, err)
	assert.Equal(t, "true", invalid)
	assert.Equal(t, "1900-02-29", value(birthdate), "what was typed is kept for correction")
	assert.Equal(t, "Alicia", value(givenName))

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(birthdate)))
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(png), "\x89PNG"), "a PNG screenshot")
	out := os.Getenv("PROFILEKIT_SCREENSHOT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "settings.png")
	}
	require.NoError(t, os.WriteFile(out, png, 0o644))
	t.Logf("screenshot: %s (%d bytes)", out, len(png))

	// The failed submission wrote nothing: the stored birthdate is the seeded one.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/settings?user="+demoUserID),
		chromedp.WaitVisible(birthdate),
	))
	assert.Equal(t, "1990-04-01", value(birthdate))
}
