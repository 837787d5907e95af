package message

// HasMessage reports whether id is a message id, for the external tests.
func HasMessage(id string) bool {
	_, ok := spec[id]
	return ok
}
