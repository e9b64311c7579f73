// Package cgomachine imports "C": the driver analyses cgo's copy of the
// file, so no fix is offered, and the machine is reported at the user's
// source line.
package cgomachine

// #include <stdlib.h>
import "C"

type st int

const (
	stA st = iota
	stB
)

type mach struct{ s st } // want mach:`^state machine mach\.s \(st, 2 states\), rewrite blocked$`

func (m *mach) Step() int {
	switch m.s { // want `no fix: the package imports "C": fsmvet sees the file as cgo rewrote it and cannot edit the source; rewrite by hand at cgomachine.go:19 \(fsmvet help fsmswitch\)$`
	case stA:
		m.s = stB
		return int(C.abs(-1))
	default:
		m.s = stA
	}
	return 0
}
