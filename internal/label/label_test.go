package label

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLabel(t *testing.T) {
	tests := map[string]string{
		"my_string":          "My String",
		"a_to_b":             "A to B",
		"x_age":              "X Age",
		"a":                  "A",
		"the_end_of_the":     "The End of The",
		"date_of_birth":      "Date of Birth",
		"bed_and_breakfast":  "Bed and Breakfast",
		"shoe_size_in_eu":    "Shoe Size in Eu",
		"x_2fa_code":         "X 2fa Code",
		"a__b":               "A B",
		"USA":                "USA",
		"pay_per_view":       "Pay per View",
		"sign_up_for":        "Sign Up For",
		"one_or_two_or_more": "One or Two or More",
	}
	for in, want := range tests {
		assert.Equal(t, want, Of(in), in)
	}
}
