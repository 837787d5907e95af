package customattr

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseDecimalGrammar(t *testing.T) {
	valid := []string{"0", "-0", "1", "-1", "10", "0.5", "-0.50", "1e2", "1E+2", "1e-2", "0e0", "123456789012345678901234567890",
		"1.7976931348623157e308", "1e999999999999999999999", "0.000", "100.00e-2"}
	for _, s := range valid {
		_, ok := parseDecimal(s)
		assert.True(t, ok, s)
	}
	invalid := []string{"", "-", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "0x10", "NaN", "Inf", "-Inf", "1,000", " 1", "1 ",
		"1.5.5", "--1", "1e1.5", "infinity", "1_000", "١"}
	for _, s := range invalid {
		_, ok := parseDecimal(s)
		assert.False(t, ok, s)
	}
}

func TestDecimalCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"0", "-0", 0}, {"0", "0.0e5", 0}, {"1", "1.0", 0}, {"100", "1e2", 0}, {"0.01", "1e-2", 0},
		{"1", "2", -1}, {"-1", "-2", 1}, {"-1", "1", -1}, {"0", "-1e-300", 1}, {"0", "1e-300", -1},
		{"9007199254740993", "9007199254740992", 1}, // beyond 2^53, float64 would call them equal
		{"0.1", "0.10000000000000001", -1},
		{"123.456", "123.4561", -1}, {"99", "100", -1}, {"1e400", "1.7976931348623157e308", 1},
		{"12345678901234567890", "12345678901234567891", -1},
	}
	for _, tt := range tests {
		a, _ := parseDecimal(tt.a)
		b, _ := parseDecimal(tt.b)
		assert.Equal(t, tt.want, a.cmp(&b), "%s vs %s", tt.a, tt.b)
		assert.Equal(t, -tt.want, b.cmp(&a), "%s vs %s", tt.b, tt.a)
	}
}

func TestDecimalInt64(t *testing.T) {
	tests := []struct {
		in       string
		want     int64
		over     int
		integral bool
	}{
		{"0", 0, 0, true}, {"-0", 0, 0, true}, {"3.0", 3, 0, true}, {"3.5", 0, 0, false}, {"1e2", 100, 0, true},
		{"1.5e1", 15, 0, true}, {"1e-1", 0, 0, false}, {"12300e-2", 123, 0, true},
		{strconv.FormatInt(math.MaxInt64, 10), math.MaxInt64, 0, true},
		{strconv.FormatInt(math.MinInt64, 10), math.MinInt64, 0, true},
		{"9223372036854775808", 0, 1, true}, {"-9223372036854775809", 0, -1, true},
		{"12345678901234567890", 0, 1, true}, {"1e19", 0, 1, true}, {"1e400", 0, 1, true}, {"-1e400", 0, -1, true},
		{"18446744073709551616", 0, 1, true}, {"99999999999999999999", 0, 1, true},
	}
	for _, tt := range tests {
		d, ok := parseDecimal(tt.in)
		if !assert.True(t, ok, tt.in) {
			continue
		}
		got, over, integral := d.int64()
		assert.Equal(t, tt.integral, integral, tt.in)
		assert.Equal(t, tt.over, over, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}
