package profile

import (
	"github.com/profilekit/profilekit/imageurl"
	"github.com/profilekit/profilekit/validation"
)

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

// ApplyJSONDense is ApplyJSON with the merge's general path, which visits every slot the
// schema defines (merger.dense): what the fast paths are held to.
func (s *Schema) ApplyJSONDense(current *Profile, input []byte, up Update) (Profile, []Change, error) {
	var verr validation.Error
	return s.applyJSONWith(current, input, up, &verr, true)
}
