package blocked

import "io"

type renamedStep struct { // want renamedStep:`^state machine renamedStep\.s \(renamedState, 2 states\), rewrite blocked$`
	s renamedState
}

func (m *renamedStep) step(w io.Writer) {
	switch m.s { // want `no fix: the state type's file would need to import io as io, a name it already uses at renamedimport.go:9 \(fsmvet help fsmswitch\)$`
	case renamedA:
		m.s = renamedB
		io.WriteString(w, "a")
	case renamedB:
		m.s = renamedA
	}
}
