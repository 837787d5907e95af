package profile

// For the external tests: the work budget of an update and the cost factor of a pattern.
var (
	MaxWork     = maxWork
	ProgramSize = programSize
)
