package customattr

// The compile caps, for the external tests.
const (
	MaxAttributes       = maxAttributes
	MaxEnumOptionsTotal = maxEnumOptionsTotal
	MaxEnumOptions      = maxEnumOptions
	MaxPatternLength    = maxPatternLength
	MaxPatternBytes     = maxPatternBytes
	MaxPatternSizeTotal = maxPatternSizeTotal
	MaxPatternSize      = maxPatternSize
	MaxPatternFolds     = maxPatternFolds
	MaxPatternTables    = maxPatternTables
)

// Type names the JSON type of v, for the external tests.
func (v Value) Type() string { return v.jsonType() }
