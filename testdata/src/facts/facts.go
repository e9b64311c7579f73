// Package facts holds structs with two machines each: the fact on a
// struct describes its first machine whose rewrite is offered, else its
// first; a machine in table form already, beside them, has its own, and
// a struct with a switch machine and a table has the switch machine's.
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

// A machine in table form already: its state indexes a table of its
// functions.
type gear int

const (
	gearLow gear = iota
	gearHigh
)

type tabled struct { // want tabled:`^table-dispatched machine tabled\.g$`
	g gear
}

var tabledFns = [...]func(*tabled){gearLow: (*tabled).up, gearHigh: (*tabled).down}

func (t *tabled) Shift() { tabledFns[t.g](t) }
func (t *tabled) up()    { t.g = gearHigh }
func (t *tabled) down()  { t.g = gearLow }

// A switch machine in a struct whose other field indexes a table: the
// fact describes the switch machine.
type side int

const (
	sideA side = iota
	sideB
)

type both struct { // want both:`^state machine both\.s \(side, 2 states\)$`
	s side
	g gear
}

var bothFns = [...]func(*both){gearLow: (*both).up, gearHigh: (*both).down}

func (b *both) Shift() { bothFns[b.g](b) }
func (b *both) up()    { b.g = gearHigh }
func (b *both) down()  { b.g = gearLow }

func (b *both) Turn() {
	switch b.s { // want `^state machine both\.s \(side, 2 states\) is dispatched by this switch in \(\*both\)\.Turn; fix: `
	case sideA:
		b.s = sideB
	case sideB:
		b.s = sideA
	}
}
