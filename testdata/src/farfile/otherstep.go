package farfile

import "io"

type otherStep struct { // want otherStep:`^state machine otherStep\.s \(otherState, 2 states\)$`
	s otherState
}

func (m *otherStep) step(w io.Writer) {
	switch m.s { // want `^state machine otherStep\.s \(otherState, 2 states\) is dispatched by this switch in \(\*otherStep\)\.step; fix: `
	case otherA:
		m.s = otherB
		io.WriteString(w, upper("o"))
	case otherB:
		m.s = otherA
		io.WriteString(w, "p")
	}
}
