// Package methexprs holds machines whose cases only call a method of the
// struct, as compress/flate's decompressor did before it kept a function
// pointer (f.step = (*decompressor).nextBlock): the rewrite stores the
// method expression, with no function of its own, and keeps the default
// that panics on a corrupt state as the function of the zero value.
package methexprs

import "errors"

type step uint8

const (
	copyData step = iota + 1 // no state is zero: the zero value is corrupt
	nextBlock
	huffman
)

type decompressor struct { // want decompressor:`^state machine decompressor\.step \(step, 3 states\)$`
	step   step
	blocks int
	out    []byte
}

func newDecompressor() *decompressor { return &decompressor{step: nextBlock} }

func (f *decompressor) doStep() {
	switch f.step { // want `^state machine decompressor\.step \(step, 3 states\) is dispatched by this switch in \(\*decompressor\)\.doStep; fix: make each state the function that runs it`
	case copyData:
		f.copyData()
	case nextBlock:
		f.nextBlock()
	case huffman:
		f.huffman()
	default:
		panic("BUG: unexpected step state")
	}
}

func (f *decompressor) copyData() {
	f.out = append(f.out, 'c')
	f.step = nextBlock
}

func (f *decompressor) nextBlock() {
	f.blocks++
	if f.blocks%2 == 0 {
		f.step = copyData
	} else {
		f.step = huffman
	}
}

func (f *decompressor) huffman() {
	f.out = append(f.out, 'h')
	f.step = nextBlock
}

// A reader whose consumer returns what its cases' methods return: each
// case is the method expression, with the consumer's parameters.
type readState int

const (
	readHead readState = iota
	readBody
	readDone
)

var errDone = errors.New("done")

type reader struct { // want reader:`^state machine reader\.state \(readState, 3 states\)$`
	state readState
	n     int
}

func (r *reader) read(p []byte, max int) (int, error) {
	switch r.state { // want `^state machine reader\.state \(readState, 3 states\) is dispatched by this switch in \(\*reader\)\.read; fix: `
	case readHead:
		return r.head(p, max)
	case readBody:
		return r.body(p, max)
	default:
		r.n++
		return 0, errDone
	}
}

func (r *reader) head(p []byte, max int) (int, error) {
	r.state = readBody
	return copy(p, "HEAD"), nil
}

func (r *reader) body(p []byte, max int) (int, error) {
	if r.n++; r.n >= max {
		r.state = readDone
	}
	return copy(p, "body"), nil
}

// A pump whose cases call methods, but only one with the consumer's
// parameters on the receiver: the others keep functions of their own.
type pstate uint8

const (
	pIdle pstate = iota
	pFill
	pDrain
)

type meter struct{ n int }

func (m *meter) reset() { m.n = 0 }

type pump struct { // want pump:`^state machine pump\.state \(pstate, 3 states\)$`
	state pstate
	level int
	meter meter
}

func (p *pump) run() {
	switch p.state { // want `^state machine pump\.state \(pstate, 3 states\) is dispatched by this switch in \(\*pump\)\.run; fix: `
	case pIdle:
		p.meter.reset() // a method of a field
	case pFill:
		p.fill(1) // an argument that is no parameter
	case pDrain:
		p.drain()
	}
}

func (p *pump) start() { p.state = pFill }

func (p *pump) fill(n int) {
	p.level += n
	p.meter.n++
	if p.level >= 3 {
		p.state = pDrain
	}
}

func (p *pump) drain() {
	if p.level--; p.level == 0 {
		p.state = pIdle
	}
}
