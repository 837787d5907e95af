package profile

import "github.com/profilekit/profilekit/imageurl"

// For the external tests: the work budget of an update and the cost factor of a pattern.
var (
	MaxWork     = maxWork
	ProgramSize = programSize
	// The Value constructors, for tests that build the changes they expect.
	TextValue    = textValue
	CustomValue  = customValue
	AddressValue = addressValue
)

// Config returns a copy of the config the schema was compiled from.
func (s *Schema) Config() Config { return cloneConfig(s.cfg) }

// Images returns the schema's picture resolver, or nil.
func (s *Schema) Images() *imageurl.Resolver { return s.images }

// DefaultLimits are the limits of a Config that sets none.
func DefaultLimits() Limits { return defaultLimits() }
