package farfile

import "io"

type farStep struct { // want farStep:`^state machine farStep\.s \(farState, 2 states\)$`
	s farState
}

func (m *farStep) step(w io.Writer) {
	switch m.s { // want `^state machine farStep\.s \(farState, 2 states\) is dispatched by this switch in \(\*farStep\)\.step; fix: `
	case farA:
		m.s = farB
		io.WriteString(w, "a")
	case farB:
		m.s = farA
		io.WriteString(w, "b")
	}
}
