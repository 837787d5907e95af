package profile_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/profile"
)

// The storage form keys custom attributes by definition id; a key no definition has (an
// orphan) is kept under its own key, unchanged, so no conversion loses data (moved here from
// customattr's TestStorage when its ToStorage, ToRepresentation and Orphans became profile's).
func TestCustomStorageKeys(t *testing.T) {
	compile := func(defs ...customattr.Definition) *profile.Schema {
		var c profile.Config
		for _, d := range defs {
			c.CustomAttributes.Attributes = append(c.CustomAttributes.Attributes, profile.CustomAttribute{Definition: d})
		}
		s, err := profile.Compile(c)
		require.NoError(t, err)
		return s
	}
	age, _ := customattr.NumberValue("42")
	str := customattr.StringValue
	s := compile(customattr.Definition{ID: "0001", Pointer: "/x_age", Type: customattr.Integer},
		customattr.Definition{ID: "0002", Pointer: "/x_team", Type: customattr.String})
	byName := map[string]customattr.Value{"x_age": age, "x_team": str("blue"), "undefined": str("kept")}
	stored := s.ToStorage(&profile.Profile{Custom: byName})
	assert.Equal(t, map[string]customattr.Value{"0001": age, "0002": str("blue"), "undefined": str("kept")}, stored.Custom)
	assert.Len(t, byName, 3, "input is not modified")

	stored.Custom["0099"] = str("from a deleted definition")
	shown, orphans := s.FromStorage(&stored)
	assert.Equal(t, map[string]customattr.Value{"x_age": age, "x_team": str("blue"),
		"0099": str("from a deleted definition"), "undefined": str("kept")}, shown.Custom)
	assert.Equal(t, []string{"0099", "undefined"}, orphans)
	assert.Len(t, stored.Custom, 4, "input is not modified")
	// The next write keeps the orphans too, unchanged.
	assert.Equal(t, stored.Custom, s.ToStorage(&shown).Custom)

	// Renaming keeps the data: same id, new name.
	renamed := compile(customattr.Definition{ID: "0001", Pointer: "/age", Type: customattr.Integer},
		customattr.Definition{ID: "0002", Pointer: "/x_team", Type: customattr.String})
	back, _ := renamed.FromStorage(&stored)
	assert.Equal(t, map[string]customattr.Value{"age": age, "x_team": str("blue"),
		"0099": str("from a deleted definition"), "undefined": str("kept")}, back.Custom)

	// Absent values are left out; nothing stored is nothing shown.
	st := s.ToStorage(&profile.Profile{Custom: map[string]customattr.Value{"x_age": {}}})
	assert.Empty(t, st.Custom)
	p, orphans := s.FromStorage(&profile.Stored{})
	assert.Empty(t, p.Custom)
	assert.Empty(t, orphans)
}
