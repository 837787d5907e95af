// Command importcost imports the profile package and does nothing, so that
// GODEBUG=inittrace=1 shows what importing profilekit costs at start-up (package init time
// and heap), and go build shows what it adds to a binary.
//
//	cd bench && go build -o /tmp/importcost ./cmd/importcost && GODEBUG=inittrace=1 /tmp/importcost
package main

import _ "github.com/profilekit/profilekit/profile"

func main() {}
