// Package gentrans holds a machine whose transitions are partly in a
// generated file, as klauspost/compress's inflater's are: the
// transition-pointer fix would edit that file, so the table form, which
// leaves transitions alone, is offered.
package gentrans

type phase uint8

const (
	phaseHeader phase = iota
	phaseBody
	phaseDone
)

type decoder struct { // want decoder:`^state machine decoder\.phase \(phase, 3 states\)$`
	phase phase
	n     int
}

// step runs one step and reports whether the decoder is done.
func (d *decoder) step() bool {
	switch d.phase { // want `^state machine decoder\.phase \(phase, 3 states\) is dispatched by this switch in \(\*decoder\)\.step; fix: keep the state and call each state's function from a table indexed by it`
	case phaseHeader:
		d.header()
	case phaseBody:
		d.body()
	case phaseDone:
		return true
	default:
		panic("corrupt phase")
	}
	return false
}

// corrupt sets a phase no case handles, as a bug or a bad input might.
func (d *decoder) corrupt(by byte) { d.phase = phase(by) }
