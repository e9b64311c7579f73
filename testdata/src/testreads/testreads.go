// Package testreads holds a machine whose tests read its state field. The
// package is analysed twice, without and with its tests; only the variant
// with the tests sees them, and blocks the rewrite (fsmvet and go vet
// analyse that variant alone).
package testreads

type phase int

const (
	phaseOpen phase = iota
	phaseShut
)

type gate struct{ p phase } // want gate:`^state machine gate\.p \(phase, 2 states\)(, rewrite blocked)?$`

func (g *gate) Toggle() {
	switch g.p { // want `(; fix: |; no fix: the field is compared outside the consumer switch at testreads_test.go:13 \(fsmvet help fsmswitch\)$)`
	case phaseOpen:
		g.p = phaseShut
	default:
		g.p = phaseOpen
	}
}
