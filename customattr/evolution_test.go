package customattr_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/validation"
)

func TestCheckEvolution(t *testing.T) {
	type D = customattr.Definition
	base := []D{
		{ID: "1", Pointer: "/x_age", Type: "integer", Minimum: "0", Maximum: "150"},
		{ID: "2", Pointer: "/x_size", Type: "enum", Enum: []string{"S", "M", "L"}},
		{ID: "3", Pointer: "/x_note", Type: "string"},
		{ID: "4", Pointer: "/x_mail", Type: "email"},
	}
	tests := []struct {
		name     string
		next     []D
		breaking []causeAt
		warnings []causeAt
	}{
		{"unchanged", base, nil, nil},
		{"reorder, rename, add, loosen", []D{
			{ID: "4", Pointer: "/work_mail", Type: "email"},
			{ID: "5", Pointer: "/x_new", Type: "number", Minimum: "1"},
			{ID: "2", Pointer: "/x_size", Type: "enum", Enum: []string{"XS", "S", "M", "L", "XL"}},
			{ID: "1", Pointer: "/x_age", Type: "integer", Minimum: "-1"},
			{ID: "3", Pointer: "/x_note", Type: "string", MaxLength: 2000},
		}, nil, nil},
		{"deletion", []D{base[0], base[1], base[3]}, []causeAt{{"", "immutable"}}, nil},
		{"changed id is a deletion", []D{base[0], base[1], {ID: "33", Pointer: "/x_note", Type: "string"}, base[3]},
			[]causeAt{{"", "immutable"}}, nil},
		{"type change", []D{base[0], base[1], {ID: "3", Pointer: "/x_note", Type: "url"}, base[3]},
			[]causeAt{{"/2/type", "immutable"}}, nil},
		{"reused id", []D{base[0], base[1], {ID: "3", Pointer: "/x_score", Type: "number"}, base[3]},
			[]causeAt{{"/2/id", "immutable"}}, nil},
		{"everything at once", []D{{ID: "1", Pointer: "/x_age", Type: "number"}, {ID: "2", Pointer: "/x_size", Type: "string"}},
			[]causeAt{{"", "immutable"}, {"", "immutable"}, {"/0/type", "immutable"}, {"/1/type", "immutable"}}, nil},
		{"tightened", []D{
			{ID: "1", Pointer: "/x_age", Type: "integer", Minimum: "1", Maximum: "120"},
			{ID: "2", Pointer: "/x_size", Type: "enum", Enum: []string{"M", "L", "XL"}},
			{ID: "3", Pointer: "/x_note", Type: "string", MinLength: 3, MaxLength: 100, Pattern: "^[a-z ]*$"},
			base[3],
		}, nil, []causeAt{
			{"/0/maximum", "maximum"}, {"/0/minimum", "minimum"}, {"/1/enum", "enum"},
			{"/2/max_length", "maxLength"}, {"/2/min_length", "minLength"}, {"/2/pattern", "pattern"},
		}},
		{"bounds added", []D{
			{ID: "1", Pointer: "/x_age", Type: "integer", Minimum: "0.0e0", Maximum: "150"}, // same values, other spelling
			base[1], {ID: "3", Pointer: "/x_note", Type: "string", MinLength: 1}, base[3],
		}, nil, nil},
		{"swapped names", []D{
			{ID: "1", Pointer: "/x_age", Type: "integer", Minimum: "0", Maximum: "150"},
			base[1],
			{ID: "3", Pointer: "/x_mail_note", Type: "string"},
			{ID: "4", Pointer: "/x_note", Type: "email"},
		}, nil, []causeAt{{"/3/pointer", "immutable"}}},
		{"single- to multi-valued", []D{base[0], base[1], {ID: "3", Pointer: "/x_note", Type: "string", Multiple: true}, base[3]},
			[]causeAt{{"/2/multiple", "immutable"}}, nil},
		{"a new multi-valued attribute", []D{base[0], base[1], base[2], {ID: "4", Pointer: "/x_mail", Type: "email"}, {ID: "9", Pointer: "/x_tags", Type: "string", Multiple: true}}, nil, nil},
		{"rename old, new attribute takes its name (the documented migration)", []D{
			base[0], base[1],
			{ID: "3", Pointer: "/x_note_old", Type: "string"},
			base[3],
			{ID: "5", Pointer: "/x_note", Type: "url"},
		}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			warnings, err := customattr.CheckEvolution(base, tt.next)
			if tt.breaking == nil {
				assert.NoError(t, err)
			} else {
				assert.Equal(t, tt.breaking, causesOf(t, err))
			}
			var got []causeAt
			for _, w := range warnings {
				got = append(got, causeAt{w.Location, w.Kind})
				assert.NotEmpty(t, w.Details.Message)
			}
			assert.Equal(t, tt.warnings, got)
		})
	}
}

