package stdattr

import "github.com/profilekit/profilekit/internal/format"

// DefaultMaxLength is the maximum length in runes of a text claim (a name, gender, an address
// sub-field) when none is configured.
const DefaultMaxLength = format.DefaultMaxLength
