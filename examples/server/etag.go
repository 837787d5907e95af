package main

import (
	"errors"
	"fmt"
	"strconv"
)

// etagOf is the strong entity tag of a version: "7".
func etagOf(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// entityTag is one entity-tag of an If-Match or If-None-Match list (RFC 9110 §8.8.3).
type entityTag struct {
	opaque string // the opaque-tag with its double quotes: "7"
	weak   bool   // W/"7"
}

// etagCondition is a parsed If-Match or If-None-Match field.
type etagCondition struct {
	present bool        // the field was sent (possibly empty: a list of no tags)
	any     bool        // the field is "*"
	tags    []entityTag // otherwise, every tag of every field line, in order
}

// parseETagCondition parses every line of an If-Match or If-None-Match field. The lines of a
// repeated field are one comma-separated list (RFC 9110 §5.2, §5.3): If-Match sent as two lines
// holds the tags of both. The field is "*" alone, or a list of entity-tags:
//
//	entity-tag = [ weak ] opaque-tag
//	weak       = %s"W/"
//	opaque-tag = DQUOTE *etagc DQUOTE
//	etagc      = %x21 / %x23-7E / obs-text
//
// etagc excludes DQUOTE and controls but includes the comma, so the quotes are parsed rather
// than the list split at commas: `"a,b"` is one tag. Empty list elements and whitespace around
// elements are skipped (RFC 9110 §5.6.1). Anything else (an unquoted tag, a "*" together with
// tags, a stray character) is an error: a precondition the server cannot read is neither
// ignored nor guessed at.
func parseETagCondition(lines []string) (etagCondition, error) {
	c := etagCondition{present: len(lines) > 0}
	stars := 0
	for _, line := range lines {
		i := 0
		for {
			for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == ',') {
				i++
			}
			if i == len(line) {
				break
			}
			if line[i] == '*' {
				stars++
				i++
			} else {
				t, n, err := parseEntityTag(line[i:])
				if err != nil {
					return etagCondition{}, err
				}
				c.tags = append(c.tags, t)
				i += n
			}
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
			if i < len(line) && line[i] != ',' {
				return etagCondition{}, fmt.Errorf("unexpected %q after an entity-tag: list elements are separated by commas", line[i])
			}
		}
	}
	switch {
	case stars > 0 && (stars > 1 || len(c.tags) > 0):
		return etagCondition{}, errors.New(`"*" must be the whole field, not an element of a list`)
	case stars == 1:
		c.any = true
	}
	return c, nil
}

// parseEntityTag parses the entity-tag at the start of s and returns it with its length.
func parseEntityTag(s string) (entityTag, int, error) {
	var t entityTag
	start := 0
	if len(s) >= 2 && s[0] == 'W' && s[1] == '/' {
		t.weak, start = true, 2
	}
	if start == len(s) || s[start] != '"' {
		return entityTag{}, 0, fmt.Errorf("an entity-tag is a quoted string, like %q or W/%q", `"7"`, `"7"`)
	}
	for j := start + 1; j < len(s); j++ {
		switch b := s[j]; {
		case b == '"':
			t.opaque = s[start : j+1]
			return t, j + 1, nil
		case b == 0x21 || 0x23 <= b && b <= 0x7E || b >= 0x80:
		default:
			return entityTag{}, 0, fmt.Errorf("character %q is not allowed in an entity-tag", b)
		}
	}
	return entityTag{}, 0, errors.New("an entity-tag lacks its closing double quote")
}

// matchStrong is the If-Match evaluation (RFC 9110 §13.1.1) for an existing resource whose
// current entity tag is etag, a strong tag: "*" matches, and a listed tag matches under the
// strong comparison (§8.8.3.2): neither tag weak and the opaque-tags identical. A weak tag
// never matches.
func (c etagCondition) matchStrong(etag string) bool {
	if c.any {
		return true
	}
	for _, t := range c.tags {
		if !t.weak && t.opaque == etag {
			return true
		}
	}
	return false
}

// matchWeak is the If-None-Match comparison (RFC 9110 §13.1.2) for an existing resource: "*"
// matches, and a listed tag matches under the weak comparison (the opaque-tags identical,
// weak or not).
func (c etagCondition) matchWeak(etag string) bool {
	if c.any {
		return true
	}
	for _, t := range c.tags {
		if t.opaque == etag {
			return true
		}
	}
	return false
}
