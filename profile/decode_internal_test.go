package profile

import (
	"reflect"
	"strings"
	"testing"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/validation"
)

// TestAddressIndex holds addressIndex to a plain search of addressFields: every field, its
// prefixes, extensions and case variants, and other names of every length.
func TestAddressIndex(t *testing.T) {
	want := func(field string) int {
		for i, f := range addressFields {
			if f == field {
				return i
			}
		}
		return -1
	}
	names := []string{"", "a", "streetaddress", "street_addresS", "country#ja", "formatted ", strings.Repeat("x", 40)}
	for _, f := range addressFields {
		names = append(names, f, strings.ToUpper(f), f+"x", "x"+f[1:])
		for n := range len(f) {
			names = append(names, f[:n])
		}
	}
	for n := range 20 {
		names = append(names, strings.Repeat("r", n))
	}
	for _, name := range names {
		if got := addressIndex(name); got != want(name) {
			t.Errorf("addressIndex(%q) = %d, want %d", name, got, want(name))
		}
	}
}

// TestPutUpdateClears holds putUpdate's slot-by-slot clearing to a zero update: after updates
// that set every kind of slot (values, nulls, duplicates, derived claims, variants, invalid
// values), the pooled update holds nothing but its emptied buffers.
func TestPutUpdateClears(t *testing.T) {
	cfg, err := ParseConfig([]byte(`{"custom_attributes":{"attributes":[
		{"id":"1","pointer":"/a","type":"string"},{"id":"2","pointer":"/b","type":"integer"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{
		`{"name":"x","given_name":null,"email_verified":true,"updated_at":17,"family_name#ja":"y",
		  "address":{"locality":"L","region":null,"country#ja":"c"},
		  "custom_attributes":{"a":"v","b":null}}`,
		`{"name":"x","name":null,"phone_number_verified":null,"custom_attributes":{"b":"not a number","a":1}}`,
		`{"address":null,"custom_attributes":null,"nickname":"caf` + "\u00e9" + `"}`,
	} {
		for _, mode := range []Mode{Replace, MergePatch} {
			u := getUpdate(len(s.custom))
			var verr validation.Error
			s.decodeJSON([]byte(doc), u, &verr)
			_, _, _ = s.apply(nil, u, Update{Party: access.AdminAPI, Mode: mode}, &verr, false)
			putUpdate(u)
			custom, touched, variants := u.custom, u.touched, u.variants
			if !reflect.DeepEqual(*u, update{custom: custom, touched: touched, variants: variants}) {
				t.Errorf("%s %s: pooled update not cleared: %+v", mode, doc, *u)
			}
			if len(custom) != 0 || len(touched) != 0 || len(variants) != 0 {
				t.Errorf("%s %s: buffers not emptied", mode, doc)
			}
			for i, c := range custom[:cap(custom)] {
				if c != (customSlot{}) {
					t.Errorf("%s %s: custom slot %d kept %+v", mode, doc, i, c)
				}
			}
			for i, v := range variants[:cap(variants)] {
				if v != (variantSlot{}) {
					t.Errorf("%s %s: variant slot %d kept %+v", mode, doc, i, v)
				}
			}
		}
	}
}