func TestCheckEvolutionLists(t *testing.T) {
	prev := []customattr.Definition{{ID: "1", Pointer: "/x_tags", Type: "string", Multiple: true, MaxItems: 10}}
	next := []customattr.Definition{{ID: "1", Pointer: "/x_tags", Type: "string", Multiple: true, MinItems: 2, MaxItems: 5, UniqueItems: true}}
	warnings, err := customattr.CheckEvolution(prev, next)
	require.NoError(t, err)
	var got []causeAt
	for _, w := range warnings {
		got = append(got, causeAt{w.Location, w.Kind})
	}
	assert.Equal(t, []causeAt{{"/0/max_items", "maxItems"}, {"/0/min_items", "minItems"}, {"/0/unique_items", "uniqueItems"}}, got)
	warnings, err = customattr.CheckEvolution(next, prev) // loosened
	require.NoError(t, err)
	assert.Empty(t, warnings)
}

func TestCheckEvolutionDetails(t *testing.T) {
	prev := []customattr.Definition{
		{ID: "0000", Pointer: "/x_a", Type: "string"},
		{ID: "0001", Pointer: "/x_b", Type: "integer", Minimum: "0"},
		{ID: "0002", Pointer: "/x_c", Type: "enum", Enum: []string{"a", "b"}},
	}
	next := []customattr.Definition{
		{ID: "0001", Pointer: "/x_b", Type: "integer", Minimum: "5"},
		{ID: "0002", Pointer: "/x_c", Type: "enum", Enum: []string{"a"}},
	}
	warnings, err := customattr.CheckEvolution(prev, next)
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Causes, 1)
	assert.Equal(t, "0000", verr.Causes[0].Details.Expected)
	assert.Contains(t, verr.Causes[0].Details.Message, `custom attribute of id "0000" (/x_a, at /0 in the previous list) was deleted`)
	require.Len(t, warnings, 2)
	assert.Equal(t, json.Number("5"), warnings[0].Details.Expected)
	assert.Equal(t, json.Number("0"), warnings[0].Details.Actual)
	assert.Equal(t, []string{"a"}, warnings[1].Details.Expected)
	assert.Equal(t, []string{"b"}, warnings[1].Details.Actual)

	_, err = customattr.CheckEvolution(prev[:1], []customattr.Definition{{ID: "0000", Pointer: "/x_a", Type: "integer"}})
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, validation.Details{Expected: "string", Actual: "integer",
		Message: `custom attribute of id "0000" has type changed; original: string, incoming: integer; create a new attribute and migrate the values instead`},
		verr.Causes[0].Details)
}

func ExampleCheckEvolution() {
	prev := []customattr.Definition{
		{ID: "0001", Pointer: "/x_age", Type: customattr.Integer},
		{ID: "0002", Pointer: "/x_size", Type: customattr.Enum, Enum: []string{"S", "M", "L"}},
		{ID: "0003", Pointer: "/x_note", Type: customattr.String},
	}
	next := []customattr.Definition{
		{ID: "0002", Pointer: "/shirt_size", Type: customattr.Enum, Enum: []string{"M", "L"}}, // renamed, reordered, option removed
		{ID: "0001", Pointer: "/x_age", Type: customattr.Number},                              // type changed
	}
	warnings, err := customattr.CheckEvolution(prev, next)
	fmt.Println(err)
	for _, w := range warnings {
		fmt.Println("warning:", w)
	}
	// Output:
	// 2 problems:
	//   immutable: custom attribute of id "0003" (/x_note, at /2 in the previous list) was deleted; attributes cannot be deleted: rename and hide it instead
	//   /1/type: immutable: custom attribute of id "0001" has type changed; original: integer, incoming: number; create a new attribute and migrate the values instead
	// warning: /0/enum: enum: options removed: S; stored values may no longer be valid
}
