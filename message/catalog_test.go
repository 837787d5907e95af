package message

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/internal/claim"
)

// TestCatalogComplete fails when a message id, a part of a sentence or a label lacks a text in
// any of the six languages, or when a table has a key no message uses (a misspelt id).
func TestCatalogComplete(t *testing.T) {
	require.Len(t, translations, 6)
	all := keys()
	require.Len(t, all, len(spec)+4+(len(claim.Table)-1)+6)
	for _, tr := range translations {
		for _, k := range all {
			s := tr.texts[k]
			if tr.tag == translations[0].tag && strings.HasPrefix(k, labelPrefix) && !strings.HasPrefix(k, labelPrefix+"address/") {
				assert.Empty(t, s, "%s: English labels of the standard claims come from internal/claim", k)
				s = english(k)
			}
			assert.NotEmpty(t, strings.TrimSpace(s), "%s has no text for %q", tr.tag, k)
		}
		for k := range tr.texts {
			if base, ok := strings.CutSuffix(k, oneSuffix); ok {
				assert.Equal(t, argsLabelNumber, spec[base], "%s: %q is the singular of no counted message", tr.tag, k)
				continue
			}
			assert.Contains(t, all, k, "%s has a text for %q, which is no key", tr.tag, k)
		}
	}
	for id := range spec {
		assert.NotEmpty(t, advice[id], "no developer advice for %q", id)
	}
	for id := range advice {
		assert.Contains(t, spec, id, "advice for %q, which is no message id", id)
	}
}

// TestCatalogEntries renders every message of every language with sample arguments: each
// uses its arguments (a translation that drops the label or the bound fails), formats
// without errors, and holds nothing meant for programs.
func TestCatalogEntries(t *testing.T) {
	api := regexp.MustCompile(`/|_|\bJSON\b|Details|Update|Schema|\bnull\b|%!`)
	for _, l := range locales {
		for id, args := range spec {
			var s string
			switch args {
			case argsNone:
				s = l.p.Sprintf(id)
			case argsLabel:
				s = l.p.Sprintf(id, "LABEL")
			case argsLabelNumber:
				s = l.p.Sprintf(id, "LABEL", int64(4242))
			case argsLabelValues:
				s = l.p.Sprintf(id, "LABEL", "VALUES")
			case argsLabelDate:
				s = l.p.Sprintf(id, "LABEL", "2000-01-31")
			}
			assert.NotEqual(t, id, s, "%s %s: the catalog has no entry", l.tag, id)
			assert.False(t, api.MatchString(s), "%s %s: %q has a program's word or a format error", l.tag, id, s)
			if args != argsNone {
				assert.Contains(t, s, "LABEL", "%s %s", l.tag, id)
			} else {
				assert.NotContains(t, s, "LABEL", "%s %s", l.tag, id)
			}
			switch args {
			case argsLabelNumber:
				assert.Regexp(t, `4.?242`, s, "%s %s: the bound, localized", l.tag, id)
			case argsLabelValues:
				assert.Contains(t, s, "VALUES", "%s %s", l.tag, id)
			case argsLabelDate:
				assert.Contains(t, s, "2000-01-31", "%s %s: the date bound", l.tag, id)
			}
		}
		for _, k := range []string{keyLabel, keySuggest} {
			assert.Contains(t, l.p.Sprintf(k, "ARG"), "ARG", "%s %s", l.tag, k)
		}
		assert.NotContains(t, l.p.Sprintf(keyLabelNone), "%", "%s", l.tag)
	}
}

func TestAddressFieldsAndClaimsHaveLabels(t *testing.T) {
	for _, c := range claim.Table[1:] {
		key, ok := standardLabelKey("/" + c.Name)
		require.True(t, ok, c.Name)
		assert.Equal(t, c.Label, locales[0].p.Sprintf(key))
		assert.NotEqual(t, key, locales[4].p.Sprintf(key), "Japanese label of %s", c.Name)
	}
	_, ok := standardLabelKey("/address/planet")
	assert.False(t, ok)
	_, ok = standardLabelKey("/sub")
	assert.False(t, ok)
	l, ok := customLabel("/custom_attributes/shoe_size")
	assert.True(t, ok)
	assert.Equal(t, "Shoe Size", l)
	for _, p := range []string{"/custom_attributes/", "/custom_attributes/Shoe", "/custom_attributes/a/b", "/custom_attributes/" + strings.Repeat("a", 65), "/x"} {
		_, ok := customLabel(p)
		assert.False(t, ok, p)
	}
}

// TestCatalogCounts: a sentence that counts characters or values reads right for a bound of 1
// as for any other (the default bound of minItems is 1): "1 values", "1 Werte", "1 caractères",
// "1 valores" would be wrong. English has singular texts ("minItems/one"); the German, French
// and Spanish sentences are worded to hold for any count.
func TestCatalogCounts(t *testing.T) {
	wrong := regexp.MustCompile(`\b1 (values|characters|Werte|Werten|valeurs|caractères|valores|caracteres)\b`)
	for _, l := range locales {
		for _, id := range []string{"minLength", "maxLength", "minItems", "maxItems"} {
			for _, n := range []int64{1, 2, 1000} {
				s := l.p.Sprintf(id, "LABEL", n)
				assert.False(t, wrong.MatchString(s), "%s %s: %q", l.tag, id, s)
			}
		}
	}
	assert.Equal(t, "LABEL needs at least one value.", locales[0].p.Sprintf("minItems", "LABEL", int64(1)))
	assert.Equal(t, "LABEL needs at least 2 values.", locales[0].p.Sprintf("minItems", "LABEL", int64(2)))
	assert.Equal(t, "LABEL can be at most 1 character long.", locales[0].p.Sprintf("maxLength", "LABEL", int64(1)))
}

// TestCatalogPunctuation: French puts a no-break space inside « » and before : ? ! ;, and
// Japanese and Traditional Chinese use full-width punctuation.
func TestCatalogPunctuation(t *testing.T) {
	frSpace := regexp.MustCompile(`[ ][:?!;»]|«[ ]`)
	for k, s := range fr {
		assert.False(t, frSpace.MatchString(s), "fr %s: %q needs a no-break space", k, s)
	}
	ascii := regexp.MustCompile(`[,:;?!()]`)
	for name, tbl := range map[string]map[string]string{"ja": ja, "zh-Hant": zhHant} {
		for k, s := range tbl {
			assert.False(t, ascii.MatchString(s), "%s %s: %q has half-width punctuation", name, k, s)
		}
	}
}
