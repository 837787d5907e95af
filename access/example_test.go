package access_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/validation"
)

func ExampleNewPolicy() {
	p, err := access.NewPolicy(access.Config{
		Standard: map[string]access.Rule{
			"name": {EndUser: access.ReadWrite, Bearer: access.ReadOnly, Portal: access.ReadWrite},
		},
		Custom: map[string]access.Rule{
			"employee_id": {EndUser: access.ReadOnly, Bearer: access.ReadOnly, Portal: access.ReadWrite},
			"shoe_size":   access.DefaultRule("shoe_size"),
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Level(access.EndUser, "name").CanWrite())
	fmt.Println(p.Level(access.EndUser, "employee_id").CanRead(), p.Level(access.EndUser, "employee_id").CanWrite())
	fmt.Println(p.Level(access.Bearer, "shoe_size").CanRead(), p.Level(access.Portal, "shoe_size").CanWrite())
	fmt.Println(p.Level(access.AdminAPI, "employee_id").CanWrite(), p.Level(access.Bearer, "email").CanWrite())
	// Output:
	// true
	// true false
	// false true
	// true false
}

func ExamplePolicy_Check() {
	p, _ := access.NewPolicy(access.Config{Custom: map[string]access.Rule{
		"employee_id": {EndUser: access.ReadOnly, Bearer: access.ReadOnly, Portal: access.ReadWrite},
	}})
	// The caller checks only what changes; an unchanged employee_id would not be checked.
	changes := []struct {
		attr string
		op   access.Op
	}{{"given_name", access.OpChange}, {"employee_id", access.OpChange}, {"nickname", access.OpAdd}}
	var verr validation.Error
	for _, ch := range changes {
		var c *validation.Cause
		if errors.As(p.Check(access.EndUser, ch.attr, ch.op), &c) {
			fmt.Println(c.Location, c.Kind, c.Details.Party, c.Details.Level, c.Details.Operation)
			verr.Add(c)
		}
	}
	fmt.Println(verr.Err())
	// Output:
	// /employee_id forbidden end_user readonly change
	// /nickname forbidden end_user hidden add
	// 2 problems:
	//   /employee_id: forbidden: end_user may not change employee_id: its level is readonly
	//   /nickname: forbidden: end_user may not add nickname: its level is hidden
}

func ExampleRule_Validate() {
	r := access.Rule{EndUser: access.ReadWrite, Bearer: access.Hidden, Portal: access.ReadOnly}
	var c *validation.Cause
	errors.As(r.Validate(), &c)
	fmt.Println(c.Kind)
	fmt.Println(c.Details.Message)
	fmt.Println(c.Details.Suggest)
	errors.As(access.Rule{Bearer: access.ReadOnly}.Validate(), &c) // a partial rule
	fmt.Println(c.Details.Suggest)
	// Output:
	// enum
	// illegal access rule readwrite/hidden/readonly (end_user/bearer/portal_ui): the end user has more access than the portal; an end user who can see the attribute implies a bearer who can read it; the nearest legal rule is readwrite/readonly/readwrite
	// readwrite/readonly/readwrite
	// hidden/readonly/readonly
}

func ExampleStandardConfig_Rules() {
	const yamlAsJSON = `{"access_control": [
		{"pointer": "/name", "access_control": {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}},
		{"pointer": "/address/country", "access_control": {"end_user": "readonly", "bearer": "readonly", "portal_ui": "readwrite"}},
		{"pointer": "/name", "access_control": {"end_user": "readwrite", "bearer": "readwrite", "portal_ui": "readwrite"}}
	]}`
	var sc access.StandardConfig
	if err := json.Unmarshal([]byte(yamlAsJSON), &sc); err != nil {
		fmt.Println(err)
		return
	}
	_, err := sc.Rules()
	var verr *validation.Error
	if errors.As(err, &verr) {
		for _, c := range verr.Causes {
			fmt.Println(c.Location, c.Kind, c.Details.Suggest)
		}
	}
	// Output:
	// /access_control/1/pointer enum /address
	// /access_control/2/access_control enum readwrite/readonly/readwrite
	// /access_control/2/pointer duplicated <nil>
}

func ExampleRule_writeOnce() {
	p, _ := access.NewPolicy(access.Config{Custom: map[string]access.Rule{
		"employee_id": {EndUser: access.ReadWrite, Bearer: access.ReadOnly, Portal: access.ReadWrite, WriteOnce: true},
	}})
	fmt.Println(p.Check(access.EndUser, "employee_id", access.OpAdd) == nil)
	fmt.Println(p.Check(access.EndUser, "employee_id", access.OpChange) == nil)
	fmt.Println(p.Check(access.AdminAPI, "employee_id", access.OpChange) == nil)
	fmt.Println(p.Check(access.Portal, "employee_id", access.OpRemove))
	// Output:
	// true
	// false
	// true
	// /employee_id: forbidden: employee_id is write-once: portal_ui may add it while it is absent, not remove it once set
}

func ExamplePolicy_Level_derived() {
	p, _ := access.NewPolicy(access.Config{Standard: map[string]access.Rule{
		"email":        {EndUser: access.ReadWrite, Bearer: access.ReadOnly, Portal: access.ReadWrite},
		"phone_number": {EndUser: access.Hidden, Bearer: access.Hidden, Portal: access.ReadWrite},
	}})
	fmt.Println(p.Level(access.Bearer, "email_verified").CanRead(), p.Level(access.AdminAPI, "email_verified").CanWrite())
	fmt.Println(p.Level(access.Bearer, "phone_number_verified").CanRead(), p.Level(access.Portal, "phone_number_verified").CanRead())
	fmt.Println(p.Level(access.Bearer, "updated_at").CanRead())
	// Output:
	// true false
	// false true
	// true
}

// Where the same attributes are decided many times, resolve each rule once and decide with
// the rule's own methods: a few nanoseconds, no allocation.
func ExamplePolicy_Rule() {
	p, _ := access.NewPolicy(access.Config{}) // the default rules
	r, ok := p.Rule("birthdate")
	fmt.Println(ok, r)
	for party := access.EndUser; party <= access.AdminAPI; party++ {
		fmt.Println(party, r.Level(party), r.Allows(party, access.OpChange))
	}
	// Output:
	// true readwrite/readonly/readwrite
	// end_user readwrite true
	// bearer readonly false
	// portal_ui readwrite true
	// admin_api readwrite true
}
