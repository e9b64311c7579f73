package farfile

import "strings"

// The state type's file imports other packages than the one the
// consumer's signature names (io): the rewrite adds that import.
var upper = strings.ToUpper

type otherState int

const (
	otherA otherState = iota
	otherB
)
