package validation

// ComparePointersForTest exposes comparePointers to the external tests.
var ComparePointersForTest = comparePointers
