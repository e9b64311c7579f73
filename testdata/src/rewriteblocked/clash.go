package rewriteblocked

import stdio "io"

// The consumer's signature names package io, imported as stdio; the state
// type's file has a variable named io, so it cannot import the package
// under its own name.
type clashStep struct { // want clashStep:`^state machine clashStep\.s \(clashState, 2 states\), rewrite blocked$`
	s clashState
}

func (m *clashStep) step(w stdio.Writer) {
	switch m.s { // want `no fix: the state type's file would need to import io as io, a name it already uses at clashtype.go:5 \(fsmvet help fsmswitch\)$`
	case clashA:
		m.s = clashB
		stdio.WriteString(w, "a")
	case clashB:
		m.s = clashA
	}
}
