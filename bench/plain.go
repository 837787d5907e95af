package bench

import (
	"encoding/json"
	"errors"
	"maps"
	"strconv"
	"strings"
)

// This file is the access check and the merge that the jsonschema and validator engines do in
// plain Go after validation, so that every engine does the same work as profilekit's Apply:
// validate, check the end user's access on what changes, check that identity-coupled claims
// are owned, merge (RFC 7396).

type level uint8

const (
	hidden level = iota
	readOnly
	readWrite
)

func parseLevel(s string) level {
	switch s {
	case "readwrite":
		return readWrite
	case "readonly":
		return readOnly
	}
	return hidden
}

// policy is what the end user may do, per attribute, under the reference config, and the
// values of the identity-coupled claims the user owns.
type policy struct {
	std    map[string]level // standard claims; "address" as a whole
	custom map[string]level // custom attributes by name
	owned  map[string][]string
}

// endUserDefaults are the end user's levels when the config gives no rule (DESIGN.md, access).
var endUserDefaults = map[string]level{
	"given_name": readWrite, "family_name": readWrite, "picture": readWrite, "gender": readWrite,
	"birthdate": readWrite, "zoneinfo": readWrite, "locale": readWrite, "email": readWrite,
	"phone_number": readWrite, "preferred_username": readWrite,
	"name": hidden, "middle_name": hidden, "nickname": hidden, "profile": hidden, "website": hidden,
	"address": hidden,
}

// coupledKind maps an identity-coupled claim to the identity kind that owns its value.
var coupledKind = map[string]string{"email": "email", "phone_number": "phone", "preferred_username": "username"}

func newPolicy(ref *Reference) (*policy, error) {
	type rule struct {
		EndUser string `json:"end_user"`
	}
	var cfg struct {
		StandardAttributes struct {
			AccessControl []struct {
				Pointer       string `json:"pointer"`
				AccessControl rule   `json:"access_control"`
			} `json:"access_control"`
		} `json:"standard_attributes"`
		CustomAttributes struct {
			Attributes []struct {
				Pointer       string `json:"pointer"`
				AccessControl *rule  `json:"access_control"`
			} `json:"attributes"`
		} `json:"custom_attributes"`
	}
	if err := json.Unmarshal(ref.Config.UserProfile, &cfg); err != nil {
		return nil, err
	}
	p := &policy{std: maps.Clone(endUserDefaults), custom: map[string]level{}, owned: map[string][]string{}}
	for _, e := range cfg.StandardAttributes.AccessControl {
		p.std[strings.TrimPrefix(e.Pointer, "/")] = parseLevel(e.AccessControl.EndUser)
	}
	for _, a := range cfg.CustomAttributes.Attributes {
		l := hidden
		if a.AccessControl != nil {
			l = parseLevel(a.AccessControl.EndUser)
		}
		p.custom[strings.TrimPrefix(a.Pointer, "/")] = l
	}
	var ids []struct {
		Kind  string `json:"kind"`
		Value string `json:"value"`
	}
	if err := json.Unmarshal(ref.Identities, &ids); err != nil {
		return nil, err
	}
	for claim, kind := range coupledKind {
		for _, id := range ids {
			if id.Kind == kind {
				p.owned[claim] = append(p.owned[claim], id.Value)
			}
		}
	}
	return p, nil
}

// Errors is every problem an engine found in one update.
type Errors []string

func (e Errors) Error() string { return strings.Join(e, "; ") }

// checkStd checks that the end user may change the standard claim name to nv ("" removes it).
func (p *policy) checkStd(errs *Errors, name, nv string) bool {
	if p.std[name] != readWrite {
		*errs = append(*errs, "/"+name+": forbidden for the end user")
		return false
	}
	if _, ok := coupledKind[name]; ok && nv != "" {
		for _, v := range p.owned[name] {
			if v == nv {
				return true
			}
		}
		*errs = append(*errs, "/"+name+": not a value the user owns")
		return false
	}
	return true
}

// mergeMap merges a validated patch (as decoded by jsonschema.UnmarshalJSON) into cur,
// checking access on what changes. cur is not modified.
func (p *policy) mergeMap(cur, patch map[string]any) (map[string]any, error) {
	var errs Errors
	next := maps.Clone(cur)
	if next == nil {
		next = map[string]any{}
	}
	for k, v := range patch {
		switch k {
		case "address":
			old, _ := cur[k].(map[string]any)
			nv := mergeObject(old, v)
			if sameJSON(old, nv) {
				continue
			}
			if p.checkStd(&errs, k, "") {
				setOrDelete(next, k, nv)
			}
		case "custom_attributes":
			old, _ := cur[k].(map[string]any)
			nc := p.mergeCustom(&errs, old, v)
			setOrDelete(next, k, nc)
		default:
			old, _ := cur[k].(string)
			nv, _ := v.(string)
			if old == nv {
				continue
			}
			if p.checkStd(&errs, k, nv) {
				setOrDelete(next, k, v)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return next, nil
}

// mergeCustom merges the custom_attributes member of a patch (nil removes all) into old,
// checking access per attribute that changes. It returns the new map, nil when empty.
func (p *policy) mergeCustom(errs *Errors, old map[string]any, patch any) map[string]any {
	pm, _ := patch.(map[string]any)
	if patch == nil {
		pm = make(map[string]any, len(old))
		for k := range old {
			pm[k] = nil
		}
	}
	var next map[string]any
	for k, v := range pm {
		if sameJSON(old[k], v) {
			continue
		}
		if p.custom[k] != readWrite {
			*errs = append(*errs, "/custom_attributes/"+k+": forbidden for the end user")
			continue
		}
		if next == nil {
			next = maps.Clone(old)
			if next == nil {
				next = make(map[string]any, len(pm))
			}
		}
		setOrDelete(next, k, v)
	}
	if next == nil {
		next = old
	}
	if len(next) == 0 {
		return nil
	}
	return next
}

func setOrDelete(m map[string]any, k string, v any) {
	if isNil(v) {
		delete(m, k)
		return
	}
	m[k] = v
}

func isNil(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case map[string]any:
		return v == nil
	}
	return false
}

// mergeObject is RFC 7396 for an object member: null removes, an object merges member by
// member; the result is nil when no member is left.
func mergeObject(old map[string]any, patch any) map[string]any {
	pm, ok := patch.(map[string]any)
	if !ok { // null
		return nil
	}
	next := maps.Clone(old)
	if next == nil {
		next = make(map[string]any, len(pm))
	}
	for k, v := range pm {
		setOrDelete(next, k, v)
	}
	if len(next) == 0 {
		return nil
	}
	return next
}

// sameJSON reports whether two decoded JSON values are equal; numbers compare by value
// whether they came as json.Number or float64.
func sameJSON(a, b any) bool {
	if isNil(a) || isNil(b) {
		return isNil(a) && isNil(b)
	}
	switch a := a.(type) {
	case string:
		b, ok := b.(string)
		return ok && a == b
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			if !sameJSON(v, b[k]) {
				return false
			}
		}
		return true
	}
	x, ok1 := number(a)
	y, ok2 := number(b)
	return ok1 && ok2 && x == y
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		return f, err == nil
	}
	return 0, false
}

var errNotObject = errors.New("update: not a JSON object")
