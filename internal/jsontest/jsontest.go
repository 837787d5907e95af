// Package jsontest holds the oracle that the tests of the one config decoder
// (internal/strictjson) compare with: encoding/json's own tokenizer, read strictly. It is
// used by tests only.
package jsontest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// Members walks data with encoding/json's tokenizer and returns every object member as
// "path/key" (array elements are "[]" in the path), and the paths of members that repeat a
// key of their object. ok is false when data is not valid UTF-8, not one valid JSON value
// (data after it included), or escapes a lone surrogate (which encoding/json replaces with
// U+FFFD and a strict decoder rejects).
func Members(data []byte) (members, repeated []string, ok bool) {
	if !utf8.Valid(data) || !json.Valid(data) {
		return nil, nil, false
	}
	lower := bytes.ToLower(data)
	mayReplace := bytes.Contains(lower, []byte(`\ud`)) && !bytes.Contains(data, []byte("\uFFFD")) && !bytes.Contains(lower, []byte(`\ufffd`))
	replaced := false
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // -1e400 is a JSON number, whatever float64 makes of it
	var walk func(path string) bool
	walk = func(path string) bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if s, ok := tok.(string); ok && strings.ContainsRune(s, utf8.RuneError) {
			replaced = true
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, _ := dec.Token()
				if strings.ContainsRune(k.(string), utf8.RuneError) {
					replaced = true
				}
				p := path + "/" + k.(string)
				if seen[p] {
					repeated = append(repeated, p)
				}
				seen[p] = true
				members = append(members, p)
				if !walk(p) {
					return false
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for dec.More() {
				if !walk(path + "/[]") {
					return false
				}
			}
			_, err = dec.Token()
		}
		return err == nil
	}
	if !walk("") {
		return nil, nil, false
	}
	_, err := dec.Token()
	return members, repeated, errors.Is(err, io.EOF) && !(mayReplace && replaced)
}

// Only reports whether every path is one of allowed or lies under one of the prefixes
// (given with a trailing "/").
func Only(paths []string, allowed ...string) bool {
	for _, p := range paths {
		ok := false
		for _, a := range allowed {
			ok = ok || p == a || (strings.HasSuffix(a, "/") && strings.HasPrefix(p, a))
		}
		if !ok {
			return false
		}
	}
	return true
}
