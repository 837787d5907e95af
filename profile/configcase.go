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
	walkKeyCase(sc, configKeys, make([]string, 0, 8), &verr)
	if verr.Len() == 0 {
		return nil
	}
	verr.Sort()
	return &verr
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// typeKeys is what the walk needs to know of one config type, computed once.
type typeKeys struct {
	kind   reflect.Kind         // Struct, Slice or Array; anything else is skipped
	self   bool                 // the type decodes itself (json.Unmarshaler): not entered
	fields map[string]*typeKeys // struct: json name -> field type
	folded map[string]string    // struct: lower-case json name -> json name
	elem   *typeKeys            // slice or array element
}

// configKeys describes Config and every type inside it. It is built once at package
// initialization and never changed.
var configKeys = buildTypeKeys(reflect.TypeFor[Config](), map[reflect.Type]*typeKeys{})

func buildTypeKeys(t reflect.Type, seen map[reflect.Type]*typeKeys) *typeKeys {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if k, ok := seen[t]; ok {
		return k
	}
	k := &typeKeys{kind: t.Kind(), self: reflect.PointerTo(t).Implements(unmarshalerType)}
	seen[t] = k
	if k.self {
		return k
	}
	switch t.Kind() {
	case reflect.Struct:
		k.fields, k.folded = map[string]*typeKeys{}, map[string]string{}
		addFields(t, k, seen)
	case reflect.Slice, reflect.Array:
		k.elem = buildTypeKeys(t.Elem(), seen)
	}
	return k
}

func addFields(t reflect.Type, k *typeKeys, seen map[reflect.Type]*typeKeys) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
			continue
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			addFields(f.Type, k, seen)
			continue
		case name == "":
			name = f.Name
		}
		k.fields[name] = buildTypeKeys(f.Type, seen)
		k.folded[strings.ToLower(name)] = name
	}
}

func walkKeyCase(sc *jsonscan.Scanner, k *typeKeys, path []string, verr *validation.Error) bool {
	switch {
	case k == nil || k.self:
	case k.kind == reflect.Struct && sc.Peek() == jsonscan.Object:
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
			p := append(path, key)
			fk, exact := k.fields[key]
			if !exact {
				if name, ok := k.folded[strings.ToLower(key)]; ok {
					verr.Add(&validation.Cause{Location: validation.Pointer(p...), Kind: validation.KindUnknown, Details: validation.Details{
						Actual: key, Suggest: name, Message: "member names are case-sensitive: did you mean " + strconv.Quote(name) + "?"}})
				}
			}
			if !walkKeyCase(sc, fk, p, verr) {
				return false
			}
		}
	case (k.kind == reflect.Slice || k.kind == reflect.Array) && sc.Peek() == jsonscan.Array:
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
			if !walkKeyCase(sc, k.elem, append(path, strconv.Itoa(i)), verr) {
				return false
			}
		}
	}
	return sc.Skip() == nil
}
