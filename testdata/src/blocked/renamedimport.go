package blocked

import io "strings"

// The state type's file imports strings as io: it cannot import package
// io, which renamedStep.step's signature names, under its own name.
var _ = io.ToUpper

type renamedState int

const (
	renamedA renamedState = iota
	renamedB
)
