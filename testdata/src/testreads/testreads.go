// Package testreads holds a machine whose tests read its state field.
package testreads

type phase int

const (
	phaseOpen phase = iota
	phaseShut
)

type gate struct{ p phase } // want gate:`^state machine gate\.p \(phase, 2 states\), 1 blockers$`

func (g *gate) Toggle() {
	switch g.p { // want `blocked: the package's tests access the field at testreads_test.go:9$`
	case phaseOpen:
		g.p = phaseShut
	default:
		g.p = phaseOpen
	}
}
