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

// Every way a case can end: empty, a break out of the switch by its
// label from inside a loop, a break of an inner loop only, if/else and
// switch that both return or panic, a plain break; and code after the
// switch, so the state functions say whether the method returned.
type phase int

const (
	pIdle phase = iota
	pScan
	pEmit
	pDone
	pWait
)

type router struct { // want router:`^state machine router\.ph \(phase, 5 states\)$`
	ph  phase
	out []int
}

func (r *router) Route(limit int) int {
	if limit < 0 {
		return -1
	}
sw:
	switch r.ph { // want `^state machine router\.ph \(phase, 5 states\) is dispatched by this switch in \(\*router\)\.Route; fix: `
	case pIdle:
	case pScan:
		for i := 0; i < limit; i++ {
			if i == 2 {
				r.ph = pEmit
				break sw
			}
			for j := 0; j < 3; j++ {
				if j == 1 {
					break
				}
			}
			r.out = append(r.out, i)
		}
		r.ph = pWait
	case pEmit:
		if len(r.out) > 0 {
			r.ph = pDone
			return len(r.out)
		} else {
			panic("nothing to emit")
		}
	case pDone:
		switch {
		case limit > 10:
			return 10
		default:
			r.ph = pIdle
			return 0
		}
	case pWait:
		r.ph = pIdle
		break
	}
	r.out = append(r.out, -1)
	return 0
}

// scan starts a scan: the tests reach the state through it.
func (r *router) scan() { r.ph = pScan }

// A variadic consumer.
type acc int

const (
	accOpen acc = iota
	accShut
)

type bag struct { // want bag:`^state machine bag\.a \(acc, 2 states\)$`
	a acc
	n int
}

func (b *bag) Add(xs ...int) {
	switch b.a { // want `^state machine bag\.a \(acc, 2 states\) is dispatched by this switch in \(\*bag\)\.Add; fix: `
	case accOpen:
		b.n += len(xs)
		if b.n > 3 {
			b.a = accShut
		}
	case accShut:
		b.a = accOpen
	}
}

// The names step and step2 are both taken in the consumer.
type dial int

const (
	dialLow dial = iota
	dialHigh
)

type knob struct{ d dial } // want knob:`^state machine knob\.d \(dial, 2 states\)$`

func (k *knob) Turn(step int) int {
	switch k.d { // want `^state machine knob\.d \(dial, 2 states\) is dispatched by this switch in \(\*knob\)\.Turn; fix: `
	case dialLow:
		step2 := step * 2
		k.d = dialHigh
		return step2
	default:
		k.d = dialLow
		return step
	}
}

// A parameter named done, in a consumer whose state functions say whether
// they returned: the dispatch's flag takes another name.
type latch int

const (
	latchOpen latch = iota
	latchShut
)

type door struct { // want door:`^state machine door\.l \(latch, 2 states\)$`
	l     latch
	slams int
}

func (d *door) Slam(done bool) bool {
	switch d.l { // want `^state machine door\.l \(latch, 2 states\) is dispatched by this switch in \(\*door\)\.Slam; fix: `
	case latchOpen:
		if done {
			return false
		}
		d.l = latchShut
	case latchShut:
		d.l = latchOpen
	}
	d.slams++
	return true
}
