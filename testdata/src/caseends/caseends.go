// Package caseends holds a machine whose cases end in statements that
// terminate or not only by a closer look, with code after the switch: the
// fix must end each state function that can fall off its case with a
// return, and add none after a case that cannot (go vet reports
// unreachable code).
package caseends

type phase int

const (
	pOff phase = iota
	pOn
	pDry
	pIdle
	pDrain
	pLoop
	pCount
	pSpin
	pHalt
)

type pump struct { // want pump:`^state machine pump\.st \(phase, 9 states\)$`
	st    phase
	count int
}

func (p *pump) Run(n int) int {
	switch p.st { // want `^state machine pump\.st \(phase, 9 states\) is dispatched by this switch in \(\*pump\)\.Run; fix: `
	case pOff: // a switch with no default: n may match no case
		switch n {
		case 1:
			p.st = pOn
			return 1
		}
	case pOn: // a switch with a default, every clause returning
		switch n {
		case 0:
			return 0
		default:
			p.st = pDry
			return 2
		}
	case pDry: // an endless loop that a break leaves
		for {
			if n > 0 {
				break
			}
			p.st = pIdle
			//lint:ignore SA4004 a loop that ends in its first pass is the shape under test
			return 3
		}
	case pIdle: // an if whose else is empty
		if n > 5 {
			p.st = pDrain
			return 4
		} else {
			// wait for more
		}
	case pDrain: // an if that returns or leaves the switch
		if n > 7 {
			return 5
		} else {
			p.st = pLoop
			break
		}
	case pLoop: // an endless loop that a break to its label leaves
	loop:
		for {
			if n > 0 {
				break loop
			}
			p.st = pCount
			//lint:ignore SA4004 a loop that ends in its first pass is the shape under test
			return 6
		}
	case pCount: // a loop with a condition
		p.st = pSpin
		for i := 0; i < n; i++ {
			p.count++
		}
	case pSpin: // an endless loop left only by a return
		for {
			n--
			if n < 0 {
				p.st = pOff
				return 7
			}
		}
	case pHalt: // blocks for good
		select {}
	}
	p.count++
	return -1
}

// halt makes the next Run block for good.
func (p *pump) halt() { p.st = pHalt }
