package access

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

func TestLevelOrderAndPredicates(t *testing.T) {
	assert.True(t, Unset < Hidden && Hidden < ReadOnly && ReadOnly < ReadWrite)
	tests := []struct {
		l                      Level
		str                    string
		valid, canRead, canWrt bool
	}{
		{Unset, "unset", false, false, false},
		{Hidden, "hidden", true, false, false},
		{ReadOnly, "readonly", true, true, false},
		{ReadWrite, "readwrite", true, true, true},
		{Level(4), "Level(4)", false, false, false},
		{Level(255), "Level(255)", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			assert.Equal(t, tt.str, tt.l.String())
			assert.Equal(t, tt.valid, tt.l.valid())
			assert.Equal(t, tt.canRead, tt.l.CanRead())
			assert.Equal(t, tt.canWrt, tt.l.CanWrite())
			text, err := tt.l.MarshalText()
			if !tt.valid {
				require.Error(t, err)
				assert.ErrorIs(t, err, validation.ErrInvalid)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.str, string(text))
			var back Level
			require.NoError(t, back.UnmarshalText(text))
			assert.Equal(t, tt.l, back)
		})
	}
}

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in      string
		want    Level
		suggest any
	}{
		{"hidden", Hidden, nil},
		{"readonly", ReadOnly, nil},
		{"readwrite", ReadWrite, nil},
		{"read-only", Unset, "readonly"},
		{"ReadWrite", Unset, "readwrite"},
		{"read_write", Unset, "readwrite"},
		{"Hidden", Unset, "hidden"},
		{" readonly", Unset, "readonly"}, // config strings are exact; the near spelling is suggested
		{"", Unset, nil},
		{"write", Unset, nil},
		{"rw", Unset, nil},
		{"readwritereadwritereadwritereadwrite", Unset, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			l, c := enumParse[Level](levelNames[:], "an access level", tt.in)
			assert.Equal(t, tt.want, l)
			if tt.want != Unset {
				assert.Nil(t, c)
				return
			}
			require.NotNil(t, c)
			assert.Equal(t, validation.KindEnum, c.Kind)
			assert.Empty(t, c.Location)
			assert.Equal(t, []string{"hidden", "readonly", "readwrite"}, c.Details.Expected)
			assert.Equal(t, tt.in, c.Details.Actual)
			assert.Equal(t, tt.suggest, c.Details.Suggest)
			assert.Contains(t, c.Details.Message, "not an access level")
		})
	}
}

func TestLevelJSONInStruct(t *testing.T) {
	var v struct{ L Level }
	require.NoError(t, json.Unmarshal([]byte(`{"L":"readonly"}`), &v))
	assert.Equal(t, ReadOnly, v.L)
	err := json.Unmarshal([]byte(`{"L":"owner"}`), &v)
	require.Error(t, err)
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, validation.KindEnum, c.Kind)
}

func TestParty(t *testing.T) {
	tests := []struct {
		p    Party
		name string
	}{{EndUser, "end_user"}, {Bearer, "bearer"}, {Portal, "portal_ui"}, {AdminAPI, "admin_api"}}
	for _, tt := range tests {
		assert.Equal(t, tt.name, tt.p.String())
		assert.True(t, tt.p.Valid())
		text, err := tt.p.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tt.name, string(text))
		var back Party
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, tt.p, back)
	}
	assert.Equal(t, []Party{EndUser, Bearer, Portal, AdminAPI}, Parties())
	for _, bad := range []Party{0, 5, 200} {
		assert.False(t, bad.Valid())
		_, err := bad.MarshalText()
		assert.Error(t, err)
	}
	assert.Equal(t, "Party(0)", Party(0).String())
	for _, s := range []string{"", "portal", "End_User", "admin", "greatest"} {
		p, c := enumParse[Party](partyNames[:], "a party", s)
		assert.Equal(t, Party(0), p, s)
		require.NotNil(t, c, s)
		assert.Equal(t, validation.KindEnum, c.Kind)
		assert.Equal(t, s, c.Details.Actual)
		var q Party
		assert.Error(t, q.UnmarshalText([]byte(s)))
	}
}

func TestOp(t *testing.T) {
	for _, tt := range []struct {
		o    Op
		name string
	}{{OpAdd, "add"}, {OpChange, "change"}, {OpRemove, "remove"}} {
		assert.Equal(t, tt.name, tt.o.String())
		text, err := tt.o.MarshalText()
		require.NoError(t, err)
		var back Op
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, tt.o, back)
	}
	assert.Equal(t, "Op(0)", Op(0).String())
	assert.False(t, Op(0).valid())
	assert.False(t, Op(4).valid())
	_, err := Op(0).MarshalText()
	assert.Error(t, err)
	var o Op
	assert.Error(t, o.UnmarshalText([]byte("replace")))
}
