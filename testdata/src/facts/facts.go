// Package facts holds structs with two machines each: the fact on a
// struct describes its first machine whose rewrite is offered, else its
// first.
package facts

type step int

const (
	stepA step = iota
	stepB
)

// A string state, compared outside its switch, is blocked in both forms.
type mode string

const (
	modeA mode = "a"
	modeB mode = "b"
)

// The first machine is offered a fix, the second is blocked.
type first struct { // want first:`^state machine first\.s \(step, 2 states\)$`
	s step
	m mode
}

func (f *first) Next() {
	switch f.s { // want `^state machine first\.s \(step, 2 states\) is dispatched by this switch in \(\*first\)\.Next; fix: `
	case stepA:
		f.s = stepB
	case stepB:
		f.s = stepA
	}
}

func (f *first) Flip() {
	switch f.m {
	case modeA:
		f.m = modeB
	case modeB:
		f.m = modeA
	}
}

func (f *first) Flipped() bool { return f.m == modeB }

type phase string

const (
	phaseA phase = "a"
	phaseB phase = "b"
)

type level int

const (
	levelA level = iota
	levelB
)

// The first machine is blocked, the second is offered a fix.
type second struct { // want second:`^state machine second\.l \(level, 2 states\)$`
	p phase
	l level
}

func (s *second) Next() {
	switch s.p {
	case phaseA:
		s.p = phaseB
	case phaseB:
		s.p = phaseA
	}
}

func (s *second) Late() bool { return s.p == phaseB }

func (s *second) Raise() {
	switch s.l { // want `^state machine second\.l \(level, 2 states\) is dispatched by this switch in \(\*second\)\.Raise; fix: `
	case levelA:
		s.l = levelB
	case levelB:
		s.l = levelA
	}
}
