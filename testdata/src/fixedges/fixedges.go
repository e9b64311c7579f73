// Package fixedges holds machines whose fix must get an edge right: a
// zero state that is not the first constant, a case that ends in a panic
// while code follows the switch, a parameter named like the local the
// dispatch declares.
package fixedges

// The zero state is declared second: a zero motor is idle.
type mode int

const (
	modeRun  mode = 1
	modeIdle mode = 0
)

type motor struct { // want motor:`^state machine motor\.m \(mode, 2 states\)$`
	m     mode
	spins int
}

func (o *motor) Tick() {
	switch o.m { // want `^state machine motor\.m \(mode, 2 states\) is dispatched by this switch in \(\*motor\)\.Tick; fix: `
	case modeIdle:
		o.m = modeRun
	case modeRun:
		o.spins++
		o.m = modeIdle
	}
}

// A case that panics, another that returns, and code after the switch.
type gear int

const (
	gearLow gear = iota
	gearHigh
	gearBroken
)

type box struct { // want box:`^state machine box\.g \(gear, 3 states\)$`
	g      gear
	shifts int
}

func (b *box) Shift() int {
	switch b.g { // want `^state machine box\.g \(gear, 3 states\) is dispatched by this switch in \(\*box\)\.Shift; fix: `
	case gearLow:
		b.g = gearHigh
	case gearHigh:
		b.g = gearLow
		return -1
	case gearBroken:
		panic("broken gearbox")
	}
	b.shifts++
	return b.shifts
}

func broken() *box { return &box{g: gearBroken} }

// A parameter named step, the name the dispatch would declare.
type light int

const (
	lightOff light = iota
	lightOn
)

type lamp struct{ l light } // want lamp:`^state machine lamp\.l \(light, 2 states\)$`

func (p *lamp) Toggle(step int) int {
	switch p.l { // want `^state machine lamp\.l \(light, 2 states\) is dispatched by this switch in \(\*lamp\)\.Toggle; fix: `
	case lightOff:
		p.l = lightOn
		return step
	default:
		p.l = lightOff
		return -step
	}
}
