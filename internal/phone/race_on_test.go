//go:build race

package phone

// raceEnabled shrinks the differential corpora under the race detector (10x slower).
const raceEnabled = true
