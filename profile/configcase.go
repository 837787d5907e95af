package profile

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	"github.com/profilekit/profilekit/internal/jsonscan"
	"github.com/profilekit/profilekit/validation"
)

// checkKeyCase reports every member name of a config that matches a Config field only when
// case is ignored ("MAX_LENGTH" for "max_length"). encoding/json accepts those; a strict config
// must not, as the custom attribute list (customattr) already does not. The allowed names come
// from the json tags of the Config types themselves. Types with their own UnmarshalJSON check
// their members themselves and are not entered.
func checkKeyCase(data []byte) *validation.Error {
	var verr validation.Error
	sc := jsonscan.New(string(data))
	walkKeyCase(sc, reflect.TypeFor[Config](), make([]string, 0, 8), &verr)
	if verr.Len() == 0 {
		return nil
	}
	verr.Sort()
	return &verr
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

func walkKeyCase(sc *jsonscan.Scanner, t reflect.Type, path []string, verr *validation.Error) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return sc.Skip() == nil
	}
	switch {
	case t.Kind() == reflect.Struct && sc.Peek() == jsonscan.Object:
		if sc.BeginObject() != nil {
			return false
		}
		for {
			key, ok, err := sc.NextKey()
			if err != nil {
				return false
			}
			if !ok {
				return true
			}
			ft, exact, folded := fieldByJSONName(t, key)
			p := append(path, key)
			if !exact && folded != "" {
				verr.Add(&validation.Cause{Location: validation.Pointer(p...), Kind: validation.KindUnknown, Details: validation.Details{
					Actual: key, Suggest: folded, Message: "member names are case-sensitive: did you mean " + strconv.Quote(folded) + "?"}})
			}
			if ft == nil {
				if sc.Skip() != nil {
					return false
				}
				continue
			}
			if !walkKeyCase(sc, ft, p, verr) {
				return false
			}
		}
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && sc.Peek() == jsonscan.Array:
		if sc.BeginArray() != nil {
			return false
		}
		for i := 0; ; i++ {
			ok, err := sc.NextElem()
			if err != nil {
				return false
			}
			if !ok {
				return true
			}
			if !walkKeyCase(sc, t.Elem(), append(path, strconv.Itoa(i)), verr) {
				return false
			}
		}
	}
	return sc.Skip() == nil
}

// fieldByJSONName finds the field of struct t (embedded structs included) whose json name is
// key: exactly, or else ignoring case (folded is then the exact name).
func fieldByJSONName(t reflect.Type, key string) (ft reflect.Type, exact bool, folded string) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			if eft, ex, fo := fieldByJSONName(f.Type, key); eft != nil {
				if ex {
					return eft, true, ""
				}
				ft, folded = eft, fo
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f.Type, true, ""
		}
		if ft == nil && strings.EqualFold(name, key) {
			ft, folded = f.Type, name
		}
	}
	return ft, false, folded
}
