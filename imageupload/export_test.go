package imageupload

// Sniff exposes the signature match for the differential test against net/http.
func Sniff(data []byte) (string, bool) {
	typ, cause := sniff(data)
	return typ, cause == nil
}
