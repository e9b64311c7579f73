// Package driver holds machines driven a step an iteration by a loop of
// the package: the rewrite makes the loop call the state's function
// itself, with the zero value mapped once before it, where that keeps
// what every step does.
package driver

type lstate uint8

const (
	lSpace lstate = iota
	lWord
)

type lexer struct { // want lexer:`^state machine lexer\.state \(lstate, 2 states\)$`
	state lstate
	words int
	stop  bool
}

// Feed is a driver: its loop becomes a call of the state's function.
func (l *lexer) Feed(data []byte) int {
	if l.stop {
		return 0
	}
	for i, c := range data {
		if !l.step(c) {
			return i
		}
	}
	return len(data)
}

// Step is no driver: the consumer stays for it.
func (l *lexer) Step(c byte) bool { return l.step(c) }

func (l *lexer) step(c byte) bool {
	switch l.state { // want `^state machine lexer\.state \(lstate, 2 states\) is dispatched by this switch in \(\*lexer\)\.step; fix: `
	case lSpace:
		if c != ' ' {
			l.words++
			l.state = lWord
		}
		return c != '.'
	case lWord:
		if c == ' ' {
			l.state = lSpace
		}
		return c != '.'
	}
	return false
}

// Scan is a driver too: its loop assigns other variables, not the
// machine.
func (l *lexer) Scan(data []byte) (last byte) {
	if l.stop {
		return 0
	}
	for _, c := range data {
		last = c
		l.step(c)
	}
	return last
}

// Loops the rewrite leaves alone.
func feedAll(ls []*lexer, c byte) {
	for _, l := range ls { // the loop assigns l
		l.step(c)
	}
}

func feedLater(l *lexer, data []byte) {
	for _, c := range data { // nothing before the loop reads l
		l.step(c)
	}
}

func feedNext(l *lexer, next func() byte, n int) {
	l.stop = false
	for range n {
		l.step(next()) // the argument is a call
	}
}

// A counter whose one use is a driver: the consumer goes.
type cstate uint8

const (
	cEven cstate = iota
	cOdd
)

type counter struct { // want counter:`^state machine counter\.state \(cstate, 2 states\)$`
	state cstate
	odd   int
}

func (k *counter) Count(data []int) int {
	k.odd = 0
	for _, n := range data {
		k.step(n)
	}
	return k.odd
}

// step folds one number in.
func (k *counter) step(n int) {
	switch k.state { // want `^state machine counter\.state \(cstate, 2 states\) is dispatched by this switch in \(\*counter\)\.step; fix: `
	case cEven:
		if n%2 != 0 {
			k.state = cOdd
			k.odd++
		}
	case cOdd:
		if n%2 != 0 {
			k.state = cEven
		}
	}
}

// A machine assigned whole by Reset: a driver loop could see the field
// nil again, so its calls stay.
type rstate uint8

const (
	rA rstate = iota
	rB
)

type resetter struct { // want resetter:`^state machine resetter\.state \(rstate, 2 states\)$`
	state rstate
	n     int
}

func (r *resetter) Run(n int) int {
	r.n = 0
	for range n {
		r.step()
	}
	return r.n
}

func (r *resetter) Reset() { *r = resetter{} }

func (r *resetter) step() {
	switch r.state { // want `^state machine resetter\.state \(rstate, 2 states\) is dispatched by this switch in \(\*resetter\)\.step; fix: `
	case rA:
		r.n++
		r.state = rB
	case rB:
		r.state = rA
	}
}

// A ticker whose consumer counts before its switch: a call of it is more
// than a call of the state's function, so its driver stays.
type tstate uint8

const (
	tTick tstate = iota
	tTock
)

type ticker struct { // want ticker:`^state machine ticker\.state \(tstate, 2 states\)$`
	state tstate
	calls int
	tocks int
}

func (t *ticker) Run(n int) int {
	t.tocks = 0
	for range n {
		t.step()
	}
	return t.tocks
}

func (t *ticker) step() {
	t.calls++
	switch t.state { // want `^state machine ticker\.state \(tstate, 2 states\) is dispatched by this switch in \(\*ticker\)\.step; fix: `
	case tTick:
		t.state = tTock
	case tTock:
		t.tocks++
		t.state = tTick
	}
}

// A beat whose one use is a driver, and whose method an interface of the
// package names: the consumer stays, for what implements the interface.
type bstate uint8

const (
	bUp bstate = iota
	bDown
)

type stepper interface{ step() }

type beat struct { // want beat:`^state machine beat\.state \(bstate, 2 states\)$`
	state bstate
	downs int
}

func (b *beat) Run(n int) int {
	b.downs = 0
	for range n {
		b.step()
	}
	return b.downs
}

func (b *beat) step() {
	switch b.state { // want `^state machine beat\.state \(bstate, 2 states\) is dispatched by this switch in \(\*beat\)\.step; fix: `
	case bUp:
		b.state = bDown
		b.downs++
	case bDown:
		b.state = bUp
	}
}

var _ stepper = (*beat)(nil)

// feedIfReady reads the lexer only when ready: a read that may not
// happen does not make the loop's check safe, so the loop stays.
func feedIfReady(l *lexer, ready bool, data []byte) {
	if ready && l.stop {
		return
	}
	for _, c := range data {
		l.step(c)
	}
}
