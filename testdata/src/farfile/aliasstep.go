package farfile

import "io"

// The state type's file imports io as stdio: the function type says
// stdio.Writer there.
type aliasStep struct { // want aliasStep:`^state machine aliasStep\.s \(aliasState, 2 states\)$`
	s aliasState
}

func (m *aliasStep) step(w io.Writer) {
	switch m.s { // want `^state machine aliasStep\.s \(aliasState, 2 states\) is dispatched by this switch in \(\*aliasStep\)\.step; fix: `
	case aliasA:
		m.s = aliasB
		io.WriteString(w, "x")
	case aliasB:
		m.s = aliasA
	}
}
